"""Appending items to a list in a YAML file people edit, keeping every byte already there (comments, layout, quotes).

Rewriting a file people keep by hand (``adjustments.yaml``) from its parsed data would drop its comments and
reflow it. :func:`append_items` instead inserts the new items as text after the last item of the list, indented
like the items there; the rest of the file is left byte for byte. A list laid out in a way it cannot extend safely
(flow style ``[...]`` with items in it) gives None, and the caller decides.
"""

from __future__ import annotations

import re
from typing import Any

from gpcatalog.store.yamlio import Lines, dump_yaml, parse_yaml


def _indented(block: str, spaces: int) -> str:
    return "".join(
        (" " * spaces + line) if line.strip() else line for line in block.splitlines(keepends=True)
    )


def append_items(
    text: str, key: str, items: list[Any], *, file: str = "", block: str | None = None
) -> str | None:
    """Return ``text`` with ``items`` appended to the top-level list ``key`` (created at the end if missing).

    ``block``: the items as YAML text, a block list at indent 0 that may carry comments (default: ``items`` as
    :func:`~gpcatalog.store.yamlio.dump_yaml` writes them); it must read back as ``items``.

    Returns None when the list cannot be extended as text (then rewrite the file). The result is parsed again
    and checked to hold the old items followed by the new ones.

    Raises:
        YAMLSyntaxError: ``text`` is not well-formed YAML.
    """
    lines: Lines = {}
    data = parse_yaml(text, file, lines) if text.strip() else None
    if block is None:
        block = dump_yaml(items)
    elif parse_yaml(block, file) != items:
        return None
    rows = text.splitlines(keepends=True)
    if data is None or (isinstance(data, dict) and key not in data):
        glue = "" if not text or text.endswith("\n") else "\n"
        result = f"{text}{glue}{key}:\n{_indented(block, 2)}"
    elif not isinstance(data, dict):
        return None
    else:
        old = data[key]
        key_line, key_column = lines[id(data)][2][key]
        if key_column != 1:
            return None
        if old is None or old == []:
            match = re.match(
                rf"^{re.escape(key)}:\s*(?:\[\s*\])?\s*(#.*)?$", rows[key_line - 1].rstrip("\r\n")
            )
            if not match:
                return None
            comment = f"  {match[1]}" if match[1] else ""
            rows[key_line - 1] = f"{key}:{comment}\n{_indented(block, 2)}"
            result = "".join(rows)
        elif isinstance(old, list) and isinstance(old[-1], dict) and id(old[-1]) in lines:
            line, column = lines[id(old[-1])][:2]
            dash = re.match(r"^( *)- +$", rows[line - 1][: column - 1])
            if not dash:
                return None
            after = [v[0] for k, v in lines[id(data)][2].items() if v[0] > key_line and k != key]
            at = min(after) - 1 if after else len(rows)
            while after and at > line and (not rows[at - 1].strip() or rows[at - 1].startswith("#")):
                at -= 1  # blank lines and comments right above the next key belong to it
            if at == len(rows) and rows and not rows[-1].endswith("\n"):
                rows[-1] += "\n"
            rows.insert(at, _indented(block, len(dash[1])))
            result = "".join(rows)
        else:
            return None
    again = parse_yaml(result, file)
    before = [] if data is None or not isinstance(data, dict) or data.get(key) is None else data[key]
    if not isinstance(again, dict) or again.get(key) != [*before, *parse_yaml(block, file)]:
        return None
    return result
