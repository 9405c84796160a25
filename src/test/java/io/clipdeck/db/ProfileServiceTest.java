package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

  @Test
  void renamingAProfileKeepsItsPlaceAndItsGroupMembership() {
    ProfileStore store = new ProfileStore(dir.resolve("profiles.json"), Clock.systemUTC());
    ProfileService service = new ProfileService(store, dir.resolve("clipdeck.db"));
    service.put(ConnectionProfile.sqlite("a", dir.resolve("a.db")));
    service.put(ConnectionProfile.sqlite("b", dir.resolve("b.db")));
    service.saveGroup(
        new GroupDefinition("g", List.of("a", "b"), 3, null, true, null), Optional.empty());

    service.save(service.require("a").toBuilder().name("alpha").build(), Optional.of("a"));

    assertThat(service.profiles())
        .extracting(ConnectionProfile::name)
        .containsExactly(ProfileService.DEFAULT_PROFILE, "alpha", "b");
    assertThat(service.findGroup("g").orElseThrow().members()).containsExactly("alpha", "b");
    assertThat(store.load().groups()).containsExactlyElementsOf(service.groups());
  }

  @Test
  void aTakenNameAGroupMemberAndTheLastProfileAreRefusedWithTheReason() {
    ProfileService service =
        new ProfileService(
            new ProfileStore(dir.resolve("profiles.json"), Clock.systemUTC()),
            dir.resolve("clipdeck.db"));
    service.put(ConnectionProfile.sqlite("b", dir.resolve("b.db")));
    service.saveGroup(
        new GroupDefinition(
            "g", List.of(ProfileService.DEFAULT_PROFILE, "b"), 3, null, false, null),
        Optional.empty());

    assertThatThrownBy(
            () ->
                service.save(ConnectionProfile.sqlite("b", dir.resolve("x.db")), Optional.empty()))
        .hasMessage("A profile named 'b' exists already: choose another name");
    assertThatThrownBy(() -> service.remove("b"))
        .hasMessage("Profile 'b' is a member of group 'g': remove it from the group first");
    service.removeGroup("g");
    service.remove("b");
    assertThatThrownBy(() -> service.remove(ProfileService.DEFAULT_PROFILE))
        .hasMessageContaining("is the only profile");
  }

  @Test
  void theEnvironmentProfileIsListedActiveAndReadOnly() {
    EnvironmentProfile env =
        EnvironmentProfile.read(java.util.Map.of("DATABASE_URL", "mysql://root@127.0.0.1/db"))
            .orElseThrow();
    ProfileService service =
        new ProfileService(
            new ProfileStore(dir.resolve("profiles.json"), Clock.systemUTC()),
            dir.resolve("clipdeck.db"),
            Optional.of(env));

    assertThat(service.active().name()).isEqualTo(EnvironmentProfile.NAME);
    assertThat(service.isReadOnly(EnvironmentProfile.NAME)).isTrue();
    assertThatThrownBy(() -> service.remove(EnvironmentProfile.NAME))
        .hasMessageContaining("DATABASE_* environment variables");
  }

  @Test
  void anInvalidEntryIsLeftOutAndNamedWhileTheOthersLoad() throws Exception {
    Path file = dir.resolve("profiles.json");
    Files.writeString(
        file,
        """
        {"version": 1, "profiles": [
          {"name": "good", "kind": "sqlite", "database": "/tmp/good.db"},
          {"name": "evil", "kind": "mysql", "host": "h", "port": 3306, "database": "d",
           "pool": {"pool_size": 1, "max_overflow": 1, "pool_timeout": "PT5S",
                    "pool_recycle": "PT30M", "connect_args": {"autoDeserialize": "true"}}}
        ]}
        """);

    ProfileService service =
        new ProfileService(new ProfileStore(file, Clock.systemUTC()), dir.resolve("x.db"));

    assertThat(service.profiles()).extracting(ConnectionProfile::name).containsExactly("good");
    assertThat(service.loadProblem().orElseThrow())
        .contains("profile #2 'evil' is not valid and was left out")
        .contains("'autoDeserialize' is refused");
  }
}
