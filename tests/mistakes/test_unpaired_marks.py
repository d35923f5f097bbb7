"""An unpaired “ in 导语 (and ‘’ 《》 （）): a warning at the mark (W431, the GB/T 15834 rule of
reportgen/content/norms.py, which also serves issue #12)."""

import pytest

from edits import UNIT, place, problems


def test_unpaired_opening_quote_in_the_intro(sample):
    sample.replace(UNIT, "2023年，我局坚持以", "2023年，我局坚持以“")
    line, col = place(sample.read(UNIT), "“")
    assert problems(sample) == [("W431", line, col)]


@pytest.mark.parametrize("mark", ["《", "）", "‘"])
def test_other_marks(sample, mark):
    line = sample.replace(UNIT, "2023年，我局坚持以", f"2023年，我局{mark}坚持以")
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("W431", line)]
