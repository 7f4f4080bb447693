"""Desks' connections are closed after a number of answers, so they spread over the service's
worker processes instead of staying where they were first accepted."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

from tests.central.harness import Harness


def _ask(connection: http.client.HTTPConnection) -> http.client.HTTPResponse:
    connection.request("GET", "/healthz")
    answer = connection.getresponse()
    answer.read()
    assert answer.status == 200
    return answer


def test_the_last_answer_on_a_connection_closes_it(sq: Harness) -> None:
    answers = sq.settings.connection_answers
    assert answers > 1
    where = urlsplit(sq.url)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=10)
    for _ in range(answers - 1):
        answer = _ask(connection)
        assert answer.getheader("connection") is None
        assert connection.sock is not None  # kept open for the next request
    first_port = connection.sock.getsockname()[1]

    answer = _ask(connection)
    assert answer.getheader("connection") == "close"
    assert connection.sock is None  # the client saw it and let the connection go

    # The next request opens a new connection, which counts from the start again.
    answer = _ask(connection)
    assert answer.getheader("connection") is None
    assert connection.sock is not None and connection.sock.getsockname()[1] != first_port
    connection.close()


def test_connections_from_a_proxy_are_left_open(sq: Harness) -> None:
    where = urlsplit(sq.url)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=10)
    for _ in range(sq.settings.connection_answers + 5):
        connection.request("GET", "/healthz", headers={"X-Forwarded-For": "10.8.0.21"})
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 200
        assert answer.getheader("connection") is None
    assert connection.sock is not None
    connection.close()
