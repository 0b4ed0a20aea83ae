package dev.scapula.capture.meta;

import java.util.List;

/** The users and groups of the recording machine (a user list block). */
public record UserList(int blockType, List<User> users, List<Group> groups) implements MetadataBlock {
    public UserList {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    public record User(long uid, long gid, String name, String home, String shell) {
    }

    public record Group(long gid, String name) {
    }
}
