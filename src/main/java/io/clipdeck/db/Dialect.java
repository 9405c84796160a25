package io.clipdeck.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the data layer does differently on PostgreSQL, MySQL/MariaDB and SQLite, in one place.
 * The rest of the layer writes one SQL text for all three.
 */
public enum Dialect {
  POSTGRESQL,
  MYSQL,
  SQLITE;

  /** Fixed width, so SQLite's text timestamps sort as the instants they hold. */
  private static final DateTimeFormatter SQLITE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The dialect of a JDBC connection, by the product name its metadata reports. */
  public static Dialect ofProduct(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.contains("mysql") || name.contains("mariadb")) {
      return MYSQL;
    }
    if (name.contains("sqlite")) {
      return SQLITE;
    }
    throw new IllegalArgumentException(
        "Clipdeck speaks PostgreSQL, MySQL/MariaDB and SQLite, not " + productName);
  }

  public static Dialect of(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> POSTGRESQL;
      case MYSQL -> MYSQL;
      case SQLITE -> SQLITE;
    };
  }

  /**
   * Whether DDL runs inside a transaction (PostgreSQL, SQLite); MySQL/MariaDB commit each DDL
   * statement on its own, so a failed migration or rollback leaves its earlier statements applied.
   */
  public boolean transactionalDdl() {
    return this != MYSQL;
  }

  /**
   * SQL that sets a new session's time zone, where a connection property cannot: pgJDBC sends the
   * JVM's zone at startup, overriding "options", so PostgreSQL's is set afterwards. Empty elsewhere
   * (MySQL/MariaDB take it as a session variable, SQLite has none).
   */
  public Optional<String> sessionTimeZoneSql(String zone) {
    return this == POSTGRESQL ? Optional.of("SET TIME ZONE '" + zone + "'") : Optional.empty();
  }

  /**
   * SQL that sets a new session's statement timeout, where no connection property does: MySQL and
   * MariaDB name it differently, and executable comments let one statement set the right one on
   * either. Empty for no timeout and elsewhere (PostgreSQL's is a startup option).
   */
  public Optional<String> sessionStatementTimeoutSql(Duration timeout) {
    if (this != MYSQL || timeout.isZero()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "SET SESSION /*M! max_statement_time=%.3f */ /*!50708 max_execution_time=%d */",
            timeout.toMillis() / 1000.0,
            timeout.toMillis()));
  }

  /**
   * Whether an error means the server takes no writes: PostgreSQL's read_only_sql_transaction (a
   * standby in recovery, or default_transaction_read_only); MySQL/MariaDB's "running with
   * --read-only" (1290) and "read-only transaction" (1792).
   */
  public boolean readOnlyServerError(String sqlState, int vendorCode) {
    return switch (this) {
      case POSTGRESQL -> "25006".equals(sqlState);
      case MYSQL -> vendorCode == 1290 || vendorCode == 1792;
      case SQLITE -> false;
    };
  }

  /** What went wrong, as far as a database's own error tables tell. */
  public enum ErrorKind {
    UNAVAILABLE,
    TIMEOUT,
    CONSTRAINT_VIOLATED,
    RETRYABLE_CONFLICT,
    BAD_STATEMENT,
    PERMISSION_DENIED
  }

  // MySQL / MariaDB error numbers (https://mariadb.com/kb/en/mariadb-error-codes/).
  private static final Set<Integer> MYSQL_CONFLICT = Set.of(1205, 1213, 1020);
  private static final Set<Integer> MYSQL_CONSTRAINT =
      Set.of(1048, 1062, 1169, 1216, 1217, 1364, 1451, 1452, 1557, 1586, 3819, 4025);
  private static final Set<Integer> MYSQL_PERMISSION =
      Set.of(1044, 1045, 1142, 1143, 1227, 1370, 1698, 1211, 1410);
  private static final Set<Integer> MYSQL_TIMEOUT = Set.of(1317, 1969, 3024);
  private static final Set<Integer> MYSQL_UNAVAILABLE =
      Set.of(1040, 1053, 1077, 1081, 1129, 1152, 1158, 1159, 1160, 1161, 2002, 2003, 2006, 2013);

  /**
   * The kind of an error by this database's SQLSTATE and vendor-code tables; empty when they do not
   * name it, and the caller goes by the JDBC exception's class. {@code sqliteError} says whether
   * the error is the SQLite driver's own: it reports no SQLSTATE, so its result codes are read only
   * from its own exceptions, never from a pool's or a wrapper's (the other two ignore it).
   */
  public Optional<ErrorKind> errorKind(String sqlState, int vendorCode, boolean sqliteError) {
    String s = sqlState == null ? "" : sqlState;
    return Optional.ofNullable(
        switch (this) {
          case POSTGRESQL -> postgresErrorKind(s);
          case MYSQL -> mysqlErrorKind(s, vendorCode);
          case SQLITE -> sqliteError ? sqliteErrorKind(vendorCode) : null;
        });
  }

  private static ErrorKind postgresErrorKind(String s) {
    if (s.startsWith("08")
        || s.equals("57P01")
        || s.equals("57P02")
        || s.equals("57P03")
        || s.equals("53300")) {
      return ErrorKind.UNAVAILABLE;
    }
    if (s.equals("57014")) {
      return ErrorKind.TIMEOUT;
    }
    if (s.equals("40001") || s.equals("40P01") || s.equals("55P03")) {
      return ErrorKind.RETRYABLE_CONFLICT;
    }
    if (s.startsWith("23")) {
      return ErrorKind.CONSTRAINT_VIOLATED;
    }
    if (s.equals("42501") || s.startsWith("28")) {
      return ErrorKind.PERMISSION_DENIED;
    }
    return null;
  }

  private static ErrorKind mysqlErrorKind(String s, int code) {
    if (MYSQL_CONFLICT.contains(code) || s.equals("40001")) {
      return ErrorKind.RETRYABLE_CONFLICT;
    }
    if (MYSQL_CONSTRAINT.contains(code) || s.startsWith("23")) {
      return ErrorKind.CONSTRAINT_VIOLATED;
    }
    if (MYSQL_PERMISSION.contains(code) || s.startsWith("28")) {
      return ErrorKind.PERMISSION_DENIED;
    }
    if (MYSQL_TIMEOUT.contains(code) || s.equals("70100")) {
      return ErrorKind.TIMEOUT;
    }
    if (MYSQL_UNAVAILABLE.contains(code) || s.startsWith("08")) {
      return ErrorKind.UNAVAILABLE;
    }
    return null;
  }

  /** By the primary result code (the low byte of an extended one). */
  private static ErrorKind sqliteErrorKind(int code) {
    return switch (code & 0xFF) {
      case 5, 6 -> ErrorKind.RETRYABLE_CONFLICT;
      case 19 -> ErrorKind.CONSTRAINT_VIOLATED;
      case 9 -> ErrorKind.TIMEOUT;
      case 3, 8, 23 -> ErrorKind.PERMISSION_DENIED;
      case 10, 11, 13, 14, 26 -> ErrorKind.UNAVAILABLE;
      default -> ErrorKind.BAD_STATEMENT;
    };
  }

  private static final Pattern MYSQL_KEY = Pattern.compile("for key '([^']+)'");
  private static final Pattern MYSQL_CONSTRAINT_NAME = Pattern.compile("CONSTRAINT `([^`]+)`");
  private static final Pattern MYSQL_COLUMN = Pattern.compile("Column '([^']+)'");
  private static final Pattern SQLITE_CONSTRAINT =
      Pattern.compile("constraint failed: ([A-Za-z0-9_.]+)");

  /**
   * Whether a constraint violation is described only in the driver's message (MySQL/MariaDB,
   * SQLite), which then is its detail; PostgreSQL's server error has fields for it.
   */
  public boolean namesConstraintsInMessages() {
    return this != POSTGRESQL;
  }

  /**
   * The constraint (or key, or column) a violation's message names: MySQL/MariaDB's {@code
   * CONSTRAINT `name`}, else the key without its table, else the column; SQLite's {@code constraint
   * failed: table.column}. Empty when the message names none, and on PostgreSQL.
   */
  public Optional<String> constraintNameIn(String message) {
    return switch (this) {
      case POSTGRESQL -> Optional.empty();
      case MYSQL ->
          firstGroup(MYSQL_CONSTRAINT_NAME, message)
              .or(
                  () ->
                      firstGroup(MYSQL_KEY, message)
                          .map(key -> key.substring(key.lastIndexOf('.') + 1)))
              .or(() -> firstGroup(MYSQL_COLUMN, message));
      case SQLITE -> firstGroup(SQLITE_CONSTRAINT, message);
    };
  }

  private static Optional<String> firstGroup(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The query of how many tables the connection's database (or schema) holds. */
  public String tableCountQuery() {
    return switch (this) {
      case POSTGRESQL ->
          "SELECT count(*) FROM information_schema.tables"
              + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')";
      case MYSQL ->
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()";
      case SQLITE -> "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
    };
  }

  /** The query of the connection's database size in bytes. */
  public String databaseSizeQuery() {
    return switch (this) {
      case POSTGRESQL -> "SELECT pg_database_size(current_database())";
      case MYSQL ->
          "SELECT coalesce(sum(data_length + index_length), 0)"
              + " FROM information_schema.tables WHERE table_schema = database()";
      case SQLITE -> "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
    };
  }

  /** The query of the user the server knows the session as; empty for SQLite, which has none. */
  public Optional<String> currentUserQuery() {
    return switch (this) {
      case POSTGRESQL -> Optional.of("SELECT current_user");
      case MYSQL -> Optional.of("SELECT current_user()");
      case SQLITE -> Optional.empty();
    };
  }

  /**
   * A query with a row while the server replicates from a source (MySQL/MariaDB's {@code SHOW SLAVE
   * STATUS}, which needs REPLICATION CLIENT); empty where {@link #replicaQuery} says it all.
   */
  public Optional<String> replicationSourceQuery() {
    return this == MYSQL ? Optional.of("SHOW SLAVE STATUS") : Optional.empty();
  }

  /**
   * The query of the server's counters (see {@link #statusAsVariables}): one row of PostgreSQL's
   * {@code pg_stat_database} for the current database (backends, commits, rollbacks, tuples out,
   * fetched, written, block reads, block hits, active sessions, max_connections), or
   * MySQL/MariaDB's global status variables as name/value rows. Empty for SQLite, a file.
   */
  public Optional<String> serverStatusQuery() {
    return switch (this) {
      case POSTGRESQL ->
          Optional.of(
              "SELECT numbackends, xact_commit, xact_rollback, tup_returned, tup_fetched,"
                  + " tup_inserted + tup_updated + tup_deleted, blks_read, blks_hit,"
                  + " (SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                  + "    AND datname = current_database() AND pid <> pg_backend_pid()),"
                  + " current_setting('max_connections')::bigint"
                  + " FROM pg_stat_database WHERE datname = current_database()");
      case MYSQL ->
          Optional.of(
              "SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected', 'Threads_running',"
                  + " 'Questions', 'Com_commit', 'Com_rollback', 'Slow_queries')");
      case SQLITE -> Optional.empty();
    };
  }

  /**
   * Whether {@link #serverStatusQuery} gives name/value rows (MySQL/MariaDB), which leave out the
   * connection limit ({@link #maxConnectionsQuery}), rather than one row of counters.
   */
  public boolean statusAsVariables() {
    return this == MYSQL;
  }

  /** The query of the server's connection limit. */
  public String maxConnectionsQuery() {
    return switch (this) {
      case POSTGRESQL -> "SELECT current_setting('max_connections')::bigint";
      case MYSQL -> "SELECT @@max_connections";
      case SQLITE -> throw new UnsupportedOperationException("SQLite has no connection limit");
    };
  }

  /**
   * The query of every other session on the server, its statement cut to {@code queryLength}
   * characters: PostgreSQL's client backends (pid, user, database, application, state, query start,
   * seconds since, query), or MySQL/MariaDB's processlist without daemon and replication threads
   * (id, user, database, command, seconds, state, query). Empty for SQLite.
   */
  public Optional<String> sessionsQuery(int queryLength) {
    return switch (this) {
      case POSTGRESQL ->
          Optional.of(
              "SELECT pid, usename, datname, application_name, state, query_start,"
                  + " extract(epoch FROM (clock_timestamp() - coalesce(query_start, state_change))),"
                  + " left(query, "
                  + queryLength
                  + ") FROM pg_stat_activity"
                  + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
      case MYSQL ->
          Optional.of(
              "SELECT ID, USER, DB, COMMAND, TIME, STATE, LEFT(INFO, "
                  + queryLength
                  + ") FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID()"
                  + " AND COMMAND NOT IN ('Daemon', 'Binlog Dump')");
      case SQLITE -> Optional.empty();
    };
  }

  /**
   * The query of the ids of sessions whose client program (one bound value) is the given one, where
   * {@link #sessionsQuery} has no application name: MySQL/MariaDB's {@code program_name} connection
   * attribute, in performance_schema (off by default on MariaDB, so it may fail). Empty on
   * PostgreSQL, whose sessions carry their application name, and SQLite.
   */
  public Optional<String> sessionsOfProgramQuery() {
    return this == MYSQL
        ? Optional.of(
            "SELECT t.PROCESSLIST_ID FROM performance_schema.session_connect_attrs a"
                + " JOIN performance_schema.threads t ON t.PROCESSLIST_ID = a.PROCESSLIST_ID"
                + " WHERE a.ATTR_NAME = 'program_name' AND a.ATTR_VALUE = ?")
        : Optional.empty();
  }

  /** The JDBC URL of a database on {@code host}:{@code port}, or of the file {@code database}. */
  public String jdbcUrl(String host, int port, String database) {
    return switch (this) {
      case POSTGRESQL -> "jdbc:postgresql://" + host + ":" + port + "/" + database;
      case MYSQL -> "jdbc:mysql://" + host + ":" + port + "/" + database;
      case SQLITE -> "jdbc:sqlite:" + database;
    };
  }

  /**
   * Whether concurrent claimers can skip each other's locked rows ({@code FOR UPDATE SKIP LOCKED});
   * SQLite has one writer and no row locks, so its claims are conditional updates.
   */
  public boolean skipsLockedRows() {
    return this != SQLITE;
  }

  /**
   * Whether a batch insert reads its generated ids through the driver's generated keys; SQLite's
   * driver returns only the last one, so they are read back from {@code last_insert_rowid()}.
   */
  public boolean batchKeysFromDriver() {
    return this != SQLITE;
  }

  /** Whether bulk inserts go through COPY (PostgreSQL's pgJDBC {@code CopyManager}). */
  public boolean copiesIn() {
    return this == POSTGRESQL;
  }

  /**
   * Whether a column's declared type says what its values are; SQLite types each value on its own,
   * so its cells are read as the driver gives them.
   */
  public boolean typedColumns() {
    return this != SQLITE;
  }

  /**
   * Whether a schema (a MySQL/MariaDB database) has DDL worth showing; PostgreSQL's and SQLite's
   * would be a bare CREATE SCHEMA or nothing.
   */
  public boolean keepsSchemaDdl() {
    return this == MYSQL;
  }

  /** Whether the database takes transaction isolation levels; SQLite is always serializable. */
  public boolean takesIsolationLevels() {
    return this != SQLITE;
  }

  /**
   * The table types JDBC metadata lists as tables: PostgreSQL's partitioned tables are tables too.
   */
  public String[] tableTypes() {
    return this == POSTGRESQL
        ? new String[] {"TABLE", "PARTITIONED TABLE"}
        : new String[] {"TABLE"};
  }

  /** Whether {@code table} is the database's own (SQLite's {@code sqlite_} tables). */
  public boolean isSystemTable(String table) {
    return this == SQLITE && table.toLowerCase(Locale.ROOT).startsWith("sqlite_");
  }

  /**
   * The catalog JDBC metadata reads a connection's tables in: the database on PostgreSQL and
   * MySQL/MariaDB (whose current database is the catalog), none on SQLite (its main database).
   */
  public String metadataCatalog(Connection connection) throws SQLException {
    return this == SQLITE ? null : connection.getCatalog();
  }

  /**
   * The schema JDBC metadata reads a connection's tables in: PostgreSQL's current schema ({@code
   * public} when the driver reports none), none on MySQL/MariaDB and SQLite.
   */
  public String metadataSchema(Connection connection) throws SQLException {
    if (this == SQLITE) {
      return null;
    }
    String current = connection.getSchema();
    return this == POSTGRESQL && current == null ? "public" : current;
  }

  /**
   * Whether an INTEGER primary key of one column is the rowid, which can never be NULL though the
   * driver reports it nullable (SQLite).
   */
  public boolean integerKeyIsRowid() {
    return this == SQLITE;
  }

  /** Whether the database is a server (with sessions, roles, replicas); SQLite is a file. */
  public boolean hasServer() {
    return this != SQLITE;
  }

  /** The query of this session's id on the server ({@code pg_backend_pid()}); empty for SQLite. */
  public Optional<String> sessionIdQuery() {
    return switch (this) {
      case POSTGRESQL -> Optional.of("SELECT pg_backend_pid()");
      case MYSQL -> Optional.of("SELECT CONNECTION_ID()");
      case SQLITE -> Optional.empty();
    };
  }

  /**
   * The query of what a session (by id) is doing: no row when it is gone, else one row of its
   * command state and whether it holds a transaction open (see {@code SessionState}).
   */
  public String sessionStateQuery() {
    return switch (this) {
      case POSTGRESQL ->
          "SELECT state = 'active', state LIKE 'idle in transaction%' FROM pg_stat_activity"
              + " WHERE pid = ?";
      case MYSQL ->
          "SELECT p.COMMAND = 'Query', EXISTS (SELECT 1 FROM information_schema.INNODB_TRX t"
              + " WHERE t.trx_mysql_thread_id = p.ID) FROM information_schema.PROCESSLIST p"
              + " WHERE p.ID = ?";
      case SQLITE -> throw new UnsupportedOperationException("SQLite has no server sessions");
    };
  }

  /** The statement that cancels a session's running statement (by id); the session stays. */
  public String cancelStatementSql(long id) {
    return switch (this) {
      case POSTGRESQL -> "SELECT pg_cancel_backend(" + id + ")";
      case MYSQL -> "KILL QUERY " + id;
      case SQLITE -> throw new UnsupportedOperationException("SQLite has no server sessions");
    };
  }

  /** The statement that ends a session (by id), rolling back what it holds open. */
  public String terminateSessionSql(long id) {
    return switch (this) {
      case POSTGRESQL -> "SELECT pg_terminate_backend(" + id + ")";
      case MYSQL -> "KILL CONNECTION " + id;
      case SQLITE -> throw new UnsupportedOperationException("SQLite has no server sessions");
    };
  }

  /**
   * A query of one boolean row, true while the server takes no writes (PostgreSQL in recovery,
   * MySQL/MariaDB read-only): it is a replica then. Empty for SQLite, which has no replicas.
   */
  public Optional<String> replicaQuery() {
    return switch (this) {
      case POSTGRESQL -> Optional.of("SELECT pg_is_in_recovery()");
      case MYSQL -> Optional.of("SELECT @@global.read_only <> 0");
      case SQLITE -> Optional.empty();
    };
  }

  /**
   * The driver property that sends a JDBC batch as multi-row statements (pgJDBC's {@code
   * reWriteBatchedInserts}, Connector/J's {@code rewriteBatchedStatements}); empty for SQLite,
   * where one transaction per chunk is what makes a batch fast.
   */
  public Optional<String> batchRewriteProperty() {
    return switch (this) {
      case POSTGRESQL -> Optional.of("reWriteBatchedInserts");
      case MYSQL -> Optional.of("rewriteBatchedStatements");
      case SQLITE -> Optional.empty();
    };
  }

  /**
   * A column's type as JDBC metadata reports it, in lower case and in the SQL standard's words:
   * PostgreSQL's internal names spelled out, MySQL's BOOLEAN (a TINYINT(1) that Connector/J reports
   * as BIT of size 1) called boolean.
   */
  public String standardTypeName(String driverType, int columnSize) {
    String type = driverType.trim().toLowerCase(Locale.ROOT);
    return switch (this) {
      case POSTGRESQL ->
          switch (type) {
            case "int8" -> "bigint";
            case "int4" -> "integer";
            case "int2" -> "smallint";
            case "bool" -> "boolean";
            case "float8" -> "double precision";
            case "float4" -> "real";
            case "bpchar" -> "char";
            case "varbit" -> "bit varying";
            default -> type;
          };
      case MYSQL -> type.equals("bit") && columnSize == 1 ? "boolean" : type;
      case SQLITE -> type;
    };
  }

  /**
   * A time column's fractional-second digits from JDBC metadata, 0 for the database's default or
   * another type: PostgreSQL reports them as the digits (6 is its default), Connector/J gives
   * DATETIME(n) and TIMESTAMP(n) a size of 19, or 20 + n.
   */
  public int timePrecision(String standardType, int columnSize, int digits) {
    return switch (this) {
      case POSTGRESQL ->
          Set.of("timestamp", "timestamptz", "time", "timetz").contains(standardType) && digits != 6
              ? digits
              : 0;
      case MYSQL ->
          Set.of("datetime", "timestamp").contains(standardType) && columnSize > 20
              ? columnSize - 20
              : 0;
      case SQLITE -> 0;
    };
  }

  /** The placeholder for a JSON value: PostgreSQL casts JSON text to jsonb. */
  public String jsonPlaceholder() {
    return this == POSTGRESQL ? "CAST(? AS jsonb)" : "?";
  }

  /**
   * The expression an ORDER BY or keyset comparison uses for a text column, so text sorts by code
   * point on all three: PostgreSQL's default collation and MySQL's unicode_ci columns would
   * otherwise order (and compare) strings differently from SQLite and from each other.
   */
  public String binaryCollation(String quotedColumn) {
    return switch (this) {
      case POSTGRESQL -> quotedColumn + " COLLATE \"C\"";
      case MYSQL -> quotedColumn + " COLLATE utf8mb4_bin";
      case SQLITE -> quotedColumn;
    };
  }

  /** The UTC day of a timestamp column as 'YYYY-MM-DD' text. */
  public String dayOf(String quotedColumn) {
    return switch (this) {
      case POSTGRESQL -> "to_char(" + quotedColumn + " AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
      // DATETIME columns hold UTC (the data layer writes every timestamp itself).
      case MYSQL -> "DATE_FORMAT(" + quotedColumn + ", '%Y-%m-%d')";
      case SQLITE -> "substr(" + quotedColumn + ", 1, 10)";
    };
  }

  /**
   * Whether an INSERT hands its generated id back through {@code RETURNING id}; MySQL has no
   * RETURNING (MariaDB has, MySQL not), so it goes through the driver's generated keys.
   */
  public boolean insertReturning() {
    return this != MYSQL;
  }

  /**
   * {@code insert} (an {@code INSERT INTO …}) made to skip a row whose unique key is already there
   * instead of failing, so a write repeated after a lost acknowledgement is stored once. MySQL gets
   * a no-op {@code ON DUPLICATE KEY UPDATE} rather than {@code INSERT IGNORE}, which would also
   * swallow bad values and broken foreign keys.
   */
  public String insertIgnoringDuplicates(String insert) {
    return insertIgnoringDuplicates(insert, "id");
  }

  /**
   * {@link #insertIgnoringDuplicates(String)} for a table without an {@code id}: MySQL's no-op
   * update sets {@code column} to itself.
   */
  public String insertIgnoringDuplicates(String insert, String column) {
    String prefix = "INSERT INTO ";
    if (!insert.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new IllegalArgumentException("expected an INSERT INTO statement, got: " + insert);
    }
    return switch (this) {
      case POSTGRESQL -> insert + " ON CONFLICT DO NOTHING";
      case MYSQL -> insert + " ON DUPLICATE KEY UPDATE " + column + " = " + column;
      case SQLITE -> "INSERT OR IGNORE INTO " + insert.substring(prefix.length());
    };
  }

  /**
   * Binds one canonical value (the data layer's {@code ColumnType.normalize}) at a 1-based index.
   */
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof Instant instant) {
      bindInstant(statement, index, instant);
    } else if (value instanceof JsonText json) {
      statement.setString(index, json.json());
    } else if (value instanceof BigDecimal decimal) {
      // SQLite's columns are REAL: a text-bound decimal would compare as text in a WHERE.
      if (this == SQLITE) {
        statement.setDouble(index, decimal.doubleValue());
      } else {
        statement.setBigDecimal(index, decimal);
      }
    } else if (value instanceof Long number) {
      statement.setLong(index, number);
    } else if (value instanceof Integer number) {
      statement.setInt(index, number);
    } else if (value instanceof Double number) {
      statement.setDouble(index, number);
    } else if (value instanceof Boolean flag) {
      statement.setBoolean(index, flag);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else {
      throw new IllegalArgumentException(
          "Cannot bind a " + value.getClass().getSimpleName() + ": normalize it first");
    }
  }

  public void bindAll(PreparedStatement statement, List<?> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      bind(statement, i + 1, values.get(i));
    }
  }

  private void bindInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    switch (this) {
      case POSTGRESQL ->
          statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      // A LocalDateTime goes to DATETIME as written, whatever the session's or JVM's zone.
      case MYSQL -> statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
      case SQLITE -> statement.setString(index, SQLITE_TIME.format(instant));
    }
  }

  /** Reads a timestamp column as an instant; null for NULL. */
  public Instant instant(ResultSet row, String column) throws SQLException {
    return instant(row, row.findColumn(column));
  }

  /** {@link #instant(ResultSet, String)} by 1-based column index. */
  public Instant instant(ResultSet row, int column) throws SQLException {
    return switch (this) {
      case POSTGRESQL -> {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        yield value == null ? null : value.toInstant();
      }
      case MYSQL -> {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        yield value == null ? null : value.toInstant(ZoneOffset.UTC);
      }
      case SQLITE -> {
        String value = row.getString(column);
        yield value == null ? null : sqliteInstant(value);
      }
    };
  }

  /**
   * A SQLite timestamp as the data layer writes it ({@link #SQLITE_TIME}, e.g. {@code
   * 2026-12-01T10:15:30.123Z}) read without a formatter: {@link Instant#parse} costs a few
   * microseconds per value, a noticeable share of a primary-key lookup. Any other shape (written by
   * hand, another tool, a leap second) goes to {@link Instant#parse}, so the result is the same.
   */
  static Instant sqliteInstant(String text) {
    if (text.length() != 24
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != '.'
        || text.charAt(23) != 'Z') {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int millis = digits(text, 20, 23);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || millis < 0) {
      return Instant.parse(text);
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        days * 86_400 + hour * 3_600 + minute * 60 + second, millis * 1_000_000L);
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Sets a statement up to stream its rows instead of loading them all: PostgreSQL only uses a
   * cursor with autocommit off (the caller's job) and a fetch size; MySQL's Connector/J streams row
   * by row with {@code Integer.MIN_VALUE} (no useCursorFetch needed); SQLite steps the statement
   * anyway and takes the fetch size as a hint.
   */
  public void prepareForStreaming(PreparedStatement statement, int fetchSize) throws SQLException {
    statement.setFetchSize(this == MYSQL ? Integer.MIN_VALUE : fetchSize);
  }

  /** Whether streaming needs autocommit off on this connection (PostgreSQL's cursors). */
  public boolean streamingNeedsTransaction(Connection connection) throws SQLException {
    return this == POSTGRESQL && connection.getAutoCommit();
  }
}
