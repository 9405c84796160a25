package io.clipdeck.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiStateStoreTest {

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:15:00Z"), ZoneOffset.UTC);

  @Test
  void whatWasSavedComesBackOwnerOnly() throws Exception {
    UiStateStore store = new UiStateStore(dir.resolve("ui-state.json"), clock);
    UiState state =
        new UiState(
            new UiState.Window(120, 80, 1400, 900, true),
            "DASHBOARD",
            "db1",
            "dark",
            Map.of("refresh", "Shortcut+R"),
            Map.of(
                "BROWSER/table",
                new UiState.TableLayout(
                    java.util.List.of("titleColumn", "videoIdColumn"),
                    Map.of("titleColumn", 310.0))));

    store.save(state);

    assertThat(store.load()).isEqualTo(new UiStateStore.Loaded(state, java.util.Optional.empty()));
    assertThat(Files.readString(store.file())).contains("\"last_view\" : \"DASHBOARD\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(store.file()); // no temp file left behind
    }
  }

  @Test
  void aFileWrittenBeforeTablesWereRememberedReadsWithNone() throws Exception {
    Path file = dir.resolve("ui-state.json");
    Files.writeString(
        file,
        """
        { "window" : { "x" : 10, "y" : 20, "width" : 1280, "height" : 800, "maximized" : false },
          "last_view" : "BROWSER", "active_profile" : "db1", "theme" : "dark",
          "shortcuts" : { "refresh" : "Shortcut+R" } }
        """);

    UiStateStore.Loaded loaded = new UiStateStore(file, clock).load();

    assertThat(loaded.problem()).isEmpty();
    assertThat(loaded.state().theme()).isEqualTo("dark");
    assertThat(loaded.state().tables()).isEmpty();
    assertThat(loaded.state().withTheme("light").tables()).isEmpty();
  }

  @Test
  void noFileGivesTheDefaults() {
    UiStateStore.Loaded loaded = new UiStateStore(dir.resolve("ui-state.json"), clock).load();

    assertThat(loaded.state()).isEqualTo(UiState.defaults());
    assertThat(loaded.problem()).isEmpty();
  }

  @Test
  void aMalformedFileIsKeptAsideAndTheDefaultsAreUsed() throws Exception {
    Path file = dir.resolve("ui-state.json");
    Files.writeString(file, "{ \"theme\": \"dark\", \"window\": ");
    UiStateStore store = new UiStateStore(file, clock);

    UiStateStore.Loaded loaded = store.load();

    assertThat(loaded.state()).isEqualTo(UiState.defaults());
    Path copy = dir.resolve("ui-state.json.unreadable-20261130-101500");
    assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains(copy.toString()));
    assertThat(Files.readString(copy)).isEqualTo("{ \"theme\": \"dark\", \"window\": ");

    store.save(UiState.defaults().withTheme("light"));
    assertThat(store.load().state().theme()).isEqualTo("light");
    assertThat(copy).exists(); // the user's file is never lost
  }

  @Test
  void aNewerFilesUnknownFieldsAreIgnored() throws Exception {
    Path file = dir.resolve("ui-state.json");
    Files.writeString(file, "{\"theme\": \"light\", \"sidebar_width\": 240}");

    assertThat(new UiStateStore(file, clock).load().state().theme()).isEqualTo("light");
  }
}
