"""The routes every proxy serves, described once so that all four configs stay at parity."""

from dataclasses import dataclass, field

BASE_HOST = "bench.local"

# Body size in bytes -> path prefix. The backend answers each prefix with a body of that size;
# every other path gets an empty body.
SIZE_PATHS = {0: "/s0", 1024: "/s1k", 16384: "/s16k"}

APPLY_PATH = "/apply"


def route_host(i: int) -> str:
    return f"h{i}.bench.local"


def route_path(i: int) -> str:
    return f"/r{i}"


@dataclass(frozen=True)
class RouteSet:
    """One config generation.

    The base virtual host (bench.local) carries one PathPrefix route per body size; then come
    `routes` host+path routes (h<i>.bench.local + /r<i>), the "route scale" of S6; then the
    `extra_hosts` that S7 and S8 add (each host with one PathPrefix route /apply).
    """

    listen_port: int
    backend_port: int
    routes: int = 10
    extra_hosts: tuple = field(default=())

    def with_extra_host(self, host: str) -> "RouteSet":
        return RouteSet(self.listen_port, self.backend_port, self.routes, (host,))

    def host_routes(self):
        """(host, path prefix) of every route after the base host's, in config order."""
        for i in range(self.routes):
            yield route_host(i), route_path(i)
        for host in self.extra_hosts:
            yield host, APPLY_PATH

    def last_route(self):
        """Host and a request path of the last host+path route: S6 sends its traffic there."""
        return route_host(self.routes - 1), route_path(self.routes - 1) + "/x"
