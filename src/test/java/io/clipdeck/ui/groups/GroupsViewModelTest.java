package io.clipdeck.ui.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.ui.fx.SerialFx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The groups tab's logic on a real running group of two SQLite members, without a toolkit. */
class GroupsViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private GroupsViewModel viewModel;

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    context.profiles().put(ConnectionProfile.sqlite("east", root.resolve("east.db")));
    context.profiles().put(ConnectionProfile.sqlite("west", root.resolve("west.db")));
    viewModel =
        new GroupsViewModel(
            context.profiles(),
            context::failover,
            context.jobs(),
            context.scheduler(),
            context.workers(),
            new SerialFx(),
            Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    viewModel.close();
    context.close();
  }

  @Test
  void aSavedGroupRunsAndCanBeDrilledAndFailedBack() {
    viewModel.newGroup();
    viewModel.nameProperty().set("clips");
    viewModel.membersProperty().set("east, west");
    viewModel.intervalSecondsProperty().set("0.2");
    viewModel.automaticFailbackProperty().set(false);
    viewModel.save();
    await().atMost(Duration.ofSeconds(10)).until(() -> !viewModel.rows().isEmpty());

    GroupRow row = viewModel.rows().getFirst();
    assertThat(row.name()).isEqualTo("clips");
    assertThat(row.members()).isEqualTo("east → west");
    assertThat(row.serving()).isEqualTo("east");
    assertThat(context.profiles().findGroup("clips")).isPresent();

    viewModel.selectedProperty().set(row);
    viewModel.simulateFailover();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewModel.statusProperty().get().startsWith("Switched clips"));
    assertThat(viewModel.statusProperty().get()).isEqualTo("Switched clips from east to west.");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewModel.rows().getFirst().serving().equals("west"));
    assertThat(viewModel.events()).first().asString().contains("simulated  east → west");

    viewModel.failBack();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewModel.rows().getFirst().serving().equals("east"));
    assertThat(viewModel.statusProperty().get()).isEqualTo("Back on east.");
  }

  @Test
  void aGroupNeedsTwoKnownMembers() {
    viewModel.newGroup();
    viewModel.membersProperty().set("east");
    viewModel.save();
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Group 'New group' needs a primary and at least one failover profile");

    viewModel.membersProperty().set("east, nowhere");
    viewModel.save();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> viewModel.statusProperty().get().contains("failed"));
    assertThat(viewModel.statusProperty().get()).contains("No profile named 'nowhere'");
    assertThat(context.profiles().groups()).isEmpty();
  }
}
