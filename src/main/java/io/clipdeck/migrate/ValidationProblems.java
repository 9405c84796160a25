package io.clipdeck.migrate;

import java.util.List;
import java.util.function.UnaryOperator;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.output.ValidateOutput;

/** Flyway's validation findings in words, each with what to do about it. */
final class ValidationProblems {

  private ValidationProblems() {}

  /** One validation problem in words: "V1 checksum differs: the file changed after …". */
  static String describe(
      ValidateOutput invalid, UnaryOperator<String> shownPath, List<String> folders) {
    boolean versioned = invalid.version != null && !invalid.version.isEmpty();
    String name = versioned ? "V" + invalid.version : "R " + invalid.description;
    String file =
        invalid.filepath == null || invalid.filepath.isEmpty()
            ? ""
            : " (" + shownPath.apply(invalid.filepath) + ")";
    String details = MigrationService.oneLine(invalid.errorDetails.errorMessage);
    if (!(invalid.errorDetails.errorCode instanceof CoreErrorCode code)) {
      return name + file + ": " + details;
    }
    return switch (code) {
      case CHECKSUM_MISMATCH ->
          name
              + " checksum differs: the file changed after it was applied"
              + file
              + " (checksum mismatch; "
              + details
              + "). Restore the file, or run repair to accept it as it is now";
      case DESCRIPTION_MISMATCH ->
          name
              + " description differs: the file was renamed after it was applied"
              + file
              + ". Rename it back, or run repair";
      case TYPE_MISMATCH -> name + " type differs from the applied one" + file + ": " + details;
      case APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED, APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED ->
          name
              + " is applied but its file is missing from "
              + String.join(", ", folders)
              + " (restore it, or run repair to mark it deleted)";
      case FAILED_VERSIONED_MIGRATION, FAILED_REPEATABLE_MIGRATION ->
          name
              + " failed earlier"
              + file
              + ": undo what it left behind, fix it, run repair, then migrate";
      case OUTDATED_REPEATABLE_MIGRATION ->
          name + " changed since it was applied" + file + ": migrate applies it again";
      case RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED ->
          name
              + " was skipped: it is older than the newest applied migration"
              + file
              + " (turn on out of order to apply it)";
      default -> name + file + ": " + details;
    };
  }
}
