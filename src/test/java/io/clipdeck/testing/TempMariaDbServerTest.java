package io.clipdeck.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TempMariaDbServerTest {

  @Test
  void startsStopsRestartsAndSurvivesKill9ThenDeletesItself() throws Exception {
    Path directory;
    try (TempMariaDbServer server = TempMariaDbServer.started()) {
      directory = server.directory();
      assertThat(server.port()).isNotEqualTo(3306);
      assertThat(server.isRunning()).isTrue();
      assertThat(server.acceptsConnections()).isTrue();
      assertThat(query(server, "SELECT VERSION()")).contains("MariaDB");
      assertThat(query(server, "SELECT @@datadir")).startsWith(directory.toString());
      int port = server.port();

      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThat(server.acceptsConnections()).isFalse();

      server.start();
      assertThat(server.port()).isEqualTo(port);
      server.execute("CREATE TABLE clipdeck.kept (id int) ENGINE=InnoDB");
      server.execute("INSERT INTO clipdeck.kept VALUES (1)");
      server.restart();
      assertThat(server.acceptsConnections()).isTrue();

      // Written since the last clean stop, so the start after the kill has a log to recover.
      server.execute("INSERT INTO clipdeck.kept VALUES (2)");
      long pid = server.pid().orElseThrow();
      server.kill9();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(server.isRunning()).isFalse();
      assertThat(server.acceptsConnections()).isFalse();
      server.start();
      assertThat(server.port()).isEqualTo(port);
      // Crash recovery kept the committed rows.
      assertThat(query(server, "SELECT COUNT(*) FROM clipdeck.kept")).isEqualTo("2");
      assertThat(server.serverLogText()).contains("crash recovery");
      assertThat(server.profile("temp").jdbcUrl())
          .isEqualTo("jdbc:mysql://127.0.0.1:" + port + "/clipdeck");
    }
    assertThat(Files.exists(directory)).isFalse();
  }

  @Test
  void aClosedServerRefusesCommands() {
    TempMariaDbServer server = TempMariaDbServer.create();
    server.close();
    assertThat(Files.exists(server.directory())).isFalse();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void missingBinariesFailUnderCiAndSkipElsewhere(@TempDir Path empty) {
    assertThat(TempMariaDbServer.locate(List.of(empty))).isEmpty();
    assertThatThrownBy(() -> TempMariaDbServer.unavailable("no mariadbd", true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI needs it");
    assertThatThrownBy(() -> TempMariaDbServer.unavailable("no mariadbd", false))
        .isInstanceOf(TestAbortedException.class);
  }

  private static String query(TempMariaDbServer server, String sql) throws Exception {
    try (Connection connection = server.connect("");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
