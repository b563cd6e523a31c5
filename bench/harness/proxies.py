"""Starting, reconfiguring and stopping the backend and the four proxies.

Each proxy is pinned to CPU 0; the backend (and the harness with its load generators, see
bench.py) run on CPU 1. Every process gets its own session so that stop() can end exactly the
processes it started (a proxy's workers included) by process-group id.
"""

import http.client
import os
import signal
import socket
import subprocess
import time
import urllib.request

from . import configs
from .routes import BASE_HOST, SIZE_PATHS, RouteSet

PROXY_CPU = "0"
LOAD_CPU = "1"
READY_TIMEOUT_S = 180


def pinned(cpu: str, cmd: list) -> list:
    return ["taskset", "-c", cpu, *cmd] if (os.cpu_count() or 1) >= 2 else cmd


def free_port() -> int:
    """An ephemeral port the kernel just handed out; servers here cannot take port 0 themselves
    because the load generator must know the port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(port: int, host: str, path: str, timeout: float = 1.0, headers: dict = None):
    """Status of one GET on a new connection, or None when there is no answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": host, "Connection": "close", **(headers or {})})
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def wait_until(condition, timeout_s: float, interval_s: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval_s)
    return False


def write_atomically(path: str, text: str) -> None:
    """Write a temp file and rename it over the target, as Kubernetes and editors replace files."""
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


class Managed:
    """One started process group."""

    def __init__(self, name: str, workdir: str):
        self.name = name
        self.workdir = workdir
        self.proc = None
        self.log_path = os.path.join(workdir, f"{name}.log")

    def spawn(self, cmd: list, env: dict = None) -> None:
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        log.close()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None:
            return
        pgid = self.proc.pid  # start_new_session made the child a group leader
        try:
            os.killpg(pgid, signal.SIGTERM)
            self.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        # Workers of the group may outlive the leader for a moment; SIGKILL the stragglers.
        if not wait_until(lambda: not _group_alive(pgid), 5):
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.proc = None


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


class Backend(Managed):
    """The upstream: nginx, one worker, on the load CPU."""

    def __init__(self, workdir: str):
        super().__init__("backend", workdir)
        self.port = free_port()

    def start(self) -> None:
        conf = os.path.join(self.workdir, "backend.conf")
        with open(conf, "w") as f:
            f.write(configs.backend_nginx(self.workdir, self.port))
        self.spawn(pinned(LOAD_CPU, ["nginx", "-p", self.workdir, "-c", conf]))
        if not wait_until(lambda: http_status(self.port, "backend", "/") == 200, 30):
            raise RuntimeError(f"backend did not start:\n{self.log_tail()}")


class Proxy(Managed):
    """A proxy under test. Subclasses write their config and tell the running proxy about it."""

    def __init__(self, name: str, workdir: str):
        super().__init__(name, os.path.join(workdir, name))
        os.makedirs(self.workdir, exist_ok=True)
        self.routes = None

    def start(self, routes: RouteSet) -> None:
        self.routes = routes
        self.write_config(routes)
        self.spawn(pinned(PROXY_CPU, self.command()), self.env())
        ready = wait_until(
            lambda: not self.alive()
            or http_status(routes.listen_port, BASE_HOST, SIZE_PATHS[0] + "/x") == 200,
            READY_TIMEOUT_S,
            0.02,
        )
        if not ready or not self.alive():
            log = self.log_tail()
            self.stop()
            raise RuntimeError(f"{self.name} did not start serving:\n{log}")

    def apply(self, routes: RouteSet) -> None:
        """Hands the proxy a new config the way its users do."""
        self.routes = routes
        self.write_config(routes)
        self.reload()

    def apply_rendered(self, routes: RouteSet, rendered: list) -> None:
        """apply() of a config already rendered (S8 times only what the proxy does)."""
        self.routes = routes
        self.write_rendered(rendered)
        self.reload()

    def render(self, routes: RouteSet) -> list:
        """The proxy's config files for `routes`: a list of (path, text), written in order."""
        raise NotImplementedError

    def write_rendered(self, rendered: list) -> None:
        for path, text in rendered:
            write_atomically(path, text)

    def write_config(self, routes: RouteSet) -> None:
        self.write_rendered(self.render(routes))

    def command(self) -> list:
        raise NotImplementedError

    def env(self) -> dict:
        return {}

    def reload(self) -> None:
        raise NotImplementedError


class Nginx(Proxy):
    def __init__(self, workdir: str):
        super().__init__("nginx", workdir)
        self.conf = os.path.join(self.workdir, "nginx.conf")

    def render(self, routes):
        return [(self.conf, configs.nginx(self.workdir, routes))]

    def command(self):
        return ["nginx", "-p", self.workdir, "-c", self.conf, "-g", "daemon off;"]

    def reload(self):
        # What `nginx -s reload` does, minus parsing the whole config once more in the client.
        os.kill(self.pid, signal.SIGHUP)


class Haproxy(Proxy):
    def __init__(self, workdir: str):
        super().__init__("haproxy", workdir)
        self.cfg = os.path.join(self.workdir, "haproxy.cfg")
        self.master_socket = os.path.join(self.workdir, "master.sock")

    def render(self, routes):
        cfg, routes_map = configs.haproxy(self.workdir, routes)
        return [(os.path.join(self.workdir, "routes.map"), routes_map), (self.cfg, cfg)]

    def command(self):
        # Master-worker mode: `reload` on the master CLI starts a new worker that takes over the
        # listening sockets (expose-fd listeners) while the old one finishes its connections.
        return ["haproxy", "-W", "-S", self.master_socket, "-f", self.cfg]

    def reload(self):
        # The master listens on its CLI only once its workers run, and re-executes itself on
        # every reload: the socket may refuse for a moment.
        deadline = time.monotonic() + 30
        while True:
            try:
                self._send_reload()
                return
            except (ConnectionRefusedError, FileNotFoundError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _send_reload(self):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(30)
            s.connect(self.master_socket)
            s.sendall(b"reload\n")
            try:
                while s.recv(4096):
                    pass
            except socket.timeout:
                pass


class Caddy(Proxy):
    def __init__(self, workdir: str):
        super().__init__("caddy", workdir)
        self.admin_port = free_port()
        self.json = os.path.join(self.workdir, "caddy.json")

    def render(self, routes):
        return [(self.json, configs.caddy(routes, self.admin_port))]

    def command(self):
        return ["caddy", "run", "--config", self.json]

    def env(self):
        return {
            "GOMAXPROCS": "1",
            "HOME": self.workdir,
            "XDG_CONFIG_HOME": self.workdir,
            "XDG_DATA_HOME": self.workdir,
        }

    def reload(self):
        with open(self.json, "rb") as f:
            body = f.read()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.admin_port}/load",
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        # The admin API answers once the new config is running (or rejected).
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


class Lintel(Proxy):
    def __init__(self, workdir: str, jar: str, java_opts: list, config_format: str):
        super().__init__("lintel", workdir)
        self.jar = jar
        self.java_opts = java_opts
        self.config_format = config_format
        self.admin_port = free_port()
        self.config = os.path.join(self.workdir, f"lintel.{config_format}")

    def render(self, routes):
        return [(self.config, configs.lintel(routes, self.config_format))]

    def command(self):
        return [
            "java",
            "-XX:ActiveProcessorCount=1",
            *self.java_opts,
            "-jar",
            self.jar,
            "proxy",
            "--config",
            self.config,
            "--event-loops",
            "1",
            "--bind",
            "127.0.0.1",
            "--admin-port",
            str(self.admin_port),
            "--admin-bind",
            "127.0.0.1",
        ]

    def reload(self):
        pass  # the proxy watches its config file, which was just replaced atomically


def make(name: str, workdir: str, jar: str, java_opts: list, lintel_format: str) -> Proxy:
    if name == "nginx":
        return Nginx(workdir)
    if name == "haproxy":
        return Haproxy(workdir)
    if name == "caddy":
        return Caddy(workdir)
    if name == "lintel":
        return Lintel(workdir, jar, java_opts, lintel_format)
    raise ValueError(f"unknown proxy {name}")
