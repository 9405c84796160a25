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
        .contains("youtube:\n  Breaker          CLOSED", "openai:\n  Breaker          CLOSED")
        .contains("left units/day", "Cache            0 % hits (0 of 0 lookups)")
        .contains("Latency          p50 0 ms", "Cost             0 input + 0 output tokens")
        .contains("Estimated price  $0.000000 at the prices of gpt-4o-mini");

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
    assertThat(youtube.path("transitions").isArray()).isTrue();
    JsonNode openAi = all.get(1);
    assertThat(openAi.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(openAi.path("cost").path("estimatedPriceUsd").asDouble()).isZero();
  }
}
