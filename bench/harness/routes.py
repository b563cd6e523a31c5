"""The routes every proxy serves, described once so that all four configs stay at parity."""

from dataclasses import dataclass, field, replace

BASE_HOST = "bench.local"

# Body size in bytes -> path prefix. The backend answers each prefix with a body of that size;
# every other path gets an empty body.
SIZE_PATHS = {0: "/s0", 1024: "/s1k", 16384: "/s16k"}

APPLY_PATH = "/apply"

# S6 with route conditions: every host+path route also requires this header (and GET), and the load
# sends it. Only Lintel's config matches on it; the other proxies get the header and ignore it.
CONDITION_HEADER = ("x-bench", "1")
# ... a route on the same path placed before it requires a value the load never sends (RE2; the
# proxy evaluates the regular expression against "1" and rejects the route) ...
DECOY_HEADER_REGEX = "0|[2-9][0-9]*"
# ... and every REGEX_EVERY-th host (the last of 10, 1,000 and 10,000 among them) also has a
# RegularExpression path route, tried before the prefix routes, that the load's path /r<i>/x misses.
REGEX_EVERY = 10


def route_host(i: int) -> str:
    return f"h{i}.bench.local"


def route_path(i: int) -> str:
    return f"/r{i}"


@dataclass(frozen=True)
class Match:
    """One Lintel route match (dev.lintel.proxy.config.RouteMatch), in config order."""

    name: str  # the route's name suffix, after bench/<host>
    path_type: str  # Exact, PathPrefix or RegularExpression
    path: str
    method: str = None
    headers: tuple = ()  # (type, lower-case name, value) of each header condition


@dataclass(frozen=True)
class RouteSet:
    """One config generation.

    The base virtual host (bench.local) carries one PathPrefix route per body size; then come
    `routes` host+path routes (h<i>.bench.local + /r<i>), the "route scale" of S6; then the
    `extra_hosts` that S7 and S8 add (each host with one PathPrefix route /apply).

    With `conditions` (S6), Lintel's host+path routes carry method, header and regular-expression
    conditions (`lintel_matches`) and the load must send `request_headers()`; the other proxies'
    routes stay host+path only (they do strictly less work per request than Lintel then).
    """

    listen_port: int
    backend_port: int
    routes: int = 10
    extra_hosts: tuple = field(default=())
    conditions: bool = False

    def with_extra_host(self, host: str) -> "RouteSet":
        return replace(self, extra_hosts=(host,))

    def without_conditions(self) -> "RouteSet":
        return replace(self, conditions=False)

    def request_headers(self) -> tuple:
        """Headers every request to a host+path route must carry, as wrk's -H takes them."""
        return (f"{CONDITION_HEADER[0]}: {CONDITION_HEADER[1]}",) if self.conditions else ()

    def host_routes(self):
        """(host, path prefix) of every route after the base host's, in config order."""
        for i in range(self.routes):
            yield route_host(i), route_path(i)
        for host in self.extra_hosts:
            yield host, APPLY_PATH

    def lintel_matches(self):
        """(host, [Match]) of every virtual host after the base host's, in config order.

        Without conditions each host has its one PathPrefix route. With them, a lookup of
        h<i>.bench.local + /r<i>/x evaluates and rejects conditions before it finds its route, as
        the Gateway API's precedence orders them (Exact, then RegularExpression, then prefixes;
        among equal paths the first in config order): on every REGEX_EVERY-th host the
        RegularExpression route /r<i>/[0-9]+ (its path does not match), then the decoy on /r<i>
        (GET, and x-bench matching DECOY_HEADER_REGEX: rejected), then the route the load
        reaches (GET, x-bench Exact 1). Extra hosts (S7, S8) never have conditions.
        """
        header = ("Exact", *CONDITION_HEADER)
        for i in range(self.routes):
            host, path = route_host(i), route_path(i)
            if not self.conditions:
                yield host, [Match(path, "PathPrefix", path)]
                continue
            matches = []
            if i % REGEX_EVERY == REGEX_EVERY - 1:
                matches.append(Match(path + "/regex", "RegularExpression", path + "/[0-9]+",
                                     "GET", (header,)))
            decoy = ("RegularExpression", CONDITION_HEADER[0], DECOY_HEADER_REGEX)
            matches.append(Match(path + "/decoy", "PathPrefix", path, "GET", (decoy,)))
            matches.append(Match(path, "PathPrefix", path, "GET", (header,)))
            yield host, matches
        for host in self.extra_hosts:
            yield host, [Match(APPLY_PATH, "PathPrefix", APPLY_PATH)]

    def last_route(self):
        """Host and a request path of the last host+path route: S6 sends its traffic there."""
        return route_host(self.routes - 1), route_path(self.routes - 1) + "/x"
