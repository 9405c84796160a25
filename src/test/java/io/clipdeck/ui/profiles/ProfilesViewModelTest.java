package io.clipdeck.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PoolSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private ProfilesViewModel viewModel;

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    viewModel =
        new ProfilesViewModel(context.profiles(), context.health(), context.jobs(), Runnable::run);
  }

  @AfterEach
  void stop() {
    viewModel.close();
    context.close();
  }

  @Test
  void testingTheLocalProfileReportsItsVersionAndRoundTrip() throws Exception {
    viewModel.selectedProperty().set(viewModel.rows().getFirst());

    String result = testAndWait();

    assertThat(result).startsWith("Connected to Local SQLite: version 3.").contains("round trip");
    assertThat(viewModel.rows().getFirst().health()).isEqualTo("Up");
  }

  @Test
  void testingAnUnreachableServerSaysWhatToCheck() throws Exception {
    context
        .profiles()
        .put(
            ConnectionProfile.server("gone", DatabaseKind.MYSQL, "127.0.0.1", 1, "db", "root")
                .withPool(
                    PoolSettings.DESKTOP.toBuilder()
                        .poolSize(0)
                        .maxOverflow(1)
                        .poolTimeout(Duration.ofSeconds(1))
                        .poolRecycle(Duration.ofMinutes(5))
                        .prePing(true)
                        .build()));
    context.profiles().activate("gone");
    viewModel
        .selectedProperty()
        .set(
            viewModel.rows().stream()
                .filter(row -> row.name().equals("gone"))
                .findFirst()
                .orElseThrow());

    String result = testAndWait();

    assertThat(result).startsWith("Cannot connect: cannot reach gone at 127.0.0.1:1");
    assertThat(viewModel.rows())
        .filteredOn(ProfileRow::active)
        .extracting(ProfileRow::name)
        .containsExactly("gone");
  }

  @Test
  void testingWithNothingSelectedAsksForAChoice() {
    viewModel.selectedProperty().set(null);

    viewModel.testSelected();

    assertThat(viewModel.testResultProperty().get()).isEqualTo("Choose a profile to test.");
    assertThat(viewModel.testingProperty().get()).isFalse();
  }

  private String testAndWait() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    viewModel
        .testingProperty()
        .addListener(
            (o, was, testing) -> {
              if (!testing) {
                done.countDown();
              }
            });
    viewModel.testSelected();
    assertThat(done.await(15, TimeUnit.SECONDS)).isTrue();
    return viewModel.testResultProperty().get();
  }
}
