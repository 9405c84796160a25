package io.clipdeck.api.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.BreakerTransition;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.Provider;
import io.clipdeck.api.Spend;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.config.ModelPrice;
import io.clipdeck.config.Settings;
import io.clipdeck.enrich.DemoProviders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's figures after real calls to the loopback simulator: cache hits and "clear cache",
 * the breaker's transitions, and the price estimated from the settings' per-model prices.
 */
class ProviderConsoleTest {

  private final DemoProviders demo =
      DemoProviders.start(
          SimulatorSettings.demo(),
          builder -> builder.maxAttempts(1).breaker(2, 2, Duration.ofMinutes(10), 1));

  private Settings settings =
      Settings.DEFAULTS.withPrice("gpt-4o-mini", new ModelPrice(1000.0, 2000.0, 0.0, 0.0));

  private final ProviderConsole console = new ProviderConsole(demo::clients, () -> settings);

  @AfterEach
  void close() {
    demo.close();
  }

  @Test
  void clearingTheCacheMakesTheNextCallAskTheProviderAgain() {
    List<String> ids = List.of("Qm7vT2xK9aB");
    demo.clients().youtube().videoInfo(ids, CallOptions.cached());
    assertThat(figures(report(Provider.YOUTUBE)))
        .containsEntry("Cache", "0 % hits (0 of 1 lookup)")
        .hasEntrySatisfying("Requests", line -> assertThat(line).startsWith("1 sent for 1 call ·"));
    demo.clients().youtube().videoInfo(ids, CallOptions.cached());

    ProviderReport before = report(Provider.YOUTUBE);
    assertThat(before.status().metrics().cacheHits()).isEqualTo(1);
    assertThat(figures(before)).containsEntry("Cache", "50 % hits (1 of 2 lookups)");

    assertThat(console.clearCache(Provider.YOUTUBE)).isEqualTo(1);
    demo.clients().youtube().videoInfo(ids, CallOptions.cached());

    ProviderReport after = report(Provider.YOUTUBE);
    assertThat(after.status().metrics().requests()).isEqualTo(2);
    assertThat(after.status().metrics().cacheMisses()).isEqualTo(2);
    assertThat(after.estimatedPrice()).as("YouTube bills in quota units, not money").isZero();
  }

  @Test
  void theBreakerOpeningIsATransitionWithItsTime() {
    demo.simulator().inject(Provider.YOUTUBE, Fault.serverError(), 2);
    for (String id : List.of("Zx8wU3yL0cD", "Ab1cD2eF3gH")) {
      assertThatThrownBy(
              () -> demo.clients().youtube().videoInfo(List.of(id), CallOptions.uncached()))
          .isInstanceOfSatisfying(
              ApiException.class,
              thrown -> assertThat(thrown.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR));
    }

    ProviderReport report = report(Provider.YOUTUBE);
    assertThat(report.status().breakerState()).isEqualTo("OPEN");
    assertThat(report.status().transitions())
        .extracting(BreakerTransition::from, BreakerTransition::to)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CLOSED", "OPEN"));
    assertThat(figures(report))
        .containsEntry("Breaker", "OPEN")
        .containsEntry("Failed", "server_error 2")
        .hasEntrySatisfying("Transitions", text -> assertThat(text).endsWith(" CLOSED→OPEN"));
  }

  @Test
  void thePriceIsTheSpendAtTheModelsPriceFromTheSettings() {
    demo.clients().openAi().analyseVideo("Sourdough at home", "Starter, fold, bake.");

    ProviderReport report = report(Provider.OPENAI);
    Spend spend = report.status().metrics().spend();
    assertThat(spend.inputTokens()).isPositive();
    assertThat(spend.outputTokens()).isPositive();
    assertThat(report.model()).isEqualTo("gpt-4o-mini");
    double expected = spend.inputTokens() * 1000.0 / 1e6 + spend.outputTokens() * 2000.0 / 1e6;
    assertThat(report.estimatedPrice())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(figures(report))
        .containsEntry(
            "Estimated price", ProviderFigures.price(expected) + " at the prices of gpt-4o-mini");

    settings = settings.withPrice("gpt-4o-mini", ModelPrice.FREE);
    assertThat(report(Provider.OPENAI).estimatedPrice()).as("prices apply as edited").isZero();
  }

  private ProviderReport report(Provider provider) {
    return console.reports().stream()
        .filter(report -> report.status().provider() == provider)
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> figures(ProviderReport report) {
    return ProviderFigures.of(report, ZoneOffset.UTC).stream()
        .collect(Collectors.toMap(ProviderFigures.Figure::label, ProviderFigures.Figure::value));
  }
}
