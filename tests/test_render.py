"""The HTML view: every actor of a document has a colour of its own."""

from __future__ import annotations

import re

from stancegraph.formats.render import render_html
from stancegraph.types import Actor, Analysis, Document


def test_each_actor_of_a_document_has_its_own_colour() -> None:
    names = [f"Person {n}" for n in range(12)]
    text = ". ".join(names) + "."
    actors = tuple(
        Actor(f"a{n}", name, "person", (), ((text.index(name), text.index(name) + len(name)),))
        for n, name in enumerate(names, start=1)
    )
    page = render_html([Analysis(Document(id="d", text=text), actors, ())])
    table = page[page.index("<table>") : page.index("</table>")]
    colours = re.findall(r"<mark style='background:(#[0-9a-f]{6})'>", table)
    assert len(colours) == 12
    assert len(set(colours)) == 12
