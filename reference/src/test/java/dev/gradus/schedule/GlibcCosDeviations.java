package dev.gradus.schedule;

import dev.gradus.testing.GoldenFile;
import dev.gradus.testing.GoldenFiles;
import dev.gradus.testing.ScheduleCatalog;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The golden schedule values that {@code Math.cos} cannot reproduce: at these arguments the
 * generator's glibc {@code cos} (Python's {@code math.cos}) is 1 ulp away from the correctly
 * rounded cosine, which is what {@code Math.cos} returns (spec §0.5: no Java function agrees with
 * glibc everywhere; the spec prescribes {@code Math.cos}). {@link ScheduleGoldenTest} accepts
 * exactly these values with exactly 1 ulp of difference; {@link #theCauseIsGlibcsCosine()} proves the
 * cause for each one.
 *
 * <p>The glibc values were printed by Python 3 {@code math.cos} on glibc 2.36 (Debian), which
 * reproduces the golden files' values bit for bit.
 */
class GlibcCosDeviations {

    /**
     * One deviating value of a one-cycle cosine anneal {@code b + ((a − b)/2.0)·(cos(x) + 1)}.
     *
     * @param file     the golden file
     * @param series   the series name
     * @param t        the index
     * @param x        the cosine's argument {@code π·pct} at that index
     * @param glibcCos glibc's {@code cos(x)}
     * @param a        the phase's start value
     * @param b        the phase's end value
     */
    private record Deviation(String file, String series, int t, double x, double glibcCos,
                             ToDoubleFunction<OneCycle> a, ToDoubleFunction<OneCycle> b) {
        String where() {
            return series + "[" + t + "][0]";
        }
    }

    private static final List<Deviation> ALL = List.of(
            // two phases, second phase (maxLr → min): pct = (76 − 29)/(99 − 29)
            new Deviation("onecyclelr-cos_2phase_sgd-float64.txt", "lr", 76, 2.1093550674102897, -0.512899277405906,
                    OneCycle::maxLr, OneCycle::minLr),
            // three phases, third phase (initial → min): pct = (131 − 88)/(149 − 88)
            new Deviation("onecyclelr-cos_3phase_adam-float64.txt", "lr", 131, 2.2145653131862475, -0.6002142805483681,
                    OneCycle::initialLr, OneCycle::minLr));

    /** The deviating values of one golden file, as {@code series[t][column]}. */
    static Set<String> forFile(String file) {
        return ALL.stream().filter(d -> d.file().equals(file)).map(Deviation::where).collect(Collectors.toSet());
    }

    @Test
    void theCauseIsGlibcsCosine() {
        for (Deviation d : ALL) {
            GoldenFile f = GoldenFile.read(GoldenFiles.directory().resolve(d.file()));
            OneCycle c = (OneCycle) ScheduleCatalog.learningRate(f, Form.RECURSIVE);
            double golden = f.doubles(d.series(), Integer.toString(d.t()))[0];
            double a = d.a().applyAsDouble(c);
            double b = d.b().applyAsDouble(c);
            String what = d.file() + " " + d.where();
            assertEquals(bits(golden), bits(b + (a - b) / 2.0 * (d.glibcCos() + 1)), what + ": glibc's cos gives the golden value");
            assertEquals(bits(c.valueAt(d.t())), bits(b + (a - b) / 2.0 * (Math.cos(d.x()) + 1)), what + ": x is our argument");
            assertEquals(bits(correctlyRoundedCos(d.x())), bits(Math.cos(d.x())), what + ": Math.cos is correctly rounded");
            assertEquals(1, Math.abs(bits(d.glibcCos()) - bits(Math.cos(d.x()))), what + ": glibc's cos is 1 ulp off");
        }
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** cos(x) by its Taylor series in 80-digit decimal arithmetic, rounded once to double. */
    static double correctlyRoundedCos(double x) {
        MathContext mc = new MathContext(80);
        BigDecimal x2 = new BigDecimal(x).pow(2, mc);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal tiny = new BigDecimal("1e-70");
        for (int n = 0; term.abs().compareTo(tiny) > 0; n++) {
            sum = sum.add(term, mc);
            term = term.multiply(x2, mc).divide(BigDecimal.valueOf((2L * n + 1) * (2L * n + 2)), mc).negate();
        }
        return sum.doubleValue();
    }
}
