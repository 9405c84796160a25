package io.clipdeck.db;

import java.util.List;

/**
 * What a profile's database is for. Production is where a slip costs most, so the console asks
 * before it writes there. A profile nobody labelled is guarded like Production: Clipdeck never
 * assumes a database is a safe one to experiment on.
 */
public enum Environment {
  DEVELOPMENT,
  TEST,
  PRODUCTION,
  /** Not chosen yet (an older profile file, {@code DATABASE_*} without a label). */
  UNLABELLED;

  /** The environments a user chooses from; {@link #UNLABELLED} is what is left when none was. */
  public static List<Environment> choices() {
    return List.of(DEVELOPMENT, TEST, PRODUCTION);
  }

  /**
   * Whether an operation that writes, deletes or changes the schema asks first (in the console) or
   * needs {@code --confirm NAME} (on the command line): on Production and on unlabelled profiles.
   */
  public boolean requiresConfirmation() {
    return this == PRODUCTION || this == UNLABELLED;
  }

  /** Whether Flyway's {@code clean} (drop everything) may run at all: on Development only. */
  public boolean allowsClean() {
    return this == DEVELOPMENT;
  }

  /** Whether the user chose this environment. */
  public boolean isLabelled() {
    return this != UNLABELLED;
  }

  /** Same as {@link #requiresConfirmation()}. */
  public boolean asksBeforeWrites() {
    return requiresConfirmation();
  }

  /**
   * Parses {@code development}, {@code test}, {@code production} (any case, also {@code dev},
   * {@code prod}); the message lists them.
   */
  public static Environment parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    return switch (value) {
      case "development", "dev" -> DEVELOPMENT;
      case "test", "testing", "staging" -> TEST;
      case "production", "prod" -> PRODUCTION;
      default ->
          throw new IllegalArgumentException(
              "Unknown environment '" + text + "': use development, test or production");
    };
  }
}
