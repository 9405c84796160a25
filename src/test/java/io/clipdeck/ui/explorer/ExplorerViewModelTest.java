package io.clipdeck.ui.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.VideoExport;
import io.clipdeck.explore.ColumnFilter.Operator;
import io.clipdeck.explore.ForeignSchema;
import io.clipdeck.explore.SchemaExplorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's view models on the local SQLite profile holding {@link ForeignSchema}, with the
 * workers and the FX executor both running work on the caller's thread: every call has finished
 * when it returns, so nothing waits.
 */
class ExplorerViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private ExplorerViewModel viewModel;

  /** Runs each task at once on the caller's thread. */
  private static final class CallerRuns extends AbstractExecutorService {
    private boolean shut;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shut = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shut = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shut;
    }

    @Override
    public boolean isTerminated() {
      return shut;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  @BeforeEach
  void start() throws Exception {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    ForeignSchema.build(context.databases().open(context.profiles().active()));
    viewModel =
        new ExplorerViewModel(
            context.profiles(),
            profile -> new SchemaExplorer(context.databases().open(profile)),
            new BackgroundJobs(new CallerRuns()),
            Runnable::run);
  }

  @AfterEach
  void stop() {
    viewModel.close();
    context.close();
  }

  private static ExplorerNode child(ExplorerNode parent, String labelStart) {
    return parent.children().stream()
        .filter(node -> node.label().startsWith(labelStart))
        .findFirst()
        .orElseThrow(() -> new AssertionError(labelStart + " not in " + parent.children()));
  }

  @Test
  void theTreeOpensLazilyAndATableShowsItsDetailsDdlAndPages() throws Exception {
    viewModel.shown();
    assertThat(viewModel.roots()).extracting(ExplorerNode::label).containsExactly("main");
    assertThat(viewModel.statusProperty().get()).contains("Local SQLite", "1 schema");

    ExplorerNode main = viewModel.roots().getFirst();
    assertThat(main.isLoaded()).isFalse();
    viewModel.expand(main);
    assertThat(main.children())
        .extracting(ExplorerNode::label)
        .containsExactly("Tables (3)", "Views (1)");
    ExplorerNode customers = child(child(main, "Tables"), "customers");
    assertThat(customers.isLoaded()).isFalse();
    viewModel.expand(customers);
    assertThat(customers.children())
        .extracting(ExplorerNode::label)
        .containsExactly("Columns (7)", "Indexes (3)", "Constraints (2)");
    assertThat(child(child(customers, "Columns"), "name").label()).isEqualTo("name  TEXT NOT NULL");

    viewModel.selectedProperty().set(main);
    assertThat(viewModel.tables()).extracting(t -> t.name()).first().isEqualTo("customers");

    viewModel.selectedProperty().set(customers);
    assertThat(viewModel.headingProperty().get()).isEqualTo("table main.customers");
    assertThat(viewModel.ddlProperty().get()).startsWith("CREATE TABLE customers");
    assertThat(viewModel.columns()).hasSize(7);
    assertThat(viewModel.parts()).anyMatch(line -> line.contains("customers_name_idx"));

    DataGridViewModel grid = viewModel.grid();
    assertThat(grid.columns())
        .containsExactly("id", "name", "email", "notes", "photo", "profile", "score");
    assertThat(grid.rows()).hasSize(DataGridViewModel.PAGE_SIZE);
    assertThat(grid.keyLineProperty().get()).contains("primary key (id)");
    assertThat(grid.keyIsFallbackProperty().get()).isFalse();
    assertThat(grid.pageLineProperty().get()).isEqualTo("Page 1 · rows 1–100");
    grid.nextPage();
    grid.nextPage();
    assertThat(grid.pageLineProperty().get()).isEqualTo("Page 3 · rows 201–250 (last page)");
    assertThat(grid.hasNextProperty().get()).isFalse();
    assertThat(grid.rows().getLast().getFirst()).isEqualTo(250);
    grid.previousPage();
    assertThat(grid.pageLineProperty().get()).isEqualTo("Page 2 · rows 101–200");
    assertThat(grid.hasPreviousProperty().get()).isTrue();

    grid.descendingProperty().set(true);
    grid.sortColumnProperty().set("notes");
    assertThat(grid.pageLineProperty().get()).startsWith("Page 1 ");
    assertThat(grid.rows().getFirst().get(3)).isNull();

    grid.addFilter("name", Operator.CONTAINS, "東京");
    assertThat(grid.rows()).hasSize(ForeignSchema.CUSTOMERS / 10);
    assertThat(DataGridViewModel.copyText(grid.rows().subList(0, 2), List.of(0, 1)))
        .matches("\\d+\tZoë 東京 \\d+\n\\d+\tZoë 東京 \\d+\n");
    Path csv = root.resolve("tokyo.csv");
    grid.export(csv, VideoExport.Format.CSV);
    assertThat(viewModel.statusProperty().get()).startsWith("Exported 25 rows to ");
    assertThat(Files.readAllLines(csv)).hasSize(26);
    grid.clearFilters();
    assertThat(grid.rows()).hasSize(DataGridViewModel.PAGE_SIZE);
    assertThat(viewModel.loadingProperty().get()).isFalse();
  }

  @Test
  void aTableWithoutKeyIsPagedByRowidAndSaysSo() {
    viewModel.shown();
    ExplorerNode main = viewModel.roots().getFirst();
    viewModel.expand(main);
    viewModel.selectedProperty().set(child(child(main, "Tables"), "audit_log"));

    DataGridViewModel grid = viewModel.grid();
    assertThat(grid.keyIsFallbackProperty().get()).isTrue();
    assertThat(grid.keyLineProperty().get()).contains("rowid");
    assertThat(viewModel.parts()).anyMatch(line -> line.startsWith("trigger · audit_touch"));
  }

  @Test
  void searchFindsObjectsByNameAndABadFilterIsReported() {
    viewModel.shown();
    viewModel.searchProperty().set("ORDER");
    assertThat(viewModel.roots())
        .extracting(ExplorerNode::label)
        .containsExactly("main.Order Lines");
    assertThat(viewModel.statusProperty().get()).isEqualTo("1 object named like 'ORDER'");

    viewModel.selectedProperty().set(viewModel.roots().getFirst());
    DataGridViewModel grid = viewModel.grid();
    assertThat(grid.keyLineProperty().get()).contains("unique index", "Code");
    grid.sortColumnProperty().set("no such column");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
    assertThat(viewModel.statusProperty().get()).contains("is not a column of Order Lines");

    viewModel.searchProperty().set("");
    assertThat(viewModel.roots()).extracting(ExplorerNode::label).containsExactly("main");
    viewModel.refresh();
    assertThat(viewModel.grid().isOpen()).isFalse();
  }
}
