package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.testing.SecretScan;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsAndProvidersCommandTest {

  @TempDir Path root;

  @Test
  void settingsAreShownAndSetWithTheirNamesAndBadValuesAreExplained() throws Exception {
    CliRun show = CliRun.run(root, "settings", "show");
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out())
        .containsPattern("dashboard.refresh_interval +2s")
        .containsPattern("providers.openai.base_url +https://api.openai.com/v1")
        .containsPattern("providers.openai.key_ref +api/openai/key")
        .containsPattern("demo_providers +false");

    CliRun set = CliRun.run(root, "settings", "set", "dashboard.refresh_interval", "5s");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("dashboard.refresh_interval = 5s");
    CliRun local =
        CliRun.run(
            root, "settings", "set", "providers.openai.base_url", "http://127.0.0.1:11434/v1");
    assertThat(local.exitCode()).as(local.err()).isZero();
    assertThat(CliRun.run(root, "settings", "show").out())
        .containsPattern("dashboard.refresh_interval +5s")
        .containsPattern("providers.openai.base_url +http://127.0.0.1:11434/v1");
    assertThat(Files.readString(root.resolve("config/settings.json")))
        .contains("\"refresh_interval\" : \"PT5S\"");

    CliRun bad = CliRun.run(root, "settings", "set", "dashboard.chart_window", "10s");
    assertThat(bad.exitCode()).isEqualTo(ClipdeckCommand.PROBLEM);
    assertThat(bad.err()).contains("dashboard.chart_window is 10s: use 1m to 1d");
    CliRun unknown = CliRun.run(root, "settings", "set", "dashboard.colour", "red");
    assertThat(unknown.err()).contains("'dashboard.colour' is not a setting");
  }

  @Test
  void aKeyIsStoredFromStandardInputListedAsStoredAndNeverWrittenInTheClear() throws Exception {
    String key = "sk-cli-" + System.nanoTime();
    Map<String, String> env = Map.of("CLIPDECK_MASTER_PASSWORD", "master-" + System.nanoTime());
    CliRun demo = CliRun.run(root, env, "settings", "set", "demo_providers", "true");
    assertThat(demo.exitCode()).as(demo.err()).isZero();

    InputStream stdin = System.in;
    CliRun setKey;
    try {
      System.setIn(new ByteArrayInputStream((key + "\n").getBytes(StandardCharsets.UTF_8)));
      setKey = CliRun.run(root, env, "providers", "set-key", "openai");
    } finally {
      System.setIn(stdin);
    }
    assertThat(setKey.exitCode()).as(setKey.err()).isZero();
    assertThat(setKey.out()).contains("Stored the OpenAI key as api/openai/key in");

    CliRun list = CliRun.run(root, env, "providers", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .containsPattern("openai +simulated +http://127.0.0.1:\\d+/v1 +60/min, 1000/h")
        .contains("stored in api/openai/key", "none in api/youtube/key", "Demo providers");
    assertThat(list.out()).containsPattern("youtube .*600/min, 10000 units/day PT, 100 searches");

    CliRun test = CliRun.run(root, env, "providers", "test", "youtube");
    assertThat(test.exitCode()).as(test.err()).isZero();
    assertThat(test.out()).contains("YouTube (simulated): answered in", "1 video found");
    CliRun stability = CliRun.run(root, env, "providers", "test", "stability");
    assertThat(stability.err()).contains("no free call");
    CliRun unknown = CliRun.run(root, env, "providers", "test", "vimeo");
    assertThat(unknown.err()).contains("use youtube, openai, stability, elevenlabs");

    List<String> outputs =
        List.of(demo.out(), setKey.out(), list.out(), test.out(), stability.err(), unknown.err());
    assertThat(SecretScan.filesMentioning(List.of(key), root)).isEmpty();
    assertThat(SecretScan.textMentioning("output", String.join("\n", outputs), List.of(key)))
        .isEmpty();
  }
}
