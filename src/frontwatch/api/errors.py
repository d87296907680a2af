"""One JSON shape for every error the API returns (ARCHITECTURE.md, "Errors share one JSON
shape"): ``{"error": {"status": 404, "code": "not_found", "message": "..."}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontwatch.errors import FrontwatchError, InputError, StoreError

__all__ = ["ERROR_RESPONSES", "ApiError", "error_response", "install_error_handlers"]

LOG = logging.getLogger("frontwatch.api")

#: The code each HTTP status gets when the error has no more precise one.
STATUS_CODES = {400: "bad_request", 401: "unauthorised", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 409: "conflict", 413: "too_large",
                422: "invalid_request", 500: "internal_error"}

_ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["status", "code", "message"], "properties": {
        "status": {"type": "integer"}, "code": {"type": "string"},
        "message": {"type": "string"}}}}}
#: The error responses every protected route documents in the OpenAPI description.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": description,
             "content": {"application/json": {"schema": _ERROR_SCHEMA}}}
    for status, description in ((401, "No token, or a token not known or revoked"),
                                (403, "The token's role is too low for this route"),
                                (422, "A parameter or the body is not valid"))}


class ApiError(Exception):
    """An error to answer with: its HTTP status, a stable code and a message for people."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or STATUS_CODES.get(status, "error")
        self.headers = headers


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The error as the API's one JSON shape."""
    return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                        status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for problem in exc.errors():
        where = ".".join(str(item) for item in problem.get("loc", ()) if item != "body")
        parts.append(f"{where}: {problem.get('msg', 'invalid')}" if where else
                     str(problem.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error, expected or not, in the one shape (no stack trace leaves)."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, STATUS_CODES.get(exc.status_code, "error"),
                              str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _validation_message(exc))

    @app.exception_handler(InputError)
    async def _input_error(_request: Request, exc: InputError) -> JSONResponse:
        return error_response(422, exc.code, exc.describe())

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        LOG.error("store error: %s", exc.describe())
        return error_response(500, exc.code, "the store could not answer; see the server log")

    @app.exception_handler(FrontwatchError)
    async def _frontwatch_error(_request: Request, exc: FrontwatchError) -> JSONResponse:
        LOG.error("error: %s", exc.describe())
        return error_response(500, exc.code, "the server could not answer; see the server log")

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        LOG.exception("unexpected error", exc_info=exc)
        return error_response(500, "internal_error", "the server failed; see the server log")
