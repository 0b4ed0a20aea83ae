package dev.scapula.capture.meta;

/** A decoded non-event block from before a section's first event; {@link RawBlock} when not modelled. */
public sealed interface MetadataBlock permits MachineInfo, ProcessList, FdList, InterfaceList, UserList, RawBlock {
    /** The block type code it was read from. */
    int blockType();
}
