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



#: The event gold sets in the order they were written; pools take the first n of them.
EVENT_SETS = ("events_own_gold", "events_blind_gold",
              *(f"events_blind{number}_gold" for number in range(2, 16)))
POOL_NAMES = {3: "every", 4: "four_sets", 5: "five_sets", 6: "six_sets", 7: "seven_sets",
              8: "eight_sets", 9: "nine_sets", 10: "ten_sets", 11: "eleven_sets",
              12: "twelve_sets", 13: "thirteen_sets", 14: "fourteen_sets", 15: "fifteen_sets",
              16: "sixteen_sets"}

def _score(kind: str, gold: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "frontwatch.cli", "eval", kind, str(gold), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"eval {kind} {gold} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pooled(*summaries: dict[str, float]) -> dict[str, float]:
    """Event P/R/F1 over several gold sets together (the #3 target is on all our reports), and
    event-location accuracy (the #4 target)."""
    matched = sum(summary["matched"] for summary in summaries)
    predicted = sum(summary["predicted"] for summary in summaries)
    gold = sum(summary["gold"] for summary in summaries)
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    timely = sum(summary["type_date_matched"] for summary in summaries)
    located = sum(summary["located"] for summary in summaries)
    return {"precision": precision, "recall": recall, "f1": f1,
            "location_accuracy": located / timely if timely else 0.0}


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
        "events_blind2_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind2.jsonl"),
        "events_blind3_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind3.jsonl"),
        "events_blind4_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind4.jsonl"),
        "events_blind5_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind5.jsonl"),
        "events_blind6_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind6.jsonl"),
        "events_blind7_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind7.jsonl"),
        "events_blind8_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind8.jsonl"),
        "events_blind9_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind9.jsonl"),
        "events_blind10_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind10.jsonl"),
        "events_blind11_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind11.jsonl"),
        "events_blind12_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind12.jsonl"),
        "events_blind13_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind13.jsonl"),
        "events_blind14_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind14.jsonl"),
        "events_blind15_gold": ("events", ROOT / "tests" / "gold" / "events_gold_blind15.jsonl"),
        "fusion_gold": ("fusion", ROOT / "tests" / "gold" / "fusion_gold.jsonl"),
        "fusion_gold2": ("fusion", ROOT / "tests" / "gold" / "fusion_gold2.jsonl"),
        "control_gold": ("control", ROOT / "tests" / "gold" / "control_gold.jsonl"),
    }
    failed: list[str] = []
    scored: dict[str, dict[str, float]] = {}
    for name, (kind, gold) in evaluations.items():
        if not gold.exists():
            print(f"{name}: {gold} missing, not scored", file=sys.stderr)
            if not name.startswith("events_"):
                failed.append(f"{name}: gold file missing")
            continue
        scored[name] = _score(kind, gold)
    if "events_own_gold" in scored and "events_blind_gold" in scored:
        scored["events_all_gold"] = _pooled(scored["events_own_gold"],
                                            scored["events_blind_gold"])
    # pooled figures keep their composition: a new gold set gets a new pool name
    pools = {f"events_{word}_gold": EVENT_SETS[:size] for size, word in POOL_NAMES.items()}
    for pool, members in pools.items():
        if all(member in scored for member in members):
            scored[pool] = _pooled(*(scored[member] for member in members))
    for name in baseline:
        if name not in scored:
            failed.append(f"{name}: has a floor but was not scored")
    for name, scores in scored.items():
        for metric, floor in baseline.get(name, {}).items():
            value = float(scores[metric])
            status = "ok" if value >= floor else "BELOW FLOOR"
            print(f"{name:22} {metric:17} {value:.4f}  floor {floor:.4f}  {status}")
            if value < floor:
                failed.append(f"{name}.{metric} {value:.4f} < {floor:.4f}")
    if failed:
        print("quality gate failed: " + "; ".join(failed), file=sys.stderr)
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
