package io.clipdeck.ui.settings;

import io.clipdeck.config.ModelPrice;
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
  private final StringProperty maxConnections = new SimpleStringProperty("");
  private final StringProperty key = new SimpleStringProperty("");
  private final StringProperty priceInput = new SimpleStringProperty("");
  private final StringProperty priceOutput = new SimpleStringProperty("");
  private final StringProperty priceUnit = new SimpleStringProperty("");
  private final StringProperty keyState = new SimpleStringProperty("");
  private ProviderSettings loaded;
  private int keyStateTicket;

  ProviderForm(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** What the provider bills in, so the view asks for the prices that apply. */
  public enum PricedIn {
    /** YouTube: quota units, not money. */
    NOTHING,
    TOKENS,
    CHARACTERS,
    IMAGES
  }

  /** How {@link #id()} bills. */
  public PricedIn pricedIn() {
    return switch (id) {
      case "openai" -> PricedIn.TOKENS;
      case "elevenlabs" -> PricedIn.CHARACTERS;
      case "stability" -> PricedIn.IMAGES;
      default -> PricedIn.NOTHING;
    };
  }

  void show(ProviderSettings settings, ModelPrice price) {
    priceInput.set(text(price.inputPerMillionTokens()));
    priceOutput.set(text(price.outputPerMillionTokens()));
    priceUnit.set(
        text(pricedIn() == PricedIn.CHARACTERS ? price.perThousandCharacters() : price.perImage()));
    show(settings);
  }

  private static String text(double price) {
    return price == 0
        ? "0"
        : java.math.BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
  }

  /** The typed price of the typed model, in the units this provider bills. */
  ModelPrice readPrice() {
    return switch (pricedIn()) {
      case TOKENS ->
          new ModelPrice(
              Fields.decimal(title + " price per million input tokens", priceInput.get()),
              Fields.decimal(title + " price per million output tokens", priceOutput.get()),
              0.0,
              0.0);
      case CHARACTERS ->
          new ModelPrice(
              0.0,
              0.0,
              Fields.decimal(title + " price per thousand characters", priceUnit.get()),
              0.0);
      case IMAGES ->
          new ModelPrice(
              0.0, 0.0, 0.0, Fields.decimal(title + " price per image", priceUnit.get()));
      case NOTHING -> ModelPrice.FREE;
    };
  }

  private void show(ProviderSettings settings) {
    loaded = settings;
    enabled.set(settings.enabled());
    baseUrl.set(settings.baseUrl());
    model.set(settings.model());
    perMinute.set(Long.toString(settings.requestsPerMinute()));
    perHour.set(Long.toString(settings.requestsPerHour()));
    maxConnections.set(Long.toString(settings.maxConnections()));
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
            Fields.wholeNumber(title + " requests per hour", perHour.get()))
        .withMaxConnections(Fields.wholeNumber(title + " connections", maxConnections.get()));
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

  /** Requests open to the provider at once, 1 to 1,000. */
  public StringProperty maxConnectionsProperty() {
    return maxConnections;
  }

  /** Price per million input tokens (chat models), in US dollars. */
  public StringProperty priceInputProperty() {
    return priceInput;
  }

  /** Price per million output tokens (chat models), in US dollars. */
  public StringProperty priceOutputProperty() {
    return priceOutput;
  }

  /** Price per thousand characters (speech) or per image (images), in US dollars. */
  public StringProperty priceUnitProperty() {
    return priceUnit;
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
