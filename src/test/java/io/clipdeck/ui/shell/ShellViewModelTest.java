package io.clipdeck.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.ProfileService;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The shell's state on real services, with no JavaFX toolkit: updates run on the caller. */
class ShellViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private ShellViewModel shell;

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    shell =
        new ShellViewModel(
            context.profiles(),
            context.profileHealth(),
            context.jobs(),
            context.logBuffer(),
            Runnable::run);
  }

  @AfterEach
  void stop() {
    shell.close();
    context.close();
  }

  @Test
  void showsTheActiveProfileAndItsHealthOnceChecked() throws Exception {
    CountDownLatch checked = new CountDownLatch(1);
    shell.activeHealthProperty().addListener((o, was, now) -> checked.countDown());

    shell.start();

    assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(shell.activeProfileProperty().get())
        .isEqualTo(ProfileService.DEFAULT_PROFILE + " · SQLite");
    assertThat(shell.activeHealthProperty().get()).isEqualTo(HealthReport.Health.UP);
    assertThat(shell.healthTextProperty().get()).startsWith("Up · ").contains("ms");
  }

  @Test
  void countsRunningJobsAndNamesASingleOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    var job =
        context
            .jobs()
            .submit(
                "Exporting videos",
                () -> {
                  release.await();
                  return 1;
                });

    assertThat(shell.runningJobsProperty().get()).isEqualTo(1);
    assertThat(shell.jobsTextProperty().get()).isEqualTo("Exporting videos");

    release.countDown();
    job.get(5, TimeUnit.SECONDS);
    assertThat(shell.jobsTextProperty().get()).isEqualTo("Idle");
    assertThat(shell.runningJobsProperty().get()).isZero();
  }

  @Test
  void theLogPaneKeepsOnlyTheNewestLines() {
    var logger = LoggerFactory.getLogger("io.clipdeck.test.Noise");
    for (int i = 0; i < ShellViewModel.LOG_LINES + 100; i++) {
      logger.info("line {}", i);
    }

    assertThat(shell.log()).hasSize(ShellViewModel.LOG_LINES);
    assertThat(shell.log().getLast().message())
        .isEqualTo("line " + (ShellViewModel.LOG_LINES + 99));
    assertThat(shell.log().getLast().logger()).isEqualTo("Noise");
  }
}
