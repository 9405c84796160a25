package io.clipdeck.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code secret-tool} (Debian's libsecret-tools) with a given environment and a time limit.
 * The secret, if any, goes through standard input, never the command line; standard output is read
 * into a buffer that the caller wipes.
 */
final class SecretTool {

  static final String DEFAULT_EXECUTABLE = "secret-tool";

  private static final int MAX_STDOUT = 1 << 20;
  private static final int MAX_STDERR = 16 << 10;
  private static final Duration DRAIN = Duration.ofSeconds(2);

  /** What one run gave. {@code stdout} may hold a secret: the caller wipes it. */
  record Result(int exitCode, byte[] stdout, String stderr) {

    /** secret-tool's exit code 1 with nothing on standard error means "no such item". */
    boolean notFound() {
      return exitCode == 1 && stderr.isBlank();
    }

    @Override
    public String toString() {
      return "Result[exitCode=" + exitCode + ", stdout=(" + stdout.length + " bytes)]";
    }
  }

  private final String executable;
  private final Map<String, String> environment;
  private final Duration timeout;

  SecretTool(String executable, Map<String, String> environment, Duration timeout) {
    this.executable = executable;
    Map<String, String> copy = new HashMap<>(environment);
    // The master password has no business in a child process's environment.
    copy.remove(MasterPassword.ENVIRONMENT_VARIABLE);
    this.environment = Map.copyOf(copy);
    this.timeout = timeout;
  }

  /**
   * Runs {@code secret-tool arguments...} feeding {@code input} on standard input.
   *
   * @throws SecretStoreException if it cannot start or does not finish within the time limit
   */
  Result run(List<String> arguments, byte[] input) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    String action = executable + " " + arguments.getFirst();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SecretStoreException(
          "cannot run "
              + action
              + " ("
              + e.getMessage()
              + "); install Debian's libsecret-tools for the Secret Service",
          e);
    }
    Thread writer =
        Thread.ofVirtual().name("clipdeck-secret-tool-in").start(() -> feed(process, input));
    Capture out = Capture.start(process.getInputStream(), MAX_STDOUT, "out");
    Capture err = Capture.start(process.getErrorStream(), MAX_STDERR, "err");
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        Secrets.wipe(out.await());
        throw new SecretStoreException(
            action
                + " did not answer within "
                + timeout.toMillis()
                + " ms and was stopped (is the keyring waiting to be unlocked, or the D-Bus"
                + " session bus hanging?)");
      }
      writer.join(DRAIN);
      byte[] stdout = out.await();
      String stderr = new String(err.await(), StandardCharsets.UTF_8).strip();
      return new Result(process.exitValue(), stdout, stderr);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SecretStoreException("interrupted while waiting for " + action, e);
    }
  }

  private static void feed(Process process, byte[] input) {
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input);
    } catch (IOException e) {
      // The process ended without reading its input; its exit code tells what happened.
    }
  }

  /** Reads one stream on a virtual thread into a buffer that grows by wiped copies. */
  private static final class Capture {

    private final InputStream stream;
    private final int limit;
    private byte[] buffer = new byte[256];
    private int length;
    private Thread thread;

    private Capture(InputStream stream, int limit) {
      this.stream = stream;
      this.limit = limit;
    }

    static Capture start(InputStream stream, int limit, String name) {
      Capture capture = new Capture(stream, limit);
      capture.thread =
          Thread.ofVirtual().name("clipdeck-secret-tool-" + name).start(capture::readAll);
      return capture;
    }

    private void readAll() {
      byte[] chunk = new byte[256];
      try (stream) {
        int n;
        while ((n = stream.read(chunk)) > 0) {
          append(chunk, n);
        }
      } catch (IOException e) {
        // The process was stopped: what was read so far is all there is.
      } finally {
        Arrays.fill(chunk, (byte) 0);
      }
    }

    private synchronized void append(byte[] chunk, int n) {
      int room = Math.min(n, limit - length);
      if (room <= 0) {
        return;
      }
      if (length + room > buffer.length) {
        byte[] bigger =
            Arrays.copyOf(buffer, Math.min(limit, Math.max(buffer.length * 2, length + room)));
        Arrays.fill(buffer, (byte) 0);
        buffer = bigger;
      }
      System.arraycopy(chunk, 0, buffer, length, room);
      length += room;
    }

    /** Waits briefly for the stream's end and hands over what was read; the buffer is wiped. */
    byte[] await() throws InterruptedException {
      thread.join(DRAIN);
      synchronized (this) {
        byte[] result = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, (byte) 0);
        length = 0;
        return result;
      }
    }
  }
}
