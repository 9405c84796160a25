package io.clipdeck.testing;

import java.util.List;

/**
 * The versions of the migrations Clipdeck ships (src/main/resources/db/migration/<dialect>), oldest
 * first: tests that migrate a fresh database name them through this list, so a new built-in
 * migration is one edit here.
 */
public final class BuiltInMigrations {

  /** Every built-in version, in the order Flyway applies them. */
  public static final List<String> VERSIONS = List.of("1", "2");

  /** The newest built-in version: what a fully migrated database reports as current. */
  public static final String LATEST = VERSIONS.getLast();

  private BuiltInMigrations() {}
}
