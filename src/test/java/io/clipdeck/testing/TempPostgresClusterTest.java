package io.clipdeck.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.testing.TempPostgresCluster.StopMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TempPostgresClusterTest {

  @Test
  void startsStopsRestartsAndSurvivesKill9ThenDeletesItself() throws Exception {
    Path directory;
    try (TempPostgresCluster cluster = TempPostgresCluster.started()) {
      directory = cluster.directory();
      assertThat(cluster.port()).isNotEqualTo(5432);
      assertThat(cluster.isRunning()).isTrue();
      assertThat(cluster.acceptsConnections()).isTrue();
      assertThat(serverVersion(cluster)).startsWith("15");

      cluster.stop(StopMode.FAST);
      assertThat(cluster.isRunning()).isFalse();
      assertThat(cluster.acceptsConnections()).isFalse();

      cluster.start();
      int port = cluster.port();
      cluster.execute("CREATE TABLE kept (id int)");
      cluster.restart();
      assertThat(cluster.port()).isEqualTo(port);
      assertThat(cluster.acceptsConnections()).isTrue();

      cluster.kill9();
      assertThat(cluster.isRunning()).isFalse();
      assertThat(cluster.acceptsConnections()).isFalse();
      cluster.start();
      // Crash recovery kept the committed table.
      cluster.execute("INSERT INTO kept VALUES (1)");

      cluster.stop(StopMode.IMMEDIATE);
      assertThat(cluster.acceptsConnections()).isFalse();
      cluster.start();
      assertThat(cluster.profile("temp").port()).isEqualTo(port);
      assertThat(cluster.profile("temp").jdbcUrl())
          .isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    }
    assertThat(Files.exists(directory)).isFalse();
  }

  @Test
  void aClosedClusterRefusesCommands() {
    TempPostgresCluster cluster = TempPostgresCluster.create();
    cluster.close();
    assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class);
  }

  private static String serverVersion(TempPostgresCluster cluster) throws Exception {
    try (Connection connection = cluster.connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW server_version")) {
      result.next();
      return result.getString(1);
    }
  }
}
