"""Counting and printing scores: precision, recall and F1 from true/false positives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self


@dataclass
class Score:
    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Self:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def row(self, name: str, **extra: object) -> dict:
        return {
            "metric": name,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            **extra,
        }


@dataclass
class Table:
    """One printed table of an evaluation: rows are dicts with the same keys."""

    title: str
    rows: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"title": self.title, "rows": self.rows, "notes": self.notes}
