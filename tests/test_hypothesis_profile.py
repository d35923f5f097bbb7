"""#18: `pytest` gives the same result every time: the default Hypothesis profile
(tests/conftest.py) is derandomized and keeps no example database; `--hypothesis-profile
fuzz` searches with random seeds and more examples."""

from hypothesis import settings

from conftest import examples


def test_the_loaded_profile_is_deterministic_or_the_documented_fuzz_run():
    current = settings()
    assert current.database is None and current.deadline is None
    if current.max_examples == settings.get_profile("default").max_examples:
        assert current.derandomize and examples(60) == 60
    else:
        assert current.max_examples == settings.get_profile("fuzz").max_examples == 2000
        assert not current.derandomize and examples(60) == 60 * 20
