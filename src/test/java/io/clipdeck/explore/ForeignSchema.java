package io.clipdeck.explore;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema Clipdeck did not make, built by the tests on each server: a table with a primary key,
 * large text, bytes, JSON, NULLs and non-ASCII names ({@code customers}); a mixed-case quoted table
 * without a primary key but with a unique NOT NULL column and a foreign key ({@code Order Lines});
 * a table with no key at all holding identical rows ({@code audit_log}); a view, an index, a
 * trigger, and where the server has them a sequence, a function and a materialised view.
 */
public final class ForeignSchema {

  public static final int CUSTOMERS = 250;
  static final int LINES = 237;
  static final int AUDIT = 203;
  public static final String ORDER_LINES = "Order Lines";
  public static final String VIEW = "Active Customers";

  /** A text of more than 100,000 characters, stored in a few rows. */
  static final String LARGE_TEXT = "Grüße, 東京! ".repeat(9_000);

  private ForeignSchema() {}

  public static void build(PooledDatabase database) throws SQLException {
    DatabaseKind kind = database.profile().kind();
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      for (String sql : ddl(kind)) {
        statement.execute(sql);
      }
      fill(connection, kind);
      switch (kind) {
        case POSTGRESQL -> {
          statement.execute("REFRESH MATERIALIZED VIEW customer_names");
          statement.execute("ANALYZE");
        }
        case MYSQL -> statement.execute("ANALYZE TABLE customers, `Order Lines`, audit_log");
        case SQLITE -> {}
      }
    }
  }

  private static List<String> ddl(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL ->
          List.of(
              """
              CREATE TABLE customers (
                id serial PRIMARY KEY, name text NOT NULL, email varchar(120) UNIQUE,
                notes text, photo bytea, profile jsonb, score numeric(8,2) DEFAULT 0)""",
              "CREATE INDEX customers_name_idx ON customers (name)",
              """
              CREATE TABLE "Order Lines" (
                "LineId" integer NOT NULL, "Code" text NOT NULL,
                customer_id integer REFERENCES customers (id) ON DELETE CASCADE,
                qty integer CHECK (qty > 0), CONSTRAINT "Order Lines_Code_key" UNIQUE ("Code"))""",
              "CREATE TABLE audit_log (at timestamptz, message text)",
              """
              CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN NEW.at := coalesce(NEW.at, now()); RETURN NEW; END $$""",
              """
              CREATE TRIGGER audit_touch BEFORE INSERT ON audit_log
              FOR EACH ROW EXECUTE FUNCTION touch()""",
              "CREATE VIEW \"Active Customers\" AS SELECT id, name FROM customers"
                  + " WHERE notes IS NOT NULL",
              "CREATE MATERIALIZED VIEW customer_names AS SELECT name FROM customers WITH NO DATA",
              "CREATE SEQUENCE invoice_seq START 1000",
              "CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql AS $$ SELECT i + 1 $$");
      case MYSQL ->
          List.of(
              """
              CREATE TABLE customers (
                id int AUTO_INCREMENT PRIMARY KEY, name varchar(200) NOT NULL,
                email varchar(120) UNIQUE, notes longtext, photo longblob, profile json,
                score decimal(8,2) DEFAULT 0) CHARACTER SET utf8mb4""",
              "CREATE INDEX customers_name_idx ON customers (name)",
              """
              CREATE TABLE `Order Lines` (
                `LineId` int NOT NULL, `Code` varchar(40) NOT NULL,
                customer_id int, qty int CHECK (qty > 0),
                UNIQUE KEY `Order Lines_Code_key` (`Code`),
                CONSTRAINT lines_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
                  ON DELETE CASCADE) CHARACTER SET utf8mb4""",
              "CREATE TABLE audit_log (at datetime(3), message varchar(200)) CHARACTER SET utf8mb4",
              """
              CREATE TRIGGER audit_touch BEFORE INSERT ON audit_log
              FOR EACH ROW SET NEW.at = coalesce(NEW.at, now(3))""",
              "CREATE VIEW `Active Customers` AS SELECT id, name FROM customers"
                  + " WHERE notes IS NOT NULL",
              "CREATE SEQUENCE invoice_seq START WITH 1000",
              "CREATE FUNCTION add_one(i int) RETURNS int DETERMINISTIC RETURN i + 1");
      case SQLITE ->
          List.of(
              """
              CREATE TABLE customers (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE,
                notes TEXT, photo BLOB, profile TEXT, score REAL DEFAULT 0)""",
              "CREATE INDEX customers_name_idx ON customers (name)",
              """
              CREATE TABLE "Order Lines" (
                "LineId" INTEGER NOT NULL, "Code" TEXT NOT NULL UNIQUE,
                customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
                qty INTEGER CHECK (qty > 0))""",
              "CREATE TABLE audit_log (at TEXT, message TEXT)",
              """
              CREATE TRIGGER audit_touch AFTER INSERT ON audit_log WHEN NEW.at IS NULL
              BEGIN UPDATE audit_log SET at = datetime('now') WHERE rowid = NEW.rowid; END""",
              "CREATE VIEW \"Active Customers\" AS SELECT id, name FROM customers"
                  + " WHERE notes IS NOT NULL");
    };
  }

  /** The name of customer {@code i}: every tenth non-ASCII, one a formula. */
  static String customerName(int i) {
    if (i == 7) {
      return "=HYPERLINK(\"http://evil\")";
    }
    return i % 10 == 0 ? "Zoë 東京 " + i : "customer " + i;
  }

  private static void fill(Connection connection, DatabaseKind kind) throws SQLException {
    String q = kind == DatabaseKind.MYSQL ? "`" : "\"";
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO customers (id, name, email, notes, photo, profile) VALUES (?, ?, ?, ?, ?, "
                + (kind == DatabaseKind.POSTGRESQL ? "CAST(? AS jsonb)" : "?")
                + ")")) {
      for (int i = 1; i <= CUSTOMERS; i++) {
        insert.setInt(1, i);
        insert.setString(2, customerName(i));
        if (i % 4 == 0) {
          insert.setNull(3, Types.VARCHAR);
        } else {
          insert.setString(3, "c" + i + "@example.org");
        }
        if (i % 3 == 0) {
          insert.setNull(4, Types.VARCHAR);
        } else {
          insert.setString(4, i % 50 == 1 ? LARGE_TEXT : "note " + (i % 7));
        }
        if (i % 5 == 0) {
          insert.setBytes(
              5, ("photo-" + i).repeat(i % 25 == 0 ? 5_000 : 1).getBytes(StandardCharsets.UTF_8));
        } else {
          insert.setNull(5, Types.BINARY);
        }
        insert.setString(6, "{\"tier\": " + (i % 3) + ", \"tags\": [\"a\", \"ü\"]}");
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + q
                + ORDER_LINES
                + q
                + " ("
                + q
                + "LineId"
                + q
                + ", "
                + q
                + "Code"
                + q
                + ", customer_id, qty) VALUES (?, ?, ?, ?)")) {
      for (int i = 1; i <= LINES; i++) {
        insert.setInt(1, i % 11);
        insert.setString(2, String.format("L-%05d", (i * 7919) % 100_000));
        insert.setInt(3, 1 + i % CUSTOMERS);
        insert.setInt(4, 1 + i % 9);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO audit_log (message) VALUES (?)")) {
      for (int i = 0; i < AUDIT; i++) {
        // Identical rows: only the row locator tells them apart.
        insert.setString(1, "event " + (i % 20));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  static List<String> auditMessages() {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < AUDIT; i++) {
      messages.add("event " + (i % 20));
    }
    return messages;
  }
}
