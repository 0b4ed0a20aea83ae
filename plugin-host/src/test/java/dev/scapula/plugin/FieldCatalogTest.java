package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.plugin.extract.FieldCatalog;
import dev.scapula.plugin.extract.UnknownFieldException;
import dev.scapula.samples.SamplePlugins;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Field names checked against the fields the real sample plugins declare, as every command checks them. */
class FieldCatalogTest {
    private Plugin fields;
    private Plugin nondet;
    private FieldCatalog catalog;

    @BeforeEach
    void load() throws Exception {
        fields = Plugin.load(SamplePlugins.path("fields"));
        fields.init("");
        nondet = Plugin.load(SamplePlugins.path("nondet"));
        nondet.init("");
        catalog = FieldCatalog.of(List.of(fields.info(), nondet.info()), List.of("evt.num", "evt.time"));
    }

    @AfterEach
    void close() {
        nondet.close();
        fields.close();
    }

    @Test
    void declaredFieldsWithTheirArgumentsAndHostFieldsPass() {
        assertThatCode(() -> catalog.checkAll("-f", List.of("nondet.clock", "fields.seq", "fields.byte[3]",
                "fields.label[any key]", "fields.label", "evt.num"))).doesNotThrowAnyException();
    }

    @Test
    void aTypoIsUnknownAndTheClosestNamesAreSuggested() {
        assertThatThrownBy(() -> catalog.check("-f", "nondet.clokc"))
                .isInstanceOf(UnknownFieldException.class)
                .hasMessage("-f nondet.clokc: no loaded plugin (fields, nondet) and no built-in field has a field "
                        + "named nondet.clokc; did you mean nondet.clock? (plugin-info lists a plugin's fields)")
                .satisfies(e -> assertThat(((UnknownFieldException) e).suggestions()).containsExactly("nondet.clock"));
        assertThatThrownBy(() -> catalog.check("--ignore-field", "fields.sizee"))
                .hasMessageContaining("did you mean fields.size?");
        // the last part alone is close to the full name that ends with it
        assertThat(catalog.closest("clock")).containsExactly("nondet.clock");
        assertThat(catalog.closest("evt.nun")).containsExactly("evt.num");
        assertThat(catalog.closest("fields.ip4")).containsExactly("fields.ip", "fields.ip6");
    }

    @Test
    void aNameNothingIsNearIsUnknownWithoutSuggestion() {
        assertThatThrownBy(() -> catalog.check("-f", "k8s.pod.name"))
                .isInstanceOf(UnknownFieldException.class)
                .hasMessageNotContaining("did you mean")
                .satisfies(e -> assertThat(((UnknownFieldException) e).suggestions()).isEmpty());
    }

    @Test
    void aMissingMalformedOrUnwantedArgumentIsAnError() {
        assertThatThrownBy(() -> catalog.check("-f", "fields.byte"))
                .isNotInstanceOf(UnknownFieldException.class)
                .isInstanceOf(PluginException.class)
                .hasMessage("-f fields.byte: fields: field fields.byte needs an argument, e.g. fields.byte[0]");
        assertThatThrownBy(() -> catalog.check("-f", "fields.byte[x]"))
                .hasMessage("-f fields.byte[x]: fields: field fields.byte needs a numeric index, not \"x\"");
        assertThatThrownBy(() -> catalog.check("-f", "fields.byte[3"))
                .hasMessageContaining("unclosed argument");
        assertThatThrownBy(() -> catalog.check("-f", "nondet.clock[1]"))
                .hasMessageContaining("field nondet.clock takes no argument");
        assertThatThrownBy(() -> catalog.check("-f", "evt.num[1]"))
                .hasMessage("-f evt.num[1]: the built-in field evt.num takes no argument");
    }
}
