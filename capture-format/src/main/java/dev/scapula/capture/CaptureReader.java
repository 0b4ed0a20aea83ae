package dev.scapula.capture;

import dev.scapula.capture.block.BlockBody;
import dev.scapula.capture.block.BlockReader;
import dev.scapula.capture.block.BlockType;
import dev.scapula.capture.event.Event;
import dev.scapula.capture.event.EventDecoder;
import dev.scapula.capture.event.EventTypes;
import dev.scapula.capture.io.CaptureInput;
import dev.scapula.capture.io.Compression;
import dev.scapula.capture.manifest.Manifest;
import dev.scapula.capture.manifest.ManifestCodec;
import dev.scapula.capture.meta.MachineInfo;
import dev.scapula.capture.meta.MetadataBlock;
import dev.scapula.capture.meta.MetadataDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;

/**
 * Reads a capture as libscap does: section header, the metadata blocks before the first event,
 * then events one at a time with {@link #next()}, in constant memory.
 *
 * <p>A file cut short still delivers every complete event; the call after the last one throws
 * {@link TruncatedCaptureException}.
 */
public final class CaptureReader implements AutoCloseable {
    private final BlockReader blocks;
    private final EventDecoder decoder;
    private final ManifestCodec manifestCodec = new ManifestCodec();
    private final MetadataDecoder metadataDecoder = new MetadataDecoder();
    private final List<MetadataBlock> metadata = new ArrayList<>();
    private final List<SectionHeader> sections = new ArrayList<>();
    private final List<HeaderBlock> headerBlocks = new ArrayList<>();
    private final Map<Integer, long[]> blockCounts = new LinkedHashMap<>();
    /** The counter of the last block type seen: runs of one event block type skip the map. */
    private int lastCountedType = -1;
    private long[] lastCounter;
    private final List<HeaderBlock> lateBlocks = new ArrayList<>();
    private Manifest manifest;
    private boolean pendingEvent;
    private boolean inHeader;
    private long events;
    private boolean closed;

    private CaptureReader(CaptureInput input, EventTypes types) throws IOException {
        this.blocks = new BlockReader(input);
        this.decoder = new EventDecoder(types);
        try {
            readHeader();
        } catch (IOException | RuntimeException e) {
            blocks.close();
            throw e;
        }
    }

    /** Opens a capture file; {@code "-"} reads standard input. */
    public static CaptureReader open(String nameOrDash) throws IOException {
        return open(CaptureInput.open(nameOrDash));
    }

    public static CaptureReader open(Path path) throws IOException {
        return open(CaptureInput.open(path));
    }

    /**
     * Opens a capture file to read from start to end, a compressed one decompressed on a second
     * thread ahead of the reader: for replays, where inflating would otherwise take turns with
     * the plugins on one thread.
     */
    public static CaptureReader openReadingAhead(Path path) throws IOException {
        return open(CaptureInput.open(path, true));
    }

    public static CaptureReader open(CaptureInput input) throws IOException {
        return new CaptureReader(input, EventTypes.standard());
    }

    private void readHeader() throws IOException {
        if (!blocks.next()) {
            throw new CaptureException(blocks.input().name(), 0, 0, null,
                    "the file is empty (expected a section header block, bytes 0A 0D 0D 0A)");
        }
        if (blocks.type() != BlockType.SECTION_HEADER) {
            throw new CaptureException(blocks.input().name(), 0, 1, BlockType.name(blocks.type()),
                    String.format("expected a section header block (0x0A0D0D0A) first, found block type 0x%08X",
                            blocks.type()));
        }
        startSection();
        advanceToEvent();
    }

    /** Reads header blocks until an event block is current (pending) or the file ends. */
    private void advanceToEvent() throws IOException {
        while (blocks.next()) {
            count(blocks.type());
            if (BlockType.isEvent(blocks.type())) {
                inHeader = false;
                pendingEvent = true;
                return;
            }
            if (blocks.type() == BlockType.SECTION_HEADER) {
                startSection();
            } else {
                headerBlock();
            }
        }
    }

    private void startSection() throws IOException {
        if (sections.isEmpty()) {
            count(blocks.type());
        }
        BlockBody body = blocks.body();
        if (body.length() < SectionHeader.BODY_LENGTH) {
            throw blocks.error(4, "section header block length " + blocks.totalLength() + " is less than "
                    + (SectionHeader.BODY_LENGTH + BlockReader.MIN_BLOCK_LENGTH));
        }
        int major = body.u16(SectionHeader.MAJOR_OFFSET, "major version");
        int minor = body.u16(SectionHeader.MINOR_OFFSET, "minor version");
        if (major > SectionHeader.SUPPORTED_MAJOR) {
            throw blocks.error(BlockReader.HEADER_LENGTH + SectionHeader.MAJOR_OFFSET, "format version " + major
                    + "." + minor + " is newer than this reader (libscap reads major version 1)");
        }
        sections.add(new SectionHeader(blocks.offset(), major, minor, blocks.order(),
                body.u64(SectionHeader.SECTION_LENGTH_OFFSET, "section length"),
                body.length() - SectionHeader.BODY_LENGTH));
        inHeader = true;
    }

    private void headerBlock() throws IOException {
        HeaderBlock hb = new HeaderBlock(blocks.number(), blocks.type(), blocks.offset(), blocks.totalLength());
        if (!inHeader) {
            // libscap stops at a non-event block after events unless it is a new section header.
            lateBlocks.add(hb);
            return;
        }
        headerBlocks.add(hb);
        if (blocks.type() == BlockType.SCAPULA_MANIFEST) {
            if (manifest == null) {
                manifest = manifestCodec.decode(blocks.body());
            }
        } else {
            metadata.add(metadataDecoder.decode(blocks.type(), blocks.body()));
        }
    }

    private void count(int type) {
        if (type != lastCountedType || lastCounter == null) {
            lastCounter = blockCounts.computeIfAbsent(type, t -> new long[1]);
            lastCountedType = type;
        }
        lastCounter[0]++;
    }

    /**
     * The next event, or null at the end of the capture. The returned view is reused: it is
     * valid until the next call.
     *
     * @throws TruncatedCaptureException after the last complete event of a file cut short
     */
    public Event next() throws IOException {
        try {
            if (!pendingEvent) {
                if (!nextEventBlock()) {
                    return null;
                }
            }
            pendingEvent = false;
            // Counted once decoded: an event that fails to decode was never delivered.
            Event e = decoder.decode(blocks, events + 1);
            events++;
            return e;
        } catch (TruncatedCaptureException e) {
            throw e.withCompleteEvents(events);
        }
    }

    private boolean nextEventBlock() throws IOException {
        while (blocks.next()) {
            count(blocks.type());
            if (BlockType.isEvent(blocks.type())) {
                inHeader = false;
                return true;
            }
            if (blocks.type() == BlockType.SECTION_HEADER) {
                startSection();
            } else {
                headerBlock();
            }
        }
        return false;
    }

    /** Every section header seen so far; more than one when captures were concatenated. */
    public List<SectionHeader> sections() {
        return Collections.unmodifiableList(sections);
    }

    public SectionHeader firstSection() {
        return sections.get(0);
    }

    /** Non-event blocks that precede events in their section, in file order. */
    public List<HeaderBlock> headerBlocks() {
        return Collections.unmodifiableList(headerBlocks);
    }

    /**
     * The decoded machine info, process, fd, interface and user lists (and raw unknown blocks)
     * of every section read so far, in file order; the manifest is in {@link #manifest()}.
     */
    public List<MetadataBlock> metadata() {
        return Collections.unmodifiableList(metadata);
    }

    /** The machine info of the first section that has one. */
    public Optional<MachineInfo> machineInfo() {
        return metadata.stream().filter(MachineInfo.class::isInstance).map(MachineInfo.class::cast).findFirst();
    }

    /** Non-event blocks found after events in the same section, which libscap refuses. */
    public List<HeaderBlock> lateBlocks() {
        return Collections.unmodifiableList(lateBlocks);
    }

    /** Blocks seen so far by type code, in the order each type first appeared. */
    public Map<Integer, Long> blockCounts() {
        Map<Integer, Long> out = new LinkedHashMap<>();
        blockCounts.forEach((type, n) -> out.put(type, n[0]));
        return Collections.unmodifiableMap(out);
    }

    public Optional<Manifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /** Events delivered so far. */
    public long eventCount() {
        return events;
    }

    public String name() {
        return blocks.input().name();
    }

    public Compression compression() {
        return blocks.input().compression();
    }

    /** Uncompressed bytes consumed up to the end of the current block. */
    public long bytesRead() {
        return blocks.bytesRead();
    }

    /** Bytes read from the file itself (compressed size so far). */
    public long storedBytesRead() throws IOException {
        return blocks.input().storedBytesRead();
    }

    /** The current block's reader, for tools that need raw block access (e.g. the metadata decoder). */
    public BlockReader blockReader() {
        return blocks;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        blocks.close();
    }

    /** Where a non-event block sits in the file. */
    public record HeaderBlock(long number, int type, long offset, int totalLength) {
        public String typeName() {
            return BlockType.name(type);
        }
    }
}
