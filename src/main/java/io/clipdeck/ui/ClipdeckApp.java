package io.clipdeck.ui;

import atlantafx.base.theme.PrimerLight;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.logging.LogFile;
import io.clipdeck.ui.fx.FxDialogs;
import io.clipdeck.ui.fx.FxExecutor;
import io.clipdeck.ui.fx.MasterPasswordPrompt;
import io.clipdeck.ui.shell.FeatureViews;
import io.clipdeck.ui.shell.ShellView;
import io.clipdeck.ui.shell.ShellViewModel;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the composition root in {@code init}, closes it in {@code stop}.
 */
public final class ClipdeckApp extends Application {

  private final Supplier<AppContext.Options> options;
  private AppContext context;
  private LogFile logFile;
  private ShellViewModel shell;
  private ShellView shellView;

  /**
   * The launcher's constructor: the current user's directories; the vault asks for its password.
   */
  public ClipdeckApp() {
    this(
        () ->
            AppContext.Options.defaults(AppPaths.forCurrentUser())
                .withMasterPassword(new MasterPasswordPrompt(System.getenv())));
  }

  /** For tests and embedding: the given directories and timings. */
  public ClipdeckApp(Supplier<AppContext.Options> options) {
    this.options = options;
  }

  @Override
  public void init() {
    // Runs on the launcher thread, not the FX thread: reading profiles from disk here is fine.
    AppContext.Options chosen = options.get();
    logFile = LogFile.open(chosen.paths().dataDir().resolve("logs"));
    context = new AppContext(chosen);
  }

  @Override
  public void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    FxExecutor fx = new FxExecutor();
    shell =
        new ShellViewModel(
            context.profiles(), context.health(), context.jobs(), context.logBuffer(), fx);
    shellView = new ShellView(shell, new FeatureViews(context, fx, new FxDialogs(stage)));
    Scene scene = new Scene(shellView.root(), 1280, 800);
    scene
        .getStylesheets()
        .add(Objects.requireNonNull(getClass().getResource("clipdeck.css")).toExternalForm());
    stage.setTitle("Clipdeck");
    stage
        .getIcons()
        .add(new Image(Objects.requireNonNull(getClass().getResourceAsStream("icon.png"))));
    stage.setScene(scene);
    stage.iconifiedProperty().addListener((observable, was, now) -> shellView.windowMinimised(now));
    stage.setMinWidth(900);
    stage.setMinHeight(600);
    StartupMarker.watch(stage);
    stage.show();
    shell.start();
    // Failover groups check their members from the start, not only once their tab is opened.
    context.workers().execute(context::failover);
  }

  @Override
  public void stop() {
    if (shellView != null) {
      shellView.close();
    }
    if (shell != null) {
      shell.close();
    }
    if (context != null) {
      context.close();
    }
    if (logFile != null) {
      logFile.close();
    }
  }
}
