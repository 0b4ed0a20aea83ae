package dev.scapula.capture.meta;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockType;

/** Decodes the non-event blocks that precede a section's events, keeping unknown ones raw. */
public final class MetadataDecoder {
    public MetadataBlock decode(int blockType, BlockBody body) throws CaptureException {
        if (BlockType.processListVersion(blockType) > 0) {
            return ProcessListDecoder.decode(blockType, body);
        }
        switch (blockType) {
            case BlockType.MACHINE_INFO, BlockType.MACHINE_INFO_INT:
                return MachineInfo.decode(blockType, body);
            case BlockType.FD_LIST, BlockType.FD_LIST_INT, BlockType.FD_LIST_V2:
                return FdListDecoder.decode(blockType, body);
            case BlockType.INTERFACE_LIST, BlockType.INTERFACE_LIST_INT, BlockType.INTERFACE_LIST_V2:
                return InterfaceListDecoder.decode(blockType, body);
            case BlockType.USER_LIST, BlockType.USER_LIST_INT, BlockType.USER_LIST_V2:
                return UserListDecoder.decode(blockType, body);
            default:
                return new RawBlock(blockType, body.bytes(0, body.length(), "block body"));
        }
    }
}
