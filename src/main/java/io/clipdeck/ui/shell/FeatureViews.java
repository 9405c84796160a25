package io.clipdeck.ui.shell;

import io.clipdeck.app.AppContext;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.enrich.EnrichmentService;
import io.clipdeck.enrich.EnrichmentSettings;
import io.clipdeck.enrich.RunHistory;
import io.clipdeck.explore.SchemaExplorer;
import io.clipdeck.ui.browser.BrowserView;
import io.clipdeck.ui.browser.BrowserViewModel;
import io.clipdeck.ui.dashboard.DashboardView;
import io.clipdeck.ui.dashboard.DashboardViewModel;
import io.clipdeck.ui.enrich.EnrichmentHandoff;
import io.clipdeck.ui.enrich.EnrichmentServices;
import io.clipdeck.ui.enrich.EnrichmentView;
import io.clipdeck.ui.enrich.EnrichmentViewModel;
import io.clipdeck.ui.enrich.ProviderConsoleViewModel;
import io.clipdeck.ui.explorer.ExplorerView;
import io.clipdeck.ui.explorer.ExplorerViewModel;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.FxSaveTargets;
import io.clipdeck.ui.fx.SaveTargets;
import io.clipdeck.ui.groups.GroupsView;
import io.clipdeck.ui.groups.GroupsViewModel;
import io.clipdeck.ui.migrations.MigrationsView;
import io.clipdeck.ui.migrations.MigrationsViewModel;
import io.clipdeck.ui.profiles.ProfilesView;
import io.clipdeck.ui.profiles.ProfilesViewModel;
import io.clipdeck.ui.settings.SettingsView;
import io.clipdeck.ui.settings.SettingsViewModel;
import io.clipdeck.ui.sql.SqlConsoleView;
import io.clipdeck.ui.sql.SqlConsoleViewModel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/** Builds each section's view with its view model from the composition root. */
public final class FeatureViews implements Function<Section, FeatureView> {

  private static final Duration GROUPS_REFRESH = Duration.ofSeconds(1);
  private static final Duration ENRICHMENT_POLL = Duration.ofMillis(500);

  /** The resilience console reads the quota ledger (maybe a database): once a second is enough. */
  private static final Duration CONSOLE_POLL = Duration.ofSeconds(1);

  private final AppContext context;
  private final Executor fx;
  private final DialogService dialogs;
  private final Consumer<Section> navigate;
  private final SaveTargets saveTargets;

  /** The browser's "Enrich selected" hands its videos to the enrichment view through this. */
  private final EnrichmentHandoff handoff = new EnrichmentHandoff();

  /**
   * @param navigate shows another section (the browser's "Enrich selected" opens Enrichment)
   */
  public FeatureViews(
      AppContext context, Executor fx, DialogService dialogs, Consumer<Section> navigate) {
    this(context, fx, dialogs, navigate, new FxSaveTargets());
  }

  /**
   * @param saveTargets asked where exported files go (the toolkit's save dialog in the app)
   */
  public FeatureViews(
      AppContext context,
      Executor fx,
      DialogService dialogs,
      Consumer<Section> navigate,
      SaveTargets saveTargets) {
    this.context = context;
    this.fx = fx;
    this.dialogs = dialogs;
    this.navigate = navigate;
    this.saveTargets = saveTargets;
  }

  /**
   * A profile's enrichment, made on a worker the first time the view needs it; not before the
   * profile has Clipdeck's schema (the providers' quota table would make a later migration find a
   * non-empty schema).
   */
  private EnrichmentService enrichment(ConnectionProfile profile) {
    DataLayer data = context.data(profile);
    if (!data.schemaPresent()) {
      throw new IllegalStateException(
          "profile "
              + profile.name()
              + " has no Clipdeck schema yet: migrate it in Migrations, then come back");
    }
    return new EnrichmentService(
        data,
        context::providers,
        EnrichmentSettings.defaults(context.paths().dataDir().resolve("media")),
        context.clock(),
        ENRICHMENT_POLL,
        RunHistory.forProfile(context.paths().dataDir(), profile.name(), context.clock()));
  }

  @Override
  public FeatureView apply(Section section) {
    return switch (section) {
      case PROFILES ->
          new ProfilesView(
              new ProfilesViewModel(
                  context.profiles(),
                  context.profileHealth(),
                  context.jobs(),
                  context::secrets,
                  dialogs,
                  context.paths().dataDir(),
                  fx),
              () ->
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
                  context.dashboard(),
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
      case BROWSER -> {
        BrowserViewModel browser =
            new BrowserViewModel(
                context.browse(),
                context.jobs(),
                dialogs,
                context.scheduler(),
                context.clock(),
                fx);
        browser
            .actions()
            .onEnrichSelected(
                videos -> {
                  handoff.hand(videos);
                  navigate.accept(Section.ENRICHMENT);
                });
        browser
            .actions()
            .onEnrichMatching(
                filter -> {
                  handoff.handMatching(filter);
                  navigate.accept(Section.ENRICHMENT);
                });
        yield new BrowserView(browser, saveTargets);
      }
      case ENRICHMENT -> {
        EnrichmentViewModel enrichment =
            new EnrichmentViewModel(
                new EnrichmentServices(context.profiles(), this::enrichment),
                handoff,
                context.jobs(),
                context.scheduler(),
                context.workers(),
                fx,
                ENRICHMENT_POLL,
                context.clock().getZone(),
                dialogs);
        enrichment.offerSchema(context.browse());
        yield new EnrichmentView(
            enrichment,
            new ProviderConsoleViewModel(
                context.providerConsole(),
                context.jobs(),
                context.scheduler(),
                context.workers(),
                fx,
                CONSOLE_POLL,
                context.clock().getZone()));
      }
      case EXPLORER ->
          new ExplorerView(
              new ExplorerViewModel(
                  context.profiles(),
                  profile -> new SchemaExplorer(context.databases().open(profile)),
                  context.jobs(),
                  fx),
              saveTargets);
      case SQL ->
          new SqlConsoleView(
              new SqlConsoleViewModel(
                  context.profiles(), context::sqlConsole, context.jobs(), dialogs, fx));
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
