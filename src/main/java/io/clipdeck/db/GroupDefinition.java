package io.clipdeck.db;

import java.time.Duration;
import java.util.List;

/**
 * A failover group as the user saves it: member profiles by name, the primary first.
 *
 * @param failuresBeforeSwitch consecutive failed checks of the serving member before switching
 * @param automaticFailback whether to return to the primary by itself once it has been healthy for
 *     {@code hysteresis}; when false only the user fails back
 */
public record GroupDefinition(
    String name,
    List<String> members,
    int failuresBeforeSwitch,
    Duration checkInterval,
    boolean automaticFailback,
    Duration hysteresis) {

  public GroupDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A failover group needs a name");
    }
    if (members == null || members.size() < 2) {
      throw new IllegalArgumentException(
          "Group '" + name + "' needs a primary and at least one failover profile");
    }
    if (members.stream().distinct().count() != members.size()) {
      throw new IllegalArgumentException("Group '" + name + "' lists a profile twice");
    }
    members = List.copyOf(members);
    failuresBeforeSwitch = failuresBeforeSwitch < 1 ? 3 : failuresBeforeSwitch;
    checkInterval = checkInterval == null ? Duration.ofSeconds(10) : checkInterval;
    hysteresis = hysteresis == null ? Duration.ofMinutes(1) : hysteresis;
    if (checkInterval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "Group '" + name + "' checks every " + checkInterval + ": use at least 100 ms");
    }
  }

  public String primary() {
    return members.getFirst();
  }
}
