"""Spreading desks' connections over the service's worker processes.

A desk keeps one connection open and syncs on it all day. The kernel hands a new connection
to whichever worker accepts first, and the workers of a freshly started service accept in
bursts: 20 desks connecting at once were measured split 16 to 4 and 12 to 8, and stayed so,
the busy worker's desks waiting while the other worker idled. Closing each connection after
some answers (with `Connection: close` on the last one, so the desk never reuses it) lets the
desks reconnect to a worker that is free to accept, and no split lasts. Desks that reach
the service through a proxy are left alone (the proxy holds the connections).
"""

from __future__ import annotations

from central.api.asgi import ASGIApp, Message, Receive, Scope, Send

# Connections counted at once; past it the counts start again (a desk that went away leaves
# its count behind, and starting again only delays some closes).
MAX_TRACKED = 10_000


class SpreadConnections:
    """Pure ASGI middleware: the `answers`-th answer on a connection closes it."""

    def __init__(self, app: ASGIApp, *, answers: int) -> None:
        self.app = app
        self.answers = answers
        self._counts: dict[tuple[str, int], int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        # Behind a proxy the connections are the proxy's, not the desks': it spreads its own
        # requests, and the client address it forwards names a desk, not a connection.
        proxied = any(name == b"x-forwarded-for" for name, _ in scope.get("headers", ()))
        if scope["type"] != "http" or not client or proxied:
            await self.app(scope, receive, send)
            return
        key = (client[0], client[1])
        count = self._counts.pop(key, 0) + 1
        if count < self.answers:
            if len(self._counts) >= MAX_TRACKED:
                self._counts.clear()
            self._counts[key] = count
            await self.app(scope, receive, send)
            return

        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"connection"]
                message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, closing)
