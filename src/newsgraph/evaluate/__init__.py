"""``newsgraph evaluate NAME``: score our analysis against public benchmarks and the seed.

Each benchmark module registers a function with ``@benchmark("name")`` that returns
one or more ``Table``s; the CLI prints them. Data is read from ``../shared/data``
(or ``$NEWSGRAPH_SHARED``), never copied into the project.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .scoring import Score, Table

__all__ = ["BENCHMARKS", "EvalOptions", "Score", "Table", "benchmark", "run_benchmark", "shared_dir"]


@dataclass
class EvalOptions:
    shared: Path
    split: str = "test"
    limit: int | None = None
    extra: dict = field(default_factory=dict)


BENCHMARKS: dict[str, Callable[[EvalOptions], list[Table]]] = {}
_MODULES = ("seed", "conll2003", "tempeval3", "polnear", "plover", "framing")


def benchmark(name: str):
    def register(fn: Callable[[EvalOptions], list[Table]]):
        BENCHMARKS[name] = fn
        return fn

    return register


def shared_dir() -> Path | None:
    """Where the shared data lives: $NEWSGRAPH_SHARED, ../shared from here, or beside the checkout."""
    candidates = [os.environ.get("NEWSGRAPH_SHARED"), Path.cwd().parent / "shared", Path.cwd() / "shared"]
    candidates.append(Path(__file__).resolve().parents[3].parent / "shared")
    for c in candidates:
        if c and (Path(c) / "examples" / "seed").is_dir():
            return Path(c)
    return None


def load_benchmarks() -> dict[str, Callable[[EvalOptions], list[Table]]]:
    for mod in _MODULES:
        try:
            importlib.import_module(f"{__name__}.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{mod}":
                raise
    return BENCHMARKS


def run_benchmark(name: str, options: EvalOptions) -> list[Table]:
    benchmarks = load_benchmarks()
    if name not in benchmarks:
        raise KeyError(f"unknown benchmark {name!r}; choose one of: {', '.join(sorted(benchmarks))}")
    return benchmarks[name](options)
