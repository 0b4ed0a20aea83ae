package dev.scapula.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON output as the commands print it: one compact object per line, snake_case keys, no nulls. */
public final class Json {
    // Characters beyond the BMP as their four UTF-8 bytes, as a String encoded to UTF-8 has them, where
    // Jackson's byte-writing generator would otherwise print the two halves as two escapes.
    private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public Json() {
        mapper.getFactory().setCharacterEscapes(new ControlEscapes());
    }

    /**
     * A generator that writes UTF-8 straight into {@code out} with the same escapes as {@link #line}:
     * for output of many values, where a String per line would cost more than the values. It leaves
     * {@code out} open and puts nothing between top-level values: the caller ends each line.
     */
    public JsonGenerator lines(OutputStream out) throws IOException {
        JsonGenerator g = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        return g;
    }

    /**
     * A string as a JSON value, quoted and escaped exactly as a generator of {@link #lines} writes
     * it: for parts of a line that are encoded once and then copied.
     */
    public String quoted(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = lines(bytes)) {
            g.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public String line(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * JSON itself lets DEL and C1 through raw; escaped as {@code \}{@code u00XX} like C0, so JSON
     * lines read in a terminal (or by {@code jq -r}'s caller) cannot drive it, and parse the same.
     */
    private static final class ControlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        ControlEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Terminal.control(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
