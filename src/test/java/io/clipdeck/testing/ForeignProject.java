package io.clipdeck.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another application's Flyway project, written by tests (not Clipdeck's schema): dotted versions
 * (1, 1.1, 1.2, 1.10, 2), a repeatable view over its tables, placeholders ({@code default_region},
 * {@code hidden}) and an undo file for V2.
 */
public final class ForeignProject {

  private ForeignProject() {}

  /** Writes the project's scripts into {@code folder}; returns the folder. */
  public static Path write(Path folder) throws Exception {
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("V1__create_accounts.sql"),
        """
        CREATE TABLE accounts (
          id INTEGER PRIMARY KEY,
          name VARCHAR(100) NOT NULL,
          region VARCHAR(20) NOT NULL DEFAULT '${default_region}'
        );
        """);
    Files.writeString(
        folder.resolve("V1.1__create_orders.sql"),
        """
        CREATE TABLE orders (
          id INTEGER PRIMARY KEY,
          account_id INTEGER NOT NULL REFERENCES accounts(id),
          total INTEGER NOT NULL
        );
        """);
    Files.writeString(
        folder.resolve("V1.2__index_orders.sql"),
        "CREATE INDEX orders_account_idx ON orders (account_id);\n");
    Files.writeString(
        folder.resolve("V1.10__add_order_note.sql"),
        "ALTER TABLE orders ADD COLUMN note VARCHAR(200);\n");
    Files.writeString(
        folder.resolve("R__order_summary.sql"),
        """
        DROP VIEW IF EXISTS order_summary;
        CREATE VIEW order_summary AS
          SELECT a.name, count(o.id) AS order_count
          FROM accounts a LEFT JOIN orders o ON o.account_id = a.id
          WHERE a.name <> '${hidden}'
          GROUP BY a.name;
        """);
    Files.writeString(
        folder.resolve("V2__create_tags.sql"),
        "CREATE TABLE tags (id INTEGER PRIMARY KEY, label VARCHAR(50) NOT NULL);\n");
    Files.writeString(folder.resolve("U2__create_tags.sql"), "DROP TABLE tags;\n");
    return folder;
  }
}
