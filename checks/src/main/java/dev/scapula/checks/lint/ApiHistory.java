package dev.scapula.checks.lint;

import java.util.List;
import java.util.Optional;

/**
 * The plugin API's minor-version history, kept as data: which libs and Falco release first
 * shipped each minor, and the minor in which each exported plugin function appeared.
 */
final class ApiHistory {
    static final String RELEASES = "api-releases.tsv";
    static final String SYMBOLS = "api-symbols.tsv";

    /** The first libs and Falco release that implement an API minor (Falco may be empty when none shipped it yet). */
    record Release(int minor, String libs, String falco) {
    }

    /** An exported function and the API minor that introduced it. */
    record Symbol(String name, int minor) {
    }

    private final List<Release> releases;
    private final List<Symbol> symbols;

    ApiHistory() {
        releases = TsvData.resource(RELEASES, 2).stream()
                .map(r -> new Release(Integer.parseInt(r[0]), r[1], r.length > 2 ? r[2] : "")).toList();
        symbols = TsvData.resource(SYMBOLS, 2).stream().map(r -> new Symbol(r[0], Integer.parseInt(r[1]))).toList();
    }

    /**
     * The first libs release and the first Falco release that load plugins requiring this minor
     * (a minor no Falco shipped is loaded by the next Falco that shipped a later one).
     */
    Optional<Release> firstLoading(int minor) {
        Optional<Release> libs = releases.stream().filter(r -> r.minor() >= minor).findFirst();
        String falco = releases.stream().filter(r -> r.minor() >= minor && !r.falco().isEmpty())
                .map(Release::falco).findFirst().orElse("");
        return libs.map(r -> new Release(r.minor(), r.libs(), falco));
    }

    List<Symbol> symbols() {
        return symbols;
    }
}
