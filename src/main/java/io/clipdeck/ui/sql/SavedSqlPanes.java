package io.clipdeck.ui.sql;

import io.clipdeck.sql.ConsoleHistory;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.fxmisc.richtext.CodeArea;

/**
 * The console's History and Snippets tabs: searchable lists bound to {@link SavedSqlViewModel}; a
 * double click (or Enter) puts the entry's SQL into the editor at the caret, replacing the
 * selection.
 */
final class SavedSqlPanes {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneId.systemDefault());

  private SavedSqlPanes() {}

  static void wire(
      SavedSqlViewModel saved,
      TextField historySearch,
      ListView<ConsoleHistory.Entry> historyList,
      TextField snippetSearch,
      TextField snippetName,
      ListView<ConsoleHistory.Snippet> snippetList,
      Supplier<CodeArea> editor) {
    historySearch.textProperty().bindBidirectional(saved.historySearchProperty());
    historyList.setItems(saved.history());
    historyList.setCellFactory(list -> new HistoryCell());
    insertOnChoice(historyList, ConsoleHistory.Entry::statement, editor);

    snippetSearch.textProperty().bindBidirectional(saved.snippetSearchProperty());
    snippetName.textProperty().bindBidirectional(saved.snippetNameProperty());
    snippetList.setItems(saved.snippets());
    snippetList.setCellFactory(list -> new SnippetCell());
    snippetList.setPlaceholder(
        new Label("Select SQL in the editor, type a name and press Save as snippet"));
    insertOnChoice(snippetList, ConsoleHistory.Snippet::sql, editor);
  }

  private static <T> void insertOnChoice(
      ListView<T> list, Function<T, String> sql, Supplier<CodeArea> editor) {
    Runnable insert =
        () -> {
          T chosen = list.getSelectionModel().getSelectedItem();
          if (chosen != null) {
            CodeArea area = editor.get();
            area.replaceSelection(sql.apply(chosen));
            area.requestFocus();
          }
        };
    list.setOnMouseClicked(
        event -> {
          if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
            insert.run();
          }
        });
    list.setOnKeyPressed(
        event -> {
          if (event.getCode() == KeyCode.ENTER) {
            insert.run();
            event.consume();
          }
        });
  }

  private static String oneLine(String sql, int max) {
    String line = sql.strip().replaceAll("\\s+", " ");
    return line.length() > max ? line.substring(0, max - 1) + "…" : line;
  }

  private static final class HistoryCell extends ListCell<ConsoleHistory.Entry> {
    @Override
    protected void updateItem(ConsoleHistory.Entry entry, boolean empty) {
      super.updateItem(entry, empty);
      getStyleClass().remove("sql-error");
      if (empty || entry == null) {
        setText(null);
        return;
      }
      setText(
          WHEN.format(entry.at())
              + "  "
              + entry.duration().toMillis()
              + " ms  "
              + (entry.error() != null
                  ? "error"
                  : entry.rows() == null ? "" : entry.rows() + " rows")
              + "  "
              + oneLine(entry.statement(), 140));
      if (entry.error() != null) {
        getStyleClass().add("sql-error");
      }
    }
  }

  private static final class SnippetCell extends ListCell<ConsoleHistory.Snippet> {
    @Override
    protected void updateItem(ConsoleHistory.Snippet snippet, boolean empty) {
      super.updateItem(snippet, empty);
      setText(
          empty || snippet == null ? null : snippet.name() + "  ·  " + oneLine(snippet.sql(), 120));
    }
  }
}
