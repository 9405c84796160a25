package io.clipdeck.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.config.PrivateJsonFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved snippets: per profile, beside the history, searchable, replaced by name, deletable. */
class ConsoleHistorySnippetsTest {

  @TempDir Path data;

  @Test
  void snippetsAreKeptPerProfileAndSurviveReopening() throws Exception {
    ConsoleHistory orders = ConsoleHistory.forProfile(data, "Orders DB");
    orders.saveSnippet(
        new ConsoleHistory.Snippet("late orders", "SELECT * FROM orders WHERE late"));
    orders.saveSnippet(new ConsoleHistory.Snippet("Count", "SELECT count(*) FROM \"Kunden\""));
    ConsoleHistory.forProfile(data, "other")
        .saveSnippet(new ConsoleHistory.Snippet("x", "SELECT 2"));

    ConsoleHistory reopened = ConsoleHistory.forProfile(data, "Orders DB");
    assertThat(reopened.searchSnippets(""))
        .extracting(ConsoleHistory.Snippet::name)
        .containsExactly("Count", "late orders");
    Path file = data.resolve("sql").resolve("snippets-Orders+DB.json");
    assertThat(file).exists();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PrivateJsonFile.FILE);
    assertThat(Files.readString(file)).contains("Kunden");
  }

  @Test
  void searchMatchesNameOrSqlInAnyCase() {
    ConsoleHistory history = ConsoleHistory.forProfile(data, "p");
    history.saveSnippet(new ConsoleHistory.Snippet("Größe", "SELECT pg_size_pretty(1)"));
    history.saveSnippet(new ConsoleHistory.Snippet("locks", "SELECT * FROM pg_locks"));

    assertThat(history.searchSnippets("GRÖ"))
        .extracting(ConsoleHistory.Snippet::name)
        .containsExactly("Größe");
    assertThat(history.searchSnippets("pg_LOCKS"))
        .extracting(ConsoleHistory.Snippet::name)
        .containsExactly("locks");
    assertThat(history.searchSnippets("nothing")).isEmpty();
  }

  @Test
  void savingUnderAnExistingNameReplacesItAndDeleteRemovesIt() {
    ConsoleHistory history = ConsoleHistory.forProfile(data, "p");
    history.saveSnippet(new ConsoleHistory.Snippet("q", "SELECT 1"));
    history.saveSnippet(new ConsoleHistory.Snippet("q", "SELECT 2"));
    assertThat(history.snippets()).containsExactly(new ConsoleHistory.Snippet("q", "SELECT 2"));

    assertThat(history.deleteSnippet("q")).isTrue();
    assertThat(history.deleteSnippet("q")).isFalse();
    assertThat(ConsoleHistory.forProfile(data, "p").snippets()).isEmpty();
  }

  @Test
  void aSnippetWithoutNameOrSqlIsRefusedSayingWhatIsMissing() {
    ConsoleHistory history = ConsoleHistory.forProfile(data, "p");
    assertThatThrownBy(() -> history.saveSnippet(new ConsoleHistory.Snippet(" ", "SELECT 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a name");
    assertThatThrownBy(() -> history.saveSnippet(new ConsoleHistory.Snippet("empty", "  ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty")
        .hasMessageContaining("no SQL");
    assertThat(history.snippets()).isEmpty();
  }
}
