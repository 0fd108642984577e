"""Cleaning an article's text, and a document from a text.

In: raw article text (any line breaks, Unicode spaces, zero-width characters, page furniture) and
optionally its headline. Out: ``clean_text``, the cleaned body that every later offset
indexes into; ``document_from_text``, a ``stancegraph.types.Document`` of it (or an
``stancegraph.errors.InputError`` when nothing is left or the text is too long); and
``split_title``, the headline of a plain-text file. Cleaning only normalises whitespace and
drops whole lines that are clearly page furniture (credits, time stamps, share prompts,
datelines) or a repeated headline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from stancegraph.errors import InputError
from stancegraph.types import Document

__all__ = [
    "DEFAULT_MAX_CHARS",
    "NOTHING_LEFT",
    "clean_field",
    "clean_text",
    "document_from_text",
    "is_boilerplate",
    "split_title",
]

DEFAULT_MAX_CHARS = 1_000_000


_ZERO_WIDTH_RE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_ODD_SPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN_RE = re.compile(" {2,}")
_PARA_SPLIT_RE = re.compile(r"\n{2,}")

_QUOTE_RE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018]')
# No line longer than this is page furniture (the longest kind, a captioned credit, is shorter).
_BOILERPLATE_MAX_CHARS = 400


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTH_SET = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAY_SET = _words(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun"
)
_DATE_WORDS = _words(
    "am pm a.m p.m a.m. p.m. on at of the in and ago just now today yesterday "
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks "
    "et est edt ct cst cdt mt mst mdt pt pst pdt akst hst gmt utc bst cet cest eet eest wet "
    "west ist jst kst aest aedt acst awst nzst nzdt msk sast"
)
_DATE_NUMBER_RE = re.compile(
    r"""
    \d{1,4}(?:st|nd|rd|th)?                                  # 4 | 4th | 2019
    | \d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)?  # 10:32 | 10.32pm
    | \d{1,2}(?:am|pm)                                       # 10am
    | \d{4}-\d{1,2}-\d{1,2}(?:t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?  # 2019-01-04 | ...T10:00Z
    | \d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}                         # 04/01/2019
    | (?:utc|gmt)[+-]\d{1,2}(?::?\d{2})?                     # UTC+2
    """,
    re.VERBOSE,
)
_FULL_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_DATE_LINE_MAX_CHARS = 160
_TOKEN_STRIP = " ,;|()[]\u2022\u00b7-\u2013\u2014/"

_STAMP_RE = re.compile(
    r"^(?:first\s+published|published|updated|last\s+updated|last\s+modified|modified|posted"
    r"|originally\s+published)\b(?:\s+on\b)?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)

# Whole-line page furniture, matched only on lines of at most _PROMPT_MAX_WORDS words.
_PROMPT_MAX_WORDS = 12
_PROMPT_RES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # photo and image credits
        r"^\(?(?:photo|photos|photograph|image|images|picture|pictures|illustration|graphic"
        r"|video)(?:\s+credits?)?\s*[:|]\s*\S.*$",
        r"^\(?(?:photo|photograph|image|picture|illustration)s?\s+(?:by|courtesy\s+of|credit)\b"
        r".*$",
        r"^image\s+(?:copyright|caption|source)\b.*$",
        r"^\(?(?:ap|afp|epa|reuters|getty|upi)(?:\s+images)?\s*(?:photo)?\s*/.*$",
        r"^\(?[\w .,'\u2019-]{1,60}/\s*(?:getty\s+images|ap|afp|epa|reuters|bloomberg|shutterstock"
        r"|ap\s+photo|pool|sipa|zuma|alamy|anadolu)(?:\s+via\s+[\w ]+)?\s*\)?\.?$",
        r"^credits?\s*:\s*\S.*$",
        # share and navigation prompts
        r"^share\s+(?:this|the)\s+(?:article|story|page|post)\b.*$",
        r"^share\s+(?:on|via|to)\s+\w+.*$",
        r"^(?:share|tweet|email|e-mail|print|save|comments?|advertisement|advert|sponsored"
        r"|sponsored\s+content|story\s+continues\s+below(?:\s+advertisement)?|skip\s+advert"
        r"|close|menu|search)\s*:?$",
        r"^click\s+here\b.*$",
        r"^sign\s+up\b.*\b(?:newsletter|newsletters|email|emails|alerts|updates|briefing)\b.*$",
        r"^subscribe\b.*\b(?:newsletter|newsletters|podcast|channel|updates|alerts|emails?|today"
        r"|now|free)\b.*$",
        r"^follow\s+(?:us|@\w+|[\w .]+?)\s+on\s+(?:twitter|facebook|instagram|x|linkedin|tiktok"
        r"|youtube|threads|bluesky|mastodon)\b.*$",
        r"^(?:read\s+more|related|see\s+also|more\s+on\s+this\s+story|watch|listen|read\s+next"
        r"|also\s+read|recommended|most\s+read|more|related\s+(?:articles|stories|coverage))"
        r"(?:\s*[:|]|\s+[\u2014\u2013-])(?:\s.*)?$",
        r"^(?:read\s+more|related\s+(?:articles|stories|coverage)|more\s+on\s+this\s+story)$",
        # copyright
        r"^(?:copyright\s*(?:\u00a9|\(c\)|\d{4})|\u00a9|\(c\)\s*\d{4}).*$",
        r"^.*\ball\s+rights\s+reserved\.?$",
    )
)
# A byline: "By Ana Reyes", "By Ana Reyes and Tom Hale, Reuters", "By ANA REYES | Staff writer".
_NAME_WORDS = r"(?:[A-Z][\w'\u2019.-]*\s*){1,4}"
_BYLINE_RE = re.compile(
    rf"^By\s+{_NAME_WORDS}(?:(?:,|and|&|\|)\s*{_NAME_WORDS}|(?:,|\|)\s*[Ss]taff\s+\w+\s*)*$"
)
# A picture caption that ends in its credit, e.g. "The procession. Image: Genium." (Wikinews).
_CAPTION_CREDIT_RE = re.compile(
    r"^.{1,250}?[\s(](?:Image|Photo|Picture)s?:\s*(?P<credit>[^.:;!?]{1,80})\.?$"
)
_CAPTION_MAX_WORDS = 30

# A dateline before a story's first words: "WASHINGTON —", "NEW YORK (AP) —", "LONDON, March
# 3 (Reuters) -". The place is in capitals; a dash and a capitalised word follow.
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.]*(?: [\w.]+){0,3})?"
    r"(?: \([A-Za-z.&/ ]{1,30}\))? ?[—–-]{1,2} (?=[A-Z“\"])"
)

_SENTENCE_END_RE = re.compile("[.!?:;\u2026][\"'\u201d\u2019\u00bb)\\]]*$")
_WS_NORM_RE = re.compile(r"\s+")
_LEAD_MIN_WORDS = 3


def _fold(text: str) -> str:
    """Case- and whitespace-insensitive form of a line or paragraph, for comparisons."""
    return _WS_NORM_RE.sub(" ", text).strip().casefold()


def _is_dateish_token(token: str) -> bool:
    return (
        token in _DATE_WORDS
        or token in _MONTH_SET
        or token.rstrip(".") in _MONTH_SET
        or token in _WEEKDAY_SET
        or token.rstrip(".") in _WEEKDAY_SET
        or _DATE_NUMBER_RE.fullmatch(token) is not None
    )


def _date_tokens(text: str) -> list[str] | None:
    """The tokens of ``text`` when every one of them belongs to a date or time, else None."""
    if len(text) > _DATE_LINE_MAX_CHARS:
        return None
    tokens: list[str] = []
    for raw in text.casefold().split():
        token = raw.strip(_TOKEN_STRIP)
        if not token:
            continue
        if not _is_dateish_token(token):
            return None
        tokens.append(token)
    return tokens or None


def _is_date_line(line: str) -> bool:
    """A line that is only a date, such as a Wikinews dateline 'Friday, January 4, 2019'."""
    tokens = _date_tokens(line)
    if tokens is None:
        return False
    return any(t.rstrip(".") in _MONTH_SET or _FULL_DATE_RE.fullmatch(t) for t in tokens)


def _is_stamp_line(line: str) -> bool:
    """'Published 10:32 AM ET, March 5, 2021', 'Updated 3 hours ago' and the like."""
    match = _STAMP_RE.match(line)
    if match is None:
        return False
    rest = match.group("rest")
    return any(c.isdigit() for c in rest) and _date_tokens(rest) is not None


def _is_byline(line: str) -> bool:
    """'By' and names only; not 'By Monday' or 'By March 3'."""
    if _BYLINE_RE.match(line) is None:
        return False
    second = line.split()[1].casefold().rstrip(".,")
    return second not in _MONTH_SET and second not in _WEEKDAY_SET


def is_boilerplate(line: str) -> bool:
    """Whether one whole (already whitespace-normalised) line is page furniture."""
    if not line or len(line) > _BOILERPLATE_MAX_CHARS:
        return False
    if _QUOTE_RE.search(line):
        # Only a picture caption that ends in its credit ('"No war" sign. Image: Ana Reyes.'):
        # anything else with a quotation mark may be someone's words.
        return _is_credited_caption(line)
    if _is_date_line(line) or _is_stamp_line(line):
        return True
    words = len(line.split())
    if words <= _PROMPT_MAX_WORDS and any(p.match(line) for p in _PROMPT_RES):
        return True
    if words <= _PROMPT_MAX_WORDS and _is_byline(line):
        return True
    return _is_credited_caption(line)


def _is_credited_caption(line: str) -> bool:
    if len(line.split()) > _CAPTION_MAX_WORDS:
        return False
    caption = _CAPTION_CREDIT_RE.match(line)
    return caption is not None and caption.group("credit")[0].isupper()


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n").replace("\x85", "\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _ODD_SPACE_RE.sub(" ", text)
    text = _SPACE_RUN_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def clean_text(text: str, *, title: str | None = None) -> str:
    """The cleaned body of an article: the exact string that is analysed.

    Line breaks become ``\\n``; Unicode spaces become plain spaces and runs of them one space;
    zero-width characters go; each line is stripped; a blank line separates paragraphs
    (``\\n\\n``) and single line breaks inside a paragraph are kept. Whole lines that are page
    furniture (picture credits, 'Published ...'/'Updated ...' stamps, a line that is only a
    date, share and newsletter prompts, 'Advertisement', 'Read more:', bylines, copyright
    lines) are dropped, but never a line with a quotation mark in it, and a paragraph loses a
    dateline before its first words ('WASHINGTON (AP) — '). A paragraph that repeats
    ``title`` is dropped wherever it stands, and so is every later copy of one of the first two
    paragraphs (scraped pages often repeat the headline and the lead).
    """
    paragraphs: list[str] = []
    for block in _PARA_SPLIT_RE.split(_normalise(text)):
        lines = [line for line in block.split("\n") if line and not is_boilerplate(line)]
        if lines:
            lines[0] = _DATELINE_RE.sub("", lines[0], count=1)
            paragraphs.append("\n".join(lines))

    headline = _fold(title) if title is not None else ""
    kept: list[str] = []
    leads: list[str] = []
    for paragraph in paragraphs:
        folded = _fold(paragraph)
        if (headline and folded == headline) or folded in leads:
            continue  # the headline or a lead paragraph again, as scraped pages repeat them
        if len(kept) < 2 and len(folded.split()) >= _LEAD_MIN_WORDS:
            leads.append(folded)
        kept.append(paragraph)
    return "\n\n".join(kept).strip()


def clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = _WS_NORM_RE.sub(" ", _ZERO_WIDTH_RE.sub("", value)).strip()
    return value or None


NOTHING_LEFT = "no text left after cleaning"


def _too_long(length: int, max_chars: int) -> str:
    return f"document is {length} characters; the limit is {max_chars} (raise it with --max-chars)"


def document_from_text(
    text: str,
    *,
    doc_id: str,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
    meta: Mapping[str, str] | None = None,
    clean: bool = True,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """A ``Document`` of ``text``, cleaned with ``clean_text`` unless ``clean`` is False.

    Raises ``InputError`` (with ``source``, else ``doc_id``, as its source) when nothing is
    left to analyse or the text is longer than ``max_chars`` characters.
    """
    title = clean_field(title)
    body = clean_text(text, title=title) if clean else text
    where = source if source is not None else doc_id
    if not body.strip():
        reason = NOTHING_LEFT if clean and text.strip() else "no text"
        raise InputError(reason, source=where)
    if len(body) > max_chars:
        raise InputError(_too_long(len(body), max_chars), source=where)
    return Document(
        id=doc_id,
        text=body,
        title=title,
        date=clean_field(date),
        url=clean_field(url),
        source=source,
        meta=dict(meta) if meta else {},
    )


_TITLE_RE = re.compile(r"\A\s*([^\r\n]+)(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")
_LEADING_BLANK_LINES_RE = re.compile(r"\A(?:[^\S\r\n]*(?:\r\n|\r|\n))+")
_TITLE_MAX_CHARS = 200


def split_title(text: str) -> tuple[str | None, str]:
    """A plain-text headline (short first line without final punctuation, then a blank line)."""
    match = _TITLE_RE.match(text)
    if match is None:
        return None, text
    line = clean_field(_ODD_SPACE_RE.sub(" ", match.group(1)))
    if (
        line is None
        or len(line) > _TITLE_MAX_CHARS
        or _SENTENCE_END_RE.search(line)
        or is_boilerplate(line)
    ):
        return None, text
    body = _LEADING_BLANK_LINES_RE.sub("", text[match.end() :], count=1)
    if not body.strip():
        return None, text
    return line, body
