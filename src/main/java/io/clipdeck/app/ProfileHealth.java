package io.clipdeck.app;

import io.clipdeck.db.ConnectionCheck;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.db.HealthMonitor;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PasswordSource;
import io.clipdeck.db.ProfileService;
import io.clipdeck.secrets.SecretStore;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The profiles' health as the console shows it: the periodic checks' latest reports and their
 * listeners, following the active profile, and "Test connection" of settings not saved yet. What
 * the profiles view and the shell use, in place of {@link HealthMonitor} and {@link
 * ConnectionCheck}.
 */
public final class ProfileHealth {

  private final ProfileService profiles;
  private final HealthMonitor monitor;
  private final Supplier<SecretStore> secrets;
  private final Clock clock;

  public ProfileHealth(
      ProfileService profiles, HealthMonitor monitor, Supplier<SecretStore> secrets, Clock clock) {
    this.profiles = profiles;
    this.monitor = monitor;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The last report of a profile's checks, if any ran. */
  public Optional<HealthReport> latest(String profileName) {
    return monitor.latest(profileName);
  }

  /** Told every report, on the checking thread. */
  public void addListener(Consumer<HealthReport> listener) {
    monitor.addListener(listener);
  }

  public void removeListener(Consumer<HealthReport> listener) {
    monitor.removeListener(listener);
  }

  /**
   * Checks a profile that became active: periodically when its health is checked, else once now.
   */
  public void follow(ConnectionProfile profile) {
    if (profiles.isHealthChecked(profile.name())) {
      monitor.watch(profile);
    } else {
      monitor.checkNow(profile);
    }
  }

  /** What "Test connection" found: the health report, and the server's facts when it answered. */
  public record Check(HealthReport health, Optional<DatabaseInfo> info) {}

  /**
   * Tries settings that may not be saved yet, with a pool of one closed again after. Blocks for up
   * to the profile's pool_timeout: call on a worker.
   *
   * @param typedPassword the password typed in the editor; empty for the one stored for it
   */
  public Check test(ConnectionProfile profile, char[] typedPassword) {
    char[] typed = typedPassword.clone();
    PasswordSource passwords =
        typed.length > 0 ? ref -> Optional.of(typed.clone()) : ref -> secrets.get().get(ref);
    ConnectionCheck.Outcome outcome = ConnectionCheck.run(profile, passwords, clock);
    return new Check(outcome.health(), outcome.info());
  }
}
