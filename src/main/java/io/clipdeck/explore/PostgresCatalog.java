package io.clipdeck.explore;

import static io.clipdeck.explore.Catalog.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** PostgreSQL's catalog: {@code pg_class}, {@code pg_index}, {@code pg_get_*def}. */
final class PostgresCatalog implements Catalog {

  /**
   * Selected under another name: an ORDER BY ctid would otherwise sort by the selected text, and
   * "(0,10)" comes before "(0,2)".
   */
  private static final RowLocator CTID =
      new RowLocator("ctid", "ctid::text AS clipdeck_row_locator", "CAST(? AS tid)");

  @Override
  public List<String> schemas(Connection connection) throws SQLException {
    return query(
        connection,
        """
        SELECT nspname FROM pg_namespace
        WHERE nspname NOT IN ('information_schema') AND nspname NOT LIKE 'pg\\_%'
        ORDER BY nspname <> current_schema(), nspname
        """,
        row -> row.getString(1));
  }

  @Override
  public String defaultSchema(Connection connection) throws SQLException {
    return query(connection, "SELECT current_schema()", row -> row.getString(1)).getFirst();
  }

  @Override
  public List<SchemaObject> objects(Connection connection, String schema) throws SQLException {
    List<SchemaObject> objects =
        new ArrayList<>(
            query(
                connection,
                """
                SELECT c.relkind::text, c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                ORDER BY position(c.relkind::text IN 'rpvmS'), c.relname
                """,
                row ->
                    SchemaObject.of(
                        switch (row.getString(1)) {
                          case "v" -> ObjectKind.VIEW;
                          case "m" -> ObjectKind.MATERIALIZED_VIEW;
                          case "S" -> ObjectKind.SEQUENCE;
                          default -> ObjectKind.TABLE;
                        },
                        schema,
                        row.getString(2)),
                schema));
    objects.addAll(
        query(
            connection,
            """
            SELECT p.prokind::text, p.proname, pg_get_function_identity_arguments(p.oid)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ? AND p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.objid = p.oid AND d.deptype = 'e')
            ORDER BY p.proname, 3
            """,
            row ->
                new SchemaObject(
                    row.getString(1).equals("p") ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION,
                    schema,
                    row.getString(2),
                    null,
                    row.getString(3)),
            schema));
    return objects;
  }

  @Override
  public java.util.Optional<SchemaObject> relation(
      Connection connection, String schema, String name) throws SQLException {
    return query(
            connection,
            """
            SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm')
            """,
            row ->
                SchemaObject.of(
                    switch (row.getString(1)) {
                      case "v" -> ObjectKind.VIEW;
                      case "m" -> ObjectKind.MATERIALIZED_VIEW;
                      default -> ObjectKind.TABLE;
                    },
                    schema,
                    name),
            schema,
            name)
        .stream()
        .findFirst();
  }

  @Override
  public List<TableStats> tableStats(Connection connection, String schema) throws SQLException {
    return query(
        connection,
        """
        SELECT c.relname,
               CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE s.n_live_tup END,
               pg_total_relation_size(c.oid),
               greatest(s.last_vacuum, s.last_autovacuum),
               greatest(s.last_analyze, s.last_autoanalyze)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
        WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
        ORDER BY c.relname
        """,
        row ->
            new TableStats(
                schema,
                row.getString(1),
                row.getObject(2) == null ? null : row.getLong(2),
                row.getLong(3),
                instant(row.getTimestamp(4)),
                instant(row.getTimestamp(5))),
        schema);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  @Override
  public List<ColumnInfo> columns(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
               pg_get_expr(d.adbin, d.adrelid)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """,
        row ->
            new ColumnInfo(row.getString(1), row.getString(2), row.getBoolean(3), row.getString(4)),
        schema,
        table);
  }

  @Override
  public List<IndexInfo> indexes(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        """
        SELECT i.relname, x.indisunique, x.indisprimary,
               ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                     ORDER BY k.ord)::text[],
               x.indpred IS NULL AND x.indexprs IS NULL AND x.indimmediate,
               pg_get_indexdef(x.indexrelid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class c ON c.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relname = ?
        ORDER BY NOT x.indisprimary, i.relname
        """,
        row ->
            new IndexInfo(
                row.getString(1),
                row.getBoolean(2),
                row.getBoolean(3),
                strings(row.getArray(4)),
                row.getBoolean(5),
                row.getString(6) + ";"),
        schema,
        table);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  @Override
  public List<ConstraintInfo> constraints(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        """
        SELECT k.conname, k.contype::text, pg_get_constraintdef(k.oid)
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relname = ? AND k.contype IN ('p', 'u', 'f', 'c', 'x')
        ORDER BY position(k.contype::text IN 'pufcx'), k.conname
        """,
        row -> new ConstraintInfo(row.getString(1), type(row.getString(2)), row.getString(3)),
        schema,
        table);
  }

  private static String type(String code) {
    return switch (code) {
      case "p" -> "PRIMARY KEY";
      case "u" -> "UNIQUE";
      case "f" -> "FOREIGN KEY";
      case "c" -> "CHECK";
      default -> "EXCLUDE";
    };
  }

  @Override
  public List<TriggerInfo> triggers(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        """
        SELECT t.tgname, pg_get_triggerdef(t.oid, true)
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relname = ? AND NOT t.tgisinternal
        ORDER BY t.tgname
        """,
        row -> new TriggerInfo(row.getString(1), row.getString(2) + ";"),
        schema,
        table);
  }

  /**
   * Names as PostgreSQL writes them in DDL: quoted only where needed ({@code quote_ident}: upper
   * case, spaces, keywords), so the DDL reads like what was typed.
   */
  private static final class Idents {
    private final Connection connection;
    private final java.util.Map<String, String> known = new java.util.HashMap<>();

    Idents(Connection connection) {
      this.connection = connection;
    }

    String of(String name) throws SQLException {
      String quoted = known.get(name);
      if (quoted == null) {
        quoted = single(connection, "SELECT quote_ident(?)", name);
        known.put(name, quoted);
      }
      return quoted;
    }

    String of(String schema, String name) throws SQLException {
      return of(schema) + "." + of(name);
    }
  }

  @Override
  public String ddl(Connection connection, SchemaObject object) throws SQLException {
    String schema = object.schema();
    Idents idents = new Idents(connection);
    String qualified = object.kind() == ObjectKind.SCHEMA ? null : idents.of(schema, object.name());
    return switch (object.kind()) {
      case TABLE -> tableDdl(connection, idents, schema, object.name());
      case VIEW, MATERIALIZED_VIEW -> {
        String kind = object.kind() == ObjectKind.VIEW ? "VIEW" : "MATERIALIZED VIEW";
        String body =
            single(
                connection,
                "SELECT pg_get_viewdef(c.oid, true) FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
                schema,
                object.name());
        yield "CREATE " + kind + " " + qualified + " AS\n" + body.stripTrailing();
      }
      case SEQUENCE ->
          single(
              connection,
              """
              SELECT format('CREATE SEQUENCE %s AS %s START %s INCREMENT %s MINVALUE %s MAXVALUE %s CACHE %s%s;',
                            ?, data_type, start_value, increment_by, min_value, max_value,
                            cache_size, CASE WHEN cycle THEN ' CYCLE' ELSE '' END)
              FROM pg_sequences WHERE schemaname = ? AND sequencename = ?
              """,
              qualified,
              schema,
              object.name());
      case FUNCTION, PROCEDURE ->
          single(
              connection,
              """
              SELECT pg_get_functiondef(p.oid) FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = ? AND p.proname = ?
                AND pg_get_function_identity_arguments(p.oid) = ?
              """,
              schema,
              object.name(),
              object.identity() == null ? "" : object.identity());
      case INDEX ->
          indexes(connection, schema, object.table()).stream()
              .filter(index -> index.name().equals(object.name()))
              .map(IndexInfo::definition)
              .findFirst()
              .orElseThrow(() -> missing(object));
      case CONSTRAINT -> {
        ConstraintInfo constraint =
            constraints(connection, schema, object.table()).stream()
                .filter(each -> each.name().equals(object.name()))
                .findFirst()
                .orElseThrow(() -> missing(object));
        yield "ALTER TABLE "
            + idents.of(schema, object.table())
            + " ADD CONSTRAINT "
            + idents.of(constraint.name())
            + " "
            + constraint.definition()
            + ";";
      }
      case TRIGGER ->
          triggers(connection, schema, object.table()).stream()
              .filter(trigger -> trigger.name().equals(object.name()))
              .map(TriggerInfo::definition)
              .findFirst()
              .orElseThrow(() -> missing(object));
      case SCHEMA -> "CREATE SCHEMA " + idents.of(object.name()) + ";";
    };
  }

  private String tableDdl(Connection connection, Idents idents, String schema, String table)
      throws SQLException {
    List<ColumnInfo> columns = columns(connection, schema, table);
    if (columns.isEmpty()) {
      throw missing(SchemaObject.of(ObjectKind.TABLE, schema, table));
    }
    List<String> lines = new ArrayList<>();
    for (ColumnInfo column : columns) {
      lines.add(
          "    "
              + idents.of(column.name())
              + " "
              + column.type()
              + (column.nullable() ? "" : " NOT NULL")
              + (column.defaultValue() == null ? "" : " DEFAULT " + column.defaultValue()));
    }
    for (ConstraintInfo constraint : constraints(connection, schema, table)) {
      lines.add("    CONSTRAINT " + idents.of(constraint.name()) + " " + constraint.definition());
    }
    StringBuilder ddl =
        new StringBuilder("CREATE TABLE ")
            .append(idents.of(schema, table))
            .append(" (\n")
            .append(String.join(",\n", lines))
            .append("\n);");
    List<String> constraintNames =
        constraints(connection, schema, table).stream().map(ConstraintInfo::name).toList();
    for (IndexInfo index : indexes(connection, schema, table)) {
      if (!constraintNames.contains(index.name())) {
        ddl.append("\n").append(index.definition());
      }
    }
    for (TriggerInfo trigger : triggers(connection, schema, table)) {
      ddl.append("\n").append(trigger.definition());
    }
    return ddl.toString();
  }

  private static String single(Connection connection, String sql, String... values)
      throws SQLException {
    List<String> found = query(connection, sql, (ResultSet row) -> row.getString(1), values);
    if (found.isEmpty() || found.getFirst() == null) {
      throw new SQLException("not found in the catalog: " + String.join(".", values));
    }
    return found.getFirst();
  }

  static UnknownIdentifierException missing(SchemaObject object) {
    return new UnknownIdentifierException(
        "There is no "
            + object.kind().label()
            + " "
            + object.name()
            + (object.schema() == null ? "" : " in " + object.schema()));
  }

  @Override
  public RowLocator rowLocator() {
    return CTID;
  }

  @Override
  public String asText(String expression) {
    return "CAST(" + expression + " AS text)";
  }
}
