package io.clipdeck.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.secrets.SecretStore;
import io.clipdeck.testing.SecretScan;
import io.clipdeck.ui.fx.SerialFx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings view's logic on a real composition root and vault, without a toolkit. */
class SettingsViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private SettingsViewModel viewModel;

  @BeforeEach
  void start() {
    context =
        new AppContext(
            new AppContext.Options(
                AppPaths.under(root),
                Clock.systemUTC(),
                Duration.ofSeconds(10),
                500,
                Map.of("CLIPDECK_MASTER_PASSWORD", "master-" + System.nanoTime())));
    viewModel =
        new SettingsViewModel(
            context::settings,
            context::updateSettings,
            context::secrets,
            context.jobs(),
            new SerialFx());
    viewModel.load();
  }

  @AfterEach
  void stop() {
    context.close();
  }

  private ProviderForm form(String id) {
    return viewModel.providers().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void theFieldsShowTheSettingsAndASaveAppliesThem() {
    assertThat(viewModel.refreshIntervalProperty().get()).isEqualTo("2s");
    assertThat(viewModel.poolSaturationProperty().get()).isEqualTo("90");
    assertThat(form("openai").baseUrlProperty().get()).isEqualTo("https://api.openai.com/v1");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> form("openai").keyStateProperty().get().equals("No key stored"));

    viewModel.refreshIntervalProperty().set("5s");
    viewModel.poolSaturationProperty().set("80");
    viewModel.longQueryAlertProperty().set("1m");
    form("openai").baseUrlProperty().set("http://127.0.0.1:11434/v1");
    form("openai").modelProperty().set("llama3.2:3b");
    form("stability").enabledProperty().set(false);
    viewModel.demoProvidersProperty().set(true);
    viewModel.save();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewModel.statusProperty().get().equals("Saved and applied."));
    assertThat(context.settings().dashboard().refreshInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(context.alerts().rules().poolSaturation()).isEqualTo(0.8);
    assertThat(context.alerts().rules().longStatement()).isEqualTo(Duration.ofMinutes(1));
    assertThat(context.settings().provider("openai").model()).isEqualTo("llama3.2:3b");
    assertThat(context.settings().provider("stability").enabled()).isFalse();
    assertThat(context.settings().demoProviders()).isTrue();
  }

  @Test
  void pricesAndAlertThresholdsAreEditedAndKeptInTheSettings() throws Exception {
    assertThat(form("openai").priceInputProperty().get()).isEqualTo("0.15");
    assertThat(form("openai").priceOutputProperty().get()).isEqualTo("0.6");
    assertThat(form("elevenlabs").priceUnitProperty().get()).isEqualTo("0.3");
    assertThat(form("youtube").pricedIn()).isEqualTo(ProviderForm.PricedIn.NOTHING);
    assertThat(viewModel.alerts().providerErrorRateProperty().get()).isEqualTo("5");
    assertThat(viewModel.alerts().errorWindowProperty().get()).isEqualTo("5m");

    form("openai").modelProperty().set("gpt-4.1-mini");
    form("openai").priceInputProperty().set("0.4");
    form("openai").priceOutputProperty().set("1.6");
    form("stability").priceUnitProperty().set("0.04");
    assertThat(form("openai").maxConnectionsProperty().get()).isEqualTo("16");
    form("openai").maxConnectionsProperty().set("4");
    viewModel.alerts().providerErrorRateProperty().set("20");
    viewModel.alerts().errorWindowProperty().set("10m");
    viewModel.alerts().quotaNearlySpentProperty().set("80");
    viewModel.alerts().queryErrorRateProperty().set("2.5");
    viewModel.save();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewModel.statusProperty().get().equals("Saved and applied."));
    assertThat(context.settings().price("gpt-4.1-mini"))
        .isEqualTo(new io.clipdeck.config.ModelPrice(0.4, 1.6, 0.0, 0.0));
    assertThat(context.settings().price("gpt-4o-mini").inputPerMillionTokens())
        .as("the old model keeps its price")
        .isEqualTo(0.15);
    assertThat(context.settings().price("core").perImage()).isEqualTo(0.04);
    assertThat(context.settings().provider("openai").maxConnections()).isEqualTo(4);
    var alerts = context.settings().alerts();
    assertThat(alerts.providerErrorRate()).isEqualTo(0.2);
    assertThat(alerts.errorWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(alerts.quotaNearlySpent()).isEqualTo(0.8);
    assertThat(alerts.queryErrorRate()).isEqualTo(0.025);
    assertThat(java.nio.file.Files.readString(root.resolve("config/settings.json")))
        .contains("\"gpt-4.1-mini\"", "\"provider_error_rate\"");

    form("openai").priceInputProperty().set("cheap");
    viewModel.save();
    assertThat(viewModel.errorProperty().get())
        .isEqualTo(
            "OpenAI-compatible chat price per million input tokens is 'cheap': type a number such"
                + " as 0.15");
    form("openai").priceInputProperty().set("-1");
    viewModel.save();
    assertThat(viewModel.errorProperty().get())
        .startsWith("prices.gpt-4.1-mini.input_per_million_tokens is -1.0: type a price");
  }

  @Test
  void anInvalidFieldIsExplainedInlineAndNothingIsSaved() {
    viewModel.chartWindowProperty().set("10s");
    viewModel.save();
    assertThat(viewModel.errorProperty().get())
        .isEqualTo("dashboard.chart_window is 10s: use 1m to 1d");

    viewModel.chartWindowProperty().set("15m");
    viewModel.refreshIntervalProperty().set("soon");
    viewModel.save();
    assertThat(viewModel.errorProperty().get())
        .isEqualTo("Refresh interval is 'soon': type a duration such as 2s, 500ms, 15m, 24h or 7d");

    viewModel.refreshIntervalProperty().set("2s");
    form("youtube").perMinuteProperty().set("many");
    viewModel.save();
    assertThat(viewModel.errorProperty().get())
        .contains("YouTube requests per minute is 'many': type a whole number");
    assertThat(root.resolve("config/settings.json")).doesNotExist();
  }

  @Test
  void aTypedKeyGoesToTheVaultTheFieldIsClearedAndNoFileHoldsIt() {
    String key = "sk-view-" + System.nanoTime();
    form("openai").keyProperty().set(key);
    viewModel.storeKey(form("openai"));

    assertThat(form("openai").keyProperty().get()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> form("openai").keyStateProperty().get().startsWith("Key stored"));
    assertThat(new String(context.secrets().get("api/openai/key").orElseThrow())).isEqualTo(key);
    viewModel.save();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewModel.statusProperty().get().equals("Saved and applied."));
    assertThat(SecretScan.filesMentioning(List.of(key), root)).isEmpty();
  }

  @Test
  void aSlowReadOfTheStoredKeysNeverOverwritesAKeyJustStored() throws InterruptedException {
    CountDownLatch readsMayReturn = new CountDownLatch(1);
    SecretStore real = context.secrets();
    // Answers reads late, and with what the vault held before the store below: the order a loaded
    // machine produced in CI.
    SecretStore slowReads =
        new SecretStore() {
          @Override
          public void put(String ref, char[] secret) {
            real.put(ref, secret);
          }

          @Override
          public Optional<char[]> get(String ref) {
            try {
              readsMayReturn.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Optional.empty(); // the empty vault as it was when the read began
          }

          @Override
          public void remove(String ref) {
            real.remove(ref);
          }

          @Override
          public String describe() {
            return real.describe();
          }
        };
    SettingsViewModel slow =
        new SettingsViewModel(
            context::settings,
            context::updateSettings,
            () -> slowReads,
            context.jobs(),
            new SerialFx());
    slow.load();
    ProviderForm openai =
        slow.providers().stream().filter(f -> f.id().equals("openai")).findFirst().orElseThrow();

    openai.keyProperty().set("sk-race-" + System.nanoTime());
    slow.storeKey(openai);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> openai.keyStateProperty().get().startsWith("Key stored"));
    readsMayReturn.countDown();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                slow.providers().stream()
                    .filter(f -> !f.id().equals("openai"))
                    .allMatch(f -> f.keyStateProperty().get().equals("No key stored")));

    assertThat(openai.keyStateProperty().get()).isEqualTo("Key stored (api/openai/key)");
  }
}
