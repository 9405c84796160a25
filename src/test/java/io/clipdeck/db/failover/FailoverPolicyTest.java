package io.clipdeck.db.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.db.failover.FailoverPolicy.Failback;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverPolicyTest {

  @Test
  void defaultsSwitchAfterThreeFailedChecksAndFailBackAfterAHealthyMinute() {
    assertThat(FailoverPolicy.DEFAULT)
        .isEqualTo(
            new FailoverPolicy(
                3, Duration.ofSeconds(10), Failback.AUTOMATIC, Duration.ofMinutes(1)));
  }

  @Test
  void factoriesSetTheFailbackMode() {
    assertThat(FailoverPolicy.automatic(2, Duration.ofSeconds(1), Duration.ofSeconds(30)))
        .isEqualTo(
            new FailoverPolicy(
                2, Duration.ofSeconds(1), Failback.AUTOMATIC, Duration.ofSeconds(30)));
    FailoverPolicy manual = FailoverPolicy.manual(4, Duration.ofSeconds(2));
    assertThat(manual.failback()).isEqualTo(Failback.MANUAL);
    assertThat(manual.hysteresis()).isZero();
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> FailoverPolicy.manual(0, Duration.ofSeconds(1)))
        .hasMessage("failures before switching is 0: use 1 or more");
    assertThatThrownBy(() -> FailoverPolicy.manual(1, Duration.ofMillis(50)))
        .hasMessage("check interval is PT0.05S: use at least PT0.1S");
    assertThatThrownBy(
            () -> FailoverPolicy.automatic(1, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .hasMessage("hysteresis is PT-1S: use zero or more");
    assertThatThrownBy(() -> new FailoverPolicy(1, null, Failback.MANUAL, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(new FailoverPolicy(1, Duration.ofSeconds(1), Failback.MANUAL, null).hysteresis())
        .isZero();
  }
}
