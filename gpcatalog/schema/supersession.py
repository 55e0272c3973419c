"""Superseded documents (``catalogues/laws.yaml``), for validation warnings and the laws registry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gpcatalog.errors import GpCatalogError
from gpcatalog.parsing.basis import Citation, normalize_doc_no, title_key
from gpcatalog.store.resources import catalogues_root
from gpcatalog.store.yamlio import read_yaml

LAWS_FILE = "laws.yaml"


@dataclass(frozen=True)
class Supersession:
    """An old document replaced by a new one."""

    old_title: str
    old_doc_no: str | None
    new_title: str
    new_doc_no: str | None
    effective: dt.date | None
    source: str | None

    @property
    def new_label(self) -> str:
        """``《中华人民共和国医师法》(主席令第94号)``."""
        return f"《{self.new_title}》" + (f"({self.new_doc_no})" if self.new_doc_no else "")

    def matches(self, citation: Citation) -> bool:
        """True when ``citation`` cites the old document (by 文号; by title only when old and new titles differ)."""
        doc_no = normalize_doc_no(citation.doc_no) if citation.doc_no else None
        if self.old_doc_no and doc_no:
            return doc_no == self.old_doc_no
        if title_key(self.old_title) == title_key(self.new_title):
            return False
        return title_key(citation.title) == title_key(self.old_title)


@lru_cache(maxsize=1)
def _laws_data() -> dict[str, Any]:
    resource = catalogues_root() / LAWS_FILE
    if not resource.is_file():
        return {}
    try:
        data = read_yaml(resource, display=f"catalogues/{LAWS_FILE}")
    except GpCatalogError:
        return {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Short titles the catalogues cite, by :func:`title_key`, with the full title they stand for
    (``信息公开条例`` → ``中华人民共和国政府信息公开条例``)."""
    found: dict[str, str] = {}
    for entry in _laws_data().get("abbreviations") or []:
        if isinstance(entry, dict) and entry.get("short") and entry.get("title"):
            found[title_key(str(entry["short"]))] = str(entry["title"])
    return found


@lru_cache(maxsize=1)
def supersessions() -> tuple[Supersession, ...]:
    """The bundled list of superseded documents (empty when the file is missing)."""
    data = _laws_data()
    found = []
    for entry in data.get("superseded") or []:
        old, new = entry.get("old") or {}, entry.get("new") or {}
        effective = entry.get("effective")
        found.append(
            Supersession(
                old_title=str(old.get("title", "")),
                old_doc_no=normalize_doc_no(str(old["doc_no"])) if old.get("doc_no") else None,
                new_title=str(new.get("title", "")),
                new_doc_no=normalize_doc_no(str(new["doc_no"])) if new.get("doc_no") else None,
                effective=effective if isinstance(effective, dt.date) else None,
                source=entry.get("source"),
            )
        )
    return tuple(found)


def superseded_by(citation: Citation) -> Supersession | None:
    """The supersession ``citation`` falls under, or None."""
    return next((s for s in supersessions() if s.matches(citation)), None)
