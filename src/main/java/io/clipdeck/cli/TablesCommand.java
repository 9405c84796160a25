package io.clipdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.explore.SchemaExplorer;
import io.clipdeck.explore.TableStats;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clipdeck tables}: a schema's tables with their estimated rows and size from the catalog's
 * statistics (never a count), largest first.
 */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = {
      "List a schema's tables with estimated rows and size, largest first.",
      "Figures come from the server's statistics (no count(*)): as fresh as its last analyse."
    })
final class TablesCommand implements Callable<Integer> {

  @ParentCommand ClipdeckCommand root;
  @Spec CommandSpec spec;

  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = {"-s", "--schema"},
      paramLabel = "SCHEMA",
      description = "The schema (database on MySQL/MariaDB; default: the profile's current one).")
  String schema;

  @Option(names = "--json", description = "Print the tables as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ConnectionProfile profile = target.resolve(root.context(), false, spec.commandLine().getErr());
    SchemaExplorer explorer = new SchemaExplorer(root.context().databases().open(profile));
    String inSchema = schema == null ? explorer.defaultSchema() : schema;
    List<TableStats> tables = explorer.tables(inSchema);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("profile", profile.name());
      result.put("schema", inSchema);
      result.put("tables", tables.stream().map(TablesCommand::row).toList());
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
      return 0;
    }
    int width = tables.stream().mapToInt(t -> t.name().length()).max().orElse(5);
    width = Math.max(width, 5);
    out.printf(Locale.ROOT, "%-" + width + "s  %14s  %10s%n", "table", "rows (est.)", "size");
    for (TableStats table : tables) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %14s  %10s%n",
          table.name(),
          table.estimatedRows() == null
              ? "?"
              : String.format(Locale.ROOT, "%,d", table.estimatedRows()),
          table.sizeBytes() == null ? "?" : size(table.sizeBytes()));
    }
    out.printf(Locale.ROOT, "%d tables in %s of %s%n", tables.size(), inSchema, profile.name());
    return 0;
  }

  private static Map<String, Object> row(TableStats table) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", table.name());
    row.put("estimated_rows", table.estimatedRows());
    row.put("size_bytes", table.sizeBytes());
    row.put("last_vacuum", table.lastVacuum() == null ? null : table.lastVacuum().toString());
    row.put("last_analyze", table.lastAnalyze() == null ? null : table.lastAnalyze().toString());
    return row;
  }

  /** Bytes in binary units, one decimal. */
  static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
