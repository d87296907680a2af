"""Property-based requests generated from the API's own OpenAPI description (schemathesis):
whatever the parameters and bodies, the server answers without a server error, and every
error in the one JSON shape (issue #7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from tests.test_api import _seed

from frontwatch.api import create_app
from frontwatch.resolve.gazetteer import InMemoryGazetteer
from frontwatch.store import Store
from frontwatch.store.accounts import add_user, create_token

pytestmark = pytest.mark.slow  # POST /documents runs the NLP pipeline


@pytest.fixture
def api_schema(tmp_path: Path, small_gazetteer: InMemoryGazetteer) -> Any:
    store = Store(f"sqlite:///{tmp_path / 'fuzz.db'}")
    _seed(store)
    add_user(store.engine, "fuzzer", "admin")
    app = create_app(store, lambda: small_gazetteer)
    app.state.token = create_token(store.engine, "fuzzer")
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_errors(api_schema: Any) -> None:
    token = api_schema.app.state.token
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    answered: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            answered.append(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code >= 400:
                error = response.json()["error"]
                assert error["status"] == response.status_code and error["message"]

        answers()
    # the generated requests reached the handlers, not only the validation in front of them
    assert len(answered) > 100 and answered.count(200) > 20, sorted(set(answered))
