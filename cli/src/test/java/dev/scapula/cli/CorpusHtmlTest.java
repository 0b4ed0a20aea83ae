package dev.scapula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code diff --corpus --html} and {@code report merge --html}: one page with the summary, per
 * field the captures and events with a value and with a change, and one section per capture; the
 * page of merged shards is the page of the single run.
 */
class CorpusHtmlTest {
    @TempDir
    static Path dir;

    private static Path corpus;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void record(String... args) {
        CommandRun r = CommandRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @BeforeAll
    static void recordCorpus() throws Exception {
        corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("sub"));
        for (int i = 1; i <= 4; i++) {
            record("record", "-I", "counter:count=" + (50 * i) + ";size=64", "-w",
                    corpus.resolve("c" + i + ".scap").toString());
        }
        record("record", "-I", "counter:count=120;size=64", "-z", "-w", corpus.resolve("sub/g.scap.gz").toString());
        // a name that needs escaping in HTML
        record("record", "-I", "counter:count=30;size=64", "-w", corpus.resolve("sub/a&b<c>.scap").toString());
        byte[] whole = Files.readAllBytes(corpus.resolve("c4.scap"));
        Files.write(corpus.resolve("sub/damaged.scap"), java.util.Arrays.copyOf(whole, whole.length / 2));
    }

    private static CommandRun diff(String... extra) {
        List<String> args = new ArrayList<>(List.of("diff", "--old", "versioned_1_0_0", "--new", "versioned_2_0_0",
                "--corpus", corpus.toString()));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    /** The page parsed as XML: any unclosed or misnested element or bad entity fails here. */
    private static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(html)));
    }

    @Test
    void thePageHoldsTheSummaryTheFieldsAndOneSectionPerCapture() throws Exception {
        Path html = dir.resolve("whole.html");
        CommandRun run = diff("--html", html.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        JsonNode report = JSON.readTree(run.out());
        Document page = parse(html);
        XPath x = XPathFactory.newInstance().newXPath();

        NodeList sections = (NodeList) x.evaluate("//section[@class='capture']", page, XPathConstants.NODESET);
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < sections.getLength(); i++) {
            shown.add(((Element) sections.item(i)).getAttribute("data-capture"));
        }
        List<String> checked = new ArrayList<>();
        report.get("captures").forEach(c -> checked.add(c.get("capture").asText()));
        assertThat(shown).containsExactlyElementsOf(checked).contains("sub/a&b<c>.scap", "sub/damaged.scap");

        assertThat(x.evaluate("//p[@id='summary']", page)).contains("7 captures checked: 6 ok, 0 with differences, "
                + "1 failed to load");
        // the damaged capture's section says where it broke; a diffed one has the single-capture verdict
        assertThat(x.evaluate("//section[@data-capture='sub/damaged.scap']/p[@class='error']", page))
                .contains("damaged.scap: byte");
        assertThat(x.evaluate("//section[@data-capture='c2.scap']//p[@class='ok'][contains(@id,'verdict')]", page))
                .contains("The change needs a major bump");
        assertThat(x.evaluate("//section[@data-capture='c2.scap']//p[contains(@id,'summary')]", page))
                .contains("100 plugin events");
        // per field: captures and events with a value and with a change, as in the JSON summary
        JsonNode seq = null;
        for (JsonNode f : report.get("summary").get("fields")) {
            if (f.get("field").asText().equals("versioned.seq")) {
                seq = f;
            }
        }
        assertThat(seq).isNotNull();
        assertThat(seq.get("captures_with_value").asInt()).isEqualTo(6);
        long events = 50 + 100 + 150 + 200 + 120 + 30;
        assertThat(seq.get("events_with_value").asLong()).isEqualTo(events);
        NodeList cells = (NodeList) x.evaluate("//table[@id='fields']//tr[td/code='versioned.seq']/td", page,
                XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < cells.getLength(); i++) {
            texts.add(cells.item(i).getTextContent());
        }
        String row = String.join("|", texts);
        assertThat(row).isEqualTo("versioned|versioned.seq|6|" + String.format("%,d", events) + "|"
                + seq.get("captures_with_change").asInt() + "|"
                + String.format("%,d", seq.get("events_with_change").asLong()));
        // ids are unique, so every section can be linked to
        NodeList ids = (NodeList) x.evaluate("//*[@id]/@id", page, XPathConstants.NODESET);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < ids.getLength(); i++) {
            all.add(ids.item(i).getNodeValue());
        }
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void mergedShardsGiveTheSinglePage() throws Exception {
        Path whole = dir.resolve("single.html");
        assertThat(diff("--html", whole.toString()).exitCode()).isEqualTo(2);
        List<String> merge = new ArrayList<>(List.of("report", "merge", "-o", dir.resolve("merged.json").toString(),
                "--html", dir.resolve("merged.html").toString(), "--exit-code"));
        for (int k = 1; k <= 3; k++) {
            CommandRun part = diff("--shard", k + "/3", "--json");
            Path file = dir.resolve("diff-part" + k + ".json");
            Files.writeString(file, part.out());
            merge.add(file.toString());
        }
        CommandRun merged = CommandRun.of(merge.toArray(String[]::new));
        assertThat(merged.exitCode()).as(merged.err()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("merged.html"))).isEqualTo(Files.readString(whole));
    }

    @Test
    void mergeRefusesToDrawAVerifyReport() throws Exception {
        CommandRun verify = CommandRun.of("verify", "--corpus", corpus.toString(), "-H", "fields", "--json");
        Path part = dir.resolve("verify.json");
        Files.writeString(part, verify.out());
        Path html = dir.resolve("verify.html");
        CommandRun merge = CommandRun.of("report", "merge", part.toString(), "--html", html.toString());
        assertThat(merge.exitCode()).isEqualTo(2);
        assertThat(merge.err()).contains("--html draws diff reports; this is a verify report");
        assertThat(html).doesNotExist();
    }
}
