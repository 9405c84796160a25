package io.clipdeck.ui.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML from {@code /fxml/} with the view object itself as controller, so each view
 * is one class built with its view model by plain constructor calls.
 */
public final class ViewLoader {

  private ViewLoader() {}

  public static Parent load(String fxmlPath, Object controller) {
    URL location = ViewLoader.class.getResource("/fxml/" + fxmlPath);
    if (location == null) {
      throw new IllegalStateException("Missing view definition /fxml/" + fxmlPath);
    }
    FXMLLoader loader = new FXMLLoader(location);
    loader.setController(controller);
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load view /fxml/" + fxmlPath, e);
    }
  }
}
