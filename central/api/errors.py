"""Errors answered as `{"error": code, ...}` bodies, the shape desks switch on."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from central.services.accounts import AccountError
from central.services.push import PushError


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

    @app.exception_handler(PushError)
    async def _push_error(_request: Request, error: PushError) -> JSONResponse:
        return JSONResponse(
            {"error": error.error, "message": error.message}, status_code=error.status
        )
