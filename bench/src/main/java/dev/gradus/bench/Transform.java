package dev.gradus.bench;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gradient transforms of {@link NormBench} that the report measures: what an optimizer step runs
 * besides the rule when a clip, gradient centralisation or a non-finite policy is set, with their traffic per element.
 */
public enum Transform {
    /** The squared L2 norm of a gradient chunk, in double ({@code GradientClip.norm}). */
    SUM_OF_SQUARES("sumOfSquares", "L2-norm clip: the norm", 4, 0),
    /** The largest |g| ({@code GradientClip.infinityNorm}). */
    MAX_ABS("maxAbs", "∞-norm clip: the norm", 4, 0),
    /** g ← g·c, the norm clips' rescaling when the norm is over the limit. */
    SCALE("scale", "norm clips: the rescaling", 4, 4),
    /** g ← g + c: gradient centralisation's removal of a row's mean (a rule's {@code centralization()}, as Ranger's). */
    ADD("add", "centralisation: the mean's removal", 4, 4),
    /** g ← min(max(g, lo), hi) ({@code GradientClip.value}). */
    CLAMP("clamp", "value clip", 4, 4),
    /** Whether every element is finite: the check of the non-finite policies SKIP and THROW. */
    ALL_FINITE("allFinite", "non-finite check (SKIP, THROW)", 4, 0);

    private final String method;
    private final String usedBy;
    private final int readBytes;
    private final int writeBytes;

    Transform(String method, String usedBy, int readBytes, int writeBytes) {
        this.method = method;
        this.usedBy = usedBy;
        this.readBytes = readBytes;
        this.writeBytes = writeBytes;
    }

    /** The {@link NormBench} method (and the name in the report's files). */
    public String method() {
        return method;
    }

    /** What in an optimizer step runs it. */
    public String usedBy() {
        return usedBy;
    }

    /** Bytes read and written per element. */
    public int bytes() {
        return readBytes + writeBytes;
    }

    /** "4 R + 4 W = 8 B" or "4 R = 4 B". */
    public String describe() {
        return readBytes + " R" + (writeBytes == 0 ? "" : " + " + writeBytes + " W") + " = " + bytes() + " B";
    }

    public static Optional<Transform> byMethod(String method) {
        return Stream.of(values()).filter(t -> t.method.equals(method)).findFirst();
    }
}
