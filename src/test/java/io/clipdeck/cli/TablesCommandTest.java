package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.explore.ForeignSchema;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipdeck tables} on a PostgreSQL database Clipdeck did not make. */
class TablesCommandTest {

  @TempDir Path root;

  @Test
  void listsTheTablesWithEstimatesLargestFirstAsTextAndJson() throws Exception {
    try (ScratchDatabase pg = TestDatabases.postgres()) {
      var profile = pg.profile();
      try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC())) {
        ForeignSchema.build(database);
      }
      CliRun add =
          CliRun.run(
              root,
              "profiles",
              "add",
              "foreign",
              "--kind=postgresql",
              "--host=" + profile.host(),
              "--port=" + profile.port(),
              "--database=" + profile.database(),
              "--user=" + profile.user());
      assertThat(add.exitCode()).as(add.err()).isZero();

      CliRun json = CliRun.run(root, "tables", "-p", "foreign", "--json");
      assertThat(json.exitCode()).as(json.err()).isZero();
      JsonNode result = new ObjectMapper().readTree(json.out());
      assertThat(result.get("schema").asText()).isEqualTo("public");
      JsonNode tables = result.get("tables");
      assertThat(tables).hasSize(3);
      assertThat(tables.get(0).get("name").asText()).isEqualTo("customers");
      assertThat(tables.get(0).get("estimated_rows").asLong()).isEqualTo(ForeignSchema.CUSTOMERS);
      assertThat(tables.get(0).get("size_bytes").asLong()).isPositive();
      assertThat(tables.get(0).get("last_analyze").isNull()).isFalse();

      CliRun text = CliRun.run(root, "tables", "--profile", "foreign");
      assertThat(text.exitCode()).as(text.err()).isZero();
      assertThat(text.out().lines().toList())
          .first()
          .asString()
          .contains("table", "rows (est.)", "size");
      assertThat(text.out()).contains("customers", ForeignSchema.ORDER_LINES, "audit_log", "KiB");
      assertThat(text.out()).contains("3 tables in public of foreign");

      CliRun missing = CliRun.run(root, "tables", "-p", "foreign", "--schema", "nope");
      assertThat(missing.exitCode()).isEqualTo(ClipdeckCommand.PROBLEM);
      assertThat(missing.err()).contains("nope");
    }
  }

  @Test
  void theLocalSqliteProfileHasNoTablesYet() {
    CliRun run = CliRun.run(root, "tables");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("0 tables in main of Local SQLite");
  }
}
