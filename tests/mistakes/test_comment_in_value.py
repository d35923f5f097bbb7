"""`均被采纳 #重点 另有3件正在办理。`: the rest of the line became a comment."""

from edits import UNIT, check, place, problems


def test_hash_after_a_space_in_a_plain_text(sample):
    sample.replace(UNIT, "采纳312条。", "均被采纳 #重点 另有3件正在办理。")
    line, col = place(sample.read(UNIT), "#重点")
    assert problems(sample) == [("E310", line, col)]  # words that would be lost: an error (#18)
    assert [(d.code, d.loc.line) for d in check(sample).errors] == [("E310", line)]


def test_hash_in_quotes_or_without_a_space_is_text(sample):
    sample.replace(UNIT, "采纳312条。", "采纳312条#重点。")
    assert problems(sample) == []
