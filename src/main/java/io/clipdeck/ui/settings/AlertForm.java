package io.clipdeck.ui.settings;

import io.clipdeck.config.AlertSettings;
import io.clipdeck.config.Durations;
import io.clipdeck.ui.fx.Fields;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The provider and query-error alert thresholds in the Settings view; shares as percents. */
public final class AlertForm {

  private final StringProperty providerErrorRate = new SimpleStringProperty("");
  private final StringProperty errorWindow = new SimpleStringProperty("");
  private final StringProperty minimumCalls = new SimpleStringProperty("");
  private final StringProperty quotaNearlySpent = new SimpleStringProperty("");
  private final StringProperty queryErrorRate = new SimpleStringProperty("");

  void show(AlertSettings settings) {
    providerErrorRate.set(percent(settings.providerErrorRate()));
    errorWindow.set(Durations.words(settings.errorWindow()));
    minimumCalls.set(Long.toString(settings.minimumCalls()));
    quotaNearlySpent.set(percent(settings.quotaNearlySpent()));
    queryErrorRate.set(percent(settings.queryErrorRate()));
  }

  /** The typed thresholds, validated by {@link AlertSettings} (the message names the setting). */
  AlertSettings read() {
    return new AlertSettings(
        Fields.decimal("Provider error rate alert", providerErrorRate.get()) / 100,
        Durations.parse("Error rate window", errorWindow.get()),
        (long) Fields.wholeNumber("Calls before a rate is judged", minimumCalls.get()),
        Fields.decimal("Quota nearly spent alert", quotaNearlySpent.get()) / 100,
        Fields.decimal("Query error rate alert", queryErrorRate.get()) / 100);
  }

  private static String percent(double share) {
    double percent = share * 100;
    return percent == Math.rint(percent)
        ? Long.toString(Math.round(percent))
        : Double.toString(percent);
  }

  public StringProperty providerErrorRateProperty() {
    return providerErrorRate;
  }

  public StringProperty errorWindowProperty() {
    return errorWindow;
  }

  public StringProperty minimumCallsProperty() {
    return minimumCalls;
  }

  public StringProperty quotaNearlySpentProperty() {
    return quotaNearlySpent;
  }

  public StringProperty queryErrorRateProperty() {
    return queryErrorRate;
  }
}
