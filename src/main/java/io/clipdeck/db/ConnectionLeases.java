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
 *
 * <p>A borrow costs no stack walk on the data layer's path, the hot one: its leases record the
 * operation, the thread and the time, and the borrowing code is read from the holder's stack only
 * when someone asks who holds the connections (the dashboard, a pool timeout's diagnosis), as the
 * caller of the data layer's outermost frame there. A direct borrow ({@link
 * PooledDatabase#connection()}) names its caller with a walk that stops at the first frame outside
 * the pool, two or three frames down. {@code stacksOnBorrow} (the {@code clipdeck.leaseStacks}
 * setting) walks on every borrow instead, for hunting a leak whose thread has moved on.
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

  /**
   * The data layer's classes that borrow on behalf of their caller (read from a holder's stack).
   */
  private static final Set<String> DATA_LAYER =
      Set.of(
          "io.clipdeck.data.Jdbc",
          "io.clipdeck.data.QueryExecutor",
          "io.clipdeck.data.Batch",
          "io.clipdeck.data.repo.TableRepository");

  /** What a data-layer lease says when its holder's stack no longer shows the borrow. */
  static final String UNKNOWN_BORROWER =
      "data layer call (set -Dclipdeck.leaseStacks=true to name the code)";

  /**
   * Frames fetched in the walk's first batch when every borrow walks: the data layer's borrower is
   * about a dozen frames down (repository, executor, Jdbc, pool, this class), past the walker's
   * default first batch, so a larger one saves a second trip into the VM.
   */
  private static final StackWalker DEEP_WALKER = StackWalker.getInstance(Set.of(), 24);

  /** A direct borrower is the third or fourth frame: a small first batch is enough. */
  private static final StackWalker SHALLOW_WALKER = StackWalker.getInstance(Set.of(), 4);

  /** One lent-out connection; {@code code} is null until the holder's stack is read. */
  private static final class Lease {
    final String operation;
    final Thread thread;
    final long since;
    volatile String code;

    Lease(String operation, Thread thread, long since, String code) {
      this.operation = operation;
      this.thread = thread;
      this.since = since;
      this.code = code;
    }
  }

  private final Map<Long, Lease> open = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final LongSupplier nanoTime;
  private final boolean stacksOnBorrow;

  ConnectionLeases(LongSupplier nanoTime, boolean stacksOnBorrow) {
    this.nanoTime = nanoTime;
    this.stacksOnBorrow = stacksOnBorrow;
  }

  /** A lease named by {@code code} ("health check"), with no stack read at all. */
  Connection track(Connection connection, String code) {
    return lease(connection, code);
  }

  /** A direct borrow: named by the first frame outside the pool, its caller. */
  Connection trackCaller(Connection connection) {
    return lease(connection, walk(stacksOnBorrow ? DEEP_WALKER : SHALLOW_WALKER));
  }

  /**
   * A borrow by the data layer: nothing walked now (unless {@code stacksOnBorrow}); the code that
   * called the data layer is read from the holder's stack when the lease is looked at.
   */
  Connection trackDataLayer(Connection connection) {
    return lease(connection, stacksOnBorrow ? walk(DEEP_WALKER) : null);
  }

  private Connection lease(Connection connection, String code) {
    long id = ids.incrementAndGet();
    String operation = Operation.current().orElse(null);
    open.put(id, new Lease(operation, Thread.currentThread(), nanoTime.getAsLong(), code));
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

  /**
   * The {@code limit} connections held longest, longest first, each named by its operation and
   * borrowing code (the holder's stack is read here, once per lease, for data-layer borrows).
   */
  List<ConnectionHolder> longest(int limit) {
    long now = nanoTime.getAsLong();
    return open.values().stream()
        .sorted(Comparator.comparingLong((Lease lease) -> lease.since))
        .limit(limit)
        .map(
            lease ->
                new ConnectionHolder(
                    label(lease), lease.thread.getName(), Duration.ofNanos(now - lease.since)))
        .toList();
  }

  private static String label(Lease lease) {
    String code = lease.code;
    if (code == null) {
      code = borrowerOnStack(lease.thread.getStackTrace());
      lease.code = code;
    }
    return lease.operation == null ? code : lease.operation + " · " + code;
  }

  /**
   * The code that called into the data layer, on a holder's stack read now: the frame below the
   * outermost data-layer frame. A holder inside a repository call is still there; one that has
   * returned without closing (a leak) is not, and is said to be unknown.
   */
  static String borrowerOnStack(StackTraceElement[] stack) {
    for (int i = stack.length - 1; i >= 0; i--) {
      if (DATA_LAYER.contains(outerClass(stack[i].getClassName()))) {
        for (int caller = i + 1; caller < stack.length; caller++) {
          if (!isPlumbing(stack[caller].getClassName())) {
            return simpleName(stack[caller].getClassName()) + "." + stack[caller].getMethodName();
          }
        }
      }
    }
    return UNKNOWN_BORROWER;
  }

  /** The first frame outside the connection plumbing, as "Class.method". */
  private static String walk(StackWalker walker) {
    return walker.walk(
        frames ->
            frames
                .filter(frame -> !isPlumbing(frame.getClassName()))
                .findFirst()
                .map(frame -> simpleName(frame.getClassName()) + "." + frame.getMethodName())
                .orElse("connection"));
  }

  private static boolean isPlumbing(String className) {
    return PLUMBING.contains(outerClass(className))
        || className.startsWith("java.lang.reflect.")
        || className.startsWith("jdk.internal.reflect.")
        || className.startsWith("jdk.proxy");
  }

  private static String outerClass(String className) {
    int nested = className.indexOf('$');
    return nested < 0 ? className : className.substring(0, nested);
  }

  private static String simpleName(String className) {
    String name = className.substring(className.lastIndexOf('.') + 1);
    int lambda = name.indexOf("$$");
    name = lambda < 0 ? name : name.substring(0, lambda);
    int inner = name.indexOf('$');
    return inner < 0 ? name : name.substring(0, inner);
  }
}
