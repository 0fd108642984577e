"""Tests of stancegraph.extract.nlp's entity table against spaCy's own ``Span.ents``."""

from __future__ import annotations

import random

import pytest

from stancegraph.extract.nlp import document_entities, entities_in, load_pipeline

pytestmark = pytest.mark.model

TEXT = (
    "On Monday the European Commission in Brussels asked Germany and France to act. "
    "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on 3 March 2023, "
    "and the United Nations welcomed the plan. Nobody in the room spoke. "
    "Later, NATO said 12 members of the alliance would meet in Vilnius in July."
)


def test_entities_in_equals_span_ents_for_every_kind_of_span() -> None:
    doc = load_pipeline()(TEXT)
    assert len(doc.ents) > 5
    assert [(e.start, e.end, e.label_) for e in document_entities(doc)] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    rng = random.Random(7)
    spans = [*doc.sents, doc[:], doc[0:0], doc[len(doc) - 1 :]]
    for _ in range(300):
        start = rng.randrange(len(doc))
        spans.append(doc[start : rng.randrange(start, len(doc) + 1)])
    for span in spans:
        mine = [(e.start, e.end, e.label_) for e in entities_in(span)]
        assert mine == [(e.start, e.end, e.label_) for e in span.ents], span.text


def test_the_table_follows_the_document_it_is_asked_about() -> None:
    nlp = load_pipeline()
    first, second = nlp("Angela Merkel visited Madrid."), nlp("The meeting was in Oslo.")
    assert [e.text for e in entities_in(first[:])] == [e.text for e in first.ents]
    assert [e.text for e in entities_in(second[:])] == [e.text for e in second.ents]
    assert [e.text for e in entities_in(first[:])] == [e.text for e in first.ents]
