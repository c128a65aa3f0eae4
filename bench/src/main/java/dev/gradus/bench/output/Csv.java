package dev.gradus.bench.output;

import dev.gradus.bench.charts.Table;

import java.util.List;

/** RFC 4180 CSV text. */
public final class Csv {
    private Csv() {
    }

    public static String of(Table t) {
        StringBuilder b = new StringBuilder();
        line(b, t.header());
        t.rows().forEach(r -> line(b, r));
        return b.toString();
    }

    static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(i == 0 ? "" : ",");
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append("\r\n");
    }
}
