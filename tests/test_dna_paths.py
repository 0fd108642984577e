"""DNA files whose path holds characters that mean something in a ``file:`` URI.

The reader opens a DNA database read-only through a SQLite URI; ``#`` and ``?`` in its path
must name the file, not start a fragment or a query.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stancegraph.formats.dna import read_dna, read_dna_texts, records_from_analyses, write_dna
from test_dna import make_analyses


@pytest.mark.parametrize("name", ["a#b.dna", "a?b.dna", "a%23b.dna", "x?mode=rwc#.dna"])
def test_a_dna_file_with_uri_characters_in_its_name_reads_back(tmp_path: Path, name: str) -> None:
    analyses = make_analyses()
    records = records_from_analyses(analyses)
    texts = {a.document.id: a.document.text for a in analyses}
    folder = tmp_path / "odd #?dir"
    folder.mkdir()
    path = folder / name
    write_dna(records, path, texts=texts)
    assert read_dna(path) == records
    assert read_dna_texts(path) == texts
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no stray file beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd #?dir"]
