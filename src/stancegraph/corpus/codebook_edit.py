"""Editing a codebook file: concepts added, renamed, nested under a parent and merged.

In: a YAML codebook file (the format of ``extract.codebook``) and one edit. Out: the file
written again whole (``formats.safe.write_atomic``), with its comments, key order, flow lists
and quoting kept as far as ruamel.yaml's round trip keeps them (the comment of a concept merged
away goes with it), and a ``ConceptEdit`` saying what changed, which the store records
(``corpus.store_concepts``) so that statements coded to a renamed or merged concept follow it.

Every edit is checked before anything is written: an unknown concept, an id or label already
taken, a parent that would make a cycle, a file that is no codebook: each raises ``InputError``
naming the file and the problem in one line, and the file is left as it was. The edited
codebook is read back with ``extract.codebook.codebook_from_dict`` before it is written, so a
written file always loads.

Renaming keeps the old label as a keyword (the text that named the concept still finds it);
merging gives the kept concept the other's label, keywords and patterns, and its children.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..errors import InputError
from ..extract.codebook import Codebook, codebook_from_dict
from ..formats.safe import write_atomic

__all__ = [
    "ConceptEdit",
    "add_concept",
    "merge_concepts",
    "nest_concept",
    "read_codebook",
    "rename_concept",
]

EditKind = Literal["add", "rename", "nest", "merge"]


@dataclass(frozen=True, slots=True)
class ConceptEdit:
    """One edit of a codebook: what was done to which concept, and what it is now."""

    kind: EditKind
    concept: str  # the concept's id before the edit (merge: the one merged away)
    id: str  # its id after the edit (merge: the kept concept's id)
    label: str  # its label after the edit (merge: the kept concept's label)
    parent: str | None = None  # add and nest: the new parent

    def describe(self) -> str:
        """One line for the user."""
        if self.kind == "add":
            under = f" under {self.parent!r}" if self.parent else ""
            return f"added concept {self.id!r} ({self.label}){under}"
        if self.kind == "rename" and self.id == self.concept:
            return f"concept {self.id!r} is now labelled {self.label!r}"
        if self.kind == "rename":
            return f"renamed concept {self.concept!r} to {self.id!r} ({self.label})"
        if self.kind == "nest":
            where = f"under {self.parent!r}" if self.parent else "at the top"
            return f"put concept {self.id!r} {where}"
        return f"merged concept {self.concept!r} into {self.id!r} ({self.label})"


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and flow style kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote on one
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# -- reading and writing -----------------------------------------------------------------------


def read_codebook(path: str | Path) -> tuple[CommentedMap, Codebook]:
    """The file's round-trip data and the codebook it holds; ``InputError`` if it is none."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise InputError("codebook not found", source=source) from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read codebook ({err})", source=source) from err
    try:
        data = _yaml().load(text)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"bad YAML{where}", source=source) from err
    if not isinstance(data, CommentedMap):
        raise InputError("the top level must be a mapping with a 'concepts' list", source=source)
    return data, _checked(data, source)


def _checked(data: CommentedMap, source: str) -> Codebook:
    try:
        return codebook_from_dict(data)
    except ValueError as err:
        raise InputError(str(err), source=source) from err


def _write(path: str | Path, data: CommentedMap) -> None:
    _checked(data, str(path))
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    try:
        write_atomic(Path(path), buffer.getvalue())
    except OSError as err:
        raise InputError(
            f"cannot write codebook ({err.strerror or err})", source=str(path)
        ) from err


def _items(data: CommentedMap) -> CommentedSeq:
    concepts = data.get("concepts")
    assert isinstance(concepts, CommentedSeq)  # _checked saw a list
    return concepts


def _find(data: CommentedMap, concept: str, source: str) -> CommentedMap:
    for item in _items(data):
        if str(item.get("id")) == concept:
            assert isinstance(item, CommentedMap)
            return item
    raise InputError(f"no such concept {concept!r}", source=source)


def _free(book: Codebook, *, concept_id: str, label: str, source: str, mine: str = "") -> None:
    """Refuse an id or a label another concept than ``mine`` already has."""
    if not concept_id.strip() or not label.strip():
        raise InputError("a concept needs an id and a label", source=source)
    for c in book.concepts:
        if c.id == mine:
            continue
        if c.id == concept_id:
            raise InputError(f"concept id {concept_id!r} is taken", source=source)
        if c.label.casefold() == label.casefold():
            raise InputError(f"label {label!r} is concept {c.id!r}'s", source=source)


def _flow(values: Sequence[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _extend(item: CommentedMap, key: str, values: Sequence[str], skip: Sequence[str] = ()) -> None:
    """Append ``values`` to the item's list ``key`` (case-insensitively new ones only)."""
    have = item.get(key)
    current = [str(v) for v in have] if isinstance(have, list) else []
    seen = {v.casefold() for v in (*current, *skip)}
    new = [v for v in dict.fromkeys(values) if v.casefold() not in seen]
    if not new:
        return
    if isinstance(have, CommentedSeq):
        have.extend(new)
    else:
        item[key] = _flow([*current, *new])


# -- the edits ---------------------------------------------------------------------------------


def add_concept(
    path: str | Path,
    concept_id: str,
    label: str,
    *,
    parent: str | None = None,
    keywords: Sequence[str] = (),
    patterns: Sequence[str] = (),
    description: str = "",
) -> ConceptEdit:
    """Append a concept to the codebook file."""
    source = str(path)
    data, book = read_codebook(path)
    concept_id, label = " ".join(concept_id.split()), " ".join(label.split())
    _free(book, concept_id=concept_id, label=label, source=source)
    if parent is not None and book.concept(parent) is None:
        raise InputError(f"no such concept {parent!r} to put {concept_id!r} under", source=source)
    item = CommentedMap([("id", concept_id), ("label", label)])
    if description.strip():
        item["description"] = " ".join(description.split())
    if keywords:
        item["keywords"] = _flow(list(dict.fromkeys(keywords)))
    if patterns:
        item["patterns"] = _flow(list(dict.fromkeys(patterns)))
    if parent is not None:
        item["parent"] = parent
    _items(data).append(item)
    _write(path, data)
    return ConceptEdit("add", concept_id, concept_id, label, parent)


def rename_concept(
    path: str | Path, concept: str, *, label: str | None = None, new_id: str | None = None
) -> ConceptEdit:
    """Give a concept a new label and/or id; its children follow a new id."""
    source = str(path)
    data, book = read_codebook(path)
    item = _find(data, concept, source)
    old_label = str(item["label"])
    label = " ".join((label or old_label).split())
    new_id = " ".join((new_id or concept).split())
    if label == old_label and new_id == concept:
        raise InputError(f"concept {concept!r} already has that id and label", source=source)
    _free(book, concept_id=new_id, label=label, source=source, mine=concept)
    item["id"], item["label"] = new_id, label
    if label.casefold() != old_label.casefold():
        _extend(item, "keywords", [old_label], skip=[label])
    for other in _items(data):
        if other.get("parent") == concept:
            other["parent"] = new_id
    _write(path, data)
    return ConceptEdit("rename", concept, new_id, label)


def nest_concept(path: str | Path, concept: str, parent: str | None) -> ConceptEdit:
    """Put a concept under ``parent`` (None: at the top); a cycle is refused."""
    source = str(path)
    data, book = read_codebook(path)
    item = _find(data, concept, source)
    if parent is not None:
        if book.concept(parent) is None:
            raise InputError(f"no such concept {parent!r} to put {concept!r} under", source=source)
        if parent == concept:
            raise InputError(f"concept {concept!r} cannot go under itself", source=source)
        if concept in book.ancestors(parent):
            raise InputError(
                f"putting {concept!r} under {parent!r} makes a cycle: "
                f"{parent!r} is already under {concept!r}",
                source=source,
            )
        item["parent"] = parent
    elif "parent" in item:
        del item["parent"]
    _write(path, data)
    return ConceptEdit("nest", concept, concept, str(item["label"]), parent)


def merge_concepts(path: str | Path, into: str, other: str) -> ConceptEdit:
    """Merge concept ``other`` into ``into``: its label, keywords and patterns become
    ``into``'s, its children ``into``'s children, and ``other`` leaves the codebook."""
    source = str(path)
    data, book = read_codebook(path)
    kept, gone = _find(data, into, source), _find(data, other, source)
    if into == other:
        raise InputError(f"cannot merge concept {into!r} into itself", source=source)
    if other in book.ancestors(into):
        raise InputError(
            f"cannot merge {other!r} into {into!r}, which it contains: "
            f"first put {into!r} elsewhere (concepts nest)",
            source=source,
        )
    words = [str(gone["label"]), *(str(k) for k in gone.get("keywords") or [])]
    _extend(kept, "keywords", words, skip=[str(kept["label"])])
    _extend(kept, "patterns", [str(p) for p in gone.get("patterns") or []])
    if not kept.get("description") and gone.get("description"):
        kept["description"] = gone["description"]
    for item in _items(data):
        if item.get("parent") == other:
            item["parent"] = into
    concepts = _items(data)
    del concepts[concepts.index(gone)]
    _write(path, data)
    return ConceptEdit("merge", other, into, str(kept["label"]))
