package io.clipdeck.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's own flyway.conf and flyway.toml, as Flyway 10+ reads them. */
class FlywayConfigFileTest {

  @TempDir Path dir;

  @Test
  void aFlywayConfGivesLocationsTableSchemaPlaceholdersAndSwitches() throws Exception {
    Path file = dir.resolve("conf/flyway.conf");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        flyway.url=jdbc:postgresql://db/app
        flyway.locations=filesystem:sql, classpath:db/shared
        flyway.table=app_history
        flyway.schemas=app,audit
        flyway.placeholders.region=eu
        flyway.placeholders.owner=app_owner
        flyway.placeholderPrefix=#[
        flyway.placeholderSuffix=]
        flyway.baselineVersion=1.5
        flyway.baselineOnMigrate=true
        flyway.outOfOrder=true
        flyway.validateMigrationNaming=true
        flyway.encoding=ISO-8859-1
        """);

    MigrationProject project = FlywayConfigFile.read(file);

    assertThat(project.builtIn()).isFalse();
    assertThat(project.locations())
        .containsExactly(dir.resolve("conf/sql").toString(), "classpath:db/shared");
    assertThat(project.table()).isEqualTo("app_history");
    assertThat(project.schema()).isEqualTo("app");
    assertThat(project.qualifiedTable()).isEqualTo("app.app_history");
    assertThat(project.placeholders()).isEqualTo(Map.of("owner", "app_owner", "region", "eu"));
    assertThat(project.placeholderPrefix()).isEqualTo("#[");
    assertThat(project.placeholderSuffix()).isEqualTo("]");
    assertThat(project.baselineVersion()).isEqualTo("1.5");
    assertThat(project.baselineOnMigrate()).isTrue();
    assertThat(project.outOfOrder()).isTrue();
    assertThat(project.validateMigrationNaming()).isTrue();
    assertThat(project.encoding()).isEqualTo("ISO-8859-1");
  }

  @Test
  void aFlywayTomlTakesItsEnvironmentsSchemasAndOverrides() throws Exception {
    Path file = dir.resolve("flyway.toml");
    Files.writeString(
        file,
        """
        # Flyway 10+ configuration
        [environments.default]
        url = "jdbc:postgresql://localhost/app"
        schemas = ["public"]

        [environments.staging]
        url = "jdbc:postgresql://staging/app"
        schemas = [
          "app",   # the application's own
          "extra",
        ]

        [environments.staging.flyway]
        table = 'staging_history'
        placeholders = { region = "us", "quoted.key" = "x" }

        [flyway]
        environment = "default"
        locations = ["filesystem:db/migration", "filesystem:/srv/shared"]
        table = "app_history"
        outOfOrder = true

        [flyway.placeholders]
        region = "eu"
        tier = "gold"
        """);

    MigrationProject chosen = FlywayConfigFile.read(file);
    assertThat(chosen.locations())
        .containsExactly(dir.resolve("db/migration").toString(), "/srv/shared");
    assertThat(chosen.table()).isEqualTo("app_history");
    assertThat(chosen.schema()).isEqualTo("public");
    assertThat(chosen.placeholders()).isEqualTo(Map.of("region", "eu", "tier", "gold"));
    assertThat(chosen.outOfOrder()).isTrue();

    MigrationProject staging = FlywayConfigFile.read(file, Optional.of("staging"));
    assertThat(staging.table()).isEqualTo("staging_history");
    assertThat(staging.schema()).isEqualTo("app");
    assertThat(staging.placeholders())
        .containsEntry("region", "us")
        .containsEntry("tier", "gold")
        .containsEntry("quoted.key", "x");
  }

  @Test
  void noLocationsMeansFlywaysSqlFolderAndBadValuesAreNamed() throws Exception {
    Path file = dir.resolve("flyway.toml");
    Files.writeString(file, "[flyway]\ntable = \"h\"\n");
    assertThat(FlywayConfigFile.read(file).locations())
        .containsExactly(dir.resolve("sql").toString());

    Files.writeString(file, "[flyway]\noutOfOrder = perhaps\n");
    assertThatThrownBy(() -> FlywayConfigFile.read(file))
        .hasMessage(file + ": outOfOrder must be true or false, not perhaps");
    Files.writeString(file, "[flyway\n");
    assertThatThrownBy(() -> FlywayConfigFile.read(file)).hasMessageContaining("line 1");
    Files.writeString(file, "[flyway]\ntable = \"drop table x;\"\n");
    assertThatThrownBy(() -> FlywayConfigFile.read(file)).hasMessageContaining("History table");
  }

  @Test
  void aProjectNeedsALocationAndClipdecksSchemaHasItsOwn() {
    assertThatThrownBy(() -> MigrationProject.of(List.of()))
        .hasMessageContaining("at least one location");
    assertThat(MigrationProject.clipdeckSchema().summary()).isEqualTo("Clipdeck's built-in schema");
  }
}
