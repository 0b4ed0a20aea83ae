package dev.scapula.capture.meta;

/** A block scapula does not model, kept with its body bytes so nothing is dropped silently. */
public record RawBlock(int blockType, byte[] body) implements MetadataBlock {
}
