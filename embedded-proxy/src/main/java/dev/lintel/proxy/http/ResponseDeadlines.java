package dev.lintel.proxy.http;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The response timeouts of the exchanges of one event loop, kept in an intrusive list and checked
 * by one periodic task. Scheduling and cancelling a timer task per request cost ~5 % of the proxy's
 * CPU (JFR under wrk: priority-queue inserts, removals and task allocation); adding to and removing
 * from this list costs two pointer writes. Each exchange has its own deadline (routes may set their
 * own timeouts); a timeout fires up to one check period late (a tenth of the shortest time left
 * when the check was planned, between 10 ms and 1 s).
 *
 * <p>Used only on its event loop: no locking.
 */
final class ResponseDeadlines {
  private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final EventLoop loop;
  private final long timeoutNanos;
  private ProxyExchange head;
  private ProxyExchange tail;
  private boolean checking;

  /** When the planned check runs; earlier scheduled checks that find it later do nothing. */
  private long nextCheckNanos;

  private ResponseDeadlines(EventLoop loop, long timeoutNanos) {
    this.loop = loop;
    this.timeoutNanos = timeoutNanos;
  }

  /** The proxy's default time for an upstream to start its response. */
  long defaultTimeoutNanos() {
    return timeoutNanos;
  }

  /** Starts the clock of an exchange whose request has been sent, with the default timeout. */
  void add(ProxyExchange exchange) {
    add(exchange, System.nanoTime() + timeoutNanos);
  }

  /**
   * Starts the clock of an exchange whose request has been sent: it expires at {@code deadline}.
   */
  void add(ProxyExchange exchange, long deadlineNanos) {
    exchange.deadlineNanos = deadlineNanos;
    exchange.deadlinePrevious = tail;
    exchange.deadlineNext = null;
    if (tail == null) {
      head = exchange;
    } else {
      tail.deadlineNext = exchange;
    }
    tail = exchange;
    exchange.deadlineListed = true;
    long now = System.nanoTime();
    long period = period(deadlineNanos - now);
    if (!checking || now + period - nextCheckNanos < 0) {
      plan(now, period);
    }
  }

  private static long period(long left) {
    return Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, left / 10));
  }

  private void plan(long now, long period) {
    checking = true;
    nextCheckNanos = now + period;
    loop.schedule(this::check, period, TimeUnit.NANOSECONDS);
  }

  /** Stops the clock; harmless when it is not running. */
  void remove(ProxyExchange exchange) {
    if (!exchange.deadlineListed) {
      return;
    }
    exchange.deadlineListed = false;
    ProxyExchange previous = exchange.deadlinePrevious;
    ProxyExchange next = exchange.deadlineNext;
    if (previous == null) {
      head = next;
    } else {
      previous.deadlineNext = next;
    }
    if (next == null) {
      tail = previous;
    } else {
      next.deadlinePrevious = previous;
    }
    exchange.deadlinePrevious = null;
    exchange.deadlineNext = null;
  }

  private void check() {
    long now = System.nanoTime();
    if (!checking || now - nextCheckNanos < -MIN_PERIOD_NANOS / 2) {
      return; // superseded by an earlier check planned for a shorter deadline
    }
    long soonest = Long.MAX_VALUE;
    for (ProxyExchange exchange = head; exchange != null; ) {
      ProxyExchange next = exchange.deadlineNext;
      long left = exchange.deadlineNanos - now;
      if (left <= 0) {
        remove(exchange);
        exchange.onTimeout();
      } else {
        soonest = Math.min(soonest, left);
      }
      exchange = next;
    }
    if (head == null) {
      checking = false; // idle loops run no timer at all
    } else {
      plan(now, period(soonest));
    }
  }

  /** One {@link ResponseDeadlines} per event loop of a server. */
  static final class PerLoop {
    private final long timeoutNanos;
    private final ConcurrentHashMap<EventLoop, ResponseDeadlines> byLoop =
        new ConcurrentHashMap<>();

    PerLoop(long timeoutNanos) {
      this.timeoutNanos = timeoutNanos;
    }

    ResponseDeadlines of(EventLoop loop) {
      ResponseDeadlines existing = byLoop.get(loop); // no capturing lambda on the usual path
      if (existing != null) {
        return existing;
      }
      return byLoop.computeIfAbsent(loop, l -> new ResponseDeadlines(l, timeoutNanos));
    }
  }
}
