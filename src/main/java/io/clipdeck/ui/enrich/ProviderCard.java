package io.clipdeck.ui.enrich;

import io.clipdeck.api.Provider;
import io.clipdeck.api.clients.ProviderFigures.Figure;
import java.util.List;

/**
 * One provider in the resilience console: its title ("OpenAI · gpt-4o-mini"), its figures in words,
 * and whether it needs attention (breaker not closed, or parked).
 */
public record ProviderCard(
    Provider provider, String title, List<Figure> figures, boolean needsAttention) {

  public ProviderCard {
    figures = List.copyOf(figures);
  }
}
