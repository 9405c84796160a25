package io.clipdeck.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clipdeck.app.AppContext;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.sql.Column;
import io.clipdeck.sql.ConfirmationRequired;
import io.clipdeck.sql.ConsoleSession;
import io.clipdeck.sql.Execution;
import io.clipdeck.sql.Outcome;
import io.clipdeck.sql.ResultCursor;
import io.clipdeck.sql.SqlConsoleService;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clipdeck sql}: runs a statement or a script on a profile and prints the results as they
 * stream from the server, a window of rows at a time, so a huge result never sits in memory.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run SQL on a profile: one statement or script (-c), or a script file (-f).",
      "Rows stream to standard output as an aligned table (default), CSV or JSON; update counts",
      "and times go to standard error with --format csv|json. Stops at the first error (exit 1).",
      "On a Production profile, statements that change data or schema need --confirm-writes."
    })
final class SqlCommand implements Callable<Integer> {

  /** Rows read from the server at a time. */
  static final int WINDOW = 500;

  /** The widest a column of the aligned table grows; longer values are cut with "…". */
  static final int TABLE_WIDTH = 60;

  enum Format {
    table,
    csv,
    json
  }

  @ParentCommand ClipdeckCommand root;
  @Spec CommandSpec spec;

  @Mixin TargetOptions target = new TargetOptions();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = {"-c", "--command"},
        description = "The SQL to run.")
    String command;

    @Option(
        names = {"-f", "--file"},
        description = "A file of SQL to run.")
    Path file;
  }

  @Option(names = "--format", description = "table (default), csv or json.", defaultValue = "table")
  Format format;

  @Option(
      names = "--confirm-writes",
      description = "Allow statements that change data or schema on a Production profile.")
  boolean confirmWrites;

  @Override
  public Integer call() throws Exception {
    AppContext context = root.context();
    // On a group: the member that takes writes when there is one (a replica refuses writes).
    ConnectionProfile profile = target.resolve(context, false, spec.commandLine().getErr());
    String script =
        source.command != null
            ? source.command
            : Files.readString(source.file, StandardCharsets.UTF_8);
    SqlConsoleService service = context.sqlConsole(profile);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter messages = format == Format.table ? out : err;
    try (ConsoleSession session =
        format == Format.table ? service.openSession() : service.openFullValueSession()) {
      Execution execution;
      try {
        execution = session.execute(script, confirmWrites);
      } catch (ConfirmationRequired e) {
        err.println("clipdeck: " + e.getMessage() + ": add --confirm-writes to run them");
        return ClipdeckCommand.PROBLEM;
      }
      JsonGenerator json = null;
      if (format == Format.json) {
        json = new JsonFactory().createGenerator(new NonClosingWriter(out));
        json.useDefaultPrettyPrinter();
        json.writeStartArray();
      }
      boolean failed = false;
      boolean firstResult = true;
      for (Optional<Outcome> next = execution.next(); next.isPresent(); next = execution.next()) {
        switch (next.get()) {
          case ResultCursor cursor -> {
            try (cursor) {
              switch (format) {
                case table -> printTable(cursor, out, firstResult);
                case csv -> printCsv(cursor, out, firstResult);
                case json -> printJson(cursor, json);
              }
              messages.printf(
                  "(%d row%s, %d ms)%n",
                  cursor.rowsRead(),
                  cursor.rowsRead() == 1 ? "" : "s",
                  cursor.elapsed().toMillis());
            }
            firstResult = false;
          }
          case Outcome.Update update -> {
            messages.printf(
                "%d row%s affected (%d ms)%n",
                update.count(), update.count() == 1 ? "" : "s", update.elapsed().toMillis());
            if (json != null) {
              json.writeStartObject();
              json.writeStringField("statement", update.statement().sql());
              json.writeNumberField("updated", update.count());
              json.writeEndObject();
            }
          }
          case Outcome.Failure failure -> {
            err.printf("clipdeck: line %d: %s%n", failure.line(), failure.message().strip());
            failed = true;
          }
        }
        out.flush();
      }
      if (json != null) {
        json.writeEndArray();
        json.flush();
        out.println();
      }
      if (session.transactionOpen()) {
        // A script on a Production profile ends with what it did committed only when it said so.
        session.rollback();
        messages.println(
            "The open transaction was rolled back: end the script with COMMIT to keep it");
      }
      return failed ? ClipdeckCommand.PROBLEM : 0;
    }
  }

  private static void printTable(ResultCursor cursor, PrintWriter out, boolean first)
      throws Exception {
    if (!first) {
      out.println();
    }
    List<Column> columns = cursor.columns();
    List<Object[]> window = cursor.fetch(WINDOW);
    // Widths from the header and the first window; later rows keep them (cut when longer).
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.min(TABLE_WIDTH, columns.get(i).name().length());
      for (Object[] row : window) {
        widths[i] = Math.min(TABLE_WIDTH, Math.max(widths[i], text(row[i]).length()));
      }
    }
    List<String> header = new ArrayList<>();
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < widths.length; i++) {
      header.add(pad(columns.get(i).name(), widths[i], false));
      rule.add("-".repeat(widths[i]));
    }
    out.println(String.join(" | ", header).stripTrailing());
    out.println(String.join("-+-", rule));
    while (!window.isEmpty()) {
      for (Object[] row : window) {
        List<String> cells = new ArrayList<>(row.length);
        for (int i = 0; i < row.length; i++) {
          cells.add(pad(text(row[i]), widths[i], columns.get(i).numeric()));
        }
        out.println(String.join(" | ", cells).stripTrailing());
      }
      out.flush();
      window = cursor.fetch(WINDOW);
    }
  }

  private static void printCsv(ResultCursor cursor, PrintWriter out, boolean first)
      throws Exception {
    if (!first) {
      out.println();
    }
    out.println(String.join(",", cursor.columns().stream().map(c -> csv(c.name())).toList()));
    for (List<Object[]> window = cursor.fetch(WINDOW);
        !window.isEmpty();
        window = cursor.fetch(WINDOW)) {
      for (Object[] row : window) {
        List<String> cells = new ArrayList<>(row.length);
        for (Object value : row) {
          cells.add(value == null ? "" : csv(value.toString()));
        }
        out.println(String.join(",", cells));
      }
      out.flush();
    }
  }

  private static void printJson(ResultCursor cursor, JsonGenerator json) throws Exception {
    List<Column> columns = cursor.columns();
    json.writeStartObject();
    json.writeStringField("statement", cursor.statement().sql());
    json.writeArrayFieldStart("rows");
    for (List<Object[]> window = cursor.fetch(WINDOW);
        !window.isEmpty();
        window = cursor.fetch(WINDOW)) {
      for (Object[] row : window) {
        json.writeStartObject();
        for (int i = 0; i < row.length; i++) {
          json.writeFieldName(columns.get(i).name());
          writeValue(json, row[i]);
        }
        json.writeEndObject();
      }
      json.flush();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigDecimal number) {
      json.writeNumber(number);
    } else if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
      json.writeNumber(number.doubleValue());
    } else {
      json.writeString(value.toString());
    }
  }

  private static String text(Object value) {
    return value == null ? "NULL" : value.toString().replace('\n', ' ').replace('\r', ' ');
  }

  private static String pad(String text, int width, boolean right) {
    String cut = text.length() > width ? text.substring(0, width - 1) + "…" : text;
    String spaces = " ".repeat(width - cut.length());
    return right ? spaces + cut : cut + spaces;
  }

  private static String csv(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  /** The command's writer stays open after the JSON is written. */
  private static final class NonClosingWriter extends java.io.FilterWriter {
    NonClosingWriter(PrintWriter out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
