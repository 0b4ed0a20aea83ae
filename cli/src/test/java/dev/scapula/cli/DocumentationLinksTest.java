package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The README is the newcomer's way in and links into docs/ for everything else: every relative link
 * and image in README.md and docs/*.md must reach a file of the repository, and a link with a
 * #fragment a heading of that file (as GitHub names heading anchors); the README stays short.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Parser parser = Parser.builder().build();

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : linkTargets(page)) {
                if (isExternal(target)) {
                    continue;
                }
                checked++;
                String problem = problemWith(page, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(page) + ": " + target + ": " + problem);
                }
            }
        }
        assertThat(checked).as("relative links found in " + pages.size() + " pages").isGreaterThan(30);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void theReadmeStaysUnder250Lines() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThan(250);
    }

    /** A link to a missing page, or to a heading its page does not have, is reported; null when it resolves. */
    private String problemWith(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        String fromRoot = ROOT.relativize(resolved).toString();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file " + fromRoot;
        }
        if (fragment == null || !fromRoot.endsWith(".md")) {
            return null;
        }
        Set<String> anchors = headingAnchors(resolved);
        return anchors.contains(fragment) ? null
                : "no heading with anchor #" + fragment + " in " + fromRoot + " (it has " + anchors + ")";
    }

    private static boolean isExternal(String target) {
        return URI.create(target.replace(" ", "%20")).getScheme() != null;
    }

    private List<String> linkTargets(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        parser.parse(Files.readString(page)).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                targets.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                targets.add(image.getDestination());
                visitChildren(image);
            }
        });
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation gone, spaces as hyphens, repeats numbered. */
    private Set<String> headingAnchors(Path page) throws IOException {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> anchors = new HashSet<>();
        parser.parse(Files.readString(page)).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                anchors.add(ids.generateId(plainText(heading)));
            }
        });
        return anchors;
    }

    private static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }
}
