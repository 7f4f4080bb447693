"""What every answer of the service gets, whatever route gave it: bounded request bodies,
security headers, a request id, error bodies without stack traces or personal data, and an
OpenAPI document that declares the refusals the routes really give.

Installed by `install_hardening(app, settings)`, after the routes are included.
"""

from __future__ import annotations

import json
import logging
import traceback
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from central.api.asgi import ASGIApp, Message, Receive, Scope, Send
from central.api.errors import ApiError
from central.api.schemas import ERROR_TEXT, ErrorOut, PullIn, PushIn
from central.api.spread import SpreadConnections
from central.core.config import Settings
from central.services import signing

log = logging.getLogger(__name__)


# The largest legitimate JSON body is a push of `push_max_commands` full forms (about 1 MB);
# desks halve their batch when told 413, so the bound never strands an outbox.
JSON_MAX_BYTES = 2 * 1024 * 1024

SECURITY_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
    b"x-frame-options": b"DENY",
}
CSP_API = b"default-src 'none'; frame-ancestors 'none'"
# The interactive API pages load their own script and style; they still may not be framed.
CSP_HTML = b"frame-ancestors 'none'"
CREDENTIAL_HEADERS = (b"authorization", b"x-desk-token")


def _error_body(error: str, message: str, **extra: Any) -> bytes:
    return json.dumps({"error": error, "message": message, **extra}).encode()


class Hardening:
    """Pure ASGI middleware (no per-request thread or body buffering of its own)."""

    def __init__(self, app: ASGIApp, *, blob_max_bytes: int, json_max_bytes: int) -> None:
        self.app = app
        self.blob_max_bytes = blob_max_bytes
        self.json_max_bytes = json_max_bytes

    def _limit(self, scope: Scope) -> int:
        # The blob route applies each kind's own, smaller limit; this is the ceiling for all.
        if str(scope.get("path", "")).startswith("/blobs/"):
            return self.blob_max_bytes
        return self.json_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        headers = dict(scope.get("headers") or [])
        authenticated = any(h in headers for h in CREDENTIAL_HEADERS)
        limit = self._limit(scope)
        started = False
        answered_by_us = False

        async def send_wrapped(message: Message) -> None:
            nonlocal started
            if answered_by_us:
                return  # the app's own answer after we refused its body: dropped
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = _secured(
                    list(message.get("headers") or []), request_id, authenticated
                )
            await send(message)

        async def refuse(status: int, error: str, message: str, **extra: Any) -> None:
            nonlocal answered_by_us
            body = _error_body(error, message, request_id=request_id, **extra)
            await send_wrapped(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send_wrapped({"type": "http.response.body", "body": body})
            answered_by_us = True

        declared = headers.get(b"content-length")
        if declared is not None:
            text = declared.decode("latin-1").strip()
            if not text.isdigit():
                await refuse(400, "bad_length", "Content-Length is not a number")
                return
            if int(text) > limit:
                await refuse(413, "too_large", f"At most {limit} bytes", max=limit)
                return

        seen = 0

        async def receive_bounded() -> Message:
            # A body without Content-Length (chunked) is cut as soon as it passes the limit:
            # the caller gets 413 and the app sees a disconnect, never the extra bytes.
            nonlocal seen
            if answered_by_us:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    if not started:
                        await refuse(413, "too_large", f"At most {limit} bytes", max=limit)
                    return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, receive_bounded, send_wrapped)
        except Exception as exc:  # noqa: BLE001 - the last line before the client
            if answered_by_us:
                return  # the app failed on the disconnect we gave it: already answered
            _log_failure(scope, request_id, exc)
            if started:
                raise  # half an answer is out: let the server close the connection
            await refuse(
                500,
                "internal_error",
                "Something went wrong on the service; quote the request id when reporting it",
            )


def _secured(
    raw: list[tuple[bytes, bytes]], request_id: str, authenticated: bool
) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _ in raw}
    out = [
        (name, value)
        for name, value in raw
        # Answers to a caller with credentials hold personal data or tokens: never stored.
        if not (authenticated and name.lower() == b"cache-control")
    ]
    for name, value in SECURITY_HEADERS.items():
        if name not in present:
            out.append((name, value))
    if authenticated or b"cache-control" not in present:
        out.append((b"cache-control", b"no-store"))
    if b"content-security-policy" not in present:
        content_type = next((v for n, v in raw if n.lower() == b"content-type"), b"")
        out.append(
            (
                b"content-security-policy",
                CSP_HTML if content_type.startswith(b"text/html") else CSP_API,
            )
        )
    out.append((b"x-request-id", request_id.encode()))
    return out


def _log_failure(scope: Scope, request_id: str, exc: BaseException) -> None:
    # The stack and the exception's type, not its message: database errors quote the row's
    # values (names, document numbers), and nothing of the request body is logged either.
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error(
        "unhandled %s on %s %s (request %s)\n%s",
        type(exc).__name__,
        scope.get("method"),
        scope.get("path"),
        request_id,
        stack,
    )


def _without_input(errors: Any) -> list[dict[str, Any]]:
    """Where and what, never the value: a refused value may be a password or a document
    number, and error bodies end up in desk logs and proxies."""
    if not isinstance(errors, list):
        return []
    return [
        {"loc": list(e.get("loc", ())), "type": e.get("type"), "msg": e.get("msg")}
        for e in errors
        if isinstance(e, dict)
    ]


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    # FastAPI's default echoes the offending input (a password that was too long, say).
    assert isinstance(error, RequestValidationError)
    return JSONResponse(
        {
            "error": "bad_request",
            "message": "The request is malformed",
            "errors": _without_input(error.errors()),
        },
        status_code=422,
    )


async def _api_error(_request: Request, error: Exception) -> JSONResponse:
    # Routes that validate a body themselves may attach pydantic's errors, values and all.
    assert isinstance(error, ApiError)
    body = dict(error.body)
    if "errors" in body:
        body["errors"] = _without_input(body["errors"])
    return JSONResponse(body, status_code=error.status, headers=error.headers)


HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
}


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    # Routing and body-parsing refusals in the service's `{"error": ...}` shape.
    assert isinstance(error, StarletteHTTPException)
    return JSONResponse(
        {"error": HTTP_CODES.get(error.status_code, "http_error"), "message": str(error.detail)},
        status_code=error.status_code,
        headers=dict(error.headers or {}),
    )


async def _too_deep(_request: Request, _error: Exception) -> JSONResponse:
    # JSON nested thousands deep exhausts the parser's recursion, not the service.
    return JSONResponse(
        {"error": "bad_json", "message": "The body is nested too deeply"}, status_code=400
    )


def install_hardening(app: FastAPI, settings: Settings) -> None:
    if settings.connection_answers > 0:
        app.add_middleware(SpreadConnections, answers=settings.connection_answers)
    app.add_middleware(
        Hardening,
        blob_max_bytes=max(settings.photo_max_bytes, settings.licence_max_bytes),
        json_max_bytes=JSON_MAX_BYTES,
    )
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RecursionError, _too_deep)
    state = getattr(app.state, "fairdesk", None)
    if state is not None:
        # Keys at rest: the signing key is sealed with the master key these settings name.
        signing.use_settings(state.db, settings)
    _document(app)


# --- the OpenAPI document -------------------------------------------------------------------

# Routes whose body the handler reads itself: what they take and give, declared here.
SYNC_BODIES: dict[str, type[Any]] = {"/sync/push": PushIn, "/sync/pull": PullIn}
SYNC_ERRORS = (400, 401, 403, 409, 413, 422)


def _error_response(code: int) -> dict[str, Any]:
    return {
        "description": ERROR_TEXT[code],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


def _document(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        schemas["ErrorOut"] = ErrorOut.model_json_schema()
        for path, item in doc.get("paths", {}).items():
            for method, operation in item.items():
                _complete(path, method, operation, schemas)
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


def _complete(path: str, method: str, operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    model = SYNC_BODIES.get(path)
    if model is not None:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
            },
        }
        for code in SYNC_ERRORS:
            responses.setdefault(str(code), _error_response(code))
    # Bodies are bounded and parsed for every route that takes one; any parameter may be bad.
    if "requestBody" in operation:
        for code in (400, 413, 422):
            responses.setdefault(str(code), _error_response(code))
    if operation.get("parameters"):
        responses.setdefault("422", _error_response(422))
    if "422" in responses:
        responses["422"] = _error_response(422)
    responses.setdefault("500", _error_response(500))
