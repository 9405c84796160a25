package io.clipdeck.ui.explorer;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Dialect;
import io.clipdeck.db.ProfileService;
import io.clipdeck.explore.ColumnInfo;
import io.clipdeck.explore.ObjectKind;
import io.clipdeck.explore.SchemaExplorer;
import io.clipdeck.explore.SchemaObject;
import io.clipdeck.explore.TableDetails;
import io.clipdeck.explore.TableStats;
import io.clipdeck.ui.fx.ViewJobs;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The schema explorer of the active profile: a tree read as it is opened, a search by name, the
 * selected object's columns, parts and DDL, its schema's tables with their estimated sizes, and the
 * {@link DataGridViewModel grid} of a selected table or view. Every read runs on a worker; a result
 * a newer request has overtaken is dropped.
 */
public final class ExplorerViewModel {

  private final ProfileService profiles;
  private final Function<ConnectionProfile, SchemaExplorer> explorers;
  private final ViewJobs jobs;
  private final DataGridViewModel grid;
  private final Consumer<ConnectionProfile> onActive;

  private final ObservableList<ExplorerNode> roots = FXCollections.observableArrayList();
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<ExplorerNode> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper ddl = new ReadOnlyStringWrapper("");
  private final ObservableList<ColumnInfo> columns = FXCollections.observableArrayList();
  private final ObservableList<String> parts = FXCollections.observableArrayList();
  private final ObservableList<TableStats> tables = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper tablesSchema = new ReadOnlyStringWrapper("");

  private long rootRequests;
  private long selectRequests;
  private long tableRequests;
  private boolean started;

  /**
   * @param fx where results are applied: the FX thread in the app, the caller in tests
   */
  public ExplorerViewModel(
      ProfileService profiles,
      Function<ConnectionProfile, SchemaExplorer> explorers,
      BackgroundJobs jobs,
      Executor fx) {
    this.profiles = profiles;
    this.explorers = explorers;
    this.jobs = new ViewJobs(jobs, fx);
    this.grid = new DataGridViewModel(profiles::active, explorers, this.jobs);
    // The listener is told on the thread that activated the profile: hop to the FX executor.
    this.onActive = profile -> fx.execute(this::refresh);
    search.addListener((o, was, now) -> loadRoots());
    selected.addListener((o, was, now) -> select(now));
    profiles.addActiveListener(onActive);
  }

  /** The first time the view is shown: reads the schemas. */
  public void shown() {
    if (!started) {
      started = true;
      refresh();
    }
  }

  /** Reads everything again from the schemas down; the grid empties. */
  public void refresh() {
    started = true;
    selected.set(null);
    grid.clear();
    tables.clear();
    loadRoots();
  }

  private void loadRoots() {
    long request = ++rootRequests;
    String text = search.get() == null ? "" : search.get().strip();
    ConnectionProfile on = profiles.active();
    jobs.report(
        text.isEmpty() ? "Reading the schemas of " + on.name() : "Searching " + on.name(),
        () -> {
          SchemaExplorer explorer = explorers.apply(on);
          if (text.isEmpty()) {
            return explorer.schemas().stream().map(ExplorerNode::schema).toList();
          }
          return explorer.search(text).stream()
              .map(found -> ExplorerNode.object(found, found.schema() + "." + found.label()))
              .toList();
        },
        read -> {
          if (request != rootRequests) {
            return;
          }
          roots.setAll(read);
          jobs.report(
              text.isEmpty()
                  ? on.name() + " (" + on.kind().displayName() + "): " + count(read, "schema")
                  : count(read, "object") + " named like '" + text + "'",
              false);
        });
  }

  private static String count(List<?> items, String noun) {
    return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
  }

  /** Reads a node's children the first time it is opened; later calls do nothing. */
  public void expand(ExplorerNode node) {
    if (node == null || !node.startLoading()) {
      return;
    }
    ConnectionProfile on = profiles.active();
    node.children().setAll(ExplorerNode.note("Loading…"));
    String job = "Reading " + node.label();
    jobs.run(
        job,
        () -> ExplorerTree.children(explorers.apply(on), node),
        node::loaded,
        error -> {
          node.failed("Cannot read it: " + ViewJobs.message(error));
          jobs.report(job + " failed: " + ViewJobs.message(error), true);
        });
  }

  private void select(ExplorerNode node) {
    long request = ++selectRequests;
    ddl.set("");
    columns.clear();
    parts.clear();
    heading.set(node == null ? "" : headingOf(node));
    if (node == null || node.type() == ExplorerNode.Type.NOTE) {
      return;
    }
    if (node.schema() != null && !node.schema().equals(tablesSchema.get())) {
      readTables(node.schema());
    }
    SchemaObject object =
        node.type() == ExplorerNode.Type.SCHEMA
            ? SchemaObject.of(ObjectKind.SCHEMA, null, node.schema())
            : node.object();
    if (object == null) {
      return;
    }
    ConnectionProfile on = profiles.active();
    jobs.report(
        "Reading " + object.name(),
        () -> {
          SchemaExplorer explorer = explorers.apply(on);
          boolean hasDdl =
              object.kind() != ObjectKind.SCHEMA || Dialect.of(on.kind()).keepsSchemaDdl();
          return new Selected(
              hasDdl ? explorer.ddl(object) : "",
              node.isTableLike() ? explorer.details(object.schema(), object.name()) : null);
        },
        read -> {
          if (request == selectRequests) {
            show(read);
          }
        });
    if (node.isTableLike()) {
      grid.open(object);
    }
  }

  private static String headingOf(ExplorerNode node) {
    SchemaObject object = node.object();
    return switch (node.type()) {
      case SCHEMA -> "Schema " + node.schema();
      case OBJECT, PART ->
          object == null
              ? node.label()
              : object.kind().label() + " " + object.schema() + "." + object.label();
      default -> node.label();
    };
  }

  private record Selected(String ddl, TableDetails details) {}

  private void show(Selected read) {
    ddl.set(read.ddl());
    TableDetails details = read.details();
    if (details == null) {
      return;
    }
    columns.setAll(details.columns());
    details.indexes().forEach(index -> parts.add("index · " + index.definition()));
    details
        .constraints()
        .forEach(
            constraint ->
                parts.add(
                    constraint.type().toLowerCase(Locale.ROOT)
                        + " · "
                        + constraint.name()
                        + ": "
                        + constraint.definition()));
    details
        .triggers()
        .forEach(trigger -> parts.add("trigger · " + trigger.name() + ": " + trigger.definition()));
  }

  /** Reads a schema's tables with their estimates, largest first. */
  private void readTables(String schema) {
    long request = ++tableRequests;
    tablesSchema.set(schema);
    ConnectionProfile on = profiles.active();
    jobs.report(
        "Reading table sizes of " + schema,
        () -> explorers.apply(on).tables(schema),
        read -> {
          if (request == tableRequests) {
            tables.setAll(read);
          }
        });
  }

  /** Stops following the active profile. */
  public void close() {
    profiles.removeActiveListener(onActive);
  }

  public DataGridViewModel grid() {
    return grid;
  }

  /** Schemas, or the objects found when a search is typed. */
  public ObservableList<ExplorerNode> roots() {
    return roots;
  }

  /** Part of an object's name; the tree shows what matches in every schema. */
  public StringProperty searchProperty() {
    return search;
  }

  public ObjectProperty<ExplorerNode> selectedProperty() {
    return selected;
  }

  /** What is selected, in words ("table public.customers"). */
  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  /** The selected object's DDL. */
  public ReadOnlyStringProperty ddlProperty() {
    return ddl.getReadOnlyProperty();
  }

  /** The selected table's or view's columns. */
  public ObservableList<ColumnInfo> columns() {
    return columns;
  }

  /** The selected table's indexes, constraints and triggers, a line each. */
  public ObservableList<String> parts() {
    return parts;
  }

  /** The tables of the selected schema with their estimates, largest first. */
  public ObservableList<TableStats> tables() {
    return tables;
  }

  /** The schema {@link #tables()} are of. */
  public ReadOnlyStringProperty tablesSchemaProperty() {
    return tablesSchema.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return jobs.busyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return jobs.statusProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return jobs.statusIsErrorProperty();
  }
}
