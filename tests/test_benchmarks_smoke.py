"""The benchmark scripts run end to end in their --small mode and report what they promise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, tmp_path: Path, *args: str) -> dict:
    out = tmp_path / f"{script}.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / f"{script}.py"), "--small", "--json", str(out), *args],
        capture_output=True, text=True, timeout=600, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(out.read_text("utf-8"))


def test_throughput_small(tmp_path: Path) -> None:
    r = _run("throughput", tmp_path, "--sections", "pipelines,ingest")
    p = r["pipelines"]
    assert p["articles"] == 8 and p["words"] > 0
    assert p["a"]["articles_per_s"] > 0 and p["b"]["articles_per_s"] > 0
    assert 0 < p["ratio_b_a_cpu"] and p["peak_rss_mb"] > 0
    assert r["ingest"]["workers_1"]["stored"] == r["ingest"]["workers_2"]["stored"] == 8
    assert r["ingest"]["speedup_2_vs_1"] > 0


def test_memory_small(tmp_path: Path) -> None:
    r = _run("memory", tmp_path)
    assert r["stored"] == 40 and len(r["rss_mb_samples"]) == 20
    assert r["peak_rss_mb"] >= r["rss_mb_after_model_load"] > 0
