package dev.scapula.capture.meta;

import dev.scapula.capture.CaptureException;
import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockType;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes user list blocks as libscap's {@code scap_read_userlist} does.
 *
 * <pre>
 * entry: [v2: u32 entry_len, counting itself] u8 type (0 user, else group)
 *   user:  u32 uid | u32 gid | str name | str home | str shell
 *   group: u32 gid | str name
 * str: u16 length (below 256, libscap's MAX_CREDENTIALS_STR_LEN) then the bytes
 * </pre>
 */
final class UserListDecoder {
    private static final int MAX_CREDENTIAL = 255;

    private UserListDecoder() {
    }

    static UserList decode(int blockType, BlockBody body) throws CaptureException {
        boolean v2 = blockType == BlockType.USER_LIST_V2;
        BlockBody.Cursor c = body.cursor();
        List<UserList.User> users = new ArrayList<>();
        List<UserList.Group> groups = new ArrayList<>();
        while (c.remaining() >= 4) {
            int start = c.position();
            long entryLen = v2 ? c.u32("entry_len") : 0;
            int type = c.u8("user list entry type");
            if (type == 0) {
                long uid = c.u32("uid");
                long gid = c.u32("gid");
                users.add(new UserList.User(uid, gid, c.lengthPrefixedText(MAX_CREDENTIAL, "user name"),
                        c.lengthPrefixedText(MAX_CREDENTIAL, "home directory"),
                        c.lengthPrefixedText(MAX_CREDENTIAL, "shell")));
            } else {
                long gid = c.u32("gid");
                groups.add(new UserList.Group(gid, c.lengthPrefixedText(MAX_CREDENTIAL, "group name")));
            }
            if (entryLen > 0) {
                int read = c.position() - start;
                if (read > entryLen) {
                    throw c.error("corrupted user list entry: read " + read + " bytes, but the entry length is "
                            + entryLen);
                }
                c.skip((int) (entryLen - read), "the rest of the user list entry");
            }
        }
        return new UserList(blockType, users, groups);
    }
}
