package io.clipdeck.ui.fx;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The app's {@link SaveTargets}: the toolkit's save dialog, filtered to the format's extension. */
public final class FxSaveTargets implements SaveTargets {

  @Override
  public Optional<Path> chooseSaveTarget(
      Window owner, String title, String initialName, String format, String extension) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(initialName);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format, "*." + extension));
    File file = chooser.showSaveDialog(owner);
    return Optional.ofNullable(file).map(File::toPath);
  }
}
