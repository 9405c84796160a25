package io.clipdeck.ui.comfort;

import io.clipdeck.app.ComponentVersions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Clipdeck's version and what it runs on: Java, JavaFX, the drivers, Flyway; where its files are.
 */
public final class AboutDialog {

  private AboutDialog() {}

  public static void show(Window owner, Path configDir, Path logFile) {
    Map<String, String> rows = new LinkedHashMap<>(ComponentVersions.all());
    rows.put("JavaFX", System.getProperty("javafx.runtime.version", "unknown"));
    rows.put("Settings and profiles", configDir.toString());
    rows.put("Log file", logFile.toString());
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(4);
    grid.setId("aboutGrid");
    int row = 0;
    for (Map.Entry<String, String> entry : rows.entrySet()) {
      Label name = new Label(entry.getKey());
      name.getStyleClass().add("tile-name");
      grid.addRow(row++, name, new Label(entry.getValue()));
    }
    Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
    alert.initOwner(owner);
    alert.setTitle("About Clipdeck");
    alert.setHeaderText("Clipdeck " + rows.get("Clipdeck"));
    alert.getDialogPane().setContent(grid);
    alert.show();
  }
}
