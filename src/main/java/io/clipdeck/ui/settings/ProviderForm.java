package io.clipdeck.ui.settings;

import io.clipdeck.config.ProviderSettings;
import io.clipdeck.ui.fx.Fields;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One provider's fields in the Settings view; the key field is cleared once stored. */
public final class ProviderForm {

  private final String id;
  private final String title;
  private final BooleanProperty enabled = new SimpleBooleanProperty();
  private final StringProperty baseUrl = new SimpleStringProperty("");
  private final StringProperty model = new SimpleStringProperty("");
  private final StringProperty perMinute = new SimpleStringProperty("");
  private final StringProperty perHour = new SimpleStringProperty("");
  private final StringProperty key = new SimpleStringProperty("");
  private final StringProperty keyState = new SimpleStringProperty("");
  private ProviderSettings loaded;
  private int keyStateTicket;

  ProviderForm(String id, String title) {
    this.id = id;
    this.title = title;
  }

  void show(ProviderSettings settings) {
    loaded = settings;
    enabled.set(settings.enabled());
    baseUrl.set(settings.baseUrl());
    model.set(settings.model());
    perMinute.set(Long.toString(settings.requestsPerMinute()));
    perHour.set(Long.toString(settings.requestsPerHour()));
  }

  /**
   * Starts a change of the key state and returns its ticket. Only the newest change may show its
   * result, so a slow read of the vault started before a store never overwrites "Key stored".
   */
  int beginKeyStateChange() {
    return ++keyStateTicket;
  }

  void finishKeyStateChange(int ticket, String state) {
    if (ticket == keyStateTicket) {
      keyState.set(state);
    }
  }

  /** The typed values over what was loaded (the daily budgets and key reference stay). */
  ProviderSettings read() {
    return loaded
        .withEnabled(enabled.get())
        .withBaseUrl(baseUrl.get())
        .withModel(model.get())
        .withLimits(
            Fields.wholeNumber(title + " requests per minute", perMinute.get()),
            Fields.wholeNumber(title + " requests per hour", perHour.get()));
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public BooleanProperty enabledProperty() {
    return enabled;
  }

  public StringProperty baseUrlProperty() {
    return baseUrl;
  }

  public StringProperty modelProperty() {
    return model;
  }

  public StringProperty perMinuteProperty() {
    return perMinute;
  }

  public StringProperty perHourProperty() {
    return perHour;
  }

  /** A new key typed in the password field: stored in the vault, then cleared. */
  public StringProperty keyProperty() {
    return key;
  }

  /** "Key stored in api/openai/key" or "No key stored". */
  public StringProperty keyStateProperty() {
    return keyState;
  }

  String keyRef() {
    return loaded.keyRef();
  }
}
