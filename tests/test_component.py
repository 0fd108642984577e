"""The spaCy component: ``nlp.add_pipe("stancegraph")`` gives what ``analyze`` gives.

The component is found by name through spaCy's entry points, sets ``doc._.actors``, ``quotes``,
``statements`` and ``events`` equal to :func:`stancegraph.analyze_text` on the same text, keeps
them across ``nlp.pipe(n_process=2)``, codes against a codebook named in its config, and says
clearly when that codebook cannot be read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from spacy.tokens import Doc

from stancegraph.errors import AnalysisError, InputError
from stancegraph.extract.codebook import load_codebook
from stancegraph.extract.nlp import DEFAULT_MODEL, PARAGRAPHS
from stancegraph.pipeline import Options, analyze, analyze_text
from stancegraph.pipeline.batch import balanced
from stancegraph.types import Analysis, Document, ReadFailure

if TYPE_CHECKING:
    from spacy.language import Language

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CODEBOOK = EXAMPLES / "codebook.yaml"

# One paragraph, so that spaCy's own sentence splits equal stancegraph's.
ONE_PARAGRAPH = (
    "The mayor, Anna Berg, said on Monday that the council would rebuild the old bridge. "
    '"We will not wait another year," Berg told reporters. The opposition leader, Tom Ruiz, '
    "accused her of wasting money, and the transport union backed the plan."
)
# Events resolve "on Monday" against the article's date.
DATED = ("Rebels attacked the army base on Monday, the military said.", "2019-01-04")


@pytest.fixture(scope="module")
def spacy_nlp() -> Language:
    """The packaged English pipeline loaded by spaCy itself, with the component added by name."""
    import spacy

    try:
        nlp = spacy.load(DEFAULT_MODEL)
    except OSError as err:
        pytest.skip(f"{DEFAULT_MODEL} not loadable: {err}")
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe("stancegraph")
    return nlp


def extensions(doc: Doc) -> dict[str, Any]:
    return {name: getattr(doc._, name) for name in ("actors", "quotes", "statements", "events")}


def facts(analysis: Analysis) -> dict[str, Any]:
    return {
        "actors": analysis.actors,
        "quotes": analysis.quotes,
        "statements": analysis.statements,
        "events": analysis.events,
    }


@pytest.mark.model
def test_add_pipe_by_name_without_importing_stancegraph() -> None:
    script = (
        "import json, spacy, sys\n"
        f"nlp = spacy.load({DEFAULT_MODEL!r})\n"
        "nlp.add_pipe('stancegraph')\n"
        f"doc = nlp({ONE_PARAGRAPH!r})\n"
        "print(json.dumps([nlp.pipe_names, [q.speaker_text for q in doc._.quotes]]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    names, speakers = json.loads(done.stdout)
    assert names[-1] == "stancegraph"
    expected = [q.speaker_text for q in analyze_text(ONE_PARAGRAPH).quotes]
    assert speakers == expected and expected


@pytest.mark.model
def test_extension_values_equal_analyze_text(spacy_nlp: Language) -> None:
    text = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    doc = spacy_nlp(text)
    got = extensions(doc)
    assert got == facts(analyze_text(text))
    assert got["quotes"] and got["statements"] and got["events"]
    assert doc._.stancegraph_error is None
    assert extensions(spacy_nlp(ONE_PARAGRAPH)) == facts(analyze_text(ONE_PARAGRAPH))


@pytest.mark.model
def test_document_metadata_in_extensions(spacy_nlp: Language) -> None:
    text, date = DATED
    doc = spacy_nlp.make_doc(text)
    doc._.doc_id, doc._.date = "raid", date
    events = spacy_nlp(doc)._.events
    expected = next(analyze([Document(id="raid", text=text, date=date)])).events
    assert events == expected
    assert [e.date for e in events] == ["2018-12-31"]  # the Monday before Friday 4 January


@pytest.mark.model
def test_n_process_2_round_trip(spacy_nlp: Language) -> None:
    texts = [ONE_PARAGRAPH, DATED[0], "Nobody said anything today."]
    inputs = []
    for n, text in enumerate(texts):
        doc = spacy_nlp.make_doc(text)
        doc._.doc_id, doc._.date = f"d{n}", DATED[1]
        inputs.append(doc)
    docs = list(spacy_nlp.pipe(inputs, n_process=2, batch_size=1))
    assert [d.text for d in docs] == texts
    assert [d._.doc_id for d in docs] == ["d0", "d1", "d2"]
    expected = analyze([Document(id=f"d{n}", text=t, date=DATED[1]) for n, t in enumerate(texts)])
    assert [extensions(d) for d in docs] == [facts(a) for a in expected]
    assert docs[0]._.quotes and docs[1]._.events


@pytest.mark.model
def test_analyze_with_two_workers_equals_one() -> None:
    texts = [ONE_PARAGRAPH, DATED[0], "Nobody said anything today.", ONE_PARAGRAPH[:120]]
    documents = [Document(id=f"d{n}", text=t, date=DATED[1]) for n, t in enumerate(texts)]
    one = list(analyze(documents, Options(workers=1)))
    two = list(analyze(documents, Options(workers=2, batch_size=1)))
    assert two == one
    assert [a.document for a in two] == documents


@pytest.mark.model
def test_codebook_in_config(spacy_nlp: Language) -> None:
    import spacy

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe("stancegraph", config={"codebook": str(CODEBOOK)})
    text = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    statements = nlp(text)._.statements
    codebook = load_codebook(CODEBOOK)
    assert statements
    assert {s.concept for s in statements} <= {c.id for c in codebook.concepts}
    expected = analyze_text(text, options=Options(codebook=codebook)).statements
    assert statements == expected
    assert statements != spacy_nlp(text)._.statements  # key phrases without the codebook


@pytest.mark.model
def test_a_bad_codebook_path_is_one_clear_error() -> None:
    import spacy

    nlp = spacy.blank("en")
    missing = "no/such/codebook.yaml"
    with pytest.raises(InputError) as caught:
        nlp.add_pipe("stancegraph", config={"codebook": missing})
    assert str(caught.value) == f"{missing}: codebook not found"


@pytest.mark.model
def test_extraction_errors_raise_or_are_recorded(
    spacy_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: Doc, **kwargs: Any) -> Any:
        raise RuntimeError("simulated extraction bug")

    monkeypatch.setattr("stancegraph.pipeline.extraction.extract_raw_quotes", broken)
    doc = spacy_nlp.make_doc(ONE_PARAGRAPH)
    doc._.doc_id = "bridge"
    with pytest.raises(AnalysisError, match="^bridge: extraction failed .RuntimeError"):
        spacy_nlp(doc)
    component = spacy_nlp.get_pipe("stancegraph")
    monkeypatch.setattr(component, "on_error", "record")
    recorded = spacy_nlp(ONE_PARAGRAPH)
    assert recorded._.stancegraph_error == (
        "extraction failed (RuntimeError: simulated extraction bug)"
    )
    assert extensions(recorded) == {"actors": (), "quotes": (), "statements": (), "events": ()}


def test_documents_are_dealt_to_workers_in_equal_shares() -> None:
    # spaCy deals batch k to worker k mod 2; in input order worker 0 would get all long texts.
    lengths = [100, 100, 1, 1, 100, 100, 1, 1, 50, 50, 7]
    documents = [Document(id=str(n), text="x" * size) for n, size in enumerate(lengths)]
    dealt = list(balanced(documents, workers=2, batch_size=2))
    assert sorted(index for index, _ in dealt) == list(range(len(lengths)))
    assert all(documents[index] is document for index, document in dealt)
    shares = [0, 0]
    for position, (_, document) in enumerate(dealt):
        shares[position // 2 % 2] += len(document.text)
    assert shares == [259, 252]  # in input order: 500 and 11
    assert list(balanced(documents, workers=1, batch_size=2)) == list(enumerate(documents))


@pytest.mark.model
def test_failures_with_two_workers_come_in_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    from stancegraph.extract.quotes import extract_raw_quotes

    def flaky(doc: Doc, **kwargs: Any) -> Any:
        if "EXPLODE" in doc.text:
            raise RuntimeError("simulated extraction bug")
        return extract_raw_quotes(doc, **kwargs)

    monkeypatch.setattr("stancegraph.pipeline.extraction.extract_raw_quotes", flaky)
    texts = [ONE_PARAGRAPH, "EXPLODE, she said.", DATED[0], "He said EXPLODE twice."]
    documents = [Document(id=f"d{n}", text=t, source=f"s{n}") for n, t in enumerate(texts)]
    failures: list[ReadFailure] = []
    analyses = list(analyze(documents, Options(workers=2, batch_size=1), failures=failures))
    assert [a.document.id for a in analyses] == ["d0", "d2"]
    assert [f.source for f in failures] == ["s1", "s3"]
    assert {f.reason for f in failures} == {
        "extraction failed (RuntimeError: simulated extraction bug)"
    }


def test_analyze_takes_read_inputs_with_its_failures(tmp_path: Path) -> None:
    import stancegraph as sg

    (tmp_path / "good.txt").write_text('"We will not sign," the minister said.\n', encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    failures: list[sg.ReadFailure] = []
    analyses = list(sg.analyze(sg.read_inputs([str(tmp_path)]), failures=failures))
    assert [a.document.id for a in analyses] == ["good"]
    assert [Path(f.source).name for f in failures] == ["empty.txt"]
    with pytest.raises(sg.InputError, match="empty"):
        list(sg.analyze(sg.read_inputs([str(tmp_path)])))
