package io.clipdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.Provider;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.DashboardSettings;
import io.clipdeck.config.Settings;
import io.clipdeck.testing.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings saved, applied and read back by a restarted console; providers wired from them. */
class SettingsAndProvidersTest {

  @TempDir Path root;

  private AppContext.Options options(Map<String, String> environment) {
    return new AppContext.Options(
        AppPaths.under(root), Clock.systemUTC(), Duration.ofSeconds(10), 1_000, environment);
  }

  @Test
  void savedSettingsAreAppliedAndARestartedConsoleHasTheSameValues() {
    Settings changed;
    try (AppContext context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)))) {
      assertThat(context.settings()).isEqualTo(Settings.DEFAULTS);
      changed =
          context
              .settings()
              .withDashboard(
                  new DashboardSettings(
                      Duration.ofSeconds(5),
                      Duration.ofMinutes(30),
                      Duration.ofHours(48),
                      0.75,
                      Duration.ofMillis(400),
                      Duration.ofSeconds(10),
                      Duration.ofSeconds(60)))
              .withProvider(
                  "openai",
                  context
                      .settings()
                      .provider("openai")
                      .withBaseUrl("http://127.0.0.1:11434/v1")
                      .withModel("llama3.2:3b")
                      .withLimits(30, 500))
              .withDemoProviders(true);
      context.updateSettings(changed);

      assertThat(context.alerts().rules().poolSaturation()).isEqualTo(0.75);
      assertThat(context.alerts().rules().longStatement()).isEqualTo(Duration.ofSeconds(60));
    }
    try (AppContext restarted = new AppContext(AppContext.Options.isolated(AppPaths.under(root)))) {
      assertThat(restarted.settings()).isEqualTo(changed);
      assertThat(restarted.settingsProblem()).isEmpty();
      assertThat(restarted.alerts().rules().slowBorrow()).isEqualTo(Duration.ofMillis(400));
    }
  }

  @Test
  void withNothingConfiguredTheDemoProvidersAnswerAndAreLabelledSimulated() {
    try (AppContext context = new AppContext(options(Map.of("CLIPDECK_MASTER_PASSWORD", "m")))) {
      ProviderClients clients = context.providers();

      assertThat(clients.simulated()).isTrue();
      assertThat(clients.youtube().videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached()))
          .hasSize(1);
      assertThat(clients.openAi().api().config().baseUri().getHost()).isEqualTo("127.0.0.1");
      assertThat(context.testProvider(Provider.ELEVENLABS)).contains("(simulated)", "voices");
      assertThat(context.providerStates())
          .allSatisfy(state -> assertThat(state.simulated()).isTrue());
      assertThat(context.providers()).isSameAs(clients);
    }
  }

  /**
   * A key set in the vault is used for the real provider (here a simulator that requires it, at a
   * changed address), and no form of it reaches settings.json, any file, the log or an error.
   */
  @Test
  void aStoredKeyIsUsedAndNeverWrittenOrLogged() throws Exception {
    String key = "AIzaSy-settings-" + System.nanoTime();
    String master = "master-" + System.nanoTime();
    try (ProviderSimulator real =
        ProviderSimulator.start(SimulatorSettings.defaults().requireKey(Provider.YOUTUBE, key))) {
      String problem;
      List<io.clipdeck.logging.LogBuffer.Entry> log;
      try (AppContext context =
          new AppContext(
              options(Map.of("CLIPDECK_MASTER_PASSWORD", master, "TMPDIR", root.toString())))) {
        Settings settings = context.settings();
        context.updateSettings(
            settings.withProvider(
                "youtube",
                settings
                    .provider("youtube")
                    .withBaseUrl(real.baseUri(Provider.YOUTUBE).toString())));
        assertThatThrownBy(() -> context.testProvider(Provider.YOUTUBE))
            .isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.UNAUTHORIZED));

        context.secrets().put(settings.provider("youtube").keyRef(), key.toCharArray());
        assertThat(context.providers().simulated()).isFalse();
        assertThat(context.testProvider(Provider.YOUTUBE)).contains("YouTube: answered", "1 video");
        assertThat(context.providerStates().getFirst().keyStored()).isTrue();

        // A wrong key: the error names the provider, never the key.
        context.secrets().put(settings.provider("youtube").keyRef(), (key + "x").toCharArray());
        ApiException refused =
            (ApiException)
                org.assertj.core.api.Assertions.catchThrowable(
                    () -> context.testProvider(Provider.YOUTUBE));
        problem = refused.getMessage();
        log = context.logBuffer().snapshot();
      }
      List<String> secrets = List.of(key, master);
      assertThat(Files.readString(root.resolve("config/settings.json")))
          .contains("\"key_ref\" : \"api/youtube/key\"");
      assertThat(SecretScan.filesMentioning(secrets, root)).isEmpty();
      String logText =
          log.stream()
              .map(entry -> entry.logger() + " " + entry.message())
              .collect(Collectors.joining("\n"));
      assertThat(SecretScan.textMentioning("log", logText, secrets)).isEmpty();
      assertThat(SecretScan.textMentioning("error", problem, secrets)).isEmpty();
    }
  }
}
