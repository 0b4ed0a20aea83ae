package dev.scapula.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** falco.yaml's plugins and load_plugins, read with Falco's rules. */
class FalcoConfigTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("falco.yaml");
        Files.writeString(f, text);
        return f;
    }

    private static final String PLUGINS = String.join("\n",
            "plugins:",
            "  - name: counter",
            "    library_path: libcounter.so",
            "    init_config: \"\"",
            "    open_params: \"count=10\"",
            "  - name: stateful",
            "    library_path: /opt/stateful.so",
            "    init_config:",
            "      tick_us: 50",
            "      ticks: 2",
            "  - name: fields",
            "    library_path: libfields.so",
            "");

    @Test
    void withoutLoadPluginsEveryPluginLoadsInFileOrderAndMapConfigsBecomeJson() throws Exception {
        assertThat(FalcoConfig.plugins(yaml(PLUGINS))).containsExactly(
                new FalcoConfig.PluginEntry("counter", "libcounter.so", "", "count=10"),
                new FalcoConfig.PluginEntry("stateful", "/opt/stateful.so", "{\"tick_us\":50,\"ticks\":2}", ""),
                new FalcoConfig.PluginEntry("fields", "libfields.so", "", ""));
    }

    @Test
    void loadPluginsChoosesAndOrdersAndAnEmptyListLoadsNone() throws Exception {
        assertThat(FalcoConfig.plugins(yaml(PLUGINS + "load_plugins: [fields, counter]\n")))
                .extracting(FalcoConfig.PluginEntry::name).containsExactly("fields", "counter");
        assertThat(FalcoConfig.plugins(yaml(PLUGINS + "load_plugins: []\n"))).isEmpty();
    }

    @Test
    void mistakesAreNamed() throws Exception {
        Path f = yaml(PLUGINS + "load_plugins: [k8saudit]\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(f))
                .hasMessage(f + ": line 13, column 16: cannot load plugin 'k8saudit': plugin config not found for given name");
        Path g = yaml("plugins:\n  - name: x\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(g))
                .hasMessage(g + ": line 2, column 5: plugins entry 1 needs a name and a library_path");
        Path h = yaml("plugins: [\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(h)).hasMessageStartingWith(h + ": line 2, column 1: not valid YAML");
        Path i = yaml(PLUGINS + "plugins: []\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(i)).hasMessage(i + ": line 13, column 1: key plugins is given twice");
    }

    @Test
    void aliasesReachThePluginExpandedAsFalcoExpandsThem() throws Exception {
        Path f = yaml(String.join("\n",
                "defaults: &d {tick_us: 50, tags: [a, b]}",
                "plugins:",
                "  - name: &n counter",
                "    library_path: libcounter.so",
                "    init_config: {base: *d, again: *d}",
                "    open_params: &p count=10",
                "  - name: fields",
                "    library_path: libfields.so",
                "    init_config: *a9",
                "load_plugins: [*n]",
                ""));
        // *a9 names no anchor: refused where it is, not handed on as the text a9
        assertThatThrownBy(() -> FalcoConfig.plugins(f)).hasMessageStartingWith(f + ": line 9, column 18: not valid YAML")
                .hasMessageContaining("a9");
        Path g = yaml(Files.readString(f).replace("*a9", "*p"));
        assertThat(FalcoConfig.plugins(g)).containsExactly(new FalcoConfig.PluginEntry("counter", "libcounter.so",
                "{\"base\":{\"tick_us\":50,\"tags\":[\"a\",\"b\"]},\"again\":{\"tick_us\":50,\"tags\":[\"a\",\"b\"]}}",
                "count=10"));
    }

    @Test
    void anAliasBombAndAnAliasInsideItselfAreRefused() throws Exception {
        // each level holds ten of the one before: 10^7 values once expanded, from 7 short lines (60 aliases)
        StringBuilder bomb = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 6; i++) {
            bomb.append("l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
        }
        Path f = yaml(bomb + "plugins:\n  - name: counter\n    library_path: libcounter.so\n    init_config: {x: *l6}\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(f)).hasMessageStartingWith(f + ": ")
                .hasMessageContaining("more than " + FalcoConfig.MAX_VALUES + " values once aliases are expanded");
        Path g = yaml("plugins:\n  - name: counter\n    library_path: libcounter.so\n    init_config: &r {self: *r}\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(g)).hasMessageStartingWith(g + ": line ")
                .hasMessageContaining("nested more than " + FalcoConfig.MAX_DEPTH + " deep");
        Path h = yaml("base: &b {a: 1}\nplugins:\n  - name: counter\n    library_path: libcounter.so\n"
                + "    init_config: {<<: *b, c: 2}\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(h))
                .hasMessage(h + ": line 5, column 19: merge keys (<<) are not supported; write the keys out");
    }

    @Test
    void aConfigOverOneMebibyteIsRefusedBeforeItIsParsed() throws Exception {
        // one long scalar, as a hostile file would have it
        Path f = yaml("plugins:\n  - name: counter\n    library_path: libcounter.so\n    init_config: \""
                + "x".repeat(FalcoConfig.MAX_BYTES) + "\"\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(f)).hasMessage(f + ": " + Files.size(f) + " bytes, more than the "
                + FalcoConfig.MAX_BYTES + " a falco.yaml may take (refused before reading)");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByLineAndColumn() throws Exception {
        Path f = dir.resolve("falco.yaml");
        byte[] text = PLUGINS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = PLUGINS.indexOf("libfields");
        text[at + 3] = (byte) 0xff;
        Files.write(f, text);
        assertThatThrownBy(() -> FalcoConfig.plugins(f))
                .hasMessage(f + ": line 12, column 22: not UTF-8 (byte " + (at + 3) + " is 0xff)");
    }
}
