"""Lintel's benchmark harness: nginx, HAProxy, Caddy and Lintel side by side (bench/run.sh)."""
