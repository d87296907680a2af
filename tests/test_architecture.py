"""Who may import whom (ARCHITECTURE.md), checked on the source."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "frontwatch"
FLOOR = {"records", "errors", "settings"}
STAGES = ["ingest", "nlp", "extract", "resolve", "fuse", "derive"]
FACES = {"cli", "cli_api", "cli_batch", "cli_derive", "cli_eval", "cli_gazetteer", "cli_store", "api", "batch", "table"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and \
                node.module.startswith("frontwatch."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("frontwatch."))
    return found


def _module(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def test_floor_imports_nothing_of_ours() -> None:
    for name in FLOOR:
        assert _imports(PACKAGE / f"{name}.py") == set(), name


def test_stages_import_only_the_floor_and_earlier_stages() -> None:
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        if module not in STAGES:
            continue
        allowed = FLOOR | set(STAGES[:STAGES.index(module) + 1]) | {"resources"}
        assert _imports(path) <= allowed, (path, _imports(path) - allowed)


def test_the_library_never_imports_a_face() -> None:
    for path in PACKAGE.rglob("*.py"):
        if _module(path) in FACES | {"__init__", "__main__"}:
            continue
        assert not _imports(path) & (FACES - {"table"}), path
