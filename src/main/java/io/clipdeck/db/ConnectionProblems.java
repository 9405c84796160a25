package io.clipdeck.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns a driver's exception into a sentence that names the profile and what to check. */
final class ConnectionProblems {

  private ConnectionProblems() {}

  static String describe(ConnectionProfile profile, SQLException error) {
    SQLException root = deepestSqlException(error);
    String state = root.getSQLState() == null ? "" : root.getSQLState();
    String detail = firstLine(root.getMessage());
    if (profile.kind().isFileBased()) {
      return "cannot open SQLite file "
          + profile.database()
          + " for "
          + profile.name()
          + ": "
          + detail
          + " (does the folder exist and is it writable?)";
    }
    String where = profile.name() + " at " + profile.host() + ":" + profile.port();
    if (state.startsWith("28") || (state.equals("42000") && detail.contains("ccess denied"))) {
      return "the server at " + where + " refused the login: check the user and password";
    }
    if (state.equals("3D000") || detail.contains("Unknown database")) {
      return "the server at "
          + where
          + " has no database '"
          + profile.database()
          + "': create it or fix the profile";
    }
    if (isTlsFailure(error)) {
      return "the TLS check of "
          + where
          + " failed ("
          + profile.tlsSummary()
          + "): "
          + (profile.tlsMode() == TlsMode.VERIFY_FULL
              ? "the server's certificate is not signed by that CA or does not name "
                  + profile.host()
              : "the server would not set up TLS")
          + " ("
          + detail
          + ")";
    }
    if (state.startsWith("08") || error instanceof SQLTransientConnectionException) {
      return "cannot reach "
          + where
          + " within "
          + readable(profile.pool().poolTimeout())
          + ": is the server up, or is a firewall in the way? ("
          + detail
          + ")";
    }
    return where + ": " + detail;
  }

  /** Whether a certificate or TLS handshake problem is anywhere in the chain. */
  private static boolean isTlsFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof javax.net.ssl.SSLException
          || cause instanceof java.security.cert.CertificateException
          || cause instanceof java.security.cert.CertPathValidatorException) {
        return true;
      }
      String message = cause.getMessage();
      if (message != null
          && (message.contains("SSL error")
              || message.contains("PKIX path")
              || message.contains("The hostname")
              || message.contains("does not support SSL")
              || message.contains("SSL Connection required")
              || message.contains("server does not support SSL"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String readable(java.time.Duration timeout) {
    return timeout.toMillis() < 1000
        ? timeout.toMillis() + " ms"
        : timeout.toMillis() % 1000 == 0
            ? timeout.toSeconds() + " s"
            : String.format(java.util.Locale.ROOT, "%.1f s", timeout.toMillis() / 1000.0);
  }

  private static SQLException deepestSqlException(SQLException error) {
    SQLException deepest = error;
    Throwable cause = error.getCause();
    while (cause != null) {
      if (cause instanceof SQLException sql) {
        deepest = sql;
      }
      cause = cause.getCause();
    }
    return deepest;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail from the driver";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
