package io.clipdeck.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.data.VideoExport;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.explore.ColumnFilter.Operator;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The explorer against {@link ForeignSchema} on PostgreSQL, MariaDB and SQLite: the tree, the DDL,
 * the estimates, paging by each kind of key across the whole table, filters and sorts with hostile
 * names, and the exports.
 */
class SchemaExplorerTest {

  @TempDir Path dir;
  private ScratchDatabase scratch;
  private PooledDatabase database;

  private SchemaExplorer open(DatabaseKind kind) throws Exception {
    scratch = TestDatabases.create(kind, dir);
    database = new PooledDatabase(scratch.profile(), Clock.systemUTC());
    ForeignSchema.build(database);
    return new SchemaExplorer(database);
  }

  @AfterEach
  void drop() {
    if (database != null) {
      database.close();
    }
    if (scratch != null) {
      scratch.close();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void theTreeListsEveryKindOfObjectAndTheirParts(DatabaseKind kind) throws Exception {
    SchemaExplorer explorer = open(kind);
    String schema = explorer.defaultSchema();
    assertThat(explorer.schemas()).first().isEqualTo(schema);

    List<SchemaObject> objects = explorer.objects(schema);
    assertThat(objects)
        .contains(
            SchemaObject.of(ObjectKind.TABLE, schema, "customers"),
            SchemaObject.of(ObjectKind.TABLE, schema, ForeignSchema.ORDER_LINES),
            SchemaObject.of(ObjectKind.TABLE, schema, "audit_log"),
            SchemaObject.of(ObjectKind.VIEW, schema, ForeignSchema.VIEW));
    if (kind == DatabaseKind.POSTGRESQL) {
      assertThat(objects)
          .contains(
              SchemaObject.of(ObjectKind.MATERIALIZED_VIEW, schema, "customer_names"),
              SchemaObject.of(ObjectKind.SEQUENCE, schema, "invoice_seq"),
              new SchemaObject(ObjectKind.FUNCTION, schema, "add_one", null, "i integer"));
    }
    if (kind == DatabaseKind.MYSQL) {
      assertThat(objects)
          .contains(
              SchemaObject.of(ObjectKind.SEQUENCE, schema, "invoice_seq"),
              SchemaObject.of(ObjectKind.FUNCTION, schema, "add_one"));
    }

    TableDetails customers = explorer.details(schema, "customers");
    assertThat(customers.columnNames())
        .containsExactly("id", "name", "email", "notes", "photo", "profile", "score");
    ColumnInfo name = customers.columns().get(1);
    assertThat(name.nullable()).isFalse();
    assertThat(customers.columns().get(3).nullable()).isTrue();
    assertThat(customers.columns().get(6).defaultValue()).contains("0");
    assertThat(customers.indexes()).extracting(IndexInfo::name).contains("customers_name_idx");
    assertThat(customers.indexes()).anyMatch(IndexInfo::primary);

    TableDetails lines = explorer.details(schema, ForeignSchema.ORDER_LINES);
    assertThat(lines.columnNames()).startsWith("LineId", "Code");
    assertThat(lines.constraints())
        .filteredOn(ConstraintInfo::isForeignKey)
        .singleElement()
        .satisfies(fk -> assertThat(fk.definition()).contains("customers", "customer_id"));
    assertThat(lines.constraints()).extracting(ConstraintInfo::type).contains("UNIQUE");
    if (kind != DatabaseKind.SQLITE) {
      // SQLite keeps CHECK constraints only in the table's CREATE statement.
      assertThat(lines.constraints())
          .filteredOn(constraint -> constraint.type().equals("CHECK"))
          .singleElement()
          .satisfies(check -> assertThat(check.definition()).contains("qty"));
    }
    assertThat(explorer.details(schema, "audit_log").triggers())
        .extracting(TriggerInfo::name)
        .containsExactly("audit_touch");
    assertThat(explorer.details(schema, ForeignSchema.VIEW).columnNames())
        .containsExactly("id", "name");

    assertThat(explorer.search("ORDER"))
        .containsExactly(SchemaObject.of(ObjectKind.TABLE, schema, ForeignSchema.ORDER_LINES));
    assertThat(explorer.search("nothing-like-this")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void theDdlOfEachObjectComesFromTheCatalog(DatabaseKind kind) throws Exception {
    SchemaExplorer explorer = open(kind);
    String schema = explorer.defaultSchema();

    String table = explorer.ddl(SchemaObject.of(ObjectKind.TABLE, schema, "customers"));
    assertThat(table).containsIgnoringCase("CREATE TABLE").contains("customers", "email");
    String lines =
        explorer.ddl(SchemaObject.of(ObjectKind.TABLE, schema, ForeignSchema.ORDER_LINES));
    assertThat(lines).containsIgnoringCase("references").contains("Order Lines", "LineId");
    String view = explorer.ddl(SchemaObject.of(ObjectKind.VIEW, schema, ForeignSchema.VIEW));
    assertThat(view).containsIgnoringCase("view").containsIgnoringCase("select").contains("notes");
    String index =
        explorer.ddl(
            SchemaObject.child(ObjectKind.INDEX, schema, "customers", "customers_name_idx"));
    assertThat(index).containsIgnoringCase("index").contains("customers_name_idx", "name");
    if (kind == DatabaseKind.MYSQL) {
      assertThat(explorer.ddl(SchemaObject.of(ObjectKind.SCHEMA, null, schema)))
          .startsWith("CREATE DATABASE")
          .contains(schema);
    }
    String trigger =
        explorer.ddl(SchemaObject.child(ObjectKind.TRIGGER, schema, "audit_log", "audit_touch"));
    assertThat(trigger).containsIgnoringCase("trigger").contains("audit_touch");
    if (kind == DatabaseKind.POSTGRESQL) {
      assertThat(table).contains("PRIMARY KEY (id)", "CREATE INDEX customers_name_idx");
      assertThat(
              explorer.ddl(
                  new SchemaObject(ObjectKind.FUNCTION, schema, "add_one", null, "i integer")))
          .contains("CREATE OR REPLACE FUNCTION", "i + 1");
      assertThat(explorer.ddl(SchemaObject.of(ObjectKind.SEQUENCE, schema, "invoice_seq")))
          .contains("CREATE SEQUENCE", "START 1000");
      assertThat(
              explorer.ddl(SchemaObject.of(ObjectKind.MATERIALIZED_VIEW, schema, "customer_names")))
          .startsWith("CREATE MATERIALIZED VIEW");
    }
    if (kind == DatabaseKind.MYSQL) {
      assertThat(explorer.ddl(SchemaObject.of(ObjectKind.FUNCTION, schema, "add_one")))
          .contains("FUNCTION", "add_one");
    }
    assertThatThrownBy(
            () -> explorer.ddl(SchemaObject.of(ObjectKind.TABLE, schema, "customers; DROP")))
        .isInstanceOf(UnknownIdentifierException.class);
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void tablesHaveEstimatesFromTheCatalogLargestFirst(DatabaseKind kind) throws Exception {
    SchemaExplorer explorer = open(kind);
    List<TableStats> tables = explorer.tables(explorer.defaultSchema());

    assertThat(tables)
        .extracting(TableStats::name)
        .containsExactlyInAnyOrder("customers", ForeignSchema.ORDER_LINES, "audit_log");
    assertThat(tables).isSortedAccordingTo(SchemaExplorer.BY_SIZE);
    TableStats customers =
        tables.stream().filter(t -> t.name().equals("customers")).findFirst().orElseThrow();
    assertThat(customers.estimatedRows()).isNotNull();
    // Estimates: near the truth, not necessarily equal to it.
    assertThat(customers.estimatedRows())
        .isBetween(ForeignSchema.CUSTOMERS / 2L, 2L * ForeignSchema.CUSTOMERS);
    assertThat(customers.sizeBytes()).isNotNull().isPositive();
    assertThat(tables.getFirst().name()).isEqualTo("customers");
    if (kind == DatabaseKind.POSTGRESQL) {
      assertThat(customers.lastAnalyze()).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void pagesByEachKindOfKeySeeEveryRowExactlyOnce(DatabaseKind kind) throws Exception {
    SchemaExplorer explorer = open(kind);
    String schema = explorer.defaultSchema();

    assertThat(explorer.pagingKey(schema, "customers").kind())
        .isEqualTo(PagingKey.Kind.PRIMARY_KEY);
    PagingKey linesKey = explorer.pagingKey(schema, ForeignSchema.ORDER_LINES);
    assertThat(linesKey.kind()).isEqualTo(PagingKey.Kind.UNIQUE_INDEX);
    assertThat(linesKey.columns()).containsExactly("Code");
    PagingKey auditKey = explorer.pagingKey(schema, "audit_log");
    assertThat(auditKey.kind())
        .isEqualTo(kind == DatabaseKind.MYSQL ? PagingKey.Kind.OFFSET : PagingKey.Kind.ROW_LOCATOR);
    assertThat(auditKey.isFallback()).isTrue();
    assertThat(auditKey.description()).isNotBlank();

    GridQuery customers = GridQuery.of(schema, "customers", 17);
    assertThat(ids(all(explorer, customers)))
        .containsExactlyElementsOf(range(ForeignSchema.CUSTOMERS));
    List<List<Object>> lines = all(explorer, GridQuery.of(schema, ForeignSchema.ORDER_LINES, 10));
    assertThat(lines).hasSize(ForeignSchema.LINES);
    assertThat(lines.stream().map(row -> row.get(1)).distinct()).hasSize(ForeignSchema.LINES);
    List<List<Object>> audit = all(explorer, GridQuery.of(schema, "audit_log", 16));
    assertThat(audit.stream().map(row -> (String) row.get(1)))
        .containsExactlyInAnyOrderElementsOf(ForeignSchema.auditMessages());

    // Sorted by a column with NULLs, both ways: still each row once, NULLs last going up.
    for (boolean descending : new boolean[] {false, true}) {
      List<List<Object>> byNotes = all(explorer, customers.sortedBy("notes", descending));
      assertThat(ids(byNotes)).containsExactlyInAnyOrderElementsOf(range(ForeignSchema.CUSTOMERS));
      Object firstNotes = byNotes.getFirst().get(3);
      Object lastNotes = byNotes.getLast().get(3);
      assertThat(descending ? firstNotes : lastNotes).isNull();
      assertThat(descending ? lastNotes : firstNotes).isNotNull();
    }
    List<List<Object>> linesByQty =
        all(explorer, GridQuery.of(schema, ForeignSchema.ORDER_LINES, 9).sortedBy("qty", true));
    assertThat(linesByQty).hasSize(ForeignSchema.LINES);
    assertThat(linesByQty.stream().map(row -> ((Number) row.get(3)).intValue()).toList())
        .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    assertThat(all(explorer, GridQuery.of(schema, ForeignSchema.VIEW, 40)))
        .hasSize(ForeignSchema.CUSTOMERS - ForeignSchema.CUSTOMERS / 3);
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void filtersBindValuesAndRefuseNamesNotInTheTable(DatabaseKind kind) throws Exception {
    SchemaExplorer explorer = open(kind);
    String schema = explorer.defaultSchema();
    GridQuery customers = GridQuery.of(schema, "customers", 500);

    List<List<Object>> tokyo =
        explorer
            .page(
                customers.withFilters(List.of(new ColumnFilter("name", Operator.CONTAINS, "東京"))),
                null)
            .rows();
    assertThat(tokyo).hasSize(ForeignSchema.CUSTOMERS / 10);
    assertThat(
            explorer
                .page(
                    customers.withFilters(
                        List.of(new ColumnFilter("email", Operator.IS_NULL, null))),
                    null)
                .rows())
        .hasSize(ForeignSchema.CUSTOMERS / 4);
    assertThat(
            explorer
                .page(
                    customers.withFilters(List.of(new ColumnFilter("id", Operator.EQUALS, "42"))),
                    null)
                .rows())
        .singleElement()
        .satisfies(row -> assertThat(row.get(1)).isEqualTo("customer 42"));
    // A hostile value is a value: bound, it matches nothing.
    assertThat(
            explorer
                .page(
                    customers.withFilters(
                        List.of(new ColumnFilter("name", Operator.EQUALS, "x' OR '1'='1"))),
                    null)
                .rows())
        .isEmpty();
    assertThat(
            explorer
                .page(
                    customers.withFilters(
                        List.of(new ColumnFilter("name", Operator.CONTAINS, "%"))),
                    null)
                .rows())
        .isEmpty();

    for (String hostile :
        List.of("name; DROP TABLE customers", "\"name\" OR 1=1 --", "NAME", "no_such", "`name`")) {
      assertThatThrownBy(() -> explorer.page(customers.sortedBy(hostile, false), null))
          .isInstanceOf(UnknownIdentifierException.class);
      assertThatThrownBy(
              () ->
                  explorer.page(
                      customers.withFilters(
                          List.of(new ColumnFilter(hostile, Operator.EQUALS, "1"))),
                      null))
          .isInstanceOf(UnknownIdentifierException.class);
    }
    assertThatThrownBy(() -> explorer.page(GridQuery.of(schema, "customers\" --", 10), null))
        .isInstanceOf(UnknownIdentifierException.class);
    assertThatThrownBy(() -> explorer.page(GridQuery.of("no_schema", "customers", 10), null))
        .isInstanceOf(UnknownIdentifierException.class);
    assertThat(explorer.page(customers, null).rows()).hasSize(ForeignSchema.CUSTOMERS);
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void exportsStreamTheGridToCsvAndJson(DatabaseKind kind) throws Exception {
    SchemaExplorer explorer = open(kind);
    String schema = explorer.defaultSchema();
    GridQuery query =
        GridQuery.of(schema, "customers", 10)
            .withFilters(List.of(new ColumnFilter("id", Operator.NOT_EQUALS, "3")));
    Path csv = dir.resolve("customers.csv");
    List<Long> progress = new ArrayList<>();

    long written = explorer.export(query, csv, VideoExport.Format.CSV, progress::add);

    assertThat(written).isEqualTo(ForeignSchema.CUSTOMERS - 1);
    assertThat(progress).isEmpty();
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    assertThat(text).startsWith("id,name,email,notes,photo,profile,score\r\n");
    assertThat(text).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", "Zoë 東京 10");
    assertThat(text).contains(ForeignSchema.LARGE_TEXT.strip());
    assertThat(text).contains("\\x70686f746f2d35"); // photo-5 as hex
    assertThat(Files.exists(dir.resolve("customers.csv.part"))).isFalse();

    Path json = dir.resolve("customers.json");
    explorer.export(query.sortedBy("name", false), json, VideoExport.Format.JSON, n -> {});
    JsonNode rows = new ObjectMapper().readTree(json.toFile());
    assertThat(rows).hasSize(ForeignSchema.CUSTOMERS - 1);
    JsonNode fourth = find(rows, 4);
    assertThat(fourth.get("email").isNull()).isTrue();
    assertThat(fourth.get("id").isNumber()).isTrue();
    assertThat(find(rows, 10).get("name").asText()).isEqualTo("Zoë 東京 10");

    assertThatThrownBy(
            () ->
                explorer.export(
                    query.sortedBy("nope", false),
                    dir.resolve("x.csv"),
                    VideoExport.Format.CSV,
                    n -> {}))
        .isInstanceOf(UnknownIdentifierException.class);
    assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
    assertThat(Files.exists(dir.resolve("x.csv.part"))).isFalse();
  }

  private static JsonNode find(JsonNode rows, int id) {
    for (JsonNode row : rows) {
      if (row.get("id").asInt() == id) {
        return row;
      }
    }
    throw new AssertionError("no row " + id);
  }

  /** Every page from the first to the last. */
  private static List<List<Object>> all(SchemaExplorer explorer, GridQuery query) {
    List<List<Object>> rows = new ArrayList<>();
    GridCursor after = null;
    int pages = 0;
    do {
      GridPage page = explorer.page(query, after);
      assertThat(page.rows().size()).isLessThanOrEqualTo(query.pageSize());
      rows.addAll(page.rows());
      after = page.next();
      assertThat(++pages).isLessThan(1_000);
    } while (after != null);
    return rows;
  }

  private static List<Integer> ids(List<List<Object>> rows) {
    Function<List<Object>, Integer> id = row -> ((Number) row.getFirst()).intValue();
    List<Integer> ids = rows.stream().map(id).toList();
    Set<Integer> unique = new HashSet<>(ids);
    assertThat(unique).hasSameSizeAs(ids);
    return ids;
  }

  private static List<Integer> range(int count) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add(i);
    }
    return ids;
  }
}
