package io.clipdeck.ui.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * Runs view-model updates on the FX thread. View models take an {@link Executor}, so tests pass
 * {@code Runnable::run} and need no toolkit.
 */
public final class FxExecutor implements Executor {

  @Override
  public void execute(Runnable command) {
    if (Platform.isFxApplicationThread()) {
      command.run();
    } else {
      Platform.runLater(command);
    }
  }
}
