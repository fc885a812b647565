package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {
    @Test
    void log2LabelsAreBpftraces() {
        assertEquals("[0]", HistogramBuckets.log2Label(0));
        assertEquals("[1]", HistogramBuckets.log2Label(1));
        assertEquals("[2, 4)", HistogramBuckets.log2Label(2));
        assertEquals("[8, 16)", HistogramBuckets.log2Label(4));
        assertEquals("[512, 1K)", HistogramBuckets.log2Label(10));
        assertEquals("[1K, 2K)", HistogramBuckets.log2Label(11));
        assertEquals("[512K, 1M)", HistogramBuckets.log2Label(20));
        assertEquals("[8E, 16E)", HistogramBuckets.log2Label(64));
        assertEquals(1L << 10, HistogramBuckets.log2Lower(11));
        assertThrows(IllegalArgumentException.class, () -> HistogramBuckets.log2Label(65));
    }

    @Test
    void linearLabels() {
        assertEquals("[3]", HistogramBuckets.linearLabel(3, 1));
        assertEquals("[30, 40)", HistogramBuckets.linearLabel(3, 10));
    }

    @Test
    void barsScaleToTheLargestAndARareOneStillShows() {
        StringWriter s = new StringWriter();
        BarChart.print(new PrintWriter(s, true), List.of(new BarChart.Bar("[0]", 1000), new BarChart.Bar("[1]", 0),
                new BarChart.Bar("[2, 4)", 1), new BarChart.Bar("[4, 8)", 500)), 10);
        assertEquals(String.join(System.lineSeparator(),
                "[0]    1000 |@@@@@@@@@@|",
                "[1]       0 |          |",
                "[2, 4)    1 |@         |",
                "[4, 8)  500 |@@@@@     |", ""), s.toString());
    }
}
