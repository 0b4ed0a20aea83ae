package dev.scapula.capture;

import java.io.IOException;
import java.util.Optional;

/**
 * A capture file that cannot be read or written as asked; the message names the file, the byte
 * offset, the block and what was expected, so a user can find the damage with a hex viewer.
 */
public class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final long blockNumber;
    private final String detail;

    /**
     * @param file        the file name as the user gave it ("-" for standard input)
     * @param offset      the byte offset in the uncompressed stream, or -1 when not known
     * @param blockNumber the 1-based block number, or 0 when the error is not about one block
     * @param blockName   the block's type name, or null
     * @param detail      what was found and what was expected
     */
    public CaptureException(String file, long offset, long blockNumber, String blockName, String detail) {
        this(file, offset, blockNumber, blockName, detail, null);
    }

    public CaptureException(String file, long offset, long blockNumber, String blockName, String detail,
            Throwable cause) {
        super(format(file, offset, blockNumber, blockName, detail), cause);
        this.file = file;
        this.offset = offset;
        this.blockNumber = blockNumber;
        this.detail = detail;
    }

    private static String format(String file, long offset, long blockNumber, String blockName, String detail) {
        StringBuilder s = new StringBuilder(file == null ? "<capture>" : file);
        if (offset >= 0) {
            s.append(": byte ").append(offset);
        }
        if (blockNumber > 0) {
            s.append(", block ").append(blockNumber);
            if (blockName != null) {
                s.append(" (").append(blockName).append(')');
            }
        }
        return s.append(": ").append(detail).toString();
    }

    public String file() {
        return file;
    }

    /** The byte offset in the uncompressed stream where the problem starts, if known. */
    public Optional<Long> offset() {
        return offset < 0 ? Optional.empty() : Optional.of(offset);
    }

    public long blockNumber() {
        return blockNumber;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
