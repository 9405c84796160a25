package io.clipdeck.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.db.DatabaseKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

  private static List<String> sql(String script, DatabaseKind kind) {
    return SqlSplitter.split(script, kind).stream().map(SqlStatement::sql).toList();
  }

  @Test
  void semicolonsInStringsIdentifiersAndCommentsEndNothing() {
    String script =
        "SELECT 'a;b', \"c;d\" FROM t; -- one; two\n"
            + "/* block; comment */ SELECT 'it''s; fine';\n"
            + "SELECT 2";
    assertThat(sql(script, DatabaseKind.POSTGRESQL))
        .containsExactly(
            "SELECT 'a;b', \"c;d\" FROM t",
            "-- one; two\n/* block; comment */ SELECT 'it''s; fine'",
            "SELECT 2");
  }

  @Test
  void postgresDollarQuotesKeepFunctionBodiesWhole() {
    String script =
        "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN PERFORM 1; RETURN $$x;$$; END $body$"
            + " LANGUAGE plpgsql;\n"
            + "SELECT $1::int, a$b FROM t;\n"
            + "DO $$ BEGIN RAISE NOTICE 'x;'; END $$;";
    List<String> statements = sql(script, DatabaseKind.POSTGRESQL);
    assertThat(statements).hasSize(3);
    assertThat(statements.get(0)).endsWith("LANGUAGE plpgsql");
    assertThat(statements.get(1)).isEqualTo("SELECT $1::int, a$b FROM t");
    assertThat(statements.get(2)).startsWith("DO $$");
  }

  @Test
  void nestedBlockCommentsOnPostgresAndEscapeStrings() {
    assertThat(sql("/* a /* b; */ c; */ SELECT E'x\\';y'; SELECT 1", DatabaseKind.POSTGRESQL))
        .containsExactly("/* a /* b; */ c; */ SELECT E'x\\';y'", "SELECT 1");
  }

  @Test
  void mysqlBackslashesBackticksHashCommentsAndDelimiter() {
    String script =
        "SELECT 'a\\';b', `c;d` FROM t; # hash; comment\n"
            + "DELIMITER //\n"
            + "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\n"
            + "DELIMITER ;\n"
            + "SELECT 3;";
    assertThat(sql(script, DatabaseKind.MYSQL))
        .containsExactly(
            "SELECT 'a\\';b', `c;d` FROM t",
            "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END",
            "SELECT 3");
  }

  @Test
  void sqliteTriggerBodiesAndBracketNames() {
    String script =
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM u; END;\n"
            + "SELECT [odd;name] FROM t;";
    assertThat(sql(script, DatabaseKind.SQLITE))
        .containsExactly(
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM u; END",
            "SELECT [odd;name] FROM t");
  }

  @Test
  void offsetsLinesAndTheStatementAtTheCaret() {
    String script = "SELECT 1;\n\n  SELECT 2\n  FROM t;\n-- only a comment;\n";
    List<SqlStatement> statements = SqlSplitter.split(script, DatabaseKind.SQLITE);
    assertThat(statements).hasSize(2);
    SqlStatement second = statements.get(1);
    assertThat(second.start()).isEqualTo(script.indexOf("SELECT 2"));
    assertThat(second.line()).isEqualTo(3);
    assertThat(script.substring(second.start(), second.end())).isEqualTo(second.sql());

    assertThat(SqlSplitter.statementAt(statements, 0)).isEqualTo(statements.get(0));
    assertThat(SqlSplitter.statementAt(statements, 9)).isEqualTo(statements.get(0));
    assertThat(SqlSplitter.statementAt(statements, script.indexOf("FROM"))).isEqualTo(second);
    assertThat(SqlSplitter.statementAt(statements, script.length())).isEqualTo(second);
  }

  @Test
  void theClassifierCallsOnlyReadsReads() {
    DatabaseKind pg = DatabaseKind.POSTGRESQL;
    assertThat(StatementClassifier.isRead("select * from t", pg)).isTrue();
    assertThat(StatementClassifier.isRead("/* x */ WITH a AS (SELECT 1) SELECT * FROM a", pg))
        .isTrue();
    assertThat(StatementClassifier.isRead("SHOW search_path", pg)).isTrue();
    assertThat(StatementClassifier.isRead("EXPLAIN SELECT 1", pg)).isTrue();
    assertThat(StatementClassifier.isRead("SELECT 'delete' FROM t", pg)).isTrue();
    assertThat(StatementClassifier.isRead("EXPLAIN ANALYZE DELETE FROM t", pg)).isFalse();
    assertThat(StatementClassifier.isRead("EXPLAIN (ANALYZE, BUFFERS) SELECT 1", pg)).isTrue();
    assertThat(
            StatementClassifier.isRead(
                "WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone", pg))
        .isFalse();
    assertThat(StatementClassifier.isRead("SELECT * INTO copy FROM t", pg)).isFalse();
    assertThat(StatementClassifier.isRead("INSERT INTO t VALUES (1)", pg)).isFalse();
    assertThat(StatementClassifier.isRead("VACUUM", pg)).isFalse();
    assertThat(StatementClassifier.isRead("PRAGMA table_info(t)", DatabaseKind.SQLITE)).isFalse();
    assertThat(StatementClassifier.isRead("PRAGMA user_version", DatabaseKind.SQLITE)).isTrue();
    assertThat(StatementClassifier.isRead("PRAGMA user_version = 3", DatabaseKind.SQLITE))
        .isFalse();
    assertThat(StatementClassifier.isRead("ANALYZE FORMAT=JSON SELECT 1", DatabaseKind.MYSQL))
        .isTrue();
    assertThat(StatementClassifier.isRead("ANALYZE TABLE t", DatabaseKind.MYSQL)).isFalse();
  }
}
