"""Config text for the backend and for each proxy, from one RouteSet.

Parity rules, applied to every proxy: one worker/thread/event loop, access logs off, keep-alive on
both sides with no per-connection request cap, the same X-Forwarded-* headers Lintel adds, the same
host+path routes, 404 for an unknown host. Everything binds 127.0.0.1.
"""

import json

from .routes import BASE_HOST, SIZE_PATHS, Match, RouteSet

# Long idle and request caps so that no proxy closes a benchmark connection on its own.
KEEPALIVE_SECONDS = 300
KEEPALIVE_REQUESTS = 1_000_000


def backend_nginx(workdir: str, port: int) -> str:
    """nginx answering `return 200` with a body of the size its path prefix names.

    nginx caps one config token at ~4 KiB, so the 16 KiB body is spelled as 16 copies of a 1 KiB
    variable instead of a literal.
    """
    kib = "x" * 1024
    sixteen = "$k1" * 16
    return f"""
worker_processes 1;
master_process off;
daemon off;
pid {workdir}/backend.pid;
error_log {workdir}/backend-error.log warn;
events {{ worker_connections 16384; }}
http {{
  access_log off;
  default_type text/plain;
  keepalive_requests {KEEPALIVE_REQUESTS};
  keepalive_timeout {KEEPALIVE_SECONDS}s;
  client_body_temp_path {workdir}/backend-body;
  proxy_temp_path {workdir}/backend-proxy;
  server {{
    listen 127.0.0.1:{port} backlog=4096;
    set $k1 "{kib}";
    location {SIZE_PATHS[1024]} {{ return 200 $k1; }}
    location {SIZE_PATHS[16384]} {{ return 200 "{sixteen}"; }}
    location / {{ return 200 ""; }}
  }}
}}
"""


def nginx(workdir: str, rs: RouteSet) -> str:
    """nginx as the proxy: one server block per host, one prefix location per route."""
    out = [
        f"""
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 16384; }}
http {{
  access_log off;
  keepalive_requests {KEEPALIVE_REQUESTS};
  keepalive_timeout {KEEPALIVE_SECONDS}s;
  server_names_hash_max_size 262144;
  server_names_hash_bucket_size 128;
  client_body_temp_path {workdir}/nginx-body;
  proxy_temp_path {workdir}/nginx-proxy;
  upstream backend {{
    server 127.0.0.1:{rs.backend_port};
    keepalive 256;
    keepalive_requests {KEEPALIVE_REQUESTS};
    keepalive_timeout {KEEPALIVE_SECONDS}s;
  }}
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $http_host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;
  proxy_set_header X-Forwarded-Host $http_host;
  server {{
    listen 127.0.0.1:{rs.listen_port} default_server backlog=4096;
    server_name _;
    return 404;
  }}
  server {{
    listen 127.0.0.1:{rs.listen_port};
    server_name {BASE_HOST};
"""
    ]
    for path in SIZE_PATHS.values():
        out.append(f"    location {path}/ {{ proxy_pass http://backend; }}\n")
    out.append("    location / { return 404; }\n  }\n")
    for host, path in rs.host_routes():
        out.append(
            f"  server {{ listen 127.0.0.1:{rs.listen_port}; server_name {host}; "
            f"location {path}/ {{ proxy_pass http://backend; }} location / {{ return 404; }} }}\n"
        )
    out.append("}\n")
    return "".join(out)


def haproxy(workdir: str, rs: RouteSet) -> tuple:
    """HAProxy config and its route map.

    Host+path routing goes through one map looked up with map_beg on `base` (Host + path): the
    tree lookup HAProxy users deploy for large route sets, where a list of ACLs would be linear.
    """
    cfg = f"""
global
  nbthread 1
  maxconn 8000
  pidfile {workdir}/haproxy.pid
  stats socket {workdir}/admin.sock mode 600 level admin expose-fd listeners

defaults
  mode http
  timeout connect 5s
  timeout client {KEEPALIVE_SECONDS}s
  timeout server {KEEPALIVE_SECONDS}s
  timeout http-keep-alive {KEEPALIVE_SECONDS}s
  http-reuse always
  option forwardfor

frontend fe
  bind 127.0.0.1:{rs.listen_port} backlog 4096
  http-request set-header X-Forwarded-Proto http
  http-request set-header X-Forwarded-Host %[req.hdr(host)]
  use_backend %[base,map_beg({workdir}/routes.map,be_404)]

backend be_app
  server app 127.0.0.1:{rs.backend_port}

backend be_404
  http-request return status 404
"""
    lines = [f"{BASE_HOST}{path}/ be_app\n" for path in SIZE_PATHS.values()]
    lines += [f"{host}{path}/ be_app\n" for host, path in rs.host_routes()]
    return cfg, "".join(lines)


def caddy(rs: RouteSet, admin_port: int) -> str:
    """Caddy JSON config (the native format that `POST /load` takes)."""
    upstream = {
        "handler": "reverse_proxy",
        "upstreams": [{"dial": f"127.0.0.1:{rs.backend_port}"}],
        "transport": {
            "protocol": "http",
            "keep_alive": {"max_idle_conns_per_host": 256, "idle_timeout": KEEPALIVE_SECONDS * 10**9},
        },
    }

    def route(host, path):
        return {
            "match": [{"host": [host], "path": [path, path + "/*"]}],
            "handle": [upstream],
            "terminal": True,
        }

    routes = [route(BASE_HOST, path) for path in SIZE_PATHS.values()]
    routes += [route(host, path) for host, path in rs.host_routes()]
    # Caddy answers an unmatched request with an empty 200; the others say 404.
    routes.append({"handle": [{"handler": "static_response", "status_code": 404}]})
    config = {
        "admin": {"listen": f"127.0.0.1:{admin_port}", "config": {"persist": False}},
        "logging": {"logs": {"default": {"level": "ERROR"}}},
        "apps": {
            "http": {
                "servers": {
                    "bench": {
                        "listen": [f"127.0.0.1:{rs.listen_port}"],
                        "automatic_https": {"disable": True},
                        "idle_timeout": KEEPALIVE_SECONDS * 10**9,
                        "routes": routes,
                    }
                }
            }
        },
    }
    return json.dumps(config)


def lintel(rs: RouteSet, fmt: str = "json") -> str:
    """Lintel's proxy config schema (dev.lintel.proxy.config).

    JSON by default: it is the form the operator renders (JSON is YAML too, and the proxy reads it
    with Jackson's JSON parser, much faster than SnakeYAML). "yaml" writes block-style YAML, the
    form a person writes by hand.
    """
    if fmt == "json":
        return _lintel_json(rs)
    if fmt != "yaml":
        raise ValueError(f"unknown Lintel config format {fmt!r}")
    backend = (
        "          backends:\n"
        "          - name: bench/backend:80\n"
        "            weight: 1\n"
        "            endpoints:\n"
        f"            - host: 127.0.0.1\n"
        f"              port: {rs.backend_port}\n"
        "            rejected: null\n"
        "            requestHeaders: null\n"
        "            responseHeaders: null\n"
        "            protocol: HTTP1\n"
        "            tls: null\n"
    )

    def headers(match):
        if not match.headers:
            return "            headers: []\n"
        return "            headers:\n" + "".join(
            f"            - type: {kind}\n              name: {name}\n"
            f"              value: {json.dumps(value)}\n"
            for kind, name, value in match.headers
        )

    def vhost(name, hostnames, matches):
        parts = [f"    - name: {name}\n      hostnames:\n"]
        parts += [f"      - {h}\n" for h in hostnames]
        parts.append("      routes:\n")
        for match in matches:
            parts.append(
                f"        - name: bench/{name}{match.name}\n"
                "          match:\n"
                "            path:\n"
                f"              type: {match.path_type}\n"
                f"              value: {_yaml_path(match)}\n"
                f"            method: {match.method or 'null'}\n"
                + headers(match)
                + "            queryParams: []\n"
                "          filters: {requestHeaders: null, responseHeaders: null, redirect: null,"
                " rewrite: null, mirrors: [], cors: null, directResponse: null}\n"
                "          timeouts: {requestMillis: null, backendRequestMillis: null}\n"
                "          retry: null\n"
                "          sessionPersistence: null\n" + backend
            )
        return "".join(parts)

    out = [
        "version: 1\n",
        "gateway: bench/bench\n",
        "listeners:\n",
        "- name: bench\n",
        f"  port: {rs.listen_port}\n",
        "  protocol: HTTP\n",
        "  tls: []\n",
        "  clientValidation: null\n",
        "  tlsListeners: []\n",
        "  virtualHosts:\n",
        vhost("base", [BASE_HOST], _base_matches()),
    ]
    for host, matches in rs.lintel_matches():
        out.append(vhost(host, [host], matches))
    return "".join(out)


def _yaml_path(match: Match) -> str:
    """A path as a plain scalar, a regular expression double-quoted (JSON's quoting is YAML's)."""
    return json.dumps(match.path) if match.path_type == "RegularExpression" else match.path


def _base_matches():
    return [Match(path, "PathPrefix", path) for path in SIZE_PATHS.values()]


def _lintel_json(rs: RouteSet) -> str:
    backends = [{
        "name": "bench/backend:80",
        "weight": 1,
        "endpoints": [{"host": "127.0.0.1", "port": rs.backend_port}],
        "rejected": None,
        "requestHeaders": None,
        "responseHeaders": None,
        "protocol": "HTTP1",
        "tls": None,
    }]

    def vhost(name, hostnames, matches):
        return {
            "name": name,
            "hostnames": list(hostnames),
            "routes": [{
                "name": f"bench/{name}{match.name}",
                "match": {"path": {"type": match.path_type, "value": match.path},
                          "method": match.method,
                          "headers": [{"type": kind, "name": header, "value": value}
                                      for kind, header, value in match.headers],
                          "queryParams": []},
                "filters": {"requestHeaders": None, "responseHeaders": None, "redirect": None,
                            "rewrite": None, "mirrors": [], "cors": None,
                            "directResponse": None},
                "timeouts": {"requestMillis": None, "backendRequestMillis": None},
                "retry": None,
                "sessionPersistence": None,
                "backends": backends,
            } for match in matches],
        }

    hosts = [vhost("base", [BASE_HOST], _base_matches())]
    hosts += [vhost(host, [host], matches) for host, matches in rs.lintel_matches()]
    config = {
        "version": 1,
        "gateway": "bench/bench",
        "listeners": [{
            "name": "bench",
            "port": rs.listen_port,
            "protocol": "HTTP",
            "tls": [],
            "clientValidation": None,
            "tlsListeners": [],
            "virtualHosts": hosts,
        }],
    }
    # Default separators (", " and ": "): also valid YAML 1.1, for parsers that read it as YAML.
    return json.dumps(config)
