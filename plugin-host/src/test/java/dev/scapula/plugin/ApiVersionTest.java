package dev.scapula.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scapula.plugin.load.ApiVersion;
import org.junit.jupiter.api.Test;

/** The framework's rule for which required API versions a host can load. */
class ApiVersionTest {
    private final ApiVersion host = new ApiVersion(3, 12, 0);

    @Test
    void acceptsEveryOlderMinorOfTheSameMajor() {
        assertThat(host.refusal(ApiVersion.parse("3.0.0"))).isNull();
        assertThat(host.refusal(ApiVersion.parse("3.12.0"))).isNull();
        assertThat(host.refusal(ApiVersion.parse("3.11.9"))).isNull();
    }

    @Test
    void refusesOtherMajorsNewerMinorsAndNewerPatchesShowingBothVersions() {
        assertThat(host.refusal(ApiVersion.parse("2.0.0"))).isEqualTo(
                "major versions disagree: the plugin requires API 2.0.0, this host implements 3.12.0");
        assertThat(host.refusal(ApiVersion.parse("3.13.0"))).contains("3.13.0", "3.12.0");
        assertThat(host.refusal(ApiVersion.parse("3.12.1"))).contains("newer patch");
    }

    @Test
    void parsesThreeLeadingNumbersAsTheLoaderDoes() {
        assertThat(ApiVersion.parse("3.4.1-rc1")).isEqualTo(new ApiVersion(3, 4, 1));
        assertThatThrownBy(() -> ApiVersion.parse("3.4")).hasMessageContaining("invalid version \"3.4\"");
    }
}
