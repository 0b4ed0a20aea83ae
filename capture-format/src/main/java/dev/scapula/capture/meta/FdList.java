package dev.scapula.capture.meta;

import java.util.List;

/** The open file descriptors of one thread when recording started (an fd list block). */
public record FdList(int blockType, long tid, List<FdEntry> entries) implements MetadataBlock {
    public FdList {
        entries = List.copyOf(entries);
    }

    /** One descriptor: number, inode, libscap fd type and a readable description (path or endpoints). */
    public record FdEntry(long fd, long ino, int type, String typeName, String description) {
    }
}
