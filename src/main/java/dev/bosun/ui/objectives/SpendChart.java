package dev.bosun.ui.objectives;

import dev.bosun.store.Sessions.UsagePoint;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * An objective's spend over time, a small chart in its detail: the running total of its agents' cost (or of their
 * tokens, for agents that report no cost) at each turn they reported, with the totals above it.
 */
final class SpendChart {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private final Label total = new Label("Spend");
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis amount = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, amount);
    private final VBox box;

    SpendChart() {
        total.getStyleClass().add("detail-title");
        total.setId("objectiveSpend");
        time.setForceZeroInRange(false);
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return CLOCK.format(Instant.ofEpochSecond(seconds.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        chart.setId("objectiveSpendChart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setPrefHeight(150);
        chart.setMinHeight(120);
        box = new VBox(2, total, chart);
        show(List.of());
    }

    Node node() {
        return box;
    }

    /** FX thread: the points of one objective, oldest first (none: a note instead of an empty chart). */
    void show(List<UsagePoint> points) {
        long tokens = points.stream().mapToLong(UsagePoint::tokens).sum();
        double cost = points.stream().mapToDouble(UsagePoint::costUsd).sum();
        boolean inDollars = cost > 0;
        total.setText(points.isEmpty() ? "Spend: no tokens reported yet"
                : String.format(Locale.ROOT, "Spend: %,d tokens%s over %d turn%s", tokens,
                        inDollars ? String.format(Locale.ROOT, ", $%.2f", cost) : "", points.size(),
                        points.size() == 1 ? "" : "s"));
        amount.setLabel(inDollars ? "$" : "tokens");
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        double running = 0;
        for (UsagePoint p : points) {
            running += inDollars ? p.costUsd() : p.tokens();
            series.getData().add(new XYChart.Data<>(p.at().getEpochSecond(), running));
        }
        chart.getData().setAll(List.of(series));
        chart.setVisible(!points.isEmpty());
        chart.setManaged(!points.isEmpty());
    }
}
