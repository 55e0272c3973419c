"""Normalisation of real-world cell text: width, brackets, white space, traditional characters.

These helpers build *matching keys*; the text a table published is always kept as written beside them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_SPACE_RE = re.compile(r"\s+")

# 文号 year brackets seen in published tables: 〔〕 [] () ﹝﹞ 【】 ［］ （） 〔) and friends.
_OPEN_BRACKETS = "〔[(﹝【［（{｛〖"
_CLOSE_BRACKETS = "〕])﹞】］）}｝〗"


def squash_space(text: str) -> str:
    """Return ``text`` with line breaks and runs of white space removed between CJK characters.

    Published cells wrap lines anywhere ("公开\\n时限"); a space between two Latin words is kept as one space.
    """
    text = text.strip()
    if not text:
        return text

    def repl(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            return " "
        return ""

    return _SPACE_RE.sub(repl, text)


def to_halfwidth(text: str) -> str:
    """Fold full-width ASCII variants (ＡＢ１２：（）) to half-width; CJK characters are unchanged."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones with OpenCC (``t2s``).

    OpenCC is imported on first use; plain simplified text is returned unchanged.
    """
    if text.isascii():
        return text
    return str(_opencc().convert(text))


@lru_cache(maxsize=2)
def _opencc(config: str = "t2s") -> Any:
    import opencc  # lazy: only tables with traditional characters need it

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Convert simplified characters to traditional ones with OpenCC (``s2t``), e.g. for search keywords."""
    if text.isascii():
        return text
    return str(_opencc("s2t").convert(text))


def match_key(text: str) -> str:
    """Return a key for comparing names across tables: half-width, simplified, no white space or brackets style.

    ``match_key("社區/企事業單位/村公示欄（電子屏）") == match_key("社区/企事业单位/村公示栏(电子屏)")``.
    """
    key = squash_space(to_halfwidth(text))
    key = to_simplified(key)
    return _SPACE_RE.sub("", key)


def normalize_year_brackets(doc_no: str) -> str:
    """Normalise the year brackets of a 文号 to 〔〕: ``国发[2016]14号`` → ``国发〔2016〕14号``.

    A missing closing bracket ("建村〔2017192号" never happens in print, but "文市函〔2015)627号" does) is
    repaired when the year is four digits.
    """
    return re.sub(
        rf"[{re.escape(_OPEN_BRACKETS)}]\s*(\d{{4}})\s*[{re.escape(_CLOSE_BRACKETS)}]",
        r"〔\1〕",
        doc_no,
    )


UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters no catalogue text may hold: C0 controls but TAB and LF (NUL, ESC, CR …), DEL, C1 controls, and the
bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what a reader sees."""

_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def escape_char(char: str) -> str:
    """The visible spelling of one unsafe character: ``\\x1b`` up to U+00FF, ``\\u202e`` above."""
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every :data:`UNSAFE_CHARACTERS` character spelled out (``\\x1b``, ``\\u202e``), so that
    printing it can neither drive the terminal nor reorder the line; other text is unchanged."""
    return UNSAFE_CHARACTERS.sub(lambda m: escape_char(m.group()), text)


def visible_styled(text: str) -> str:
    """Like :func:`visible`, but keeps the colour sequences (``ESC[…m``) a styled line is made of."""
    parts = _STYLE.split(text)
    styles = _STYLE.findall(text)
    out = visible(parts[0])
    for style, part in zip(styles, parts[1:], strict=True):
        out += style + visible(part)
    return out
