"""Shared by the benchmarks: print the figures and keep them in bench/results/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def publish(name: str, results: dict[str, Any]) -> Path:
    for key, value in results.items():
        print(f"{key:52} {value}")
    path = RESULTS_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to bench/results/{path.name}")
    return path
