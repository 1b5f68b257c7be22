package cki.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cki.lib.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The markdown report (a merge request note) holds what patch authors and the kernel wrote: a subject, file
 * names, console lines. Read by a real CommonMark parser with GFM tables, as GitLab reads the note, none
 * of it may become the note's own markdown (a heading, a link, an image, HTML, a table row) or a mention,
 * and all of it must still be there to read.
 */
class MarkdownSafetyTest {
    private static final String EXCERPT = "not ok 1 test_sort\n```\n\n## ✅ PASS: all good, merge it @all\n\n"
            + "![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)>\n````\n";
    private static final String SERIES = "[PATCH 0/1] fix `sort` ![i](https://evil.example/i.png) @all | x";
    private static final String PATCH = "0001-sort-[click](https:evil.example)-*now*.patch";
    private static final String FILE = "lib/`sort`.c</code><img src=x>|@maintainers";
    private static final Pattern MENTION = Pattern.compile("(^|[^\\w])@\\w");

    private static String markdown(boolean hostile) throws Exception {
        ObjectNode submission = (ObjectNode) ReportFixtures.json("submission.json");
        ObjectNode checkout = (ObjectNode) submission.withArray("checkouts").get(0);
        checkout.put("comment", hostile ? SERIES : "[PATCH 0/1] fix sort");
        checkout.putArray("patchset_files").addObject().put("name", hostile ? PATCH : "0001-sort.patch");
        submission.withArray("tests").addObject().put("id", "cki:t-kunit").put("origin", "cki")
                .put("build_id", "cki:b-x86_64").put("path", "kunit.lib_sort.test_sort").put("status", "FAIL")
                .put("log_excerpt", hostile ? EXCERPT : "not ok 1 test_sort\n")
                .put("log_url", hostile ? "javascript:alert(document.cookie)" : "ftp://logs.example/t.log");
        String file = hostile ? FILE : "lib/sort.c";
        String selection = Json.mapper().writeValueAsString(Json.mapper().createObjectNode()
                .put("plan", "default").put("arch", "x86_64").<ObjectNode>set("changes", Json.mapper().createObjectNode()
                        .put("origin", "patch series.mbox").put("known", true)
                        .set("files", Json.mapper().createArrayNode().add(file)))
                .<ObjectNode>set("selected", Json.mapper().createArrayNode().add(Json.mapper().createObjectNode()
                        .put("path", "kunit").put("selected_by", "targeted: " + file + " matches lib/.*")))
                .set("excluded", Json.mapper().createArrayNode()));
        Report report = new ReportBuilder(KnownIssues.none(), ReportFixtures.logs()).build(submission,
                List.of(ReportFixtures.build(ReportFixtures.json("build-x86_64.json"))), null,
                List.of(Json.mapper().readTree(selection)));
        return ReportRenderer.render(report, ReportFormat.markdown);
    }

    /**
     * What the parser made of the note: its structure, the text outside code (where GitLab reads mentions),
     * the code, and what a reader sees inline (text and code spans in order).
     */
    private record Read(List<String> structure, StringBuilder text, StringBuilder code, StringBuilder inline) {
    }

    private static Read read(String markdown) {
        Node document = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown);
        Read read = new Read(new ArrayList<>(), new StringBuilder(), new StringBuilder(), new StringBuilder());
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                read.structure().add("heading " + heading.getLevel());
                visitChildren(heading);
            }

            @Override
            public void visit(Link link) {
                read.structure().add("link " + link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                read.structure().add("image " + image.getDestination());
            }

            @Override
            public void visit(HtmlInline html) {
                read.structure().add("html " + html.getLiteral());
            }

            @Override
            public void visit(HtmlBlock html) {
                read.structure().add("html block " + html.getLiteral().replaceAll("<code>.*</code>", "<code>…</code>"));
            }

            @Override
            public void visit(FencedCodeBlock block) {
                read.structure().add("code block");
                read.code().append(block.getLiteral());
            }

            @Override
            public void visit(Code code) {
                read.code().append(code.getLiteral()).append('\n');
                read.inline().append(code.getLiteral());
            }

            @Override
            public void visit(Text text) {
                read.text().append(text.getLiteral());
                read.inline().append(text.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.CustomNode node) {
                if (node instanceof TableRow) {
                    read.structure().add("table row");
                }
                visitChildren(node);
            }
        });
        return read;
    }

    @Test
    void whatPatchesAndTheKernelWroteStaysTextInTheNote() throws Exception {
        String markdown = markdown(true);
        Read hostile = read(markdown);
        Read plain = read(markdown(false));
        assertEquals(plain.structure(), hostile.structure(), markdown);
        assertTrue(hostile.structure().contains("link https://s3.example/cki/b-x86_64/build.log"), hostile.structure()
                + " (a URL keeps its characters)");
        assertTrue(hostile.code().toString().contains(EXCERPT), "the excerpt, whole, in its code block: " + markdown);
        assertTrue(hostile.code().toString().contains(FILE + "\n"), "the file name, as code: " + hostile.code());
        String inline = hostile.inline().toString();
        assertTrue(inline.contains("(series \"" + SERIES + "\")"), inline);
        assertTrue(inline.contains(PATCH), inline);
        assertTrue(inline.contains("kunit: " + FILE + " matches lib/.*"), inline);
        assertTrue(!MENTION.matcher(hostile.text()).find(), "no mention outside code: " + hostile.text());
    }

    /** KCIDB takes any URI as a log URL; only http(s) ones become links, in the page too. */
    @Test
    void onlyHttpLogUrlsAreLinks() throws Exception {
        ObjectNode submission = (ObjectNode) ReportFixtures.json("submission.json");
        submission.withArray("tests").addObject().put("id", "cki:t-js").put("origin", "other")
                .put("build_id", "cki:b-x86_64").put("path", "kunit.js").put("status", "FAIL")
                .put("log_url", "JavaScript:alert(document.cookie)");
        Report report = new ReportBuilder(KnownIssues.none(), ReportFixtures.logs()).build(submission,
                List.of(ReportFixtures.build(ReportFixtures.json("build-x86_64.json"))), null);
        for (ReportFormat format : ReportFormat.values()) {
            String rendered = ReportRenderer.render(report, format);
            assertTrue(rendered.contains("kunit.js") && !rendered.toLowerCase(java.util.Locale.ROOT).contains("javascript"),
                    format + ": " + rendered);
            assertTrue(rendered.contains("https://s3.example/cki/t2/taskout.log"), format + ": " + rendered);
        }
    }

    @Test
    void codeSpansAndFencesOutlastTheBackticksTheyHold() {
        assertEquals("``a`b``", Markdown.code("a`b"));
        assertEquals("`` `a ``", Markdown.code("`a"));
        assertEquals("`a b`", Markdown.code("a\nb"));
        assertEquals("`a|b`", Markdown.code("a|b"));
        assertEquals("`a\\|b`", Markdown.cellCode("a|b"));
        assertEquals("````\nx\n```\n````", Markdown.fence("x\n```\n"));
        assertEquals("```\n```", Markdown.fence(""));
        assertEquals("x86_64 dev@example.com \\_x\\_ \\*b\\* `@`all \\[l\\](u) \\<i\\> a\\|b", Markdown.text(
                "x86_64 dev@example.com _x_ *b* @all [l](u) <i> a|b"));
        assertEquals("a &lt;b&gt; &amp; &quot;", Markdown.html("a <b> & \""));
    }
}
