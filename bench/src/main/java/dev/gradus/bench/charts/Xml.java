package dev.gradus.bench.charts;

import java.util.Locale;

/** Escaping and number formatting for XML (XHTML and SVG) text. */
public final class Xml {
    private Xml() {
    }

    /** Text or attribute value with {@code & < > " '} escaped. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A pixel coordinate. */
    static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A value for people: 3 significant digits, e-notation for very large or small magnitudes. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            // 3 significant digits in e-notation, trailing zeros dropped: 1e-4, 2.5e-5, 1.23e7.
            String[] me = String.format(Locale.ROOT, "%.2e", v).split("e");
            String mantissa = me[0].contains(".") ? me[0].replaceAll("0+$", "").replaceAll("\\.$", "") : me[0];
            return mantissa + "e" + Integer.parseInt(me[1]);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            s = String.format(Locale.ROOT, "%.0f", v);
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
