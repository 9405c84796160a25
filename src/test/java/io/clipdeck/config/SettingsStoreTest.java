package io.clipdeck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

  private SettingsStore store() {
    return new SettingsStore(dir.resolve("settings.json"), clock);
  }

  @Test
  void noFileMeansTheDefaultsAndASavedFileReadsBackEqualAndOwnerOnly() throws Exception {
    SettingsStore.Loaded first = store().load();
    assertThat(first.settings()).isEqualTo(Settings.DEFAULTS);
    assertThat(first.problem()).isEmpty();

    Settings changed =
        Settings.DEFAULTS
            .withDashboard(
                new DashboardSettings(
                    Duration.ofSeconds(5), null, Duration.ofHours(48), 0.8, null, null, null))
            .withRedisUrl("redis://127.0.0.1:6379/2")
            .withProvider(
                "openai",
                Settings.DEFAULTS
                    .provider("openai")
                    .withBaseUrl("http://127.0.0.1:11434/v1")
                    .withModel("llama3.2:3b"))
            .withDemoProviders(true);
    store().save(changed);

    assertThat(store().load().settings()).isEqualTo(changed);
    assertThat(Files.getPosixFilePermissions(store().file()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(store().file()))
        .contains("\"version\" : 1", "\"refresh_interval\" : \"PT5S\"", "\"key_ref\"");
  }

  @Test
  void valuesMissingFromTheFileTakeTheirDefaults() throws Exception {
    Files.writeString(
        dir.resolve("settings.json"),
        "{ \"dashboard\": { \"refresh_interval\": \"PT10S\" },"
            + " \"providers\": { \"openai\": { \"base_url\": \"http://127.0.0.1:8080/v1\" } } }");

    Settings loaded = store().load().settings();

    assertThat(loaded.dashboard().refreshInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(loaded.dashboard().chartWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(loaded.provider("openai").baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
    assertThat(loaded.provider("openai").keyRef()).isEqualTo("api/openai/key");
    assertThat(loaded.provider("openai").enabled()).isTrue();
    assertThat(loaded.provider("youtube")).isEqualTo(Settings.DEFAULTS.provider("youtube"));
  }

  @Test
  void aMalformedFileIsKeptNamedWithItsLineAndNeverOverwritten() throws Exception {
    String broken = "{\n  \"dashboard\": {\n    \"refresh_interval\": \"PT2S\",,\n  }\n}\n";
    Files.writeString(dir.resolve("settings.json"), broken);

    SettingsStore store = store();
    SettingsStore.Loaded loaded = store.load();

    assertThat(loaded.settings()).isEqualTo(Settings.DEFAULTS);
    assertThat(loaded.problem().orElseThrow())
        .contains("settings.json line 3, column", "default settings", "unreadable-20261123-101530");
    assertThatThrownBy(() -> store.save(Settings.DEFAULTS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Fix or move");
    assertThat(Files.readString(dir.resolve("settings.json"))).isEqualTo(broken);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .contains("settings.json.unreadable-20261123-101530");
    }
  }

  @Test
  void anInvalidValueIsNamedWithTheLineOfItsSettingAndWhatToType() throws Exception {
    Files.writeString(
        dir.resolve("settings.json"),
        "{\n  \"version\": 1,\n  \"dashboard\": {\n    \"refresh_interval\": \"PT2S\",\n"
            + "    \"chart_window\": \"PT10S\"\n  }\n}\n");

    String problem = store().load().problem().orElseThrow();

    assertThat(problem)
        .contains("settings.json line 5, column 5")
        .contains("dashboard.chart_window is 10s: use 1m to 1d");
  }

  @Test
  void validationSaysWhatToChange() {
    assertThatThrownBy(() -> Settings.DEFAULTS.withRedisUrl("http://cache:6379"))
        .hasMessageContaining("redis://host:port/db");
    assertThatThrownBy(() -> Settings.DEFAULTS.withRedisUrl("redis://user:pw@cache:6379"))
        .hasMessageContaining("no secrets");
    assertThatThrownBy(
            () ->
                Settings.DEFAULTS.withProvider(
                    "openai", Settings.DEFAULTS.provider("openai").withBaseUrl("localhost:11434")))
        .hasMessageContaining("providers.openai.base_url")
        .hasMessageContaining("http://127.0.0.1:11434/v1");
    assertThatThrownBy(
            () ->
                new DashboardSettings(
                    null, null, null, null, null, Duration.ofSeconds(40), Duration.ofSeconds(30)))
        .hasMessageContaining("dashboard.long_query_alert is 30s: use 40s to 1d");
    assertThatThrownBy(() -> Settings.DEFAULTS.provider("vimeo"))
        .hasMessageContaining("youtube, openai, stability, elevenlabs");
  }
}
