package dev.gradus.bench.charts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class XmlTest {

    @Test
    void numbersForPeople() {
        assertEquals("1e-4", Xml.num(1e-4));
        assertEquals("3e-4", Xml.num(3e-4));
        assertEquals("2.5e-5", Xml.num(2.5e-5));
        assertEquals("0.001", Xml.num(1e-3));
        assertEquals("0.00401", Xml.num(0.004011));
        assertEquals("0.1", Xml.num(0.1));
        assertEquals("2.3", Xml.num(2.3));
        assertEquals("123", Xml.num(123.4));
        assertEquals("123456", Xml.num(123_456));
        assertEquals("1.23e7", Xml.num(12_345_678));
        assertEquals("-0.5", Xml.num(-0.5));
        assertEquals("0", Xml.num(0));
        assertEquals("n/a", Xml.num(Double.NaN));
    }

    @Test
    void escapes() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Xml.esc("a <b> & \"c\" 'd'"));
    }
}
