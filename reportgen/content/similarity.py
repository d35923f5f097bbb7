"""Copied and repeated text: the same paragraph as last year (W411), the same paragraph in two
units (W412), and stock sentences many units share (W413, once, and counted in the overview).

Not quadratic in text length: each text becomes a set of character 4-gram shingles (digits
folded to “#”, so a copy with new dates and figures still matches), an inverted index from
shingle to texts proposes candidates, and only candidate pairs get a similarity, the Dice
coefficient of their shingle sets, which costs one pass over the smaller set.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from reportgen.errors import Diagnostic, Loc
from reportgen.messages import diag
from reportgen.read.texts import HAN, sentences

SHINGLE = 4  # characters per shingle
MIN_CHARS = 30  # shorter texts (titles, one-line plans) are not compared
SIMILAR = 0.8  # Dice coefficient from which two texts count as the same
COMMON = 40  # a shingle in more texts than this proposes no candidates (stock phrases)
BOILERPLATE_UNITS = 3  # a sentence in this many reports is boilerplate, reported once
BOILERPLATE_CHARS = 40  # shorter sentences (“坚持以习近平新时代……为指导”) are not counted

_NOT_WORDS = re.compile(rf"[^{HAN}0-9A-Za-z]+")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Source:
    """One report's texts: `label` names it in messages (单位 name)."""

    label: str
    texts: tuple  # objects with .text and .loc (Passage, model.Text)


@dataclass(frozen=True)
class Boilerplate:
    sentence: str
    count: int  # reports that contain it
    loc: Loc  # its first place


def normalize(text: str) -> str:
    return _DIGITS.sub("#", _NOT_WORDS.sub("", text))


def shingles(text: str) -> frozenset[str]:
    norm = normalize(text)
    return frozenset(norm[i:i + SHINGLE] for i in range(len(norm) - SHINGLE + 1))


def dice(a: frozenset, b: frozenset) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(1 for s in small if s in large)
    return 2 * shared / (len(a) + len(b)) if a or b else 0.0


class Index:
    """Shingle → texts that contain it; proposes texts sharing enough shingles with a query."""

    def __init__(self, sets: list[frozenset]):
        self.sets = sets
        self.postings: dict[str, list[int]] = defaultdict(list)
        for n, shingle_set in enumerate(sets):
            for s in shingle_set:
                self.postings[s].append(n)

    def similar(self, query: frozenset, after: int = -1) -> list[tuple[int, float]]:
        """(text number, Dice) of every indexed text numbered above `after` at least SIMILAR
        to `query` (across_units asks each text only about the texts after it)."""
        shared: Counter = Counter()
        for s in query:
            posting = self.postings.get(s)
            if posting and len(posting) <= COMMON:
                shared.update(posting[bisect_right(posting, after):] if after >= 0 else posting)
        # Dice ≥ SIMILAR needs at least SIMILAR/2 · (|a| + |b|) ≥ SIMILAR · min(|a|, |b|) shared shingles
        found = []
        for n, count in shared.items():
            if count >= SIMILAR * min(len(query), len(self.sets[n])):
                ratio = dice(query, self.sets[n])
                if ratio >= SIMILAR:
                    found.append((n, ratio))
        return found


def _long(texts) -> list:
    return [t for t in texts if len(normalize(t.text)) >= MIN_CHARS]


def _without(text: str, stock: set[str]) -> str:
    """The text without its boilerplate sentences, which W413 reports once instead."""
    return "".join(sentence for _, sentence in sentences(text) if normalize(sentence) not in stock)


def _percent(ratio: float) -> int:
    return min(100, int(ratio * 100 + 0.5))


def copied_from_last_year(current: Source, past: Source, year: int) -> list[Diagnostic]:
    """W411 at each text nearly the same as one of the unit's texts of last year."""
    old = _long(past.texts)
    if not old:
        return []
    index = Index([shingles(t.text) for t in old])
    found = []
    for text in _long(current.texts):
        matches = index.similar(shingles(text.text))
        if matches:
            n, ratio = max(matches, key=lambda m: (m[1], -m[0]))
            other = f"{old[n].loc.file}:{old[n].loc.line}"
            found.append(diag("W411", text.loc, year=year - 1, other=other, ratio=_percent(ratio)))
    return found


def _clusters(pairs: list[tuple[int, int]], size: int) -> list[int]:
    """Union-find: the representative of each text's cluster of similar texts."""
    parent = list(range(size))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in pairs:
        parent[root(a)] = root(b)
    return [root(n) for n in range(size)]


def across_units(sources: list[Source]) -> tuple[list[Diagnostic], list[Boilerplate]]:
    """W412 for a text two reports share; a text or sentence in three or more is boilerplate."""
    stock = stock_sentences(sources)
    own = [(s, t, _without(t.text, set(stock)) if stock else t.text) for s in sources for t in s.texts]
    texts = [(s, t) for s, t, rest in own if len(normalize(rest)) >= MIN_CHARS]
    sets = [shingles(rest) for _, _, rest in own if len(normalize(rest)) >= MIN_CHARS]
    index = Index(sets)
    pairs = [(a, b, ratio) for a in range(len(texts)) for b, ratio in index.similar(sets[a], after=a)
             if texts[a][0] is not texts[b][0]]
    cluster = _clusters([(a, b) for a, b, _ in pairs], len(texts))
    members: dict[int, set[str]] = defaultdict(set)
    for n, (source, _) in enumerate(texts):
        members[cluster[n]].add(source.label)
    found, boilerplate = [], []
    for a, b, ratio in pairs:
        if len(members[cluster[a]]) < BOILERPLATE_UNITS:
            for here, there in ((a, b), (b, a)):
                source, text = texts[there]
                other = f"{text.loc.file}:{text.loc.line}"
                found.append(diag("W412", texts[here][1].loc, unit=source.label, other=other,
                                  ratio=_percent(ratio)))
    reported = set()
    for n, (_, text) in enumerate(texts):
        units = members[cluster[n]]
        if len(units) >= BOILERPLATE_UNITS and cluster[n] not in reported:
            reported.add(cluster[n])
            boilerplate.append(Boilerplate(_shorten(text.text), len(units), text.loc))
    boilerplate += list(stock.values())
    found += [diag("W413", b.loc, count=b.count, sentence=b.sentence) for b in boilerplate]
    return found, boilerplate


def _shorten(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"


def stock_sentences(sources: list[Source]) -> dict[str, Boilerplate]:
    """Sentences of at least BOILERPLATE_CHARS that BOILERPLATE_UNITS or more reports share,
    by their normalized text."""
    seen: dict[str, tuple[set[str], str, Loc]] = {}
    for source in sources:
        for text in source.texts:
            for _, sentence in sentences(text.text):
                key = normalize(sentence)
                if len(key) < BOILERPLATE_CHARS:
                    continue
                entry = seen.setdefault(key, (set(), sentence, text.loc))
                entry[0].add(source.label)
    return {key: Boilerplate(_shorten(sentence), len(units), loc) for key, (units, sentence, loc) in seen.items()
            if len(units) >= BOILERPLATE_UNITS}
