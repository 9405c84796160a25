package io.clipdeck.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Median, 90th percentile and maximum of a list of figures, as the FX benchmarks report them. */
record FxStats(double median, double p90, double max) {

  static <T> FxStats of(List<T> samples, ToDoubleFunction<T> figure) {
    double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
    if (values.length == 0) {
      return new FxStats(Double.NaN, Double.NaN, Double.NaN);
    }
    return new FxStats(
        values[(values.length - 1) / 2],
        values[(int) Math.ceil(0.9 * values.length) - 1],
        values[values.length - 1]);
  }

  /** "median / p90 / max" in milliseconds, one decimal. */
  String cells() {
    return String.format(Locale.ROOT, "%.1f | %.1f | %.1f", median, p90, max);
  }
}
