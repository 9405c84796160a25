package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.app.ProfileTransfer;
import io.clipdeck.config.AppPaths;
import io.clipdeck.secrets.SecretRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export on one "machine", import on another: profiles always, passwords only when asked. */
class ProfileTransferCommandTest {

  @TempDir Path dir;

  @Test
  void profilesTravelWithoutPasswordsUnlessAskedThenEncrypted() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    String password = "pg-secret-" + System.nanoTime();
    Map<String, String> env =
        Map.of(
            "CLIPDECK_MASTER_PASSWORD", "local-" + System.nanoTime(),
            "CLIPDECK_EXPORT_PASSWORD", "passphrase-" + System.nanoTime());
    CliRun.run(
        from,
        env,
        "profiles",
        "add",
        "prod",
        "--kind=postgresql",
        "--host=db1",
        "--database=clips",
        "--environment=production");
    try (AppContext source = context(from, env)) {
      source.secrets().put(SecretRef.profilePassword("prod"), password.toCharArray());
      var prod = source.profiles().require("prod");
      source
          .profiles()
          .put(prod.toBuilder().passwordRef(SecretRef.profilePassword("prod")).build());
    }
    Path plain = dir.resolve("plain.json");
    Path full = dir.resolve("full.json");

    CliRun exportPlain = CliRun.run(from, env, "profiles", "export", plain.toString());
    CliRun exportFull =
        CliRun.run(from, env, "profiles", "export", full.toString(), "--with-secrets");

    assertThat(exportPlain.out()).contains("Exported 2 profiles and 0 groups", "(no passwords)");
    assertThat(exportFull.out()).contains("1 passwords encrypted in");
    assertThat(ProfileTransfer.vaultOf(plain)).doesNotExist();
    for (Path written : new Path[] {plain, full, ProfileTransfer.vaultOf(full)}) {
      assertThat(Files.readString(written, StandardCharsets.ISO_8859_1)).doesNotContain(password);
    }

    CliRun imported = CliRun.run(to, env, "profiles", "import", full.toString(), "--with-secrets");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("Imported 1 profiles, 0 groups and 1 passwords")
        .contains("skipped 'Local SQLite': a profile with that name exists");
    try (AppContext target = context(to, env)) {
      var prod = target.profiles().require("prod");
      assertThat(prod.environment().name()).isEqualTo("PRODUCTION");
      assertThat(new String(target.secrets().get(prod.passwordRef()).orElseThrow()))
          .isEqualTo(password);
    }
  }

  @Test
  void importingAMissingFileSaysSo() {
    CliRun run = CliRun.run(dir, "profiles", "import", dir.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("No profile file at");
  }

  private static AppContext context(Path root, Map<String, String> env) {
    AppContext.Options isolated = AppContext.Options.isolated(AppPaths.under(root));
    return new AppContext(
        new AppContext.Options(
            isolated.paths(),
            isolated.clock(),
            isolated.healthInterval(),
            isolated.logCapacity(),
            env));
  }
}
