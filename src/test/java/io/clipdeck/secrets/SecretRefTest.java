package io.clipdeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRefTest {

  @Test
  void buildsProfileAndApiRefs() {
    assertThat(SecretRef.profilePassword("prod")).isEqualTo("profile/prod/password");
    assertThat(SecretRef.apiKey("openai")).isEqualTo("api/openai/key");
    assertThat(SecretRef.profilePassword(" eu/west 100% "))
        .isEqualTo("profile/eu%2Fwest 100%25/password");
    assertThat(SecretRef.validate(SecretRef.profilePassword("prod")))
        .isEqualTo("profile/prod/password");
  }

  @Test
  void refusesWhatCannotBeARef() {
    assertThatThrownBy(() -> SecretRef.profilePassword(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretRef.validate("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretRef.validate(" a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretRef.validate("a\tb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretRef.validate("x".repeat(SecretRef.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SecretRef.validate("x".repeat(SecretRef.MAX_LENGTH))).hasSize(SecretRef.MAX_LENGTH);
  }

  @Test
  void theMasterPasswordComesFromTheEnvironmentFreshEachTime() {
    var supplier = MasterPassword.fromEnvironment(Map.of("CLIPDECK_MASTER_PASSWORD", "pw"));
    char[] first = supplier.get();
    java.util.Arrays.fill(first, '\0');
    assertThat(supplier.get()).containsExactly('p', 'w');
    assertThatThrownBy(() -> MasterPassword.fromEnvironment(Map.of()).get())
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("CLIPDECK_MASTER_PASSWORD");
    assertThatThrownBy(
            () -> MasterPassword.fromEnvironment(Map.of("CLIPDECK_MASTER_PASSWORD", "")).get())
        .isInstanceOf(SecretStoreException.class);
  }
}
