package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("reliability")
class ProfileStoreTest {

  @TempDir Path dir;

  @Test
  void savesAndLoadsProfilesWithTheirPoolKnobs() throws Exception {
    ProfileStore store = new ProfileStore(dir.resolve("profiles.json"), Clock.systemUTC());
    ConnectionProfile pg =
        ConnectionProfile.server("prod", DatabaseKind.POSTGRESQL, "db1", 5432, "clips", "dba")
            .withPool(
                PoolSettings.DESKTOP.toBuilder()
                    .poolSize(5)
                    .maxOverflow(10)
                    .poolTimeout(Duration.ofSeconds(3))
                    .poolRecycle(Duration.ofMinutes(20))
                    .prePing(false)
                    .build());
    ConnectionProfile local = ConnectionProfile.sqlite("local", dir.resolve("local.db"));

    store.save(List.of(pg, local));

    assertThat(store.load().profiles()).containsExactly(pg, local);
    assertThat(store.load().problem()).isEmpty();
    String json = Files.readString(store.file());
    assertThat(json)
        .contains("\"pool_size\" : 5", "\"max_overflow\" : 10", "\"kind\" : \"postgresql\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
  }

  @Test
  void aMalformedFileIsNamedWithItsLineKeptAsItWasAndCopied() throws Exception {
    Path file = dir.resolve("profiles.json");
    String broken = "{\n  \"version\": 1,\n  \"profiles\": [ { \"name\": \"x\", }\n";
    Files.writeString(file, broken);
    ProfileStore store = new ProfileStore(file, Clock.systemUTC());

    ProfileStore.Loaded loaded = store.load();

    assertThat(loaded.profiles()).isEmpty();
    assertThat(loaded.problem().orElseThrow())
        .contains(file.toString(), "line 3")
        .contains("a copy is kept at");
    assertThat(Files.readString(file)).isEqualTo(broken);
    try (var siblings = Files.list(dir)) {
      List<Path> copies =
          siblings.filter(p -> p.getFileName().toString().contains(".unreadable-")).toList();
      assertThat(copies).hasSize(1);
      assertThat(Files.readString(copies.getFirst())).isEqualTo(broken);
    }
    assertThatThrownBy(() -> store.save(List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Fix or move " + file);
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void anInvalidValueIsReportedNotThrown() throws Exception {
    Path file = dir.resolve("profiles.json");
    Files.writeString(
        file,
        """
        {"version": 1, "profiles": [{"name": "bad", "kind": "oracle", "database": "x"}]}
        """);

    ProfileStore.Loaded loaded = new ProfileStore(file, Clock.systemUTC()).load();

    assertThat(loaded.problem().orElseThrow())
        .contains("oracle", "use postgresql, mysql or sqlite");
  }
}
