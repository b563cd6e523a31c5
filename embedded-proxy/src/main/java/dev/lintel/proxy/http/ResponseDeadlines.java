package dev.lintel.proxy.http;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The response timeouts of the exchanges of one event loop, kept in an intrusive list and checked
 * by one periodic task. Scheduling and cancelling a timer task per request cost ~5 % of the proxy's
 * CPU (JFR under wrk: priority-queue inserts, removals and task allocation); adding to and removing
 * from this list costs two pointer writes. A timeout fires up to one check period late (a tenth of
 * the timeout, between 10 ms and 1 s).
 *
 * <p>Used only on its event loop: no locking.
 */
final class ResponseDeadlines {
  private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final EventLoop loop;
  private final long timeoutNanos;
  private final long periodNanos;
  private ProxyExchange head;
  private ProxyExchange tail;
  private boolean checking;

  private ResponseDeadlines(EventLoop loop, long timeoutNanos) {
    this.loop = loop;
    this.timeoutNanos = timeoutNanos;
    this.periodNanos = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, timeoutNanos / 10));
  }

  /** Starts the clock of an exchange whose request has been sent. */
  void add(ProxyExchange exchange) {
    exchange.deadlineNanos = System.nanoTime() + timeoutNanos;
    exchange.deadlinePrevious = tail;
    exchange.deadlineNext = null;
    if (tail == null) {
      head = exchange;
    } else {
      tail.deadlineNext = exchange;
    }
    tail = exchange;
    exchange.deadlineListed = true;
    if (!checking) {
      checking = true;
      loop.schedule(this::check, periodNanos, TimeUnit.NANOSECONDS);
    }
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
    for (ProxyExchange exchange = head; exchange != null; ) {
      ProxyExchange next = exchange.deadlineNext;
      if (now - exchange.deadlineNanos >= 0) {
        remove(exchange);
        exchange.onTimeout();
      }
      exchange = next;
    }
    if (head == null) {
      checking = false; // idle loops run no timer at all
    } else {
      loop.schedule(this::check, periodNanos, TimeUnit.NANOSECONDS);
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
