package dev.scapula.cli;

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
                .hasMessage(f + ": cannot load plugin 'k8saudit': plugin config not found for given name");
        Path g = yaml("plugins:\n  - name: x\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(g)).hasMessageContaining("plugins entry 1 needs a name and a library_path");
        Path h = yaml("plugins: [\n");
        assertThatThrownBy(() -> FalcoConfig.plugins(h)).hasMessageContaining(h + ": not valid YAML");
    }
}
