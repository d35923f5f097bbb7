"""Every string of a parsed YAML file, with the key path that locates it (Loaded.loc and
Loaded.char_loc turn the path into file:line:col). One walker for every rule that reads
all the texts of a file: norms (content/norms.py), half-width marks (read/checks.py),
placeholders (read/placeholders.py)."""

from __future__ import annotations

from collections.abc import Iterator


def strings(value, skip: frozenset | set = frozenset(), path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for each string in nested mappings and lists, in file order; the
    top-level keys in `skip` are left out with everything under them."""
    if isinstance(value, dict):
        for key, child in value.items():
            if path or key not in skip:
                yield from strings(child, skip, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, skip, path + (index,))
    elif isinstance(value, str):
        yield path, value
