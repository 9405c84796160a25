package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipdeck.api.JsonSupport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersStatusCommandTest {

  @TempDir Path root;

  @Test
  void statusShowsEveryProviderAsTextAndJson() throws Exception {
    Map<String, String> env = Map.of("CLIPDECK_MASTER_PASSWORD", "master-" + System.nanoTime());
    assertThat(CliRun.run(root, env, "settings", "set", "demo_providers", "true").exitCode())
        .isZero();

    CliRun text = CliRun.run(root, env, "providers", "status");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("youtube: breaker CLOSED", "openai: breaker CLOSED", "limit units/day")
        .contains("cache hit rate", "latency p50", "cost: 0 input + 0 output tokens");

    CliRun json = CliRun.run(root, env, "providers", "status", "--json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode all = JsonSupport.MAPPER.readTree(json.out());
    assertThat(all.isArray()).isTrue();
    assertThat(all.findValuesAsText("provider")).contains("youtube", "openai");
    JsonNode youtube = all.get(0);
    assertThat(youtube.path("breaker").asText()).isEqualTo("CLOSED");
    assertThat(youtube.path("windows").findValuesAsText("window")).contains("units/day");
    assertThat(youtube.path("requests").path("sent").asLong()).isZero();
    assertThat(youtube.path("cost").has("images")).isTrue();
  }
}
