package dev.scapula.capture.meta;

import java.util.List;

/** The network interfaces of the recording machine (an interface list block). */
public record InterfaceList(int blockType, List<Interface> interfaces) implements MetadataBlock {
    public InterfaceList {
        interfaces = List.copyOf(interfaces);
    }

    /** One address of an interface; link speed 0 when the entry type has none. */
    public record Interface(String name, String family, String address, String netmask, String broadcast,
            long linkSpeed) {
    }
}
