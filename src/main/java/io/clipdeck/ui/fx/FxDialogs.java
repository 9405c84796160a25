package io.clipdeck.ui.fx;

import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

/** {@link DialogService} with JavaFX's own dialogs, owned by the main window. */
public final class FxDialogs implements DialogService {

  private final Window owner;

  public FxDialogs(Window owner) {
    this.owner = owner;
  }

  @Override
  public boolean confirm(String title, String question, String confirmLabel) {
    ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, confirm, ButtonType.CANCEL);
    alert.initOwner(owner);
    alert.setTitle(title);
    alert.setHeaderText(title);
    return alert.showAndWait().filter(confirm::equals).isPresent();
  }

  @Override
  public boolean confirmByTyping(String title, String question, String expected) {
    TextInputDialog dialog = new TextInputDialog();
    dialog.initOwner(owner);
    dialog.setTitle(title);
    dialog.setHeaderText(title);
    dialog.setContentText(question + "\nType " + expected + " to confirm:");
    return dialog.showAndWait().map(String::trim).filter(expected::equals).isPresent();
  }

  @Override
  public void error(String title, String message, String details) {
    Notifications.create()
        .owner(owner)
        .title(title)
        .text(message)
        .position(Pos.BOTTOM_RIGHT)
        .hideAfter(Duration.seconds(12))
        .action(new Action("Details", event -> showDetails(title, message, details)))
        .showError();
  }

  private void showDetails(String title, String message, String details) {
    TextArea text = new TextArea(details);
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefRowCount(8);
    Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.CLOSE);
    alert.initOwner(owner);
    alert.setTitle(title);
    alert.setHeaderText(title);
    alert.getDialogPane().setExpandableContent(text);
    alert.getDialogPane().setExpanded(true);
    alert.show();
  }

  @Override
  public void notify(String title, String message) {
    Notifications.create()
        .owner(owner)
        .title(title)
        .text(message)
        .position(Pos.BOTTOM_RIGHT)
        .hideAfter(Duration.seconds(8))
        .showWarning();
  }
}
