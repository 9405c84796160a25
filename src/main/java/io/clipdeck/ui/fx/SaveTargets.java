package io.clipdeck.ui.fx;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Where a file the user asked for is written. A seam of the view layer: the app asks the toolkit's
 * save dialog ({@link FxSaveTargets}), a native window a robot cannot answer under Xvfb; GUI tests
 * answer with a path of their own.
 */
public interface SaveTargets {

  /**
   * Asks where to save a file; empty when the user cancels. Call on the FX thread.
   *
   * @param owner the window the question belongs to
   * @param title the dialog's title
   * @param initialName the file name proposed, with its extension
   * @param format what the file holds, as the user reads it ("CSV")
   * @param extension the format's extension, without the dot ("csv")
   */
  Optional<Path> chooseSaveTarget(
      Window owner, String title, String initialName, String format, String extension);
}
