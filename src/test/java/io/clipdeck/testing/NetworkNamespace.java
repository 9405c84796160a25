package io.clipdeck.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Linux network namespace joined to this one by a veth pair, for a server the test can cut off:
 * {@link #partition()} takes the namespace's end of the link down, so packets to it vanish without
 * an answer (no reset, no refusal), as behind a dead switch or a firewall that drops.
 *
 * <p>Needs root (CAP_NET_ADMIN) and iproute2. Without them the test is skipped, or fails when the
 * run requires every server ({@code CI=true}).
 */
public final class NetworkNamespace implements AutoCloseable {

  private final String name;
  private final String hostLink;
  private final String innerLink;
  private final String hostAddress;
  private final String innerAddress;

  private NetworkNamespace(int id) {
    this.name = "clipdeck-" + id;
    this.hostLink = "cdh" + id;
    this.innerLink = "cdn" + id;
    // One /30 per namespace in a private range nothing else here uses.
    int third = id % 250;
    this.hostAddress = "10.213." + third + ".1";
    this.innerAddress = "10.213." + third + ".2";
  }

  /** Makes the namespace and its link, up and addressed. */
  public static NetworkNamespace create() {
    if (!ip("netns", "list").ok()) {
      unavailable("`ip netns` is not permitted here (needs root and iproute2)");
    }
    NetworkNamespace namespace = new NetworkNamespace(ThreadLocalRandom.current().nextInt(1, 250));
    try {
      namespace.build();
    } catch (RuntimeException e) {
      namespace.close();
      throw e;
    }
    return namespace;
  }

  private void build() {
    must("netns", "add", name);
    must("link", "add", hostLink, "type", "veth", "peer", "name", innerLink);
    must("link", "set", innerLink, "netns", name);
    must("addr", "add", hostAddress + "/30", "dev", hostLink);
    must("link", "set", hostLink, "up");
    must("netns", "exec", name, "ip", "addr", "add", innerAddress + "/30", "dev", innerLink);
    must("netns", "exec", name, "ip", "link", "set", innerLink, "up");
    must("netns", "exec", name, "ip", "link", "set", "lo", "up");
  }

  /** The server's address, inside the namespace. */
  public String innerAddress() {
    return innerAddress;
  }

  /** Prefix a command with this to run it inside the namespace. */
  public List<String> execPrefix() {
    return List.of("ip", "netns", "exec", name);
  }

  /** Cuts the link: packets to the namespace are dropped without a word. */
  public void partition() {
    must("netns", "exec", name, "ip", "link", "set", innerLink, "down");
  }

  /** Restores the link. */
  public void heal() {
    must("netns", "exec", name, "ip", "link", "set", innerLink, "up");
  }

  @Override
  public void close() {
    ip("link", "del", hostLink);
    ip("netns", "del", name);
  }

  @Override
  public String toString() {
    return "NetworkNamespace[" + name + ", " + innerAddress + "]";
  }

  private static void must(String... arguments) {
    Result result = ip(arguments);
    if (!result.ok()) {
      throw new IllegalStateException("ip " + String.join(" ", arguments) + ": " + result.output());
    }
  }

  private record Result(boolean ok, String output) {}

  private static Result ip(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("ip");
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(false, "timed out");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue() == 0, output.strip());
    } catch (IOException e) {
      return new Result(false, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }

  private static void unavailable(String why) {
    if (TestDatabases.serversRequired()) {
      fail(why + "; this run requires every fault test (CI=true)");
    }
    Assumptions.abort(why);
  }
}
