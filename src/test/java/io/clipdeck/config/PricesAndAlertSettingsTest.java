package io.clipdeck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The prices and alert thresholds by their dotted names, as {@code clipdeck settings} uses them.
 */
class PricesAndAlertSettingsTest {

  @Test
  void pricesAndThresholdsAreListedAndSetByName() {
    assertThat(SettingKeys.list(Settings.DEFAULTS))
        .containsEntry("prices.gpt-4o-mini.input_per_million_tokens", "0.15")
        .containsEntry("alerts.error_window", "5m")
        .containsEntry("alerts.provider_error_rate", "0.05");

    Settings changed =
        SettingKeys.set(Settings.DEFAULTS, "prices.gpt-4o-mini.input_per_million_tokens", "0.2");
    changed = SettingKeys.set(changed, "alerts.error_window", "10m");
    changed = SettingKeys.set(changed, "alerts.query_error_rate", "0.1");

    assertThat(changed.price("gpt-4o-mini").inputPerMillionTokens()).isEqualTo(0.2);
    assertThat(changed.price("gpt-4o-mini").outputPerMillionTokens()).isEqualTo(0.6);
    assertThat(changed.alerts().errorWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(changed.alerts().queryErrorRate()).isEqualTo(0.1);
    assertThat(changed.price("unpriced-model")).isEqualTo(ModelPrice.FREE);

    assertThat(Settings.DEFAULTS.provider("openai").maxConnections()).isEqualTo(16);
    changed = SettingKeys.set(changed, "providers.openai.max_connections", "4");
    assertThat(changed.provider("openai").maxConnections()).isEqualTo(4);
  }

  @Test
  void badValuesNameTheSettingAndWhatToType() {
    assertThatThrownBy(() -> SettingKeys.set(Settings.DEFAULTS, "prices.core.per_image", "-0.5"))
        .hasMessageContaining("prices.core.per_image is -0.5: type a price in US dollars of 0");
    assertThatThrownBy(() -> SettingKeys.set(Settings.DEFAULTS, "alerts.quota_nearly_spent", "2"))
        .hasMessageContaining(
            "alerts.quota_nearly_spent is 2.0: use a share above 0 and at most 1");
    assertThatThrownBy(
            () -> SettingKeys.set(Settings.DEFAULTS, "providers.openai.max_connections", "0"))
        .hasMessageContaining("providers.openai.max_connections is 0: use 1 to 1000, e.g. 16");
    assertThatThrownBy(() -> SettingKeys.set(Settings.DEFAULTS, "alerts.error_window", "1s"))
        .hasMessageContaining("alerts.error_window is 1s: use 10s to 1d");
  }
}
