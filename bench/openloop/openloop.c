/*
 * openloop: an open-loop HTTP/1.1 load generator for S2 (latency at a fixed rate) and S7 (reload
 * under load).
 *
 * Why not wrk or h2load: wrk is closed loop (a slow proxy slows the load down and hides its
 * latency), and h2load --rps stops a connection for good when the server closes it while idle,
 * which is what nginx and HAProxy do to keep-alive connections on every reload: S7 would quietly
 * lose most of its load and report no failure. wrk2 is not packaged by Debian.
 *
 * What it does: requests are scheduled at a fixed rate (slot k at t0 + k/rate) and sent on an idle
 * keep-alive connection; a slot that finds no idle connection waits in a queue. Latency is measured
 * from the scheduled time, not from the send (coordinated-omission corrected, as wrk2 does). A
 * connection closed by the server while idle is reopened and counted as an idle close, not a
 * failure: every HTTP client retries that. A connection closed or reset while a request is in
 * flight fails that request.
 *
 * Output: one line "OPENLOOP_JSON {...}". Single thread, epoll, no dependencies.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 65536
#define MAX_QUEUE (1 << 22)

enum state { CLOSED, CONNECTING, IDLE, BUSY };
enum parse { HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, TRAILERS };

struct conn {
  int fd;
  enum state state;
  enum parse parse;
  uint64_t scheduled_ns; /* slot time of the request in flight */
  uint64_t retry_at_ns;
  long long remaining; /* body or chunk bytes still to read */
  int status;
  int close_after;
  size_t len; /* bytes in buf */
  char buf[BUF_SIZE];
};

static struct sockaddr_in addr;
static char request[1024];
static size_t request_len;
static int epfd;
static struct conn *conns;
static int nconns;
static int *idle_stack, idle_top;
static uint64_t *queue; /* scheduled times of slots waiting for a connection */
static size_t q_head, q_tail;
static uint32_t *latencies_us;
static size_t lat_len, lat_cap;
static uint64_t timeout_ns;
static struct {
  uint64_t scheduled, sent, completed, non2xx, failed, resets, idle_closes, connect_errors,
      timeouts, unsent;
} st;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void open_conn(struct conn *c, uint64_t now) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c->fd < 0) {
    st.connect_errors++;
    c->state = CLOSED;
    c->retry_at_ns = now + 10000000ull;
    return;
  }
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  int r = connect(c->fd, (struct sockaddr *)&addr, sizeof addr);
  if (r < 0 && errno != EINPROGRESS) {
    st.connect_errors++;
    close(c->fd);
    c->fd = -1;
    c->state = CLOSED;
    c->retry_at_ns = now + 10000000ull;
    return;
  }
  struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
  epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
  c->state = CONNECTING;
  c->len = 0;
}

static void remove_idle(struct conn *c) {
  int i = (int)(c - conns);
  for (int k = 0; k < idle_top; k++) {
    if (idle_stack[k] == i) {
      idle_stack[k] = idle_stack[--idle_top];
      return;
    }
  }
}

/* Closes and reopens; a request in flight is lost. */
static void drop(struct conn *c, int was_reset, uint64_t now) {
  if (c->state == BUSY) {
    st.failed++;
    if (was_reset) st.resets++;
  } else if (c->state == IDLE) {
    st.idle_closes++;
    remove_idle(c);
  } else if (c->state == CONNECTING) {
    st.connect_errors++;
  }
  if (c->fd >= 0) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
  }
  c->state = CLOSED;
  c->retry_at_ns = now; /* reopen at once, as a client would */
}

static void record_latency(uint64_t ns) {
  if (lat_len == lat_cap) {
    lat_cap = lat_cap ? lat_cap * 2 : 1 << 20;
    latencies_us = realloc(latencies_us, lat_cap * sizeof *latencies_us);
    if (!latencies_us) {
      perror("realloc");
      exit(1);
    }
  }
  uint64_t us = ns / 1000;
  latencies_us[lat_len++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

static void send_request(struct conn *c, uint64_t scheduled) {
  ssize_t w = send(c->fd, request, request_len, MSG_NOSIGNAL);
  c->scheduled_ns = scheduled;
  c->state = BUSY;
  c->parse = HEADERS;
  c->status = 0;
  c->close_after = 0;
  st.sent++;
  if (w != (ssize_t)request_len) drop(c, errno == ECONNRESET || errno == EPIPE, now_ns());
}

static void response_done(struct conn *c, uint64_t now) {
  st.completed++;
  if (c->status < 200 || c->status > 299) st.non2xx++;
  record_latency(now - c->scheduled_ns);
  if (c->close_after) { /* not a failure: the response was complete; reconnect */
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
    c->state = CLOSED;
    c->retry_at_ns = now;
    return;
  }
  c->state = IDLE;
  idle_stack[idle_top++] = (int)(c - conns);
}

static int header_has(const char *headers, const char *name, const char *value_part) {
  size_t n = strlen(name);
  for (const char *p = headers; (p = strstr(p, "\r\n")); p += 2) {
    if (strncasecmp(p + 2, name, n) == 0 && p[2 + n] == ':') {
      const char *v = p + 3 + n;
      const char *end = strstr(v, "\r\n");
      if (!end) end = v + strlen(v);
      if (!value_part) return 1;
      for (const char *q = v; q < end; q++)
        if (strncasecmp(q, value_part, strlen(value_part)) == 0) return 1;
    }
  }
  return 0;
}

static long long header_number(const char *headers, const char *name) {
  size_t n = strlen(name);
  for (const char *p = headers; (p = strstr(p, "\r\n")); p += 2)
    if (strncasecmp(p + 2, name, n) == 0 && p[2 + n] == ':') return atoll(p + 3 + n);
  return -1;
}

/* Consumes c->buf; returns -1 on a protocol error. */
static int parse(struct conn *c, uint64_t now) {
  size_t off = 0;
  while (off < c->len) {
    if (c->state != BUSY) return -1; /* bytes nobody asked for */
    char *data = c->buf + off;
    size_t avail = c->len - off;
    if (c->parse == HEADERS || c->parse == CHUNK_SIZE || c->parse == CHUNK_CRLF ||
        c->parse == TRAILERS) {
      const char *terminator = c->parse == HEADERS ? "\r\n\r\n" : "\r\n";
      char *end = memmem(data, avail, terminator, strlen(terminator));
      if (!end) break; /* need more bytes */
      size_t line_len = (size_t)(end - data) + strlen(terminator);
      if (c->parse == HEADERS) {
        *end = 0;
        if (strncmp(data, "HTTP/1.", 7) != 0) return -1;
        c->status = atoi(data + 9);
        c->close_after = header_has(data, "connection", "close");
        if (header_has(data, "transfer-encoding", "chunked")) {
          c->parse = CHUNK_SIZE;
        } else {
          long long cl = header_number(data, "content-length");
          c->remaining = cl < 0 ? 0 : cl;
          c->parse = BODY;
        }
      } else if (c->parse == CHUNK_SIZE) {
        c->remaining = strtoll(data, NULL, 16);
        c->parse = c->remaining == 0 ? TRAILERS : CHUNK_DATA;
      } else if (c->parse == CHUNK_CRLF) {
        c->parse = CHUNK_SIZE;
      } else if (line_len == 2) { /* TRAILERS: the empty line ends the message */
        off += line_len;
        response_done(c, now);
        continue;
      }
      off += line_len;
      if (c->parse == BODY && c->remaining == 0) response_done(c, now);
    } else {
      size_t take = avail < (size_t)c->remaining ? avail : (size_t)c->remaining;
      c->remaining -= (long long)take;
      off += take;
      if (c->remaining == 0) {
        if (c->parse == BODY) {
          response_done(c, now);
        } else {
          c->parse = CHUNK_CRLF;
        }
      }
    }
    if (c->state == CLOSED) return 0;
  }
  memmove(c->buf, c->buf + off, c->len - off);
  c->len -= off;
  if (c->len == BUF_SIZE) return -1; /* a header block larger than the buffer */
  return 0;
}

static void on_event(struct conn *c, uint32_t events, uint64_t now) {
  if (c->state == CONNECTING) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err || (events & (EPOLLERR | EPOLLHUP))) {
      drop(c, 0, now);
      c->retry_at_ns = now + 10000000ull;
      return;
    }
    if (events & EPOLLOUT) {
      struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
      epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
      c->state = IDLE;
      idle_stack[idle_top++] = (int)(c - conns);
    }
    return;
  }
  if (!(events & (EPOLLIN | EPOLLERR | EPOLLHUP))) return;
  ssize_t n = read(c->fd, c->buf + c->len, BUF_SIZE - c->len);
  if (n > 0) {
    c->len += (size_t)n;
    if (parse(c, now) < 0) drop(c, 0, now);
  } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
    drop(c, n < 0 && errno == ECONNRESET, now);
  }
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static uint32_t pct(double p) {
  if (!lat_len) return 0;
  size_t k = (size_t)(p / 100.0 * (double)lat_len + 0.5);
  if (k > 0) k--;
  if (k >= lat_len) k = lat_len - 1;
  return latencies_us[k];
}

int main(int argc, char **argv) {
  const char *host = "localhost", *path = "/";
  int port = 80;
  double rate = 1000, duration = 10, timeout_s = 5, grace_s = 2;
  nconns = 64;
  int opt;
  while ((opt = getopt(argc, argv, "c:r:d:H:p:u:t:")) != -1) {
    switch (opt) {
      case 'c': nconns = atoi(optarg); break;
      case 'r': rate = atof(optarg); break;
      case 'd': duration = atof(optarg); break;
      case 'H': host = optarg; break;
      case 'p': port = atoi(optarg); break;
      case 'u': path = optarg; break;
      case 't': timeout_s = atof(optarg); break;
      default:
        fprintf(stderr,
                "usage: openloop -p PORT [-H host] [-u path] [-c conns] [-r req/s] [-d seconds]"
                " [-t timeout_s]   (connects to 127.0.0.1)\n");
        return 2;
    }
  }
  if (nconns < 1 || rate <= 0 || duration <= 0 || port < 1) return 2;
  request_len = (size_t)snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n",
                                 path, host);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeout_ns = (uint64_t)(timeout_s * 1e9);

  epfd = epoll_create1(EPOLL_CLOEXEC);
  conns = calloc((size_t)nconns, sizeof *conns);
  idle_stack = calloc((size_t)nconns, sizeof *idle_stack);
  queue = malloc(MAX_QUEUE * sizeof *queue);
  if (!conns || !idle_stack || !queue) return 1;

  uint64_t now = now_ns();
  for (int i = 0; i < nconns; i++) {
    conns[i].fd = -1;
    open_conn(&conns[i], now);
  }
  /* Let the connections open before the clock starts: connecting is not what S2/S7 measure. */
  uint64_t settle_until = now + 1000000000ull;
  struct epoll_event events[256];
  while (idle_top < nconns && now_ns() < settle_until) {
    int n = epoll_wait(epfd, events, 256, 10);
    now = now_ns();
    for (int i = 0; i < n; i++) on_event(events[i].data.ptr, events[i].events, now);
  }

  const double interval_ns = 1e9 / rate;
  const uint64_t start = now_ns();
  const uint64_t end = start + (uint64_t)(duration * 1e9);
  const uint64_t hard_end = end + (uint64_t)(grace_s * 1e9);
  uint64_t slot = 0, last_sweep = start;
  for (;;) {
    now = now_ns();
    /* Enqueue every slot that is due. */
    while (now < end) {
      uint64_t at = start + (uint64_t)((double)slot * interval_ns);
      if (at > now || at >= end) break;
      slot++;
      st.scheduled++;
      if (q_tail - q_head < MAX_QUEUE) queue[q_tail++ % MAX_QUEUE] = at;
      else st.unsent++;
    }
    /* Reopen closed connections, then send queued slots on idle connections (none after the
     * end: what is still queued then is reported as unsent). */
    for (int i = 0; i < nconns; i++)
      if (conns[i].state == CLOSED && conns[i].retry_at_ns <= now) open_conn(&conns[i], now);
    while (now < end && q_head < q_tail && idle_top > 0) {
      struct conn *c = &conns[idle_stack[--idle_top]];
      send_request(c, queue[q_head++ % MAX_QUEUE]);
    }
    if (now - last_sweep > 50000000ull) {
      last_sweep = now;
      for (int i = 0; i < nconns; i++) {
        if (conns[i].state == BUSY && now - conns[i].scheduled_ns > timeout_ns) {
          st.timeouts++;
          drop(&conns[i], 0, now);
        }
      }
    }
    int busy = 0;
    for (int i = 0; i < nconns; i++) busy += conns[i].state == BUSY;
    if (now >= end && (busy == 0 || now >= hard_end)) break;
    /* Sleep until the next slot (ns precision: a busy loop would take CPU from the backend). */
    uint64_t wait_ns = 1000000ull;
    if (now < end) {
      uint64_t next = start + (uint64_t)((double)slot * interval_ns);
      wait_ns = next > now ? next - now : 0;
    }
    struct timespec ts = {.tv_sec = (time_t)(wait_ns / 1000000000ull),
                          .tv_nsec = (long)(wait_ns % 1000000000ull)};
    int n = epoll_pwait2(epfd, events, 256, &ts, NULL);
    now = now_ns();
    for (int i = 0; i < n; i++) on_event(events[i].data.ptr, events[i].events, now);
  }
  for (int i = 0; i < nconns; i++) {
    if (conns[i].state == BUSY) {
      st.failed++;
      st.timeouts++;
    }
  }
  st.unsent += q_tail - q_head;
  qsort(latencies_us, lat_len, sizeof *latencies_us, cmp_u32);
  printf("OPENLOOP_JSON {\"duration_s\":%.3f,\"scheduled\":%llu,\"sent\":%llu,\"completed\":%llu,"
         "\"non2xx\":%llu,\"failed\":%llu,\"resets\":%llu,\"timeouts\":%llu,\"unsent\":%llu,"
         "\"idle_closes\":%llu,\"connect_errors\":%llu,\"p50_us\":%u,\"p99_us\":%u,"
         "\"p999_us\":%u,\"max_us\":%u}\n",
         duration, (unsigned long long)st.scheduled, (unsigned long long)st.sent,
         (unsigned long long)st.completed, (unsigned long long)st.non2xx,
         (unsigned long long)st.failed, (unsigned long long)st.resets,
         (unsigned long long)st.timeouts, (unsigned long long)st.unsent,
         (unsigned long long)st.idle_closes, (unsigned long long)st.connect_errors, pct(50),
         pct(99), pct(99.9), lat_len ? latencies_us[lat_len - 1] : 0);
  return 0;
}
