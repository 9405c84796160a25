package io.clipdeck.ui.shell;

import io.clipdeck.app.AppContext;
import io.clipdeck.ui.browser.BrowserView;
import io.clipdeck.ui.browser.BrowserViewModel;
import io.clipdeck.ui.dashboard.DashboardView;
import io.clipdeck.ui.dashboard.DashboardViewModel;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.groups.GroupsView;
import io.clipdeck.ui.groups.GroupsViewModel;
import io.clipdeck.ui.migrations.MigrationsView;
import io.clipdeck.ui.migrations.MigrationsViewModel;
import io.clipdeck.ui.profiles.ProfilesView;
import io.clipdeck.ui.profiles.ProfilesViewModel;
import io.clipdeck.ui.settings.SettingsView;
import io.clipdeck.ui.settings.SettingsViewModel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** Builds each section's view with its view model from the composition root. */
public final class FeatureViews implements Function<Section, FeatureView> {

  private static final Duration GROUPS_REFRESH = Duration.ofSeconds(1);

  private final AppContext context;
  private final Executor fx;
  private final DialogService dialogs;

  public FeatureViews(AppContext context, Executor fx, DialogService dialogs) {
    this.context = context;
    this.fx = fx;
    this.dialogs = dialogs;
  }

  @Override
  public FeatureView apply(Section section) {
    return switch (section) {
      case PROFILES ->
          new ProfilesView(
              new ProfilesViewModel(
                  context.profiles(),
                  context.health(),
                  context.jobs(),
                  context::secrets,
                  dialogs,
                  context.paths().dataDir(),
                  context.clock(),
                  fx),
              new GroupsView(
                  new GroupsViewModel(
                      context.profiles(),
                      context::failover,
                      context.jobs(),
                      context.scheduler(),
                      context.workers(),
                      fx,
                      GROUPS_REFRESH)));
      case DASHBOARD ->
          new DashboardView(
              new DashboardViewModel(
                  context.profiles(),
                  context.databases(),
                  context.monitor(),
                  context.alerts(),
                  context::data,
                  context::failover,
                  context.jobs(),
                  dialogs,
                  context.clock(),
                  context.scheduler(),
                  context.workers(),
                  fx,
                  () -> context.settings().dashboard()));
      case MIGRATIONS ->
          new MigrationsView(
              new MigrationsViewModel(
                  context.profiles(),
                  context::migrations,
                  context.jobs(),
                  dialogs,
                  context.clock(),
                  fx));
      case BROWSER ->
          new BrowserView(
              new BrowserViewModel(
                  context.profiles(),
                  context::data,
                  context::migrations,
                  context.jobs(),
                  dialogs,
                  context.scheduler(),
                  context.clock(),
                  fx));
      case ENRICHMENT ->
          new PlannedView(
              section,
              "Batch runs that fill video metadata, captions, thumbnails and narration from"
                  + " YouTube, OpenAI-compatible chat, Stability AI and ElevenLabs: progress, rate"
                  + " limits, circuit breakers, retries and dead letters, resumable after a crash.");
      case SETTINGS ->
          new SettingsView(
              new SettingsViewModel(
                  context::settings,
                  context::updateSettings,
                  context::secrets,
                  context.jobs(),
                  fx));
    };
  }
}
