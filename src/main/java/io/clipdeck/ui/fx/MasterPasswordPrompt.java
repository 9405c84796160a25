package io.clipdeck.ui.fx;

import io.clipdeck.secrets.MasterPassword;
import io.clipdeck.secrets.SecretStoreException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/**
 * The encrypted vault's master password for the console: {@code CLIPDECK_MASTER_PASSWORD} when set,
 * else a dialog. The vault asks from a worker thread, which waits for the answer; the FX thread
 * itself never waits.
 */
public final class MasterPasswordPrompt implements Supplier<char[]> {

  private final Map<String, String> environment;

  public MasterPasswordPrompt(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public char[] get() {
    String fromEnvironment = environment.get(MasterPassword.ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return fromEnvironment.toCharArray();
    }
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException("The vault was opened on the FX thread: use a worker");
    }
    CompletableFuture<Optional<char[]>> answer = new CompletableFuture<>();
    Platform.runLater(() -> answer.complete(ask()));
    return answer
        .join()
        .orElseThrow(
            () ->
                new SecretStoreException(
                    "no master password given: the vault stays locked; passwords and API keys"
                        + " are unavailable until you enter it"));
  }

  private static Optional<char[]> ask() {
    PasswordField field = new PasswordField();
    field.setPromptText("master password");
    Dialog<char[]> dialog = new Dialog<>();
    dialog.setTitle("Unlock the vault");
    dialog.setHeaderText("Clipdeck's vault holds your database passwords and API keys");
    dialog
        .getDialogPane()
        .setContent(
            new VBox(
                8,
                new Label(
                    "No desktop keyring answers, so they are kept in an encrypted file. Enter its"
                        + " master password (a new vault takes the one you type now)."),
                field));
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.setResultConverter(
        button -> button == ButtonType.OK ? field.getText().toCharArray() : null);
    Platform.runLater(field::requestFocus);
    Optional<char[]> result = dialog.showAndWait().filter(password -> password.length > 0);
    field.clear();
    return result;
  }
}
