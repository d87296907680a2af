"""``frontwatch serve``, ``frontwatch users`` and ``frontwatch tokens``: the REST API and who
may use it (issue #7)."""

from __future__ import annotations

import os
import sys

import click

from frontwatch.errors import FrontwatchError
from frontwatch.store import DEFAULT_URL, Store
from frontwatch.store.accounts import ROLES, add_user, create_token, list_users, revoke_tokens

__all__ = ["serve_command", "tokens_group", "users_group"]

DB_HELP = f"Store URL (default {DEFAULT_URL}; postgresql+psycopg://... for PostgreSQL)."


def _fail(exc: FrontwatchError) -> None:
    click.echo(f"error [{exc.code}]: {exc.describe()}", err=True)
    sys.exit(1)


@click.command("serve")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (one per core answers more requests at once).")
def serve_command(db: str, host: str, port: int, workers: int) -> None:
    """Serve the REST API (documentation at /docs) until interrupted."""
    import uvicorn

    try:
        Store(db).close()  # a store that cannot open fails here, not at the first request
    except FrontwatchError as exc:
        _fail(exc)
    os.environ["FRONTWATCH_SERVE_DB"] = db
    click.echo(f"frontwatch API on http://{host}:{port}/ (docs: http://{host}:{port}/docs)",
               err=True)
    uvicorn.run("frontwatch.api:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="info")


@click.group("users")
def users_group() -> None:
    """API users and their roles (viewer < analyst < admin)."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
def users_add(name: str, role: str, db: str) -> None:
    """Add the user NAME with a role."""
    try:
        with Store(db) as store:
            add_user(store.engine, name, role)
    except FrontwatchError as exc:
        _fail(exc)
    click.echo(f"{name}: {role}", err=True)


@users_group.command("list")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
def users_list(db: str) -> None:
    """Users, their roles and how many live tokens each holds (tab-separated)."""
    with Store(db) as store:
        for user in list_users(store.engine):
            click.echo(f"{user['name']}\t{user['role']}\t{user['tokens']}")


@click.group("tokens")
def tokens_group() -> None:
    """API tokens (the store keeps only their digests)."""


@tokens_group.command("create")
@click.argument("name")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
def tokens_create(name: str, db: str) -> None:
    """Make a token for the user NAME and print it (once: it cannot be shown again)."""
    try:
        with Store(db) as store:
            click.echo(create_token(store.engine, name))
    except FrontwatchError as exc:
        _fail(exc)


@tokens_group.command("revoke")
@click.argument("name")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
def tokens_revoke(name: str, db: str) -> None:
    """Revoke every token of the user NAME."""
    try:
        with Store(db) as store:
            count = revoke_tokens(store.engine, name)
    except FrontwatchError as exc:
        _fail(exc)
    click.echo(f"{name}: {count} token(s) revoked", err=True)
