package dev.gradus.bench.output;

import dev.gradus.bench.charts.BarPlot;
import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.race.ClaimResult;
import dev.gradus.bench.results.BenchPlots;
import dev.gradus.bench.results.ReportData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report built from synthetic results: well-formed, self-contained, every chart with data for every series. */
class ReportFilesTest {

    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private static ReportData data;
    private static Map<String, String> files;
    private static Document html;
    private static Map<String, Plot> plots;

    @BeforeAll
    static void render() throws Exception {
        data = Synthetic.data();
        files = ReportFiles.render(data);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        html = f.newDocumentBuilder().parse(new ByteArrayInputStream(files.get("report.html").getBytes(StandardCharsets.UTF_8)));
        plots = new LinkedHashMap<>();
        BenchPlots.all(data).forEach(p -> plots.put(p.id(), p));
        data.race().plots().forEach(p -> plots.put(p.id(), p));
        data.race().claims().forEach(c -> c.plots().forEach(p -> plots.put(p.id(), p)));
    }

    @Test
    void everyOutputFileIsThere() {
        assertEquals(List.of("steps.csv", "probes.csv", "race-summary.csv", "race-curves.csv", "claim-a.csv", "plots.csv",
                "report.json", "report.html"), List.copyOf(files.keySet()));
    }

    @Test
    void theExpectedChartsAreBuilt() {
        // A throughput chart per rule, the SIMD/scalar ratios, a loss chart per model, the claim's chart.
        assertEquals(List.of("throughput-sgd-momentum", "throughput-adam", "simd-ratio", "race-softmax", "race-mlp", "claim-a-test"),
                List.copyOf(plots.keySet()));
        for (String rule : Synthetic.RULES) {
            List<String> names = plots.get("throughput-" + rule).series().stream().map(Series::name).toList();
            assertEquals(List.of("scalar, float[]", "scalar, native", "SIMD, float[]", "SIMD, native", "roofline: copy4r3w probe"),
                    names);
        }
        assertEquals(4, plots.get("simd-ratio").series().size(), "one bar series per size and memory kind");
    }

    @Test
    void everyChartHasDataForEverySeries() {
        assertEquals("html", html.getDocumentElement().getLocalName());
        assertEquals(XHTML, html.getDocumentElement().getNamespaceURI());
        NodeList svgs = html.getElementsByTagNameNS(SVG, "svg");
        assertEquals(plots.size(), svgs.getLength(), "one <svg> per chart");
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            Plot plot = plots.get(svg.getAttribute("id"));
            assertNotNull(plot, "unexpected chart " + svg.getAttribute("id"));
            Map<String, Element> groups = new LinkedHashMap<>();
            NodeList gs = svg.getElementsByTagNameNS(SVG, "g");
            for (int j = 0; j < gs.getLength(); j++) {
                Element g = (Element) gs.item(j);
                if (g.getAttribute("class").equals("series")) {
                    groups.put(g.getAttribute("data-series"), g);
                }
            }
            assertEquals(plot.series().stream().map(Series::name).toList(), List.copyOf(groups.keySet()), plot.id());
            for (Series s : plot.series()) {
                Element g = groups.get(s.name());
                long finite = java.util.Arrays.stream(s.y()).filter(Double::isFinite).count();
                assertTrue(finite > 0, "the synthetic data gives every series a value: " + s.name());
                String where = plot.id() + " / " + s.name();
                if (plot instanceof BarPlot) {
                    assertEquals(finite, g.getElementsByTagNameNS(SVG, "rect").getLength(), where);
                } else {
                    assertEquals(finite, g.getElementsByTagNameNS(SVG, "circle").getLength(), where);
                    NodeList lines = g.getElementsByTagNameNS(SVG, "polyline");
                    assertEquals(1, lines.getLength(), where);
                    String points = ((Element) lines.item(0)).getAttribute("points").trim();
                    assertEquals(finite, points.split(" ").length, where);
                    for (String pt : points.split(" ")) {
                        String[] xy = pt.split(",");
                        assertTrue(Double.isFinite(Double.parseDouble(xy[0])) && Double.isFinite(Double.parseDouble(xy[1])), where);
                    }
                }
            }
        }
    }

    @Test
    void selfContained() {
        String page = files.get("report.html");
        assertFalse(page.contains("<script"), "no scripts");
        assertFalse(page.contains("@import") || page.contains("url("), "no external style resources");
        List<String> external = new ArrayList<>();
        NodeList all = html.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String attr : List.of("href", "src", "xlink:href")) {
                if (e.hasAttribute(attr)) {
                    external.add(e.getTagName() + " " + attr + "=" + e.getAttribute(attr));
                }
            }
        }
        assertEquals(List.of(), external);
        assertTrue(page.contains("Synthetic CPU &lt;&amp;&gt;"), "machine facts escaped");
    }

    @Test
    void claimsSayWhatTheyAre() {
        String page = files.get("report.html");
        assertTrue(page.contains("pending: Lookahead is not implemented"));
        assertTrue(page.contains("not available: BenchRules has no &#39;adamod&#39;"));
        assertTrue(page.contains("one is lower"));
        assertTrue(page.contains("Unsteady: the measured iterations of 1 result(s) differ by more than 1.5×"), "unsteady results are named");
        assertTrue(page.contains("adam 16M SIMD float[] (2.5×)"));
        assertEquals(ClaimResult.Status.PENDING, data.race().claims().get(2).status());
    }

    @Test
    void csvAndJsonHoldEveryFigure() {
        assertEquals(data.steps().size() + 1, files.get("steps.csv").split("\r\n").length);
        assertEquals(data.probes().size() + 1, files.get("probes.csv").split("\r\n").length);
        long points = plots.values().stream().mapToLong(p -> p.series().stream().mapToLong(Series::size).sum()).sum();
        assertEquals(points + 1, files.get("plots.csv").split("\r\n").length);
        // adam at 64K, SIMD, native: 0.14 ns/el, 28 B → 200 GB/s; the probe: 28 B / 0.1 ns = 280 GB/s → 71%.
        assertTrue(files.get("steps.csv").contains("adam,65536,vector,native,"), files.get("steps.csv"));
        String json = files.get("report.json");
        assertTrue(json.startsWith("{") && json.contains("\"machine\"") && json.contains("\"figures\"") && json.contains("\"claims\""));
        assertFalse(json.contains("NaN") || json.contains("Infinity"));
    }
}
