"""Quality gate: score the dev sets and fail when a score drops below its pinned floor.

Floors live in eval/baseline.json and only go up: raise one when you beat it, never lower one.
Run by `make eval` (and by .ci/run when ../shared/eval exists).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "eval" / "baseline.json"


def _score(kind: str, gold: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "frontwatch.cli", "eval", kind, str(gold), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"eval {kind} {gold} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    evaluations = {
        "case": ("case", args.shared / "eval" / "case2021_task2_dev.tsv"),
        "places": ("places", args.shared / "eval" / "ucdp_syria_places_dev.jsonl"),
        "events_own_gold": ("events", ROOT / "tests" / "gold" / "events_gold.jsonl"),
        "events_blind_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind.jsonl"),
    }
    failed = []
    for name, (kind, gold) in evaluations.items():
        if not gold.exists():
            print(f"{name}: {gold} missing, not scored", file=sys.stderr)
            if not name.startswith("events_"):
                failed.append(f"{name}: gold file missing")
            continue
        scores = _score(kind, gold)
        for metric, floor in baseline.get(name, {}).items():
            value = float(scores[metric])
            status = "ok" if value >= floor else "BELOW FLOOR"
            print(f"{name:16} {metric:14} {value:.4f}  floor {floor:.4f}  {status}")
            if value < floor:
                failed.append(f"{name}.{metric} {value:.4f} < {floor:.4f}")
    if failed:
        print("quality gate failed: " + "; ".join(failed), file=sys.stderr)
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
