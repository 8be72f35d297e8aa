"""Suggest, for each task (indicator) of a lower plan, the upper plan's task (indicator) it
localises (cụ thể hóa). Pure Python: no Django, no network, no model.

A district or commune plan copies the upper plan's rows and rewords them: 'Ban hành và tổ chức
triển khai X' becomes 'Theo dõi, triển khai X', city departments become district offices ('Sở
Nội vụ' → 'Phòng Nội vụ huyện'), 'Thành phố' becomes 'huyện'; a row may keep only the first
sentence, merge two rows, or be new. A pair (child, parent) is scored from:

1. **Words** (the text score, 0–1): both texts are folded (``vntext.fold``: no diacritics, so
   'chuyên đổi số' mistyped still matches 'chuyển đổi số'), common abbreviations are written out
   ('KH&CN', 'CĐS', 'CSDL', 'UBND' …), a few function words are dropped, and syllables and
   syllable pairs are weighted by TF-IDF over the parent plan's rows (sublinear counts).
   Generic plan verbs ('triển khai', 'theo dõi', 'phối hợp', 'tổ chức', 'thực hiện', 'xây
   dựng', 'ban hành' …) count a fifth: they are exactly what a lower level rewrites. The text
   score is the cosine, or its geometric mean with the share of the child's weight found in
   the parent when that is larger, so a child keeping one sentence of a long parent row still
   scores high.
2. **Agreement** (0–1) of the rest: deadline 0.40 (the same printed deadline, or the same kind
   and due day: 1; due the same year: 0.4), section theme 0.25 (TF-IDF cosine of the section
   titles), agencies 0.35 (the fields named by the lead units, level words ignored: 'Phòng Văn
   hóa, Khoa học và Thông tin' ↔ 'Sở Khoa học và Công nghệ' share 'khoa học, công nghệ',
   'Phòng Nội vụ' ↔ 'Sở Nội vụ', 'UBND xã' ↔ 'UBND quận, huyện'; the same field as lead: 1, as
   lead of one and coordinating of the other: 0.5, an upper lead given to every unit of a kind
   — 'Các Sở, ngành, UBND các quận, huyện' — 0.5).

   pair score = text × (1 − 0.45 + 0.45 × agreement): agreement confirms words and breaks ties
   between near-identical parents (a section-II and a section-VI twin), but cannot stand in
   for them — many rows of a plan share a deadline, a section and the science department.

Then the whole plan is read at once. The heaviest chain of confident pairs (≥ 0.45) keeping
both plans' order is found; a candidate lying between the parents of its child's neighbours on
that chain is ranked as if it scored 0.05 more (it is not scored more: order alone never makes
a link). A parent already taken by a child that fits it better costs a candidate 0.05 (each
parent is usually localised once). The best candidate scoring at least `NO_MATCH` (0.25) is the
suggestion, else the child has no counterpart; up to three other candidates are alternatives,
and one covering much of what the first leaves out is named as a possible merge. Indicators
are scored the same way from their names, with agreement from the measure unit ('%' when
only the targets carry it) 0.30, milestones 0.40 (a shared milestone 0.5, with the same target
1) and agencies 0.30, and `INDICATOR_NO_MATCH` (0.30) as threshold: names are short and
formulaic ('Tỷ lệ … người dân … điện tử'), so shared words come cheaper.

Every suggestion carries its reasons in Vietnamese. The result depends only on the input.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from nq57.lib.vntext import collapse_ws, fold, nfc

__all__ = [
    "INDICATOR_NO_MATCH",
    "NO_MATCH",
    "IndicatorItem",
    "Item",
    "Suggestion",
    "agency_fields",
    "suggest_indicator_links",
    "suggest_task_links",
    "tokens",
]

NO_MATCH = 0.25  # below this a task has no counterpart
INDICATOR_NO_MATCH = 0.30  # indicator names are short and formulaic: shared words come cheap
AGREEMENT_SHARE = 0.45  # how much of a pair's score the deadline, theme and agencies decide
MAX_ALTERNATIVES = 3
GENERIC_WEIGHT = 0.2
ORDER_BONUS = 0.05
TAKEN_PENALTY = 0.05
MERGE_GAIN = 0.15  # a second parent adding this share of the child's words: merged rows
_ALTERNATIVE_FLOOR = 0.12
_ANCHOR_FLOOR = 0.45  # pairs this good may anchor the order chain
_ANCHOR_CANDIDATES = 3


@dataclass(frozen=True)
class Item:
    """A task as matched: its printed number, text, section ('I. Nâng cao nhận thức…'), deadline
    (raw text, `DeadlineKind` value, due day) and lead / coordinating cells as printed."""

    number: str
    text: str
    section: str = ""
    deadline_raw: str = ""
    deadline_kind: str = ""
    deadline_due: date | None = None
    lead: str = ""
    coordinating: str = ""


@dataclass(frozen=True)
class IndicatorItem:
    """An indicator as matched: code, name, group, measure unit, targets as (milestone, raw)."""

    number: str
    name: str
    section: str = ""
    unit: str = ""
    targets: tuple[tuple[str, str], ...] = ()
    lead: str = ""
    coordinating: str = ""


@dataclass(frozen=True)
class Suggestion:
    """The suggested parent of one child (None: no counterpart), score 0–1, reasons in
    Vietnamese, and up to three other (parent number, score). `parent_index` and
    `alternative_indices` are positions in the parents given (numbers may repeat across
    sections or appendices)."""

    child_number: str
    parent_number: str | None
    score: float
    reasons: tuple[str, ...]
    alternatives: tuple[tuple[str, float], ...]
    parent_index: int | None = None
    alternative_indices: tuple[int, ...] = ()


# ---------------------------------------------------------------------------------------------
# Words

_WORD = re.compile(r"[^\W_]+(?:&[^\W_]+)*")
_ABBREVIATIONS = {
    "khcn": "khoa hoc cong nghe",
    "kh&cn": "khoa hoc cong nghe",
    "dmst": "doi moi sang tao",
    "cds": "chuyen doi so",
    "csdl": "co so du lieu",
    "tthc": "thu tuc hanh chinh",
    "cntt": "cong nghe thong tin",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tp": "thanh pho",
    "hcm": "ho chi minh",
    "tphcm": "thanh pho ho chi minh",
    "ttcds": "trung tam chuyen doi so",
    "tw": "trung uong",
    "nn&mt": "nong nghiep moi truong",
    "tn&mt": "tai nguyen moi truong",
    "ldtbxh": "lao dong thuong binh xa hoi",
    "ktxh": "kinh te xa hoi",
    "ti": "ty",  # 'tỉ lệ' and 'tỷ lệ'
}
# Function words whose folded form collides with no content word.
_STOP = frozenset(
    (
        "va", "cua", "cac", "nhung", "cho", "voi", "ve", "tai", "la", "mot", "theo", "trong",
        "tren", "den", "nham",
    )
)  # fmt: skip
# Generic plan verbs: the words a lower level rewrites ('Ban hành' → 'Theo dõi, triển khai').
_GENERIC = frozenset(
    (
        "trien khai", "theo doi", "phoi hop", "to chuc", "thuc hien", "xay dung", "ban hanh",
        "hoan thanh", "hoan thien", "day manh", "tang cuong", "tiep tuc", "huong dan", "cu the",
        "the hoa", "hieu qua", "ty le", "so luong",
    )
)  # fmt: skip


@dataclass(frozen=True)
class _Token:
    text: str  # folded, abbreviations written out
    word: int  # index of the printed word it comes from


def _words(text: str) -> list[str]:
    return _WORD.findall(nfc(text))


def _tokenize(text: str) -> tuple[list[str], list[_Token]]:
    """The printed words of `text` and its content tokens (folded, stop words dropped)."""
    words = _words(text)
    out: list[_Token] = []
    for i, word in enumerate(words):
        folded = fold(word)
        for part in _ABBREVIATIONS.get(folded, folded.replace("&", " ")).split():
            if part not in _STOP:
                out.append(_Token(part, i))
    return words, out


def tokens(text: str) -> list[str]:
    """Content tokens of `text`: folded, abbreviations written out, function words dropped.

    >>> tokens("Triển khai CĐS của các xã")
    ['trien', 'khai', 'chuyen', 'doi', 'so', 'xa']
    """
    return [t.text for t in _tokenize(text)[1]]


def _generic_marks(toks: Sequence[str]) -> list[bool]:
    marks = [False] * len(toks)
    for i in range(len(toks) - 1):
        if f"{toks[i]} {toks[i + 1]}" in _GENERIC:
            marks[i] = marks[i + 1] = True
    return marks


def _features(toks: Sequence[str]) -> dict[str, float]:
    """Syllables and syllable pairs with their counts; generic verbs count GENERIC_WEIGHT."""
    marks = _generic_marks(toks)
    weight = [GENERIC_WEIGHT if m else 1.0 for m in marks]
    found: dict[str, float] = defaultdict(float)
    for i, tok in enumerate(toks):
        found[tok] += weight[i]
        if i + 1 < len(toks):
            found[f"{tok} {toks[i + 1]}"] += min(weight[i], weight[i + 1])
    return found


class _Space:
    """TF-IDF over the parent texts; vectors are sparse dicts, unit length."""

    def __init__(self, parent_texts: Sequence[str]) -> None:
        self.parent_features = [_features(tokens(text)) for text in parent_texts]
        df: Counter[str] = Counter()
        for found in self.parent_features:
            df.update(found.keys())
        n = len(parent_texts)
        self.idf = {f: math.log((1 + n) / (1 + count)) + 1 for f, count in df.items()}
        self.unseen_idf = math.log(1 + n) + 1
        self.parents = [self.weigh(found) for found in self.parent_features]
        self.index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for j, vector in enumerate(self.parents):
            for f, w in vector.items():
                self.index[f].append((j, w))

    def weigh(self, found: dict[str, float]) -> dict[str, float]:
        """Sublinear counts (a word repeated in a long row does not outweigh the others) × IDF."""
        vector = {
            f: (1 + math.log(c) if c > 1 else c) * self.idf.get(f, self.unseen_idf)
            for f, c in found.items()
        }
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {f: w / norm for f, w in vector.items()}

    def vector(self, text: str) -> dict[str, float]:
        return self.weigh(_features(tokens(text)))

    def similarities(self, vector: dict[str, float]) -> dict[int, float]:
        """Text score against every parent sharing a feature: the cosine, or its geometric mean
        with the share of the child's weight found in the parent when that is larger."""
        dot: dict[int, float] = defaultdict(float)
        contained: dict[int, float] = defaultdict(float)
        for f, w in vector.items():
            for j, pw in self.index.get(f, ()):
                dot[j] += w * pw
                contained[j] += w * w
        return {j: max(dot[j], math.sqrt(dot[j] * contained[j])) for j in dot}

    def coverage(self, vector: dict[str, float], parents: Iterable[int]) -> float:
        """The share of the child's weight found in any of `parents`."""
        found = set().union(*(self.parents[j].keys() for j in parents))
        return sum(w * w for f, w in vector.items() if f in found)


def _shared_phrases(child: str, parent: str, limit: int = 3) -> list[str]:
    """Runs of the child's words whose tokens all appear (as pairs) in the parent, longest
    first, as printed in the child."""
    toks = _tokenize(child)[1]
    parent_toks = tokens(parent)
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(parent_toks)}
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(toks) + 1):
        if i == len(toks) or f"{toks[i - 1].text} {toks[i].text}" not in pairs:
            if i - start >= 2 and not all(
                g for g in _generic_marks([t.text for t in toks[start:i]])
            ):
                runs.append((start, i))
            start = i
    runs.sort(key=lambda r: (-(r[1] - r[0]), r[0]))
    printed = nfc(child)
    spans = [m.span() for m in _WORD.finditer(printed)]
    return [printed[spans[toks[a].word][0] : spans[toks[b - 1].word][1]] for a, b in runs[:limit]]


# ---------------------------------------------------------------------------------------------
# Deadlines, sections, agencies


def _deadline_key(raw: str) -> str:
    text = re.sub(r"[^a-z0-9]+", " ", fold(raw))
    return " ".join(re.sub(r"^0+(?=\d)", "", w) for w in text.split() if w != "thang")


def _deadline_score(child: Item, parent: Item) -> float:
    if not child.deadline_raw.strip() or not parent.deadline_raw.strip():
        return 0.0
    if _deadline_key(child.deadline_raw) == _deadline_key(parent.deadline_raw):
        return 1.0
    if not child.deadline_kind or child.deadline_kind != parent.deadline_kind:
        return 0.0
    if child.deadline_due and parent.deadline_due:
        if child.deadline_due == parent.deadline_due:
            return 1.0
        return 0.4 if child.deadline_due.year == parent.deadline_due.year else 0.0
    return {"ongoing": 1.0, "recurring": 0.7}.get(child.deadline_kind, 0.0)


# Fields of government: (label, folded phrases naming it in a unit's name). A district office
# and a city department of the same field share a phrase (the level words Sở / Phòng / Ban are
# never looked at); offices merged in 2025 name both former fields.
_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("văn phòng", ("van phong",)),
    ("ủy ban nhân dân", ("uy ban nhan dan",)),
    (
        "khoa học, công nghệ",
        ("khoa hoc", "cong nghe", "thong tin", "truyen thong", "chuyen doi so"),
    ),
    ("văn hóa, thể thao", ("van hoa", "the thao", "du lich")),
    ("nội vụ, lao động", ("noi vu", "lao dong", "thuong binh")),
    ("tài chính, kế hoạch", ("tai chinh", "ke hoach", "dau tu", "thue", "kho bac")),
    (
        "kinh tế, hạ tầng, xây dựng",
        ("kinh te", "ha tang", "do thi", "xay dung", "cong thuong", "giao thong", "quy hoach"),
    ),
    ("nông nghiệp, môi trường", ("nong nghiep", "moi truong", "tai nguyen")),
    ("y tế", ("y te",)),
    ("giáo dục, đào tạo", ("giao duc", "dao tao")),
    ("tư pháp", ("tu phap",)),
    ("công an", ("cong an",)),
    ("tuyên giáo, dân vận", ("tuyen giao", "dan van")),
    ("ngân hàng", ("ngan hang",)),
)
_OFFICE_OF_COMMITTEE = re.compile(r"\bvan phong( hoi dong nhan dan)?( va)?( uy ban nhan dan)?")
_COLLECTIVE = re.compile(r"\bcac (so|phong|ban|nganh|quan|huyen|xa|phuong|co quan|dia phuong)\b")


def _agency_text(cell: str) -> str:
    folded = " ".join(_ABBREVIATIONS.get(w, w) for w in fold(" ".join(_words(cell))).split())
    return " " + _OFFICE_OF_COMMITTEE.sub("van phong", folded) + " "


def agency_fields(cell: str) -> frozenset[str]:
    """The fields named in a lead or coordinating cell, level words ignored.

    >>> sorted(agency_fields("Phòng Văn hóa, Khoa học và Thông tin huyện"))
    ['khoa học, công nghệ', 'văn hóa, thể thao']
    """
    text = _agency_text(cell)
    return frozenset(label for label, phrases in _FIELDS if any(f" {p} " in text for p in phrases))


@dataclass(frozen=True)
class _Agencies:
    lead: frozenset[str]
    coordinating: frozenset[str]
    collective: bool  # the lead names every unit of a kind ('Các Sở, ngành, các quận, huyện')


def _agencies(lead: str, coordinating: str) -> _Agencies:
    return _Agencies(
        agency_fields(lead),
        agency_fields(coordinating),
        _COLLECTIVE.search(_agency_text(lead)) is not None,
    )


def _agency_score(child: _Agencies, parent: _Agencies) -> tuple[float, frozenset[str]]:
    if child.lead & parent.lead:
        return 1.0, child.lead & parent.lead
    crossed = (child.lead & parent.coordinating) | (child.coordinating & parent.lead)
    if crossed:
        return 0.5, crossed
    return (0.5, frozenset()) if parent.collective and child.lead else (0.0, frozenset())


# ---------------------------------------------------------------------------------------------
# Whole-plan steps


@dataclass(frozen=True)
class _Candidate:
    """A parent for a child: `score` decides and is reported; `in_order` only ranks."""

    parent: int
    score: float
    in_order: bool = False

    @property
    def key(self) -> tuple[float, int]:
        return (-(self.score + ORDER_BONUS * self.in_order), self.parent)


def _order_chain(ranked: Sequence[Sequence[_Candidate]]) -> dict[int, int]:
    """The heaviest chain of confident (child, parent) pairs increasing in both orders
    (longest increasing subsequence, weighted; a Fenwick tree of prefix maxima: n log n)."""
    nodes = [
        (i, c.parent, c.score)
        for i, row in enumerate(ranked)
        for c in row[:_ANCHOR_CANDIDATES]
        if c.score >= _ANCHOR_FLOOR
    ]
    tree = [(0.0, -1)] * (max((j for _, j, _ in nodes), default=0) + 2)
    best: list[tuple[float, int]] = []  # (weight of the best chain ending here, node)
    back: list[int] = []
    for _, group in itertools.groupby(range(len(nodes)), key=lambda k: nodes[k][0]):
        ends = list(group)
        for k in ends:  # chains end at an earlier child and a lower parent
            weight, previous = _prefix_max(tree, nodes[k][1])
            best.append((weight + nodes[k][2], k))
            back.append(previous)
        for k in ends:
            _raise(tree, nodes[k][1] + 1, best[k])
    chain: dict[int, int] = {}
    k = max(best, default=(0.0, -1))[1]
    while k >= 0:
        chain[nodes[k][0]] = nodes[k][1]
        k = back[k]
    return chain


def _prefix_max(tree: list[tuple[float, int]], position: int) -> tuple[float, int]:
    found = (0.0, -1)
    while position > 0:
        found = max(found, tree[position])
        position -= position & -position
    return found


def _raise(tree: list[tuple[float, int]], position: int, value: tuple[float, int]) -> None:
    while position < len(tree):
        tree[position] = max(tree[position], value)
        position += position & -position


def _gaps(chain: dict[int, int], n_children: int, n_parents: int) -> list[tuple[int, int]]:
    """For each child, the open range of parents between its chain neighbours' parents."""
    lows, low = [], -1
    for i in range(n_children):
        lows.append(low)
        low = chain.get(i, low)
    highs, high = [n_parents] * n_children, n_parents
    for i in reversed(range(n_children)):
        highs[i] = high
        high = chain.get(i, high)
    return list(zip(lows, highs, strict=True))


def _adjust(
    ranked: list[list[_Candidate]], n_parents: int, threshold: float
) -> list[list[_Candidate]]:
    """Mark candidates keeping the plans' order, then lower those whose parent another child
    takes with a better score."""
    gaps = _gaps(_order_chain(ranked), len(ranked), n_parents)
    marked = [
        sorted(
            (_Candidate(c.parent, c.score, gaps[i][0] < c.parent < gaps[i][1]) for c in row),
            key=lambda c: c.key,
        )
        for i, row in enumerate(ranked)
    ]
    owner: dict[int, tuple[float, int]] = {}
    for i, row in enumerate(marked):
        if row and row[0].score >= threshold:
            owner[row[0].parent] = max(owner.get(row[0].parent, (0.0, -1)), (row[0].score, -i))
    return [
        sorted(
            (
                _Candidate(
                    c.parent, c.score - TAKEN_PENALTY * _taken(owner, c.parent, i), c.in_order
                )
                for c in row
            ),
            key=lambda c: c.key,
        )
        for i, row in enumerate(marked)
    ]


def _taken(owner: dict[int, tuple[float, int]], parent: int, child: int) -> bool:
    return parent in owner and -owner[parent][1] != child


def _clip(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 4)


def _pct(score: float) -> str:
    return f"{score:.2f}".replace(".", ",")


def _short(text: str, limit: int = 70) -> str:
    text = collapse_ws(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Shared driver


@dataclass(frozen=True)
class _Pairing:
    """What the driver needs from one kind of row: numbers, words, a pair scorer, reasons."""

    children: Sequence[str]  # numbers
    parents: Sequence[str]
    space: _Space
    vectors: Sequence[dict[str, float]]  # the children's word vectors in `space`
    score: Callable[[int, int, float], float]  # (child, parent, text score) → 0–1
    explain: Callable[[int, int, float], list[str]]  # reasons besides the words
    noun: str  # 'nhiệm vụ', 'chỉ tiêu'
    threshold: float  # below it: no counterpart
    texts: tuple[Sequence[str], Sequence[str]]  # printed texts, for the shared phrases


def _suggest(pairing: _Pairing) -> list[Suggestion]:
    text_scores = [pairing.space.similarities(v) for v in pairing.vectors]
    ranked = [
        sorted((_Candidate(j, pairing.score(i, j, t)) for j, t in row.items()), key=lambda c: c.key)
        for i, row in enumerate(text_scores)
    ]
    adjusted = _adjust(ranked, len(pairing.parents), pairing.threshold)
    return [_suggestion(pairing, i, row, text_scores[i]) for i, row in enumerate(adjusted)]


def _suggestion(
    pairing: _Pairing, i: int, row: list[_Candidate], text_scores: dict[int, float]
) -> Suggestion:
    threshold = pairing.threshold
    chosen = row[0] if row and row[0].score >= threshold else None
    others = [c for c in row if c is not chosen and c.score >= _ALTERNATIVE_FLOOR]
    shown = others[:MAX_ALTERNATIVES]
    alternatives = tuple((pairing.parents[c.parent], _clip(c.score)) for c in shown)
    indices = tuple(c.parent for c in shown)
    number = pairing.children[i]
    if chosen is None:
        best = f"điểm cao nhất {_pct(row[0].score)}" if row else "không có từ chung"
        reason = (
            f"Không có {pairing.noun} nào của kế hoạch cấp trên đủ gần "
            f"({best} < {_pct(threshold)})."
        )
        score = _clip(row[0].score) if row else 0.0
        return Suggestion(number, None, score, (reason,), alternatives, None, indices)
    j = chosen.parent
    child_text, parent_text = pairing.texts[0][i], pairing.texts[1][j]
    reasons = _word_reasons(child_text, parent_text, text_scores[j])
    reasons += pairing.explain(i, j, text_scores[j])
    if chosen.in_order:
        reasons.append("Đúng thứ tự: nằm giữa các cặp đã khớp chắc chắn liền trước và liền sau.")
    reasons += _merge_reasons(pairing, i, j, others)
    return Suggestion(
        number, pairing.parents[j], _clip(chosen.score), tuple(reasons), alternatives, j, indices
    )


def _merge_reasons(pairing: _Pairing, i: int, j: int, others: list[_Candidate]) -> list[str]:
    """A second parent that holds a good part of the child the first does not (merged rows)."""
    vector = pairing.vectors[i]
    alone = pairing.space.coverage(vector, [j])
    for other in others[:MAX_ALTERNATIVES]:
        if other.score < pairing.threshold:
            break
        gained = pairing.space.coverage(vector, [j, other.parent]) - alone
        if gained >= MERGE_GAIN:
            number = pairing.parents[other.parent]
            return [
                f"Có thể gộp cả {pairing.noun} số {number} của cấp trên "
                f"(phần còn lại của nội dung khớp thêm {_pct(gained)})."
            ]
    return []


def _word_reasons(child: str, parent: str, text: float) -> list[str]:
    phrases = _shared_phrases(child, parent)
    if not phrases:
        return [f"Nội dung gần nhau (độ tương đồng {_pct(text)})."]
    quoted = "; ".join(f"«{_short(p, 60)}»" for p in phrases)
    return [f"Nội dung gần nhau (độ tương đồng {_pct(text)}), cùng cụm từ: {quoted}."]


def _agency_reasons(child: _Agencies, parent: _Agencies, leads: tuple[str, str]) -> list[str]:
    score, fields = _agency_score(child, parent)
    if score >= 1.0:
        return [
            f"Cơ quan chủ trì tương ứng ({'; '.join(sorted(fields))}): "
            f"«{_short(leads[0], 50)}» ↔ «{_short(leads[1], 50)}»."
        ]
    if fields:
        return [f"Cơ quan tương ứng ở vai trò khác chủ trì/phối hợp ({'; '.join(sorted(fields))})."]
    if score > 0:
        return [f"Cấp trên giao chung cho các đơn vị: «{_short(leads[1], 50)}»."]
    return []


# ---------------------------------------------------------------------------------------------
# Tasks


def suggest_task_links(children: Sequence[Item], parents: Sequence[Item]) -> list[Suggestion]:
    """One suggestion per child task, in the children's order (see the module docstring)."""
    space = _Space([p.text for p in parents])
    sections = _Space([p.section for p in parents])
    themes = {s: sections.similarities(sections.vector(s)) for s in {c.section for c in children}}
    agencies = (
        [_agencies(c.lead, c.coordinating) for c in children],
        [_agencies(p.lead, p.coordinating) for p in parents],
    )

    def score(i: int, j: int, text: float) -> float:
        agreement = (
            0.40 * _deadline_score(children[i], parents[j])
            + 0.25 * themes[children[i].section].get(j, 0.0)
            + 0.35 * _agency_score(agencies[0][i], agencies[1][j])[0]
        )
        return text * (1 - AGREEMENT_SHARE + AGREEMENT_SHARE * agreement)

    def explain(i: int, j: int, text: float) -> list[str]:
        child, parent = children[i], parents[j]
        reasons = _deadline_reasons(child, parent)
        if themes[child.section].get(j, 0.0) >= 0.5:
            reasons.append(f"Cùng chủ đề mục: «{_short(parent.section)}».")
        return reasons + _agency_reasons(agencies[0][i], agencies[1][j], (child.lead, parent.lead))

    return _suggest(
        _Pairing(
            children=[c.number for c in children],
            parents=[p.number for p in parents],
            space=space,
            vectors=[space.vector(c.text) for c in children],
            score=score,
            explain=explain,
            noun="nhiệm vụ",
            threshold=NO_MATCH,
            texts=([c.text for c in children], [p.text for p in parents]),
        )
    )


def _deadline_reasons(child: Item, parent: Item) -> list[str]:
    deadline = _deadline_score(child, parent)
    pair = f"«{child.deadline_raw}» ↔ «{parent.deadline_raw}»"
    if deadline >= 1.0:
        return [f"Cùng thời hạn: {pair}."]
    return [f"Thời hạn cùng năm: {pair}."] if deadline > 0 else []


# ---------------------------------------------------------------------------------------------
# Indicators


def _unit_key(unit: str) -> str:
    return re.sub(r"\s+", "", fold(unit))


def _unit(item: IndicatorItem) -> str:
    """The measure unit, or '%' when only the targets carry it ('≥ 80%')."""
    if item.unit.strip() or not item.targets:
        return item.unit
    return "%" if all("%" in raw for _, raw in item.targets) else ""


def _unit_score(child: str, parent: str) -> float:
    if not child.strip() or not parent.strip():
        return 0.0
    if _unit_key(child) == _unit_key(parent):
        return 1.0
    shared = set(tokens(child)) & set(tokens(parent))
    return 0.5 if shared or ("%" in child and "%" in parent) else 0.0


def _target_key(raw: str) -> str:
    return re.sub(r"[\s%]+", "", fold(raw)).replace(",", ".")


def _milestone_score(child: IndicatorItem, parent: IndicatorItem) -> float:
    ours, theirs = dict(child.targets), dict(parent.targets)
    shared = ours.keys() & theirs.keys()
    if not shared:
        return 0.0
    same = any(_target_key(ours[m]) == _target_key(theirs[m]) for m in shared)
    return 1.0 if same else 0.5


def suggest_indicator_links(
    children: Sequence[IndicatorItem], parents: Sequence[IndicatorItem]
) -> list[Suggestion]:
    """One suggestion per child indicator: name words, measure unit, milestones, agencies."""
    space = _Space([p.name for p in parents])
    agencies = (
        [_agencies(c.lead, c.coordinating) for c in children],
        [_agencies(p.lead, p.coordinating) for p in parents],
    )

    def score(i: int, j: int, text: float) -> float:
        agreement = (
            0.30 * _unit_score(_unit(children[i]), _unit(parents[j]))
            + 0.40 * _milestone_score(children[i], parents[j])
            + 0.30 * _agency_score(agencies[0][i], agencies[1][j])[0]
        )
        return text * (1 - AGREEMENT_SHARE + AGREEMENT_SHARE * agreement)

    def explain(i: int, j: int, text: float) -> list[str]:
        child, parent = children[i], parents[j]
        reasons = []
        if _unit_score(_unit(child), _unit(parent)) >= 1.0:
            reasons.append(f"Cùng đơn vị tính: «{_unit(child)}».")
        reasons += _milestone_reasons(child, parent)
        return reasons + _agency_reasons(agencies[0][i], agencies[1][j], (child.lead, parent.lead))

    return _suggest(
        _Pairing(
            children=[c.number for c in children],
            parents=[p.number for p in parents],
            space=space,
            vectors=[space.vector(c.name) for c in children],
            score=score,
            explain=explain,
            noun="chỉ tiêu",
            threshold=INDICATOR_NO_MATCH,
            texts=([c.name for c in children], [p.name for p in parents]),
        )
    )


def _milestone_reasons(child: IndicatorItem, parent: IndicatorItem) -> list[str]:
    ours, theirs = dict(child.targets), dict(parent.targets)
    shared = sorted(ours.keys() & theirs.keys())
    same = [m for m in shared if _target_key(ours[m]) == _target_key(theirs[m])]
    if same:
        return [f"Cùng mục tiêu mốc {same[0]}: «{ours[same[0]]}»."]
    return [f"Cùng mốc {', '.join(shared)}."] if shared else []
