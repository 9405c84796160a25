package io.clipdeck.api.clients;

import io.clipdeck.api.ProviderStatus;
import io.clipdeck.api.Spend;
import io.clipdeck.config.ModelPrice;
import java.util.Objects;

/**
 * One provider's console line: its {@link ProviderStatus} with the model it calls and what the
 * answers so far cost at that model's price from the settings.
 *
 * @param model as in the provider's settings; empty where the provider has no choice (YouTube)
 * @param estimatedPrice US dollars: the spend so far times {@code price}; an estimate, since the
 *     provider's bill rounds and may price differently
 */
public record ProviderReport(
    ProviderStatus status, String model, ModelPrice price, double estimatedPrice) {

  public ProviderReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(price, "price");
  }

  static ProviderReport of(ProviderStatus status, String model, ModelPrice price) {
    return new ProviderReport(status, model, price, estimate(status.metrics().spend(), price));
  }

  /** US dollars for {@code spend} at {@code price}. */
  public static double estimate(Spend spend, ModelPrice price) {
    return spend.inputTokens() / 1e6 * price.inputPerMillionTokens()
        + spend.outputTokens() / 1e6 * price.outputPerMillionTokens()
        + spend.characters() / 1e3 * price.perThousandCharacters()
        + spend.images() * price.perImage();
  }
}
