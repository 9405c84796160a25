package io.clipdeck.migrate;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** What {@link MigrationService#migrate} hooks into Flyway's run: progress, run marks, failures. */
final class MigrateCallbacks {

  private MigrateCallbacks() {}

  /** The migration being applied when Flyway failed, and the schema before it began. */
  static final class Failing {
    private final Supplier<List<String>> schema;
    Optional<MigrationInfo> migration = Optional.empty();
    List<String> before = List.of();

    Failing(Supplier<List<String>> schema) {
      this.schema = schema;
    }

    void starting(MigrationInfo next) {
      migration = Optional.of(next);
      before = schema.get();
    }
  }

  /** Marks each migration as running until Flyway is done with it, applied or failed. */
  record Marking(RunMarkers markers) implements Callback {
    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.BEFORE_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      MigrationInfo migration = context.getMigrationInfo();
      if (migration == null || migration.getVersion() == null) {
        return;
      }
      String version = migration.getVersion().toString();
      if (event == Event.BEFORE_EACH_MIGRATE) {
        markers.started(version, migration.getDescription());
      } else {
        // A failure is recorded by Flyway itself (a failed row in its history): not interrupted.
        markers.finished(version);
      }
    }

    @Override
    public String getCallbackName() {
      return "clipdeck-run-marks";
    }
  }

  /** Tells {@code progress} of each migration as Flyway applies it. */
  record Progress(Consumer<String> progress, Failing failing) implements Callback {
    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.BEFORE_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE
          || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      MigrationInfo migration = context.getMigrationInfo();
      if (migration == null) {
        return;
      }
      String name =
          migration.getVersion() == null
              ? "R " + migration.getDescription()
              : "V" + migration.getVersion() + " " + migration.getDescription();
      switch (event) {
        case BEFORE_EACH_MIGRATE -> {
          failing.starting(migration);
          progress.accept("Applying " + name + "…");
        }
        case AFTER_EACH_MIGRATE -> progress.accept("Applied " + name);
        case AFTER_EACH_MIGRATE_ERROR -> progress.accept("Failed " + name);
        default -> {}
      }
    }

    @Override
    public String getCallbackName() {
      return "clipdeck-progress";
    }
  }
}
