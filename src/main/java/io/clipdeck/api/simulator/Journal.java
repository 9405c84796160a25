package io.clipdeck.api.simulator;

import io.clipdeck.api.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every request the simulator received, so tests can check limits from the server's side. */
public final class Journal {

  private final List<JournalEntry> entries = new CopyOnWriteArrayList<>();

  void add(JournalEntry entry) {
    entries.add(entry);
  }

  public List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  public List<JournalEntry> of(Provider provider) {
    return entries.stream().filter(entry -> entry.provider() == provider).toList();
  }

  public long count(Provider provider) {
    return of(provider).size();
  }

  public void clear() {
    entries.clear();
  }
}
