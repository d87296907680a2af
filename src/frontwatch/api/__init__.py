"""The REST API (FastAPI): events, documents, places, control, sieges, alerts, reviews."""

from frontwatch.api.app import app_from_environment, create_app

__all__ = ["app_from_environment", "create_app"]
