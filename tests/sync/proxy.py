"""A fault-injecting HTTP/1.1 relay on loopback, between real desks and a real service.

Per request it passes it, refuses it (closes the connection unread), delivers it but cuts
the answer (the service committed, the desk sees a reset), delivers it twice, truncates the
answer, cuts the request body half way, or delays it. One request per connection: the relay
tells the service `Connection: close` and closes the desk's side after each answer.
"""

from __future__ import annotations

import random
import socket
import socketserver
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

PASS = "pass"
REFUSE = "refuse"
CUT = "cut"
DUPLICATE = "duplicate"
TRUNCATE = "truncate"
CUT_REQUEST = "cut_request"
DELAY = "delay"
FAULTS = (REFUSE, CUT, DUPLICATE, TRUNCATE, DELAY)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    head: bytes
    body: bytes


Policy = Callable[[Request], str]


def _read_request(sock: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    length = 0
    kept = [lines[0]]
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
        if name.strip().lower() in ("connection", "keep-alive"):
            continue
        kept.append(line)
    kept.append("Connection: close")
    body = rest
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return Request(method, path, ("\r\n".join(kept) + "\r\n\r\n").encode("latin-1"), body)


class FaultProxy:
    """Start it, point desks at `url`, set a policy (a fixed mode or a seeded random one)."""

    def __init__(self, upstream_port: int, *, delay_s: float = 1.0) -> None:
        self.upstream_port = upstream_port
        self.delay_s = delay_s
        self.counts: Counter[str] = Counter()
        self._policy: Policy = lambda _r: PASS
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def set_mode(self, mode: str) -> None:
        self.set_policy(lambda _r: mode)

    def set_policy(self, policy: Policy) -> None:
        with self._lock:
            self._policy = policy

    def random_faults(
        self, seed: int, fault_rate: float = 0.3, modes: tuple[str, ...] = FAULTS
    ) -> None:
        rng = random.Random(seed)
        lock = threading.Lock()

        def policy(_request: Request) -> str:
            with lock:
                return rng.choice(modes) if rng.random() < fault_rate else PASS

        self.set_policy(policy)

    def _forward(self, request: Request, *, body: bytes | None = None) -> bytes | None:
        try:
            with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60) as up:
                up.sendall(request.head + (request.body if body is None else body))
                if body is not None and len(body) < len(request.body):
                    return None  # the request is cut: close before the rest
                chunks = []
                while True:
                    chunk = up.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                return b"".join(chunks)
        except OSError:
            return None

    def _handle(self, client: socket.socket) -> None:
        client.settimeout(60)
        try:
            request = _read_request(client)
            if request is None:
                return
            with self._lock:
                mode = self._policy(request)
            self.counts[mode] += 1
            if mode == REFUSE:
                return
            if mode == DELAY:
                time.sleep(self.delay_s)
            if mode == CUT_REQUEST:
                self._forward(request, body=request.body[: len(request.body) // 2])
                return
            answer = self._forward(request)
            if mode == DUPLICATE:
                answer = self._forward(request)
            if answer is None or mode == CUT:
                return
            if mode == TRUNCATE:
                answer = answer[: max(1, len(answer) * 2 // 3)]
            client.sendall(answer)
        except OSError:
            pass
        finally:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            client.close()
