"""`nq57 suggest-links CHILD PARENT [--json]`: the bundled seeds against the gold links, the JSON
shape, plans given as files or stored plans, and refusals (exit code 2, Vietnamese message)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nq57.cli import main
from nq57.ingest import parse_bytes
from nq57.plans.actions import import_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOLD_LINKS = FIXTURES / "gold" / "links-000-to-004.json"
GOLD_LINKS_D3 = FIXTURES / "gold" / "links-001-to-004.json"
CU_CHI = FIXTURES / "seeds" / "000_226a52d2f503d4de.txt"
CITY = FIXTURES / "seeds" / "004_90a108cfc6212b7b.txt"


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["suggest-links", *args, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def _top1(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> tuple[float, float]:
    """Top-1 and any-parent accuracy, as ../shared/tools/score_links.py computes them."""
    guesses = {str(p["child_number"]): p["parent_number"] for p in predicted}
    top1 = any_parent = 0
    for link in gold:
        parents = [str(n) for n in link["parent_numbers"]]
        guess = guesses[str(link["child_number"])]
        top1 += guess == (parents[0] if parents else None)
        any_parent += guess == (parents[0] if parents else None) or guess in parents
    return top1 / len(gold), any_parent / len(gold)


def _shown(link: dict[str, Any]) -> set[str | None]:
    """The parents the review page offers for a child: the suggestion and its alternatives."""
    return {link["parent_number"], *(a["parent_number"] for a in link["alternatives"])}


def test_it_links_cu_chi_to_the_city_appendix_as_the_gold_file_does(capsys):
    gold = json.loads(GOLD_LINKS.read_text(encoding="utf-8"))["task_links"]
    result = _run_json(capsys, "000", "004")
    top1, any_parent = _top1(gold, result["task_links"])
    assert len(result["task_links"]) == len(gold) == 49
    assert top1 >= 0.95
    assert any_parent >= top1


def test_it_links_district_3_to_the_city_appendix_nearly_as_the_gold_file_does(capsys):
    """District 3 rewords more and adds 17 tasks of its own. 57/63 first choices match the gold
    file; of the six misses, the gold parent (or 'no counterpart', always offered) is among the
    choices the review page shows for all but two (city 33 for an AI plan cited by number;
    city 40 for a human-resources programme both annotators found doubtful)."""
    gold = json.loads(GOLD_LINKS_D3.read_text(encoding="utf-8"))["task_links"]
    result = _run_json(capsys, "001", "004")
    top1, _any_parent = _top1(gold, result["task_links"])
    assert len(result["task_links"]) == len(gold) == 63
    assert top1 >= 0.90
    shown = {link["child_number"]: _shown(link) for link in result["task_links"]}
    offered = [not g["parent_numbers"] or g["parent_numbers"][0] in shown[g["child_number"]]
               for g in gold]  # fmt: skip
    assert sum(offered) >= 61


def test_the_json_shape(capsys):
    result = _run_json(capsys, "000", "001")
    assert result["child"] == "3228/KH-UBND — Ủy ban nhân dân huyện Củ Chi"
    assert result["parent"] == "91/KH-UBND — Ủy ban nhân dân Quận 3"
    first = result["task_links"][0]
    assert set(first) == {
        "child_number",
        "parent_number",
        "score",
        "reasons",
        "alternatives",
        "child_position",
        "parent_position",
    }
    assert (first["child_number"], first["parent_number"], first["child_position"]) == ("1", "1", 1)
    assert first["parent_position"] == 1
    assert isinstance(first["score"], float) and 0 < first["score"] <= 1
    assert all(isinstance(reason, str) for reason in first["reasons"])
    assert first["alternatives"]
    for alternative in first["alternatives"]:
        assert set(alternative) == {"parent_number", "score", "parent_position"}
        assert alternative["parent_number"] == str(alternative["parent_position"])  # 1, 2, … in 001
    indicator = result["indicator_links"][0]
    assert (indicator["child_number"], indicator["parent_number"]) == ("1.1", "6.1")
    assert len(result["indicator_links"]) == 33
    unlinked = [link for link in result["task_links"] if link["parent_number"] is None]
    assert unlinked and all(link["parent_position"] is None for link in unlinked)


def test_a_file_path_gives_what_its_seed_name_gives(capsys):
    by_seed = _run_json(capsys, "000", "004")
    by_path = _run_json(capsys, str(CU_CHI), str(CITY))
    assert by_path == by_seed


def test_the_readable_table_is_in_vietnamese(capsys):
    assert main(["suggest-links", "000", "004"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kế hoạch cấp dưới: 3228/KH-UBND — Ủy ban nhân dân huyện Củ Chi\n")
    assert "NHIỆM VỤ: 49, 49 có tương ứng ở cấp trên, 0 không có" in out
    assert "CHỈ TIÊU: 33, 0 có tương ứng ở cấp trên, 33 không có" in out
    assert (
        "· Cơ quan chủ trì tương ứng (nội vụ, lao động): «Phòng Nội vụ huyện» ↔ «Sở Nội vụ»." in out
    )


@pytest.mark.django_db
def test_stored_plans_by_id_or_number_give_what_their_files_give(capsys):
    stored = {}
    for path in (CU_CHI, CITY):
        data = path.read_bytes()
        stored[path] = import_plan(
            parse_bytes(data, path.name), source_name=path.name, source_bytes=data, actor=None
        )
    from_files = _run_json(capsys, str(CU_CHI), str(CITY))
    from_db = _run_json(capsys, "3228/KH-UBND", str(stored[CITY].pk))
    assert from_db["task_links"] == from_files["task_links"]
    assert from_db["indicator_links"] == from_files["indicator_links"]
    assert from_db["child"] == "3228/KH-UBND — Ủy ban nhân dân huyện Củ Chi"


@pytest.mark.django_db
def test_it_refuses_a_plan_it_cannot_find(capsys):
    assert main(["suggest-links", "000", "99/KH-KHONGCO"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Lỗi: Không tìm thấy (hoặc có nhiều) kế hoạch «99/KH-KHONGCO»")


def test_it_refuses_a_prefix_naming_several_seeds(capsys):
    assert main(["suggest-links", "00", "004"]) == 2
    assert capsys.readouterr().err.startswith("Lỗi: «00» ứng với nhiều kế hoạch mẫu: 000_")


def test_it_refuses_an_unreadable_file(tmp_path, capsys):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    assert main(["suggest-links", str(empty), "004"]) == 2
    assert "rỗng" in capsys.readouterr().err
