package io.clipdeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process runner, with ordinary programs standing in for secret-tool. */
class SecretToolTest {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  @Test
  void runsWithExactlyTheGivenEnvironmentLessTheMasterPassword() {
    Map<String, String> environment =
        Map.of(
            "CLIPDECK_TEST_MARKER",
            "given",
            MasterPassword.ENVIRONMENT_VARIABLE,
            "must-not-be-passed-on");
    SecretTool printenv = new SecretTool("printenv", environment, LIMIT);

    SecretTool.Result all = printenv.run(List.of("-0"), new byte[0]);
    String printed = new String(all.stdout(), StandardCharsets.UTF_8);
    assertThat(all.exitCode()).isZero();
    assertThat(printed.split("\0")).containsExactly("CLIPDECK_TEST_MARKER=given");
  }

  @Test
  void feedsStandardInputAndReadsStandardOutputBeyondAPipeBuffer() {
    byte[] input = new byte[300_000];
    Arrays.fill(input, (byte) 'k');
    input[input.length - 1] = '!';
    SecretTool.Result echoed = new SecretTool("cat", Map.of(), LIMIT).run(List.of("-"), input);
    assertThat(echoed.exitCode()).isZero();
    assertThat(echoed.stdout()).isEqualTo(input);
    assertThat(echoed.toString()).doesNotContain("kkk").contains("300000 bytes");
  }

  @Test
  void tellsNotFoundFromFailure() {
    SecretTool.Result quiet =
        new SecretTool("false", Map.of(), LIMIT).run(List.of("x"), new byte[0]);
    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.notFound()).isTrue();
    SecretTool.Result loud =
        new SecretTool("ls", Map.of(), LIMIT)
            .run(List.of("/nonexistent-clipdeck-path"), new byte[0]);
    assertThat(loud.notFound()).isFalse();
    assertThat(loud.stderr()).contains("nonexistent-clipdeck-path");
  }
}
