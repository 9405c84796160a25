package io.clipdeck.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.db.ProfileService;
import io.clipdeck.secrets.EncryptedFileVault;
import io.clipdeck.secrets.SecretStore;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import io.clipdeck.ui.fx.AnsweringDialogs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiles view's logic on real services and a real vault, without a JavaFX toolkit. */
class ProfilesViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private SecretStore vault;
  private ProfilesViewModel viewModel;
  private final AnsweringDialogs dialogs = new AnsweringDialogs();

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    vault =
        new EncryptedFileVault(
            root.resolve("vault.json"),
            () -> "profiles-test master".toCharArray(),
            new SecureRandom());
    viewModel =
        new ProfilesViewModel(
            context.profiles(),
            context.profileHealth(),
            context.jobs(),
            () -> vault,
            dialogs,
            root,
            Runnable::run);
  }

  @AfterEach
  void stop() {
    viewModel.close();
    context.close();
  }

  @Test
  void testingTheLocalProfileReportsItsVersionTablesAndRole() throws Exception {
    viewModel.selectedProperty().set(viewModel.rows().getFirst());

    String result = await(viewModel::testForm);

    assertThat(result)
        .startsWith("Connected to Local SQLite: SQLite 3.")
        .contains("round trip", "0 tables", ", file.");
    assertThat(viewModel.statusIsErrorProperty().get()).isFalse();
  }

  @Test
  void aNewPostgresProfileIsTestedSavedAndListed() throws Exception {
    try (ScratchDatabase pg = TestDatabases.postgres()) {
      viewModel.newProfile(DatabaseKind.POSTGRESQL);
      ProfileForm form = viewModel.form();
      form.nameProperty().set("staging");
      form.hostProperty().set(pg.profile().host());
      form.portProperty().set(String.valueOf(pg.profile().port()));
      form.databaseProperty().set(pg.profile().database());
      form.userProperty().set(pg.profile().user());
      form.connectArgsProperty().set("timezone=UTC\nreWriteBatchedInserts=true");
      form.environmentProperty().set(Environment.TEST);

      assertThat(await(viewModel::testForm))
          .startsWith("Connected to staging: PostgreSQL 15")
          .contains("user postgres, primary");
      assertThat(await(viewModel::save)).isEqualTo("Saved staging.");

      ConnectionProfile saved = context.profiles().require("staging");
      assertThat(saved.pool().connectArgs()).containsEntry("timezone", "UTC");
      assertThat(viewModel.rows()).extracting(ProfileRow::name).contains("staging");
      assertThat(viewModel.selectedProperty().get().name()).isEqualTo("staging");
    }
  }

  @Test
  void aTypedPasswordGoesToTheSecretStoreAndTheProfileKeepsOnlyItsReference() throws Exception {
    viewModel.newProfile(DatabaseKind.MYSQL);
    viewModel.form().nameProperty().set("orders");
    viewModel.form().environmentProperty().set(Environment.DEVELOPMENT);
    viewModel.form().passwordProperty().set("hunter2-" + System.nanoTime());
    String typed = viewModel.form().passwordProperty().get();

    assertThat(await(viewModel::save)).isEqualTo("Saved orders.");

    ConnectionProfile saved = context.profiles().require("orders");
    assertThat(saved.passwordRef()).isEqualTo("profile/orders/password");
    assertThat(new String(vault.get(saved.passwordRef()).orElseThrow())).isEqualTo(typed);
    assertThat(viewModel.form().passwordProperty().get()).isEmpty();
  }

  @Test
  void aNewProfileHasNoEnvironmentUntilOneIsChosenAndIsNotSavedWithout() throws Exception {
    viewModel.newProfile(DatabaseKind.POSTGRESQL);
    viewModel.form().nameProperty().set("unlabelled");
    assertThat(viewModel.form().environmentProperty().get()).isNull();
    assertThat(viewModel.form().tlsModeProperty().get()).isEqualTo(io.clipdeck.db.TlsMode.PREFER);

    viewModel.save();

    assertThat(viewModel.statusProperty().get())
        .startsWith("Environment: choose Development, Test or Production");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
    assertThat(context.profiles().find("unlabelled")).isEmpty();

    viewModel.form().environmentProperty().set(Environment.TEST);
    assertThat(await(viewModel::save)).isEqualTo("Saved unlabelled.");
    assertThat(context.profiles().require("unlabelled").environment()).isEqualTo(Environment.TEST);
  }

  @Test
  void aWrongFieldIsNamedAndNothingIsSaved() {
    viewModel.newProfile(DatabaseKind.POSTGRESQL);
    viewModel.form().portProperty().set("54x2");

    viewModel.save();

    assertThat(viewModel.statusProperty().get()).isEqualTo("Port is '54x2': type a whole number");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
    assertThat(context.profiles().find("New profile")).isEmpty();
  }

  @Test
  void productionAsksBeforeSavingAndDeletingNeedsTheNameTyped() throws Exception {
    viewModel.newProfile(DatabaseKind.SQLITE);
    viewModel.form().nameProperty().set("prod-copy");
    viewModel.form().environmentProperty().set(Environment.PRODUCTION);

    dialogs.answer = false;
    viewModel.save();
    assertThat(context.profiles().find("prod-copy")).isEmpty();

    dialogs.answer = true;
    await(viewModel::save);
    assertThat(context.profiles().require("prod-copy").environment())
        .isEqualTo(Environment.PRODUCTION);

    dialogs.answer = false;
    viewModel.delete();
    assertThat(context.profiles().find("prod-copy")).isPresent();
    dialogs.answer = true;
    assertThat(await(viewModel::delete)).isEqualTo("Deleted prod-copy.");
    assertThat(context.profiles().find("prod-copy")).isEmpty();
    assertThat(dialogs.questions)
        .containsExactly(
            "Save a Production profile",
            "Save a Production profile",
            "Delete a Production profile (type prod-copy)",
            "Delete a Production profile (type prod-copy)");
  }

  @Test
  void duplicatingSavesACopyAndSelectsIt() throws Exception {
    viewModel.selectedProperty().set(viewModel.rows().getFirst());

    await(viewModel::duplicate);

    assertThat(context.profiles().find(ProfileService.DEFAULT_PROFILE + " (copy)")).isPresent();
    assertThat(viewModel.selectedProperty().get().name())
        .isEqualTo(ProfileService.DEFAULT_PROFILE + " (copy)");
    assertThat(viewModel.form().nameProperty().get())
        .isEqualTo(ProfileService.DEFAULT_PROFILE + " (copy)");
  }

  @Test
  void anUnreachableServerSaysWhatToCheck() throws Exception {
    viewModel.newProfile(DatabaseKind.MYSQL);
    viewModel.form().hostProperty().set("127.0.0.1");
    viewModel.form().portProperty().set("1");
    viewModel.form().poolTimeoutSecondsProperty().set("1");

    assertThat(await(viewModel::testForm))
        .startsWith("Cannot connect: cannot reach New profile at 127.0.0.1:1 within 1 s");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
  }

  /** Runs an action and waits until its background job has reported. */
  private String await(Runnable action) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    viewModel
        .busyProperty()
        .addListener(
            (o, was, busy) -> {
              if (!busy) {
                done.countDown();
              }
            });
    action.run();
    assertThat(done.await(15, TimeUnit.SECONDS)).as("the job finished").isTrue();
    return viewModel.statusProperty().get();
  }
}
