package io.clipdeck.secrets;

import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in the desktop's Secret Service (GNOME Keyring, KWallet, KeePassXC...) through the {@code
 * secret-tool} command of Debian's libsecret-tools. Items carry the attributes {@code application
 * clipdeck ref <ref>} and the label {@code Clipdeck: <ref>}.
 *
 * <p>Each call runs one {@code secret-tool} process with the given environment (which D-Bus session
 * bus it talks to comes from {@code DBUS_SESSION_BUS_ADDRESS}) and stops it after the time limit.
 * The secret goes through the process's standard input and output, never its command line. Calls
 * block: run them off the JavaFX Application Thread.
 */
public final class SecretServiceStore implements SecretStore {

  /** How long one {@code secret-tool} call may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static final String APPLICATION = "clipdeck";
  static final String PROBE_REF = "clipdeck-availability-probe";

  private static final Logger LOG = LoggerFactory.getLogger(SecretServiceStore.class);
  private static final byte[] NO_INPUT = new byte[0];

  private final SecretTool tool;

  /**
   * @param environment the whole environment of each {@code secret-tool} process (at least {@code
   *     DBUS_SESSION_BUS_ADDRESS}, or {@code DISPLAY} for D-Bus autolaunch)
   * @param timeout how long one call may take before the process is stopped
   */
  public SecretServiceStore(Map<String, String> environment, Duration timeout) {
    this(SecretTool.DEFAULT_EXECUTABLE, environment, timeout);
  }

  SecretServiceStore(String executable, Map<String, String> environment, Duration timeout) {
    Objects.requireNonNull(environment, "environment");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
    }
    this.tool = new SecretTool(executable, environment, timeout);
  }

  /** The Secret Service of this process's own session, with the default time limit. */
  public static SecretServiceStore forCurrentUser() {
    return new SecretServiceStore(System.getenv(), DEFAULT_TIMEOUT);
  }

  /**
   * Whether a Secret Service answers: one bounded {@code secret-tool lookup} of an item that does
   * not exist. A missing {@code secret-tool}, no D-Bus session bus, or no answer within the time
   * limit all mean "not available". Blocks for at most the time limit.
   */
  public boolean isAvailable() {
    try {
      SecretTool.Result result = tool.run(lookupArguments(PROBE_REF), NO_INPUT);
      Secrets.wipe(result.stdout());
      if (result.exitCode() == 0 || result.notFound()) {
        return true;
      }
      LOG.info("The Secret Service does not answer: {}", firstLine(result.stderr()));
      return false;
    } catch (SecretStoreException e) {
      LOG.info("The Secret Service is not available: {}", e.getMessage());
      return false;
    }
  }

  @Override
  public void put(String ref, char[] secret) {
    SecretRef.validate(ref);
    requireSecret(secret);
    byte[] input = Secrets.utf8(secret);
    try {
      SecretTool.Result result =
          tool.run(
              List.of("store", "--label=Clipdeck: " + ref, "application", APPLICATION, "ref", ref),
              input);
      Secrets.wipe(result.stdout());
      if (result.exitCode() != 0) {
        throw failure("store", ref, result, secret);
      }
    } finally {
      Secrets.wipe(input);
    }
  }

  @Override
  public Optional<char[]> get(String ref) {
    SecretRef.validate(ref);
    SecretTool.Result result = tool.run(lookupArguments(ref), NO_INPUT);
    byte[] stdout = result.stdout();
    try {
      if (result.notFound()) {
        return Optional.empty();
      }
      if (result.exitCode() != 0) {
        throw failure("look up", ref, result, new char[0]);
      }
      // secret-tool adds a newline only when standard output is a terminal: the bytes are the
      // secret.
      return Optional.of(Secrets.chars(stdout));
    } catch (CharacterCodingException e) {
      throw new SecretStoreException(
          "the Secret Service item for '" + ref + "' is not UTF-8 text; store it again");
    } finally {
      Secrets.wipe(stdout);
    }
  }

  @Override
  public void remove(String ref) {
    SecretRef.validate(ref);
    SecretTool.Result result =
        tool.run(List.of("clear", "application", APPLICATION, "ref", ref), NO_INPUT);
    Secrets.wipe(result.stdout());
    if (result.exitCode() != 0 && !result.notFound()) {
      throw failure("remove", ref, result, new char[0]);
    }
  }

  @Override
  public String describe() {
    return "Secret Service (desktop keyring, via secret-tool)";
  }

  @Override
  public String toString() {
    return describe();
  }

  private static List<String> lookupArguments(String ref) {
    return List.of("lookup", "application", APPLICATION, "ref", ref);
  }

  static void requireSecret(char[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0) {
      throw new IllegalArgumentException("an empty secret is not stored; remove the ref instead");
    }
  }

  private static SecretStoreException failure(
      String action, String ref, SecretTool.Result result, char[] secret) {
    String detail = firstLine(result.stderr());
    if (Secrets.mentions(detail, secret)) {
      detail = "(message withheld)";
    }
    return new SecretStoreException(
        "the Secret Service could not "
            + action
            + " '"
            + ref
            + "': secret-tool exited with "
            + result.exitCode()
            + (detail.isEmpty() ? "" : ": " + detail)
            + " (is the keyring unlocked?)");
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
