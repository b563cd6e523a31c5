#!/usr/bin/env python3
"""Self-test of openloop's counting against scripted servers on 127.0.0.1 (about 4 s).

S2 and S7 are only as right as openloop's bookkeeping, so bench/run.sh runs this first:
  python3 bench/openloop/test_openloop.py
"""

import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class ScriptedServer:
    """Answers request k (counted over all connections, from 1) as `script(k)` says:
    bytes to send, "close" (FIN with the request in flight), "reset" (RST), or bytes followed by
    closing the connection (a tuple)."""

    def __init__(self, script):
        self.script = script
        self.count = 0
        self.lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            # Without NODELAY the second half of a split response waits for the client's delayed
            # ACK (40 ms), and the test would measure Nagle.
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        buf = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in buf:
                    data = conn.recv(4096)
                    if not data:
                        return
                    buf += data
                _, buf = buf.split(b"\r\n\r\n", 1)
                with self.lock:
                    self.count += 1
                    action = self.script(self.count)
                if action == "close":
                    return
                if action == "reset":
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if isinstance(action, tuple):
                    conn.sendall(action[0])
                    return
                # Split the response to exercise reassembly.
                conn.sendall(action[:7])
                conn.sendall(action[7:])

    def close(self):
        self.sock.close()


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


class OpenloopTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="openloop-test-")
        cls.binary = os.path.join(cls.tmp, "openloop")
        subprocess.run(["cc", "-O2", "-o", cls.binary, os.path.join(HERE, "openloop.c")], check=True)

    def run_openloop(self, server, rate=200, duration=1, conns=4):
        out = subprocess.run(
            ["timeout", "20", self.binary, "-p", str(server.port), "-c", str(conns),
             "-r", str(rate), "-d", str(duration)],
            capture_output=True, text=True, check=True).stdout
        server.close()
        return json.loads(re.search(r"^OPENLOOP_JSON (\{.*\})$", out, re.M).group(1))

    def test_counts_every_scheduled_request_at_the_rate(self):
        r = self.run_openloop(ScriptedServer(lambda k: OK))
        self.assertEqual(r["scheduled"], 200)
        self.assertEqual(r["completed"], 200)
        self.assertEqual(r["failed"] + r["non2xx"] + r["unsent"], 0)

    def test_parses_chunked_and_content_length_and_counts_non_2xx(self):
        chunked = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   b"5\r\nhello\r\n10\r\nxxxxxxxxxxxxxxxx\r\n0\r\n\r\n")
        not_found = b"HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabc"
        r = self.run_openloop(ScriptedServer(lambda k: chunked if k % 2 else not_found))
        self.assertEqual(r["completed"], 200)
        self.assertEqual(r["non2xx"], 100)
        self.assertEqual(r["failed"], 0)

    def test_connection_close_after_a_response_is_no_failure(self):
        closing = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        r = self.run_openloop(ScriptedServer(lambda k: closing if k % 2 else OK))
        self.assertEqual(r["completed"], 200)
        self.assertEqual(r["failed"], 0)

    def test_request_lost_in_flight_is_a_failure_and_rst_a_reset(self):
        def script(k):
            return "close" if k % 10 == 0 else "reset" if k % 10 == 5 else OK
        r = self.run_openloop(ScriptedServer(script))
        self.assertEqual(r["failed"], 40)
        self.assertEqual(r["resets"], 20)
        self.assertEqual(r["completed"], 160)

    def test_idle_close_is_reopened_without_failure(self):
        # The server closes each connection after its response without saying so (no
        # `Connection: close`), as a proxy's old worker does to idle keep-alive connections.
        silent_close = (OK,)
        r = self.run_openloop(ScriptedServer(lambda k: silent_close), rate=50, conns=2)
        self.assertEqual(r["completed"], 50)
        self.assertEqual(r["failed"], 0)
        self.assertGreater(r["idle_closes"], 0)


if __name__ == "__main__":
    sys.exit(0 if unittest.main(exit=False).result.wasSuccessful() else 1)
