"""Errors answered as `{"error": code, ...}` bodies, the shape desks switch on."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import exc

from central.services.accounts import AccountError
from central.services.clients import PushError

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        error: str,
        message: str = "",
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message or error)
        self.status = status
        self.body = {"error": error, "message": message, **extra}
        self.headers = headers


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        return JSONResponse(error.body, status_code=error.status, headers=error.headers)

    @app.exception_handler(AccountError)
    async def _account_error(_request: Request, error: AccountError) -> JSONResponse:
        return JSONResponse(
            {"error": error.error, "message": error.message}, status_code=error.status
        )

    @app.exception_handler(exc.OperationalError)
    async def _database_busy(_request: Request, error: exc.OperationalError) -> JSONResponse:
        # The database is unreachable or too busy (SQLite's write lock held past its busy
        # timeout): a temporary failure the desk retries, not a fault of the request.
        log.warning("request stopped by the database: %s", type(error.orig).__name__)
        return JSONResponse(
            {"error": "database_busy", "message": "The database is busy: try again shortly"},
            status_code=503,
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(PushError)
    async def _push_error(_request: Request, error: PushError) -> JSONResponse:
        return JSONResponse(
            {"error": error.error, "message": error.message}, status_code=error.status
        )
