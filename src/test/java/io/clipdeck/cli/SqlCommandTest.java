package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {

  @TempDir Path root;

  private static final String SETUP =
      "CREATE TABLE \"Mixed Case\" (id integer PRIMARY KEY, \"Näme\" text, score real);"
          + "INSERT INTO \"Mixed Case\" VALUES (1, 'Zoë, \"quoted\"', 1.5), (2, NULL, 20);";

  @Test
  void printsAnAlignedTableWithUpdateCounts() {
    CliRun run = CliRun.run(root, "sql", "-c", SETUP + "SELECT * FROM \"Mixed Case\" ORDER BY id;");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("2 rows affected")
        .contains("id | Näme          | score")
        .contains("---+---------------+------")
        .contains(" 1 | Zoë, \"quoted\" |   1.5")
        .contains(" 2 | NULL          |  20.0")
        .contains("(2 rows, ");
  }

  @Test
  void printsCsvAndJsonWithMessagesOnStandardError() throws Exception {
    CliRun.run(root, "sql", "-c", SETUP);
    CliRun csv =
        CliRun.run(
            root, "sql", "--format", "csv", "-c", "SELECT * FROM \"Mixed Case\" ORDER BY id");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.out())
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "id,Näme,score",
                "1,\"Zoë, \"\"quoted\"\"\",1.5",
                "2,,20.0",
                ""));
    assertThat(csv.err()).contains("(2 rows, ");

    Path file = root.resolve("script.sql");
    Files.writeString(
        file,
        "UPDATE \"Mixed Case\" SET score = 3 WHERE id = 2;\nSELECT id, \"Näme\" FROM \"Mixed Case\" ORDER BY id;\n");
    CliRun json = CliRun.run(root, "sql", "--format=json", "-f", file.toString());
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode outcomes = new ObjectMapper().readTree(json.out());
    assertThat(outcomes.get(0).get("updated").asInt()).isEqualTo(1);
    JsonNode rows = outcomes.get(1).get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("id").asInt()).isEqualTo(1);
    assertThat(rows.get(0).get("Näme").asText()).isEqualTo("Zoë, \"quoted\"");
    assertThat(rows.get(1).get("Näme").isNull()).isTrue();
  }

  @Test
  void anErrorNamesItsLineAndExitsOne() {
    CliRun run = CliRun.run(root, "sql", "-c", "SELECT 1;\nSELECT * FROM nowhere;\nSELECT 2;");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("clipdeck: line 2: ").contains("nowhere");
    assertThat(run.out()).doesNotContain("2\n---");
  }

  @Test
  void aProductionProfileNeedsConfirmedWrites() {
    CliRun add =
        CliRun.run(
            root,
            "profiles",
            "add",
            "prod",
            "--kind=sqlite",
            "--file=" + root.resolve("prod.db"),
            "--environment=production");
    assertThat(add.exitCode()).as(add.err()).isZero();

    CliRun refused = CliRun.run(root, "sql", "-p", "prod", "-c", "CREATE TABLE t (id integer)");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("Production").contains("--confirm-writes");

    CliRun confirmed =
        CliRun.run(
            root,
            "sql",
            "-p",
            "prod",
            "--confirm-writes",
            "-c",
            "CREATE TABLE t (id integer); INSERT INTO t VALUES (1); COMMIT;");
    assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
    CliRun read = CliRun.run(root, "sql", "-p", "prod", "--format=csv", "-c", "SELECT * FROM t");
    assertThat(read.out()).isEqualTo("id" + System.lineSeparator() + "1" + System.lineSeparator());
  }
}
