package io.clipdeck.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The process's start lies just before the JVM's own start: the launcher's few milliseconds. */
class ProcessStartTest {

  @Test
  void theProcessStartedShortlyBeforeTheJvmDid() {
    long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
    long processStarted = ProcessStart.epochMillis();

    // A centisecond of tick granularity either way; the launcher takes well under half a second
    // even on a loaded machine, where /proc/stat's whole-second boot time could be a second off.
    assertThat(processStarted).isLessThanOrEqualTo(jvmStarted + 20);
    assertThat(jvmStarted - processStarted).isLessThan(500);
    assertThat(ProcessStart.millisSince()).isPositive();
  }
}
