"""Hypothesis strategies that the property tests share (tests/test_properties.py,
tests/test_fidelity.py): the characters of generated report text, and the shape of an
item of 主要做法和成效 and of an entry of 存在问题 / 下一步计划 in a unit file."""

from __future__ import annotations

from hypothesis import strategies as st

CHINESE = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车"
PUNCTUATION = "，。、；：？！“”‘’（）《》—…·"


def items(text, title, task_refs=None):
    """An item: a bare text, or 内容 with an optional 标题 (and 关联任务 from `task_refs`)."""

    @st.composite
    def item(draw):
        if draw(st.booleans()):
            return draw(text)
        found = {"内容": draw(text)}
        if draw(st.booleans()):
            found = {"标题": draw(title), **found}
        if task_refs is not None and draw(st.booleans()):
            found["关联任务"] = draw(task_refs)
        return found

    return item()


def entries(text, title):
    """An entry of 存在问题 or 下一步计划: a bare text, or 标题 and 内容."""

    @st.composite
    def entry(draw):
        return draw(text) if draw(st.booleans()) else {"标题": draw(title), "内容": draw(text)}

    return entry()
