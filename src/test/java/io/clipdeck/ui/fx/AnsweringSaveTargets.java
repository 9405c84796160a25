package io.clipdeck.ui.fx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Window;

/**
 * {@link SaveTargets} for GUI tests: instead of the toolkit's save dialog (a native window the
 * robot cannot answer under Xvfb) it writes down each question and answers with the proposed file
 * name in {@link #directory}, or cancels while that is null.
 */
public final class AnsweringSaveTargets implements SaveTargets {

  /** The questions asked, oldest first, as "title (initial name, format)". */
  public final List<String> questions = new CopyOnWriteArrayList<>();

  /** Where the answered files go; null: the user cancels. Set by the test thread, read on FX. */
  public volatile Path directory;

  @Override
  public Optional<Path> chooseSaveTarget(
      Window owner, String title, String initialName, String format, String extension) {
    questions.add(title + " (" + initialName + ", " + format + ")");
    Path into = directory;
    return into == null ? Optional.empty() : Optional.of(into.resolve(initialName));
  }
}
