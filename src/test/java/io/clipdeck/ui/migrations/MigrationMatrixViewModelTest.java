package io.clipdeck.ui.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group matrix on two real SQLite profiles in one failover group, without a toolkit. */
class MigrationMatrixViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private MigrationMatrixViewModel viewModel;

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    viewModel =
        new MigrationMatrixViewModel(
            context.profiles(), context::migrations, context.jobs(), Runnable::run);
  }

  @AfterEach
  void stop() {
    viewModel.close();
    context.close();
  }

  @Test
  void withoutGroupsItSaysHowToMakeOne() throws Exception {
    assertThat(viewModel.groups()).isEmpty();
    assertThat(viewModel.messageProperty().get())
        .isEqualTo(MigrationMatrixViewModel.NO_GROUPS)
        .contains("Profiles → Failover groups");

    await(viewModel::refresh);

    assertThat(viewModel.rows()).isEmpty();
    assertThat(viewModel.members()).isEmpty();
    assertThat(viewModel.messageProperty().get()).isEqualTo(MigrationMatrixViewModel.NO_GROUPS);
  }

  @Test
  void membersAtDifferentVersionsAndADriftedChecksumAreSideBySide() throws Exception {
    for (String name : List.of("east", "west")) {
      context
          .profiles()
          .save(ConnectionProfile.sqlite(name, root.resolve(name + ".db")), Optional.empty());
    }
    context
        .profiles()
        .saveGroup(
            new GroupDefinition("pair", List.of("east", "west"), 3, null, false, null),
            Optional.empty());
    assertThat(viewModel.groups()).containsExactly("pair");
    assertThat(viewModel.groupProperty().get()).isEqualTo("pair");

    context.migrations(context.profiles().require("east")).migrate(Optional.empty(), line -> {});
    context.migrations(context.profiles().require("west")).migrate(Optional.of("1"), line -> {});
    // West's V1 was applied from another script than east's: its history keeps another checksum.
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + root.resolve("west.db"));
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    }

    await(viewModel::refresh);

    assertThat(viewModel.members()).containsExactly("east", "west");
    assertThat(viewModel.rows())
        .extracting(MatrixRow::label)
        .containsExactly("V1 clipdeck schema", "V2 browser sort indexes");
    MatrixRow first = viewModel.rows().get(0);
    assertThat(first.drift()).isTrue();
    assertThat(first.cells()).containsExactly("applied, checksum drift", "applied, checksum drift");
    MatrixRow second = viewModel.rows().get(1);
    assertThat(second.drift()).isFalse();
    assertThat(second.cells()).containsExactly("applied", "pending");
    assertThat(viewModel.problemProperty().get()).isTrue();
    assertThat(viewModel.messageProperty().get())
        .isEqualTo(
            "pair: east at version 2; west at version 1. Checksum drift on 1 migration: the"
                + " members applied different scripts.");
    assertThat(viewModel.busyProperty().get()).isFalse();

    context.profiles().removeGroup("pair");
    assertThat(viewModel.groups()).isEmpty();
    assertThat(viewModel.rows()).isEmpty();
    assertThat(viewModel.messageProperty().get()).isEqualTo(MigrationMatrixViewModel.NO_GROUPS);
  }

  /** Runs an operation and waits until it is no longer busy (the read runs on a worker). */
  private void await(Runnable operation) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    viewModel
        .busyProperty()
        .addListener(
            (observable, was, busy) -> {
              if (!busy) {
                done.countDown();
              }
            });
    operation.run();
    if (viewModel.busyProperty().get()) {
      assertThat(done.await(30, TimeUnit.SECONDS)).as("the read ended").isTrue();
    }
  }
}
