"""What every request shares: the store, the gazetteer (opened on first need), who asks, and
what the asker may not see."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from frontwatch.api.errors import ApiError
from frontwatch.derive import Situation
from frontwatch.jobs import situation
from frontwatch.protect import Protected
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.store import Store
from frontwatch.store.accounts import User, confidential_doc_ids, confidential_names, user_for_token
from frontwatch.store.reviews import store_version

__all__ = ["Analyst", "ApiContext", "Context", "Viewer", "requires"]


class ApiContext:
    """The store and gazetteer behind one app. What is derived from the whole store (a day's
    situation, which reads every claim and event; the confidential sources; the longest event)
    is remembered until the store changes."""

    def __init__(self, store: Store, gazetteer: Callable[[], Gazetteer]):
        self.store = store
        self._open_gazetteer = gazetteer
        self._gazetteer: Gazetteer | None = None
        self._lock = threading.Lock()
        self._derived: dict[tuple[Any, tuple[int, ...]], Any] = {}

    @property
    def gazetteer(self) -> Gazetteer:
        with self._lock:
            if self._gazetteer is None:
                self._gazetteer = self._open_gazetteer()
            return self._gazetteer

    def _remembered(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered until the store changes (a run, a document, a review)."""
        stamp = (key, store_version(self.store.engine))
        with self._lock:
            if stamp in self._derived:
                return self._derived[stamp]
        found = compute()
        with self._lock:
            if len(self._derived) > 64:
                self._derived.clear()
            self._derived[stamp] = found
        return found

    def protected(self, user: User) -> Protected:
        """What ``user`` may not see: nothing for analysts and admins."""
        if user.may("analyst"):
            return Protected()
        return self.public()

    def public(self) -> Protected:
        """What nobody outside (a viewer, the Atom feed) may see."""
        engine = self.store.engine
        return self._remembered("public", lambda: Protected(confidential_doc_ids(engine),
                                                            confidential_names(engine)))

    def longest_span_days(self) -> int:
        return self._remembered("span", self.store.longest_span_days)  # type: ignore[no-any-return]

    def situation(self, day: dt.date | None) -> Situation:
        return self._remembered(  # type: ignore[no-any-return]
            ("situation", day), lambda: situation(self.store, day, self.gazetteer))


def _context(request: Request) -> ApiContext:
    return request.app.state.context  # type: ignore[no-any-return]


Context = Annotated[ApiContext, Depends(_context)]

_bearer = HTTPBearer(auto_error=False, description="A token from `frontwatch tokens create NAME`.")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _user(context: Context, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> User:
    if credentials is None:
        raise ApiError(401, "an API token is required (Authorization: Bearer <token>)",
                       headers=_CHALLENGE)
    user = user_for_token(context.store.engine, credentials.credentials)
    if user is None:
        raise ApiError(401, "the token is not known or was revoked", headers=_CHALLENGE)
    return user


def requires(role: str) -> Callable[[User], User]:
    """A dependency that lets in users of ``role`` or above (403 for the others)."""
    def check(user: Annotated[User, Depends(_user)]) -> User:
        if not user.may(role):
            raise ApiError(403, f"this needs the {role} role; {user.name} is a {user.role}")
        return user
    return check


Viewer = Annotated[User, Depends(requires("viewer"))]
Analyst = Annotated[User, Depends(requires("analyst"))]
