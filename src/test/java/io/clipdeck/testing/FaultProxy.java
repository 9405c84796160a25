package io.clipdeck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback between the app and a database server, with faults switched on and off
 * while traffic flows: stop (new connections refused), stall (bytes held, the socket stays open and
 * silent, as behind a dropped route), delay, reset of every open connection, and a cut of the
 * connection that sends a given statement (COMMIT), before or after it reaches the server.
 *
 * <p>Each accepted connection is relayed by two virtual threads, one per direction.
 */
public final class FaultProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

  /** Whether a cut lets the marked bytes reach the server first. */
  public enum Cut {
    /** The server never sees the statement: the transaction cannot have committed. */
    BEFORE_FORWARDING,
    /** The server runs the statement; the client never hears back: the outcome is in doubt. */
    AFTER_FORWARDING
  }

  private record PendingCut(byte[] marker, Cut when) {}

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicReference<PendingCut> pendingCut = new AtomicReference<>();
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean refusing;
  private volatile boolean stalled;
  private volatile long delayNanos;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("fault-proxy-accept-" + server.getLocalPort()).start(this::acceptLoop);
  }

  /** A proxy on a free loopback port, forwarding to {@code host:port}. */
  public static FaultProxy to(String host, int port) {
    try {
      return new FaultProxy(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot open a loopback port for the fault proxy", e);
    }
  }

  /** The port the app should connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** How many client connections the proxy has accepted so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** How many connections a {@link #cutWhenClientSends} has cut. */
  public int cuts() {
    return cuts.get();
  }

  /** New connections are closed at once (as a stopped server would refuse them). */
  public void refuseNewConnections(boolean value) {
    refusing = value;
  }

  /** Bytes stop flowing both ways while the sockets stay open: reads on either side hang. */
  public void stall(boolean value) {
    stalled = value;
  }

  /** Every chunk relayed in either direction waits this long first. */
  public void delay(Duration value) {
    delayNanos = value.toNanos();
  }

  /** Ends every open connection with a TCP reset, as a crashed peer or a dropped NAT entry does. */
  public int resetAll() {
    int count = 0;
    for (Socket socket : Set.copyOf(open)) {
      try {
        socket.setSoLinger(true, 0);
        socket.close();
        count++;
      } catch (IOException e) {
        log.debug("reset of {} failed: {}", socket, e.getMessage());
      }
    }
    open.clear();
    return count;
  }

  /**
   * Arms a one-shot cut: the next client chunk containing {@code statement} (ASCII, matched
   * case-sensitively as the drivers send it) ends that connection with a reset, {@code when} says
   * whether the server gets the chunk first.
   */
  public void cutWhenClientSends(String statement, Cut when) {
    pendingCut.set(new PendingCut(statement.getBytes(StandardCharsets.US_ASCII), when));
  }

  /** Back to a plain relay: no refusal, stall, delay or armed cut. */
  public void heal() {
    refusing = false;
    stalled = false;
    delayNanos = 0;
    pendingCut.set(null);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing the proxy's port: {}", e.getMessage());
    }
    resetAll();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("fault proxy stopped accepting: {}", e.getMessage());
        }
        return;
      }
      if (refusing) {
        resetQuietly(client);
        continue;
      }
      accepted.incrementAndGet();
      Thread.ofVirtual().name("fault-proxy-open").start(() -> open(client));
    }
  }

  private void open(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      resetQuietly(client);
      return;
    }
    open.add(client);
    open.add(upstream);
    Thread.ofVirtual().name("fault-proxy-up").start(() -> relay(client, upstream, true));
    Thread.ofVirtual().name("fault-proxy-down").start(() -> relay(upstream, client, false));
  }

  private void relay(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        holdWhileStalled();
        pauseForDelay();
        PendingCut cut = fromClient ? pendingCut.get() : null;
        if (cut != null
            && contains(buffer, n, cut.marker())
            && pendingCut.compareAndSet(cut, null)) {
          if (cut.when() == Cut.AFTER_FORWARDING) {
            out.write(buffer, 0, n);
            out.flush();
          }
          cuts.incrementAndGet();
          // Reset only the client's side: upstream, the server finishes the statement (after) or
          // sees a client that vanished mid-transaction and rolls back (before).
          resetQuietly(fromClient ? from : to);
          closeQuietly(fromClient ? to : from);
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (SocketException e) {
      // One side went away; the other is closed below.
    } catch (IOException e) {
      log.debug("relay ended: {}", e.getMessage());
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void holdWhileStalled() {
    while (stalled && !closed) {
      sleep(5_000_000L);
    }
  }

  private void pauseForDelay() {
    long nanos = delayNanos;
    if (nanos > 0) {
      sleep(nanos);
    }
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean contains(byte[] buffer, int length, byte[] marker) {
    outer:
    for (int i = 0; i + marker.length <= length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (buffer[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private void resetQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      log.trace("linger: {}", e.getMessage());
    }
    closeQuietly(socket);
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      log.trace("close: {}", e.getMessage());
    }
  }
}
