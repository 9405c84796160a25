package io.clipdeck.app;

import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.browse.BrowseService;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.DashboardSettings;
import io.clipdeck.config.DataPaths;
import io.clipdeck.config.RedisEndpoint;
import io.clipdeck.config.Settings;
import io.clipdeck.config.SettingsStore;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.RedisQueryCache;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.EnvironmentProfile;
import io.clipdeck.db.HealthMonitor;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.ProfileStore;
import io.clipdeck.db.failover.FailoverGroups;
import io.clipdeck.db.failover.SwitchRequests;
import io.clipdeck.db.failover.WorkTarget;
import io.clipdeck.enrich.EnrichmentSettings;
import io.clipdeck.logging.LogBuffer;
import io.clipdeck.logging.StartupTrace;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationProjects;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import io.clipdeck.monitor.AlertRules;
import io.clipdeck.monitor.AlertTracker;
import io.clipdeck.monitor.DashboardService;
import io.clipdeck.monitor.DatabaseMonitor;
import io.clipdeck.monitor.HistoryStore;
import io.clipdeck.monitor.OpenedOnFirstUse;
import io.clipdeck.monitor.SqliteHistoryStore;
import io.clipdeck.secrets.MasterPassword;
import io.clipdeck.secrets.SecretStore;
import io.clipdeck.secrets.SecretStores;
import io.clipdeck.sql.ConsoleHistory;
import io.clipdeck.sql.SqlConsoleService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every long-lived object once, hands them out, and closes them all.
 * The GUI and the headless commands each make one; nothing else holds global state.
 *
 * <p>A little over the usual length because it is the one place that knows how the pieces are wired
 * and in which order they close; its helpers ({@code Providers}, {@code ProfileHealth}, {@code
 * BackgroundJobs}) do the work.
 */
public final class AppContext implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AppContext.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /**
   * Settings the composition root needs before any user setting is read.
   *
   * @param environment the process environment ({@code DATABASE_*}, {@code
   *     CLIPDECK_MASTER_PASSWORD}, the D-Bus address for the keystore); tests pass their own
   */
  public record Options(
      AppPaths paths,
      Clock clock,
      Duration healthInterval,
      int logCapacity,
      Map<String, String> environment,
      Supplier<char[]> masterPassword,
      boolean localSchemaOnFirstStart) {

    /**
     * Options that leave a new local SQLite file as it is (tests that want it empty); {@link
     * #withLocalSchemaOnFirstStart()} or {@link #defaults} give it Clipdeck's schema.
     */
    public Options(
        AppPaths paths,
        Clock clock,
        Duration healthInterval,
        int logCapacity,
        Map<String, String> environment,
        Supplier<char[]> masterPassword) {
      this(paths, clock, healthInterval, logCapacity, environment, masterPassword, false);
    }

    public Options(
        AppPaths paths,
        Clock clock,
        Duration healthInterval,
        int logCapacity,
        Map<String, String> environment) {
      this(
          paths,
          clock,
          healthInterval,
          logCapacity,
          environment,
          MasterPassword.fromEnvironment(environment));
    }

    /** What the app and the commands use: a new local SQLite file gets Clipdeck's schema. */
    public static Options defaults(AppPaths paths) {
      return new Options(
              paths, Clock.systemDefaultZone(), Duration.ofSeconds(10), 2_000, System.getenv())
          .withLocalSchemaOnFirstStart();
    }

    /** Defaults with an empty environment: nothing from the developer's shell leaks in. */
    public static Options isolated(AppPaths paths) {
      return new Options(paths, Clock.systemDefaultZone(), Duration.ofSeconds(10), 2_000, Map.of());
    }

    /** The same options with another source for the vault's master password (the GUI's prompt). */
    public Options withMasterPassword(Supplier<char[]> source) {
      return new Options(
          paths, clock, healthInterval, logCapacity, environment, source, localSchemaOnFirstStart);
    }

    /**
     * The same options, and a new (missing or empty) local SQLite file is given Clipdeck's schema
     * at start, as the app does on a first start.
     */
    public Options withLocalSchemaOnFirstStart() {
      return new Options(
          paths, clock, healthInterval, logCapacity, environment, masterPassword, true);
    }
  }

  private final AppPaths paths;
  private final Clock clock;
  private final LogBuffer logBuffer;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final BackgroundJobs jobs;
  private final DatabaseRegistry databases;
  private final ProfileService profiles;
  private final HealthMonitor health;
  private final HistoryStore history;
  private final DatabaseMonitor monitor;
  private final AlertTracker alerts;
  private final io.clipdeck.monitor.ServiceAlerts serviceAlerts;
  private final Map<String, DataLayer> dataLayers = new ConcurrentHashMap<>();
  private final Map<String, String> environment;
  private final Optional<EnvironmentProfile> environmentProfile;
  private final Supplier<char[]> masterPassword;
  private volatile SecretStore secrets;
  private FailoverGroups failover;
  private final SettingsStore settingsStore;
  private final Optional<String> settingsProblem;
  private volatile Settings settings;
  private volatile RedisQueryCache queryCache;
  private final Providers providers;
  private volatile boolean demoForThisProcess;

  /** The longest one server probe of the dashboard may take. */
  static final int MONITOR_PROBE_TIMEOUT_SECONDS = 5;

  public AppContext(Options options) {
    this.paths = options.paths().createDirectories();
    this.clock = options.clock();
    this.logBuffer = new LogBuffer(options.logCapacity()).attach();
    this.workers =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("clipdeck-work-", 0).factory());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("clipdeck-scheduler").daemon().factory());
    this.jobs = new BackgroundJobs(workers);
    this.environment = Map.copyOf(options.environment());
    this.masterPassword = options.masterPassword();
    this.environmentProfile = readEnvironmentProfile(environment);
    this.settingsStore = SettingsStore.in(paths, clock);
    SettingsStore.Loaded loadedSettings = settingsStore.load();
    this.settings = loadedSettings.settings();
    StartupTrace.mark("settings read");
    this.settingsProblem = loadedSettings.problem();
    settingsProblem.ifPresent(problem -> log.error("Settings not read: {}", problem));
    this.queryCache = queryCacheFor(settings);
    this.databases = new DatabaseRegistry(this::password, clock);
    this.profiles =
        new ProfileService(
            new ProfileStore(paths.configDir().resolve("profiles.json"), clock),
            paths.dataDir().resolve("clipdeck.db"),
            environmentProfile);
    StartupTrace.mark("profiles read");
    if (options.localSchemaOnFirstStart()
        && LocalDatabase.prepare(
            profiles, paths.dataDir().resolve("clipdeck.db"), this::migrations)) {
      StartupTrace.mark("local database migrated");
    }
    this.health =
        new HealthMonitor(
            databases,
            workers,
            scheduler,
            environmentProfile
                .flatMap(EnvironmentProfile::healthCheckInterval)
                .orElse(options.healthInterval()));
    // Opened by the dashboard's first sample, on a worker: the first window does not need it.
    Duration retention = settings.dashboard().historyRetention();
    this.history =
        new OpenedOnFirstUse(
            () -> SqliteHistoryStore.open(paths.dataDir().resolve("monitor.db"), retention, clock));
    this.monitor =
        new DatabaseMonitor(
            databases,
            clock,
            settings.dashboard().chartWindow(),
            MONITOR_PROBE_TIMEOUT_SECONDS,
            history,
            profile ->
                Optional.ofNullable(dataLayers.get(profile))
                    .map(layer -> layer.executor().metrics()));
    this.alerts = new AlertTracker(alertRules(settings.dashboard()), history);
    this.serviceAlerts = new io.clipdeck.monitor.ServiceAlerts(alerts, () -> settings().alerts());
    this.providers =
        new Providers(this::providerSettings, this::secrets, this::quotaDatabase, clock);
    log.info("Clipdeck started; config in {}, data in {}", paths.configDir(), paths.dataDir());
  }

  /**
   * Where the API quota is counted: the active profile's database, once it has Clipdeck's schema.
   * Before that the ledger's table would make the database look non-empty to Flyway, and the first
   * migrate would refuse it, so the providers count in memory until then.
   */
  private javax.sql.DataSource quotaDatabase() {
    ConnectionProfile active = profiles.active();
    if (!data(active).schemaPresent()) {
      throw new NoClipdeckSchemaException(
          active.name() + " has no Clipdeck schema yet (migrate it to keep the quota there)");
    }
    return databases.open(active).dataSource();
  }

  public AppPaths paths() {
    return paths;
  }

  public Clock clock() {
    return clock;
  }

  public LogBuffer logBuffer() {
    return logBuffer;
  }

  /** The virtual-thread executor every background task runs on. */
  public ExecutorService workers() {
    return workers;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public BackgroundJobs jobs() {
    return jobs;
  }

  public DatabaseRegistry databases() {
    return databases;
  }

  public ProfileService profiles() {
    return profiles;
  }

  /** The dashboard's sampler; it keeps the charts' history while the console runs. */
  public DatabaseMonitor monitor() {
    return monitor;
  }

  /** What the dashboard view reads and does: ticks, alerts, sessions, the cache. */
  public DashboardService dashboard() {
    return new DashboardService(
        profiles,
        databases,
        monitor,
        alerts(),
        this::data,
        this::failover,
        serviceAlerts,
        providers::statusesIfBuilt);
  }

  /** The profiles' health checks and "Test connection", for the profiles view and the shell. */
  public ProfileHealth profileHealth() {
    return new ProfileHealth(profiles, health, this::secrets, clock());
  }

  /** What the video browser reads and writes, on the active profile. */
  public BrowseService browse() {
    return new BrowseService(profiles::active, this::data, this::migrations, clock());
  }

  /**
   * The data layer (repositories, cached executor, metrics) of a profile, made once per pool: when
   * the profile's pool is reopened (its settings changed) a new one is made for the new pool.
   */
  public DataLayer data(ConnectionProfile profile) {
    PooledDatabase database = databases.open(profile);
    return dataLayers.compute(
        profile.name(),
        (name, known) ->
            known != null && known.database() == database
                ? known
                : new DataLayer(
                    database,
                    QueryExecutor.Settings.DEFAULTS.withSharedCache(queryCache),
                    clock,
                    DataLayer.DEFAULT_CACHE_TTL));
  }

  /** The settings in use (the defaults when {@code settings.json} is missing or unreadable). */
  public Settings settings() {
    return settings;
  }

  /** Why {@code settings.json} was not used, when it could not be read. */
  public Optional<String> settingsProblem() {
    return settingsStore.problem();
  }

  /**
   * Saves new settings and applies them: alert thresholds and the chart window from the next tick,
   * the dashboard's interval the next time it is shown, Redis and the providers from their next
   * use; the history's retention at the next start. Blocks on the file (and on Redis being
   * replaced): call it from a worker.
   *
   * @throws IllegalStateException when an unreadable {@code settings.json} is in the way
   */
  public synchronized void updateSettings(Settings changed) {
    settingsStore.save(changed);
    Settings before = settings;
    settings = changed;
    alerts.rules(alertRules(changed.dashboard()));
    monitor.window(changed.dashboard().chartWindow());
    if (!before.redis().equals(changed.redis())) {
      RedisQueryCache old = queryCache;
      queryCache = queryCacheFor(changed);
      // New data layers pick the new cache up; the old ones fall through to the database.
      dataLayers.clear();
      groupLayers.clear();
      if (old != null) {
        old.close();
      }
    }
    providers.settingsChanged();
    log.info("Settings saved to {}", settingsStore.file());
  }

  /**
   * The provider clients the enrichment runner uses, built from the settings on first use (and
   * again after they change); simulated when demo providers are on or nothing is configured. Call
   * it from a worker: the first call reads the secret store and the active database.
   */
  public ProviderClients providers() {
    return providers.clients();
  }

  /**
   * From now on, for this process only, the providers are the simulated ones whatever the settings
   * say ({@code worker --demo}); nothing is saved.
   */
  public void useDemoProviders() {
    demoForThisProcess = true;
    providers.settingsChanged();
  }

  private Settings providerSettings() {
    Settings current = settings();
    return demoForThisProcess ? current.withDemoProviders(true) : current;
  }

  /**
   * How this console's enrichment runs work: generated media go where the settings' paths say; on
   * the simulated providers, narrations use the simulator's voice.
   */
  public EnrichmentSettings enrichmentSettings() {
    DataPaths media = settings().paths();
    EnrichmentSettings defaults =
        EnrichmentSettings.defaults(media.thumbnailsDir(paths), media.narrationsDir(paths));
    return providers().simulated() ? defaults.withVoice(ProviderSimulator.DEMO_VOICE_ID) : defaults;
  }

  /** The providers' resilience figures, as the console and {@code providers status} show them. */
  public io.clipdeck.api.clients.ProviderConsole providerConsole() {
    return new io.clipdeck.api.clients.ProviderConsole(this::providers, this::settings);
  }

  /** Each provider's state, limits and whether its key is stored (never the key). */
  public List<ProviderSetup> providerStates() {
    return providers.states();
  }

  /** One cheap call to a provider; the line says what it answered. */
  public String testProvider(io.clipdeck.api.Provider provider) {
    return providers.test(provider);
  }

  private static AlertRules alertRules(DashboardSettings dashboard) {
    return new AlertRules(
        dashboard.poolSaturation(), dashboard.slowBorrow(), dashboard.longQueryAlert());
  }

  private RedisQueryCache queryCacheFor(Settings settings) {
    return settings
        .redis()
        .map(
            uri ->
                new RedisQueryCache(
                    RedisEndpoint.of(uri),
                    () -> secrets().get(RedisEndpoint.PASSWORD_REF),
                    "clipdeck:"))
        .orElse(null);
  }

  /** The dashboard's alerts: raised on a crossing, active until acknowledged. */
  public AlertTracker alerts() {
    return alerts;
  }

  /** The environment this context was made with (the process's, or a test's). */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * The migrations of a profile, as its chosen project has them: Clipdeck's built-in schema plus
   * the profile's own folder under {@code <data>/migrations/<profile>/} (the default), or the
   * user's own project ({@link #migrationProjects()}).
   */
  public MigrationService migrations(ConnectionProfile profile) {
    return new MigrationService(
        databases.open(profile),
        MigrationLocations.of(
            profile, paths.dataDir().resolve("migrations"), migrationProjects().of(profile.name())),
        new ScratchDatabases(scratch -> new PooledDatabase(scratch, this::password, clock)),
        clock,
        migrationProjects());
  }

  /** The SQL console of a profile, with its history under {@code <data>/sql/}. */
  public SqlConsoleService sqlConsole(ConnectionProfile profile) {
    return new SqlConsoleService(
        databases.open(profile), ConsoleHistory.forProfile(paths.dataDir(), profile.name()), clock);
  }

  /** Each profile's migration project, in {@code <config>/migration-projects.json}. */
  public MigrationProjects migrationProjects() {
    MigrationProjects projects = migrationProjects;
    if (projects == null) {
      synchronized (this) {
        if (migrationProjects == null) {
          migrationProjects =
              new MigrationProjects(paths.configDir().resolve("migration-projects.json"), clock);
        }
        projects = migrationProjects;
      }
    }
    return projects;
  }

  private volatile MigrationProjects migrationProjects;

  public ProfileTransfer transfer() {
    return new ProfileTransfer(profiles, this::secrets, clock);
  }

  public HealthMonitor health() {
    return health;
  }

  /**
   * The running failover groups, started on first use: the console runs them, a one-shot command
   * needs none.
   */
  public synchronized FailoverGroups failover() {
    if (failover == null) {
      failover =
          new FailoverGroups(profiles, databases, clock, scheduler, workers, switchRequests());
    }
    return failover;
  }

  /** The switches asked for from the command line, that every running copy of a group follows. */
  public SwitchRequests switchRequests() {
    return new SwitchRequests(paths.configDir().resolve("group-switches.json"));
  }

  /** The running failover group of that name as a work target. */
  public WorkTarget groupTarget(String name) {
    return WorkTarget.of(
        failover()
            .group(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No failover group '"
                            + name
                            + "': `clipdeck groups list` shows the groups")));
  }

  /**
   * The data layer of a work target: a profile's ({@link #data(ConnectionProfile)}), or a group's,
   * whose every borrow goes to the group's serving member; made once per running group.
   */
  public DataLayer data(WorkTarget target) {
    if (target instanceof WorkTarget.OneProfile one) {
      return data(one.database().profile());
    }
    return groupLayers.compute(
        target.name(),
        (name, known) ->
            known != null && known.target().equals(target)
                ? known
                : new DataLayer(
                    target,
                    QueryExecutor.Settings.DEFAULTS.withSharedCache(queryCache),
                    clock,
                    DataLayer.DEFAULT_CACHE_TTL));
  }

  private final Map<String, DataLayer> groupLayers = new ConcurrentHashMap<>();

  /**
   * Where passwords and API keys are kept: the desktop keyring, or the encrypted vault file. Chosen
   * on first use, which can take a few seconds: call it from a worker thread.
   */
  public SecretStore secrets() {
    SecretStore chosen = secrets;
    if (chosen == null) {
      synchronized (this) {
        if (secrets == null) {
          secrets = SecretStores.choose(paths, environment, masterPassword);
        }
        chosen = secrets;
      }
    }
    return chosen;
  }

  /** Resolves a profile's password: the environment profile's in memory, the rest from secrets. */
  private Optional<char[]> password(String ref) {
    if (ref.equals(EnvironmentProfile.PASSWORD_REF)) {
      return environmentProfile.flatMap(EnvironmentProfile::password).map(char[]::clone);
    }
    return secrets().get(ref);
  }

  private static Optional<EnvironmentProfile> readEnvironmentProfile(Map<String, String> env) {
    try {
      return EnvironmentProfile.read(env);
    } catch (IllegalArgumentException e) {
      log.error("The DATABASE_* variables do not describe a database: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Stops the schedule, lets running work finish for a moment, then closes every pool. */
  @Override
  public void close() {
    synchronized (this) {
      if (failover != null) {
        failover.close();
      }
    }
    health.close();
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Background work still running after {}; interrupting it", SHUTDOWN_GRACE);
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    providers.close();
    databases.close();
    if (queryCache != null) {
      queryCache.close();
    }
    history.close();
    log.info("Clipdeck stopped");
    logBuffer.close();
  }
}
