package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.TableRepository;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile field names and sort keys, fed to every method that takes a name: each is refused before
 * any statement reaches the database (the executor's statement count does not move) and every table
 * is intact afterwards.
 */
@Tag("reliability")
class HostileNamesTest {

  static final List<String> HOSTILE = hostile();

  @TempDir Path dir;

  private static List<String> hostile() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "title; DROP TABLE users--",
                "sum(id)",
                "(SELECT 1)",
                "\"title\"",
                "title\"",
                "`title`",
                "title`; DROP TABLE users; --",
                "'title'",
                "title'--",
                "title\u0000",
                "\u0000",
                "ｔｉｔｌｅ",
                "TITLE",
                " title",
                "title ",
                "",
                "videos.title",
                "title desc",
                "1",
                "*",
                "title/**/",
                "id OR 1=1",
                "i\u0307d",
                "title\n",
                "\\",
                "$1",
                "?"));
    names.add("t".repeat(200));
    names.add("title" + "x".repeat(195));
    return names;
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void everyNameTakingMethodRefusesHostileNamesBeforeAnySql(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      User user = fixture.data.users().create(User.of("ana", "ana@example.test"));
      Video video = fixture.data.videos().create(Video.of("v1", user.id(), "https://v/1", "One"));
      Map<String, Long> before = fixture.rowCounts();
      long statements = fixture.executor().metrics().executed();

      int refused = 0;
      refused += refuseAll(fixture.data.videos(), video);
      refused += refuseAll(fixture.data.users(), user);

      assertThat(refused).isEqualTo(2 * HOSTILE.size() * 10);
      assertThat(fixture.executor().metrics().executed())
          .as("statements sent while refusing")
          .isEqualTo(statements);
      assertThat(fixture.rowCounts()).isEqualTo(before);
      assertThat(fixture.data.videos().getById(video.id())).contains(video);
      assertThat(fixture.data.users().getById(user.id())).contains(user);
    }
  }

  private static <T> int refuseAll(TableRepository<T> repository, T row) {
    int refused = 0;
    for (String name : HOSTILE) {
      List<ThrowingCallable> calls =
          List.of(
              () -> repository.getByField(name, "x"),
              () -> repository.getAll(10, 0, Sort.asc(name)),
              () -> repository.getAll(10, 0, Sort.desc(name)),
              () -> repository.after(null, 10, Sort.asc(name)),
              () -> repository.after(new Cursor("x", 1), 10, Sort.desc(name)),
              () -> repository.cursorOf(row, Sort.asc(name)),
              () -> repository.update(1, Map.of(name, "x")),
              () -> repository.update(1, Map.of("id", 1L, name, "x")),
              () -> repository.count(Map.of(name, "x")),
              () -> repository.exists(Map.of(name, "x")));
      for (ThrowingCallable call : calls) {
        assertThatThrownBy(call)
            .as("name %s", Columns.printable(name))
            .isInstanceOf(InvalidIdentifierException.class);
        refused++;
      }
    }
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    Consumer<ThrowingCallable> refusesNull =
        call -> assertThatThrownBy(call).isInstanceOf(InvalidIdentifierException.class);
    refusesNull.accept(() -> repository.count(nullKey));
    refusesNull.accept(() -> repository.getByField(null, "x"));
    return refused;
  }

  @Test
  void quotingRefusesAnythingButAPlainName() {
    assertThat(Columns.quote("\"", "title")).isEqualTo("\"title\"");
    assertThat(Columns.quote("`", "title")).isEqualTo("`title`");
    for (String name : HOSTILE) {
      assertThatThrownBy(() -> Columns.quote("\"", name))
          .isInstanceOf(InvalidIdentifierException.class)
          .message()
          .doesNotContain("\u0000");
    }
    assertThatThrownBy(() -> Columns.quote("[", "title")).isInstanceOf(IllegalStateException.class);
  }
}
