package io.clipdeck.api.youtube;

import java.util.List;
import java.util.Optional;

/** One page of search results; {@code nextPageToken} empty on the last page. */
public record SearchPage(List<SearchResult> results, Optional<String> nextPageToken) {

  public SearchPage {
    results = List.copyOf(results);
  }
}
