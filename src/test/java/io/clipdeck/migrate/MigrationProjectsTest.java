package io.clipdeck.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-profile project file: saved, read back, and a damaged file kept, never overwritten. */
class MigrationProjectsTest {

  @TempDir Path dir;

  @Test
  void aProjectIsSavedPerProfileAndTheDefaultIsClipdecksSchema() {
    MigrationProjects projects =
        new MigrationProjects(dir.resolve("migration-projects.json"), Clock.systemUTC());
    assertThat(projects.of("shop").builtIn()).isTrue();
    MigrationProject shop = MigrationProject.of(List.of("/srv/shop/db")).withTable("shop_history");
    projects.save("shop", shop);

    MigrationProjects again =
        new MigrationProjects(dir.resolve("migration-projects.json"), Clock.systemUTC());
    assertThat(again.of("shop")).isEqualTo(shop);
    assertThat(again.of("other").builtIn()).isTrue();
    again.remove("shop");
    assertThat(again.saved("shop")).isEmpty();
  }

  @Test
  void aDamagedFileIsKeptAndNamed() throws Exception {
    Path file = dir.resolve("migration-projects.json");
    Files.writeString(file, "{ \"version\": 1, \"projects\": { \"shop\": { \"table\": 3 ");
    MigrationProjects projects = new MigrationProjects(file, Clock.systemUTC());

    assertThatThrownBy(() -> projects.of("shop")).hasMessageContaining(file.toString());
    assertThatThrownBy(() -> projects.save("shop", MigrationProject.of(List.of("/x"))))
        .hasMessageContaining("a copy is kept");
    assertThat(Files.readString(file)).startsWith("{ \"version\": 1");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().contains(".unreadable-"))).hasSize(1);
    }
  }
}
