package dev.gradus.bench.output;

import dev.gradus.bench.charts.BarPlot;
import dev.gradus.bench.charts.Plot;
import dev.gradus.bench.charts.Series;
import dev.gradus.bench.charts.Table;
import dev.gradus.bench.race.ClaimResult;
import dev.gradus.bench.race.RaceResult;
import dev.gradus.bench.race.TrainingRun;
import dev.gradus.bench.results.ProbeResult;
import dev.gradus.bench.results.ReportData;
import dev.gradus.bench.results.StepRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The whole report as one JSON document. */
final class JsonReport {
    private JsonReport() {
    }

    static Map<String, Object> of(ReportData d, List<Plot> plots) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generated", d.generated());
        m.put("profile", d.profile());
        m.put("coverage", d.coverage());
        m.put("notes", d.notes());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", d.machine().cpuModel());
        machine.put("cores", d.machine().cores());
        machine.put("memory", d.machine().memory());
        machine.put("os", d.machine().os());
        machine.put("jdk", d.machine().jdk());
        machine.put("kernels", d.machine().kernels());
        machine.put("vectorBits", d.machine().vectorBits());
        machine.put("fallbackReason", d.machine().fallbackReason());
        m.put("machine", machine);
        List<Object> steps = new ArrayList<>();
        for (var s : d.steps()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", s.rule());
            x.put("size", s.size());
            x.put("kernels", s.kernels());
            x.put("memory", s.memory());
            x.put("nsPerStep", s.nsPerCall());
            x.put("nsError999", s.errorNs());
            x.put("nsPerElement", s.nsPerElement());
            x.put("iterationSpread", s.spread());
            steps.add(x);
        }
        m.put("steps", steps);
        List<Object> transforms = new ArrayList<>();
        for (var r : d.transformRows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("transform", r.transform().method());
            x.put("size", r.size());
            x.put("memory", r.memory());
            x.put("bytesPerElement", r.transform().bytes());
            x.put("scalarNsPerElement", r.scalarNs());
            x.put("simdNsPerElement", r.vectorNs());
            x.put("simdOverScalar", r.vectorSpeedup());
            transforms.add(x);
        }
        m.put("transforms", transforms);
        List<Object> floor = new ArrayList<>();
        for (var r : d.swatsFloorRows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("size", r.step().size());
            x.put("memory", r.step().memory());
            x.put("sumsNsPerCall", r.floor().nsPerCall());
            x.put("sumsNsError999", r.floor().errorNs());
            x.put("sumsNsPerElement", r.floorNs());
            x.put("simdOverSums", r.vectorOverFloor());
            x.put("scalarOverSums", r.speedupCap());
            x.put("sumsPercentOfProbe", r.percentCap());
            x.put("sumsIterationSpread", r.floor().spread());
            floor.add(x);
        }
        m.put("swatsFloor", floor);
        List<Object> late = new ArrayList<>();
        for (var r : d.lateRows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", r.late().rule());
            x.put("size", r.late().size());
            x.put("memory", r.late().memory());
            x.put("fromStep", r.late().fromStep());
            x.put("nsPerStep", r.late().nsPerCall());
            x.put("nsError999", r.late().errorNs());
            x.put("nsPerElement", r.lateNs());
            x.put("earlyNsPerElement", r.earlyNs());
            x.put("earlyOverLate", r.speedup());
            x.put("iterationSpread", r.late().spread());
            late.add(x);
        }
        m.put("late", late);
        List<Object> rows = new ArrayList<>();
        for (StepRow r : d.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", r.rule());
            x.put("size", r.size());
            x.put("memory", r.memory());
            x.put("readBytes", r.traffic() == null ? null : r.traffic().readBytes());
            x.put("writeBytes", r.traffic() == null ? null : r.traffic().writeBytes());
            x.put("scalarNsPerElement", r.scalarNs());
            x.put("simdNsPerElement", r.vectorNs());
            x.put("scalarGBs", r.scalarGBs());
            x.put("simdGBs", r.vectorGBs());
            x.put("probe", r.probe() == null ? null : r.probe().method());
            x.put("probeGBs", r.probeGBs());
            x.put("scalarPercentOfProbe", r.scalarPercent());
            x.put("simdPercentOfProbe", r.vectorPercent());
            x.put("simdOverScalar", r.vectorSpeedup());
            rows.add(x);
        }
        m.put("figures", rows);
        List<Object> probes = new ArrayList<>();
        for (ProbeResult p : d.probes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("probe", p.probe().method());
            x.put("size", p.size());
            x.put("memory", p.memory());
            x.put("readBytes", p.probe().traffic().readBytes());
            x.put("writeBytes", p.probe().traffic().writeBytes());
            x.put("nsPerCall", p.nsPerCall());
            x.put("nsError999", p.errorNs());
            x.put("gbPerSecond", p.gbPerSecond());
            x.put("iterationSpread", p.spread());
            probes.add(x);
        }
        m.put("probes", probes);
        m.put("threads", ThreadFiles.json(d));
        m.put("race", d.raceResult().map(JsonReport::race).orElse(null));
        m.put("charts", plots.stream().map(JsonReport::plot).toList());
        return m;
    }

    private static Map<String, Object> race(RaceResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        var s = r.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rules", s.rules());
        settings.put("epochs", s.epochs());
        settings.put("batchSize", s.batchSize());
        settings.put("seed", s.seed());
        settings.put("trainRows", s.trainRows());
        settings.put("seeds", s.seeds());
        settings.put("warmupRates", s.warmupRates());
        settings.put("warmupSteps", s.warmupSteps());
        settings.put("earlySteps", s.earlySteps());
        settings.put("checkpointEvery", s.checkpointEvery());
        settings.put("sweepRates", s.sweepRates());
        m.put("settings", settings);
        m.put("kernels", r.kernels());
        m.put("data", r.data());
        List<Object> runs = new ArrayList<>();
        for (TrainingRun t : r.runs()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("model", t.model().id());
            x.put("optimizer", t.label());
            x.put("lr", t.learningRate());
            x.put("seed", t.seed());
            x.put("trainLoss", t.epochLoss());
            x.put("trainAccuracy", t.trainAccuracy());
            x.put("testAccuracy", t.testAccuracy());
            x.put("wallMs", t.trainNanos() / 1e6);
            x.put("medianEpochMs", t.medianEpochMillis());
            x.put("steps", t.steps());
            runs.add(x);
        }
        m.put("runs", runs);
        m.put("findings", r.findings());
        List<Object> claims = new ArrayList<>();
        for (ClaimResult c : r.claims()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", c.id());
            x.put("title", c.title());
            x.put("status", c.status().name().toLowerCase(Locale.ROOT));
            x.put("setup", c.setup());
            x.put("table", table(c.table()));
            x.put("findings", c.findings());
            x.put("charts", c.plots().stream().map(Plot::id).toList());
            claims.add(x);
        }
        m.put("claims", claims);
        return m;
    }

    private static Object table(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("header", t.header());
        m.put("rows", t.rows());
        return m;
    }

    private static Map<String, Object> plot(Plot p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("title", p.title());
        m.put("x", p.xLabel());
        m.put("y", p.yLabel());
        if (p instanceof BarPlot b) {
            m.put("categories", b.categories());
        }
        List<Object> series = new ArrayList<>();
        for (Series s : p.series()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", s.name());
            if (!(p instanceof BarPlot)) {
                x.put("x", s.x());
            }
            x.put("y", s.y());
            series.add(x);
        }
        m.put("series", series);
        return m;
    }
}
