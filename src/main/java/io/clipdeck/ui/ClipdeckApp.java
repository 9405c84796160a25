package io.clipdeck.ui;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.UiState;
import io.clipdeck.config.UiStateStore;
import io.clipdeck.db.ProfileService;
import io.clipdeck.logging.LogFile;
import io.clipdeck.logging.StartupTrace;
import io.clipdeck.ui.comfort.AboutDialog;
import io.clipdeck.ui.comfort.ErrorNotices;
import io.clipdeck.ui.comfort.WindowComforts;
import io.clipdeck.ui.fx.FxDialogs;
import io.clipdeck.ui.fx.FxExecutor;
import io.clipdeck.ui.fx.FxSaveTargets;
import io.clipdeck.ui.fx.MasterPasswordPrompt;
import io.clipdeck.ui.fx.SaveTargets;
import io.clipdeck.ui.shell.FeatureViews;
import io.clipdeck.ui.shell.Section;
import io.clipdeck.ui.shell.ShellView;
import io.clipdeck.ui.shell.ShellViewModel;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: builds the composition root in {@code init}, closes it in {@code stop}.
 */
public final class ClipdeckApp extends Application {

  private static final Logger log = LoggerFactory.getLogger(ClipdeckApp.class);

  private final Supplier<AppContext.Options> options;
  private final SaveTargets saveTargets;
  private AppContext context;
  private LogFile logFile;
  private UiStateStore stateStore;
  private UiState state;
  private ShellViewModel shell;
  private ShellView shellView;
  private WindowComforts comforts;

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
    this(options, new FxSaveTargets());
  }

  /**
   * For GUI tests: also who answers "where to save" (the toolkit's save dialog is a native window a
   * robot cannot type into under Xvfb).
   */
  public ClipdeckApp(Supplier<AppContext.Options> options, SaveTargets saveTargets) {
    this.options = options;
    this.saveTargets = saveTargets;
  }

  /**
   * The composition root built by {@link #init()}: for tests that drive the core beside the window.
   */
  public AppContext context() {
    return context;
  }

  @Override
  public void init() {
    // Runs on the launcher thread, not the FX thread: reading files from disk here is fine.
    StartupTrace.mark("init");
    AppContext.Options chosen = options.get();
    logFile = LogFile.open(chosen.paths().dataDir().resolve("logs"));
    StartupTrace.mark("log file open");
    context = new AppContext(chosen);
    StartupTrace.mark("app context built");
    stateStore = UiStateStore.in(context.paths(), context.clock());
    state = stateStore.load().state();
    restoreActiveProfile(context.profiles(), state);
    StartupTrace.mark("ui state read");
  }

  @Override
  public void start(Stage stage) {
    StartupTrace.mark("start");
    FxExecutor fx = new FxExecutor();
    FxDialogs dialogs = new FxDialogs(stage);
    ErrorNotices.install(context.logBuffer(), dialogs, fx, logFile.file());
    shell =
        new ShellViewModel(
            context.profiles(), context.profileHealth(), context.jobs(), context.logBuffer(), fx);
    state
        .lastViewName()
        .flatMap(
            name -> Arrays.stream(Section.values()).filter(s -> s.name().equals(name)).findFirst())
        .ifPresent(section -> shell.sectionProperty().set(section));
    shellView =
        new ShellView(
            shell,
            new FeatureViews(context, fx, dialogs, shell.sectionProperty()::set, saveTargets));
    StartupTrace.mark("shell view built");
    StackPane layer = new StackPane(shellView.root());
    Scene scene = new Scene(layer, 1280, 800);
    scene
        .getStylesheets()
        .add(Objects.requireNonNull(getClass().getResource("clipdeck.css")).toExternalForm());
    stage.setTitle("Clipdeck");
    stage
        .getIcons()
        .add(new Image(Objects.requireNonNull(getClass().getResourceAsStream("icon.png"))));
    stage.setScene(scene);
    StartupTrace.mark("icon + scene");
    stage.iconifiedProperty().addListener((observable, was, now) -> shellView.windowMinimised(now));
    stage.setMinWidth(900);
    stage.setMinHeight(600);
    comforts =
        new WindowComforts(
            stage,
            layer,
            shellView,
            shell,
            state,
            () -> AboutDialog.show(stage, context.paths().configDir(), logFile.file()),
            this::saveInBackground);
    comforts.install(scene);
    StartupTrace.mark("comforts installed");
    // The window first shows the shell with "Loading…" where the view goes; the view (its FXML,
    // skins and CSS are most of a start's work on the FX thread) is built right after that frame.
    StartupMarker.watch(stage, shellView::showFirstView);
    stage.show();
    StartupTrace.mark("stage shown");
    shell.start();
    // Failover groups check their members from the start, not only once their tab is opened.
    context.workers().execute(context::failover);
  }

  /** The comforts, for tests that switch the theme or rebind keys. */
  WindowComforts comforts() {
    return comforts;
  }

  /**
   * The profile that was active last time, unless {@code DATABASE_*} named one for this run (that
   * one wins) or the remembered one is gone.
   */
  private static void restoreActiveProfile(ProfileService profiles, UiState state) {
    if (profiles.isReadOnly(profiles.active().name())) {
      return;
    }
    state
        .activeProfileName()
        .filter(name -> profiles.find(name).isPresent())
        .ifPresent(profiles::activate);
  }

  private void saveInBackground(UiState changed) {
    try {
      context.workers().execute(() -> save(changed));
    } catch (RejectedExecutionException e) {
      // Closing: stop() writes the state itself.
    }
  }

  private synchronized void save(UiState changed) {
    UiState complete = changed.withActiveProfile(context.profiles().active().name());
    try {
      stateStore.save(complete);
    } catch (RuntimeException e) {
      log.warn("{}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    if (comforts != null) {
      save(comforts.remember());
    }
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
