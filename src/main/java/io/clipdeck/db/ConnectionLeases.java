package io.clipdeck.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The connections of one pool lent out now, each with what borrowed it and when: the dashboard's
 * leak detection. HikariCP's own {@code leakDetectionThreshold} only logs a stack trace; this keeps
 * the holders where the card can show them. A lease ends when its connection is closed.
 */
final class ConnectionLeases {

  /**
   * The connection plumbing: the borrower is the first frame outside these classes (and their
   * nested and lambda classes). The repositories' shared base class is plumbing too: the concrete
   * repository's method is the name worth showing.
   */
  private static final Set<String> PLUMBING =
      Set.of(
          "io.clipdeck.db.PooledDatabase",
          "io.clipdeck.db.ConnectionLeases",
          "io.clipdeck.data.Jdbc",
          "io.clipdeck.data.QueryExecutor",
          "io.clipdeck.data.Batch",
          "io.clipdeck.data.repo.TableRepository");

  private record Lease(String operation, String thread, long since) {}

  /**
   * Frames fetched in the walk's first batch: the data layer's borrower is about a dozen frames
   * down (repository, executor, Jdbc, pool, this class), past the walker's default first batch, so
   * a larger one saves a second trip into the VM on every borrow.
   */
  private static final StackWalker WALKER = StackWalker.getInstance(Set.of(), 24);

  private final Map<Long, Lease> open = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final LongSupplier nanoTime;

  ConnectionLeases(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Starts a lease of {@code connection}; the returned connection ends it when closed.
   *
   * @param code what borrows it, or null to name the borrowing code from the stack
   */
  Connection track(Connection connection, String code) {
    long id = ids.incrementAndGet();
    open.put(id, new Lease(label(code), Thread.currentThread().getName(), nanoTime.getAsLong()));
    AtomicBoolean closed = new AtomicBoolean();
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
            open.remove(id);
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  /** The {@code limit} connections held longest, longest first. */
  List<ConnectionHolder> longest(int limit) {
    long now = nanoTime.getAsLong();
    return open.values().stream()
        .sorted(Comparator.comparingLong(Lease::since))
        .limit(limit)
        .map(
            lease ->
                new ConnectionHolder(
                    lease.operation(), lease.thread(), Duration.ofNanos(now - lease.since())))
        .toList();
  }

  /**
   * The work's name when one is bound, and the borrowing code: the first frame outside the
   * connection plumbing, as "Class.method" (for the data layer, the repository method).
   */
  private static String label(String fixed) {
    String code =
        fixed != null
            ? fixed
            : WALKER.walk(
                frames ->
                    frames
                        .filter(frame -> !isPlumbing(frame.getClassName()))
                        .findFirst()
                        .map(
                            frame -> simpleName(frame.getClassName()) + "." + frame.getMethodName())
                        .orElse("connection"));
    return Operation.current().map(name -> name + " · " + code).orElse(code);
  }

  private static boolean isPlumbing(String className) {
    int nested = className.indexOf('$');
    String outer = nested < 0 ? className : className.substring(0, nested);
    return PLUMBING.contains(outer)
        || className.startsWith("java.lang.reflect.")
        || className.startsWith("jdk.internal.reflect.")
        || className.startsWith("jdk.proxy");
  }

  private static String simpleName(String className) {
    String name = className.substring(className.lastIndexOf('.') + 1);
    int lambda = name.indexOf("$$");
    name = lambda < 0 ? name : name.substring(0, lambda);
    int inner = name.indexOf('$');
    return inner < 0 ? name : name.substring(0, inner);
  }
}
