package io.clipdeck.ui.fx;

import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

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
