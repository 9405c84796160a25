package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileServiceTest {

  @TempDir Path dir;

  @Test
  void firstStartCreatesAndSavesTheLocalSqliteProfile() {
    ProfileStore store = new ProfileStore(dir.resolve("profiles.json"), Clock.systemUTC());

    ProfileService service = new ProfileService(store, dir.resolve("clipdeck.db"));

    assertThat(service.active().name()).isEqualTo(ProfileService.DEFAULT_PROFILE);
    assertThat(service.active().kind()).isEqualTo(DatabaseKind.SQLITE);
    assertThat(service.active().database()).isEqualTo(dir.resolve("clipdeck.db").toString());
    assertThat(store.load().profiles()).containsExactly(service.active());
  }

  @Test
  void anUnreadableFileLeavesTheDefaultInMemoryAndTheFileUntouched() throws Exception {
    Path file = dir.resolve("profiles.json");
    Files.writeString(file, "not json");

    ProfileService service =
        new ProfileService(new ProfileStore(file, Clock.systemUTC()), dir.resolve("x.db"));

    assertThat(service.loadProblem()).isPresent();
    assertThat(service.active().name()).isEqualTo(ProfileService.DEFAULT_PROFILE);
    assertThat(Files.readString(file)).isEqualTo("not json");
  }

  @Test
  void activatingAProfileTellsTheListeners() {
    ProfileStore store = new ProfileStore(dir.resolve("profiles.json"), Clock.systemUTC());
    ProfileService service = new ProfileService(store, dir.resolve("clipdeck.db"));
    ConnectionProfile other = ConnectionProfile.sqlite("other", dir.resolve("other.db"));
    service.put(other);
    StringBuilder heard = new StringBuilder();
    service.addActiveListener(profile -> heard.append(profile.name()));

    service.activate("other");

    assertThat(service.active()).isEqualTo(other);
    assertThat(heard).hasToString("other");
    assertThat(store.load().profiles())
        .extracting(ConnectionProfile::name)
        .containsExactly(ProfileService.DEFAULT_PROFILE, "other");
  }
}
