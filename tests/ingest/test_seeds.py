"""Acceptance: every seed plan extracts with score ≥ 0.99 against its hand-verified gold file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nq57.cli import plan_to_json
from nq57.ingest import parse_bytes
from tests.scoring import score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def test_all_five_seeds_are_here():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_it_extracts_each_seed_with_score_at_least_0_99(seed: Path):
    gold = json.loads((FIXTURES / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    predicted = plan_to_json(parse_bytes(seed.read_bytes(), seed.name))
    result = score(gold, predicted)
    assert result["score"] >= 0.99, json.dumps(result, ensure_ascii=False)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_it_reads_the_document_header_of_each_seed(seed: Path):
    gold = json.loads((FIXTURES / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    document = parse_bytes(seed.read_bytes(), seed.name).document
    for field in ("number", "issuer", "date", "level", "bases"):
        assert getattr(document, field) == gold["document"][field], field


def test_the_cli_prints_the_gold_schema_with_parsed_extras():
    seed = SEEDS[0]
    out = subprocess.run(
        [sys.executable, "-m", "nq57.cli", "parse", str(seed), "--json"],
        capture_output=True,
        check=True,
        text=True,
    )
    data = json.loads(out.stdout)
    assert set(data) >= {"document", "indicators", "tasks"}
    task = data["tasks"][0]
    for key in (
        "appendix",
        "section",
        "section_title",
        "number",
        "name",
        "lead",
        "coordinating",
        "deadline",
        "output",
        "deadline_parsed",
        "lead_units",
        "coordinating_units",
        "source",
    ):
        assert key in task, key
    assert task["deadline_parsed"]["kind"] == "period_end"
    indicator = data["indicators"][0]
    assert indicator["targets_parsed"]["2030"]["comparator"] == "ge"
    assert indicator["source"]["line_start"] >= 1


def _as_pipe_table(text: str) -> str:
    """The same document with every tab-separated row written as a Markdown pipe row."""
    lines = []
    for line in text.split("\n"):
        if "\t" in line:
            line = "| " + " | ".join(cell.replace("|", "/") for cell in line.split("\t")) + " |"
        lines.append(line)
    return "\r\n".join(lines)


@pytest.mark.parametrize("seed", SEEDS[:4], ids=lambda p: p.name[:3])
def test_the_same_tables_as_markdown_pipes_with_crlf_extract_identically(seed: Path):
    text = seed.read_text(encoding="utf-8")
    original = plan_to_json(parse_bytes(text.encode(), seed.name))
    variant = plan_to_json(parse_bytes(_as_pipe_table(text).encode(), seed.name))
    assert variant["tasks"] == original["tasks"]
    assert variant["indicators"] == original["indicators"]
