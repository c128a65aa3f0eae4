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
        assertEquals(List.of("steps.csv", "probes.csv", "transforms.csv", "late.csv", "scaling.csv", "thread-probes.csv", "multi-tensor.csv", "race-summary.csv", "race-curves.csv", "claim-a.csv", "plots.csv",
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
        assertTrue(page.contains("Unsteady: the measured iterations of 2 result(s) differ by more than 1.5×"), "unsteady results are named");
        assertTrue(page.contains("maxAbs 16M SIMD native (1.9×)"), "an unsteady transform is named");
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

    @Test
    void threadTablesFindingsAndFiles() {
        // Synthetic: 2 threads 1.6× faster everywhere; adam at 16M: 0.5 → 0.3125 ns/el, 28 B → 56 and 89.6 GB/s against
        // copy4r3w at 70 GB/s on 1 thread (28 B / 0.4 ns) and 112 GB/s on 2 (28 B / 0.25 ns): 80% of both.
        String page = files.get("report.html");
        assertTrue(page.contains("<h2>Threads and many parameters</h2>"));
        assertTrue(page.contains("<td>adam</td><td>16M</td><td>0.5000</td><td>0.3125</td><td>1.60×</td><td>56.0</td><td>89.6</td>"
                + "<td>80%</td><td>80%</td>"), "the scaling row of adam at 16M");
        assertTrue(page.contains("<td>adam</td><td>64K</td><td>0.1250</td><td>0.0781</td><td>1.60×</td><td>224.0</td><td>358.4</td>"
                + "<td></td><td></td>"), "no roofline % below the largest size");
        assertTrue(page.contains("<td>copy4r3w</td><td>16 R + 12 W = 28 B</td><td>16M</td><td>70.0</td><td>112.0</td><td>1.60×</td>"));
        // 1000x1024 separate: 0.36 vs 0.3 ns/el → 1.2×; as a block 0.31 / 0.3 → 1.03×.
        assertTrue(page.contains("<td>1000x1024</td><td>1</td><td>1024000</td><td>368.6</td><td>0.3600</td><td>1.20×</td>"));
        assertTrue(page.contains("2 threads at 1M: not measured (sizes 64K, 16M; --thorough measures 1M)."));
        // sgd-momentum at 16M: 20 B / 0.3 ns = 66.7 GB/s of 70 (95%); 20 B / 0.1875 ns = 106.7 of 112 (95%).
        assertTrue(page.contains("At 16M, ≥ 90% of the roofline: on 1 thread sgd-momentum (95%); on 2 threads sgd-momentum (95%); "
                + "of 2 rule(s)."));
        assertTrue(page.contains("1000x1024 as separate float[] 1.2× on 1 thread (met), 1.2× on 2 threads (met)"));
        assertTrue(page.contains("treat them with care: adam 16M 2T (1.8×)."), "the unsteady thread result is named");

        assertEquals(Synthetic.RULES.size() * Synthetic.SIZES.size() + 1, files.get("scaling.csv").split("\r\n").length);
        assertTrue(files.get("scaling.csv").contains("\r\nadam,16777216,16,12,0.5,0.3125,1.6,56,89.6,copy4r3w,70,112,80,80,1.02,1.8\r\n"),
                files.get("scaling.csv"));
        assertEquals(data.threads().probes().size() + 1, files.get("thread-probes.csv").split("\r\n").length);
        assertTrue(files.get("thread-probes.csv").contains("\r\ncopy4r3w,16777216,2,4194304,1,112,70,1.01\r\n"));
        assertEquals(7, files.get("multi-tensor.csv").split("\r\n").length);
        assertTrue(files.get("multi-tensor.csv").startsWith("layout,threads,parameters,elements,ns_per_step,ns_error_999,"
                + "ns_per_element,ratio_to_1x1048576,iteration_spread\r\n1x1048576,1,1,1048576,"));
        String json = files.get("report.json");
        assertTrue(json.contains("\"threads\": {") && json.contains("\"multiTensor\": [") && json.contains("\"twoThreadRooflineGBs\": 112"),
                json);
        assertTrue(json.contains("\"speedup\": 1.6") && json.contains("\"layout\": \"1000x1024/block\""));
        assertTrue(json.contains("2 threads at 1M: not measured"));
    }

    @Test
    void theLateStepsStandBesideTheSameStepsFromStep10() {
        String page = files.get("report.html");
        assertTrue(page.contains("<h3>Late in a run</h3>"));
        // adam 64K native: 0.14 ns/element from step 10 (Synthetic's vector step), 0.1 late.
        assertTrue(page.contains("<td>adam</td><td>64K</td><td>native</td><td>0.1400</td><td>0.1000</td><td>1.40×</td>"), page);
        assertTrue(page.contains("<td>sgd-momentum</td><td>64K</td><td>float[]</td><td>0.1040</td><td>0.1040</td><td>1.00×</td>"));
        assertTrue(page.contains("<th>from step 100,000</th>"));
        String csv = files.get("late.csv");
        assertEquals(data.late().size() + 1, csv.split("\r\n").length);
        assertTrue(csv.startsWith("rule,size,memory,from_step,ns_per_step,ns_error_999,ns_per_element,ns_per_element_from_step_10,"
                + "early_over_late,iteration_spread\r\n"), csv);
        String[] adam = csv.lines().filter(l -> l.startsWith("adam,65536,native,100000,")).findFirst().orElseThrow().split(",");
        assertEquals(0.1, Double.parseDouble(adam[6]), 1e-12, "late ns per element");
        assertEquals(0.14, Double.parseDouble(adam[7]), 1e-12, "from step 10");
        assertEquals(1.4, Double.parseDouble(adam[8]), 1e-12, "early over late");
        String json = files.get("report.json");
        assertTrue(json.contains("\"late\": [") && json.contains("\"fromStep\": 100000") && json.contains("\"earlyOverLate\": 1.4"),
                json);
    }

    @Test
    void theTransformsStandScalarBesideSimdAndNameWhereSimdIsSlower() {
        String page = files.get("report.html");
        assertTrue(page.contains("<h3>Gradient transforms</h3>"));
        assertTrue(page.contains("<td>maxAbs</td><td>∞-norm clip: the norm</td><td>4 R = 4 B</td><td>64K</td><td>native</td>"
                + "<td>0.3000</td><td>0.1000</td><td>40.0</td><td>3.00×</td>"), page);
        assertTrue(page.contains("<td>clamp</td><td>value clip</td><td>4 R + 4 W = 8 B</td><td>16M</td><td>float[]</td>"
                + "<td>0.3000</td><td>0.3300</td><td>24.2</td><td>0.91×</td>"), page);
        assertTrue(page.contains("Transforms: SIMD/scalar 0.909× to 3×; SIMD slower than scalar: clamp 16M float[] (0.909×)."), page);
        String csv = files.get("transforms.csv");
        assertEquals(data.transforms().size() + 1, csv.split("\r\n").length);
        assertTrue(csv.startsWith("transform,size,kernels,memory,ns_per_call,ns_error_999,ns_per_element,bytes_per_element,"
                + "gb_per_s,simd_over_scalar,iteration_spread\r\n"), csv);
        String[] clamp = csv.lines().filter(l -> l.startsWith("clamp,16777216,vector,array,")).findFirst().orElseThrow().split(",");
        assertEquals(0.33, Double.parseDouble(clamp[6]), 1e-12, "ns per element");
        assertEquals(8 / 0.33, Double.parseDouble(clamp[8]), 1e-9, "GB/s");
        assertEquals(0.3 / 0.33, Double.parseDouble(clamp[9]), 1e-12, "SIMD over scalar");
        assertTrue(csv.lines().filter(l -> l.contains(",scalar,")).allMatch(l -> l.split(",", -1)[9].isEmpty()), "no ratio on scalar rows");
        assertTrue(files.get("report.json").contains("\"transform\": \"allFinite\""));
    }

    @Test
    void swatsStandsBesideItsSumsAlone() {
        Map<String, String> f = ReportFiles.render(Synthetic.withSwatsFloor());
        assertTrue(f.containsKey("swats-floor.csv"), f.keySet().toString());
        String page = f.get("report.html");
        assertTrue(page.contains("<h3>SWATS's sums in the plain loop</h3>"));
        // 64K native: sums 0.8, SIMD 1.0, scalar 3.2 ns/element; SIMD/sums 1.25, SIMD/scalar 3.2, scalar/sums 4.
        assertTrue(page.contains("<td>64K</td><td>native</td><td>0.8000</td><td>1.0000</td><td>3.2000</td><td>1.25×</td>"
                + "<td>3.20×</td><td>4.00×</td>"), page);
        String csv = f.get("swats-floor.csv");
        assertEquals(5, csv.split("\r\n").length, "a header and one row per size and memory kind");
        assertTrue(csv.startsWith("size,memory,sums_ns_per_call,sums_ns_error_999,sums_ns_per_element,simd_ns_per_element,"
                + "scalar_ns_per_element,simd_over_sums,simd_over_scalar,scalar_over_sums,simd_percent_of_probe,"
                + "sums_percent_of_probe,sums_iteration_spread\r\n"), csv);
        String[] big = csv.lines().filter(l -> l.startsWith("16777216,array,")).findFirst().orElseThrow().split(",");
        assertEquals(0.9, Double.parseDouble(big[4]), 1e-12, "sums ns per element");
        assertEquals(1.1 / 0.9, Double.parseDouble(big[7]), 1e-12, "SIMD over sums");
        assertEquals(3.2 / 0.9, Double.parseDouble(big[9]), 1e-12, "scalar over sums");
        // The sums' share of the probe is the step's share scaled by SIMD time ÷ sums time.
        assertEquals(Double.parseDouble(big[10]) * 1.1 / 0.9, Double.parseDouble(big[11]), 1e-9);
        String json = f.get("report.json");
        assertTrue(json.contains("\"swatsFloor\": [") && json.contains("\"scalarOverSums\": 4"), json);
        assertTrue(page.contains("SWATS&#39;s sums alone 16M (1.6×)"), "unsteady sums are named (HTML-escaped)");
    }

    @Test
    void withoutThreadsNoThreadFiles() {
        ReportData d = new ReportData(data.generated(), data.profile(), data.coverage(), data.machine(), data.steps(), data.probes(),
                List.of(), List.of(), null, List.of(), null, List.of());
        Map<String, String> f = ReportFiles.render(d);
        assertEquals(List.of("steps.csv", "probes.csv", "plots.csv", "report.json", "report.html"), List.copyOf(f.keySet()));
        assertFalse(f.get("report.html").contains("Threads and many parameters"));
        assertFalse(f.get("report.html").contains("Late in a run"));
        assertFalse(f.get("report.html").contains("SWATS's sums in the plain loop"), "no SWATS, no table of its sums");
        assertFalse(f.get("report.html").contains("Gradient transforms"), "no transforms, no table");
        assertTrue(f.get("report.json").contains("\"transforms\": []"));
        assertTrue(f.get("report.json").contains("\"swatsFloor\": []"));
        assertTrue(f.get("report.json").contains("\"late\": []"));
        assertTrue(f.get("report.json").contains("\"threads\": {") && f.get("report.json").contains("\"steps\": []"));
    }
}
