"""Values of a change as a person reads them, in Chinese: tick groups as ``县级 √ 乡级 √``, structures with the
titles of their model fields (``标题:…,文号:…``), enumerations by their labels, a missing value as ``(空)``.

Every label comes from the data model (:mod:`gpcatalog.model` field titles and label tables), so the words match
the ones the tables, the JSON Schema and ``gpcatalog show`` use. JSON output keeps the values' machine form; only
text, Markdown and workbooks go through here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from gpcatalog.changes.vocabulary import FIELD_LABELS, Target
from gpcatalog.model import (
    COMPLETENESS_LABELS,
    SCOPE_LABELS,
    Audience,
    Catalogue,
    CompletenessStatus,
    Domain,
    Item,
    Levels,
    Mode,
    Scope,
    model_types,
)

EMPTY = "(空)"
"""How a missing value reads (a cleared cell, a field left out)."""

NO_TICK = "空"
"""How a tick group with nothing ticked reads (``县级 √ → 空``)."""

TICK_GROUPS: tuple[type[BaseModel], ...] = (Audience, Mode, Levels)
"""The tick groups (公开对象, 公开方式, 公开层级): fields true (ticked), false (blank) or null (not readable)."""

_ENUM_LABELS: dict[type[StrEnum], dict[Any, str]] = {
    CompletenessStatus: dict(COMPLETENESS_LABELS),
    Scope: dict(SCOPE_LABELS),
}

_MODELS: dict[Target, type[BaseModel]] = {
    Target.ITEM: Item,
    Target.DOMAIN: Domain,
    Target.CATALOGUE: Catalogue,
}


def field_label(field: str | None, target: Target = Target.ITEM) -> str:
    """The Chinese name of a field: the change vocabulary's label, else the model field's title, else the name."""
    if not field:
        return ""
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    info = _MODELS[target].model_fields.get(field)
    return info.title if info is not None and info.title else field


def annotation_of(field: str | None, target: Target = Target.ITEM) -> Any:
    """The type of ``field`` of the item, domain or catalogue model (the model itself when ``field`` is None)."""
    model = _MODELS[target]
    if field is None:
        return model
    info = model.model_fields.get(field)
    return info.annotation if info is not None else None


def ticks_text(value: dict[str, Any], group: type[BaseModel]) -> str:
    """``县级 √ 乡级 √``: the ticked boxes of a tick group, ``?`` beside those not readable, ``空`` for none."""
    parts = []
    for name, info in group.model_fields.items():
        if name not in value:
            continue
        if value[name] is True:
            parts.append(f"{info.title or name} √")
        elif value[name] is None:
            parts.append(f"{info.title or name} ?")
    return " ".join(parts) or NO_TICK


def _enum_of(annotation: Any) -> type[StrEnum] | None:
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _enum_of(arg)
        if found is not None:
            return found
    return None


def shown(value: Any, annotation: Any = None, *, inner: bool = False) -> str:
    """A value (in its YAML/JSON form) as words, guided by the model type ``annotation`` it has.

    A list reads ``甲;乙`` (``甲、乙`` inside a structure); a structure ``标题:…;文号:…`` (``,`` between the
    fields of a structure inside a list).
    """
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return ("、" if inner else ";").join(shown(v, annotation, inner=True) for v in value) or EMPTY
    models = model_types(annotation)
    model = models[0] if models else None
    if isinstance(value, dict):
        if model is not None and issubclass(model, TICK_GROUPS):
            return ticks_text(value, model)
        if model is not None and "text" in model.model_fields and isinstance(value.get("text"), str):
            return str(value["text"])  # 时限 and 依据 read as the text the clerk wrote
        fields = model.model_fields if model is not None else {}
        parts = []
        for key, entry in value.items():
            if entry is None or entry == [] or entry == {}:
                continue
            info = fields.get(key)
            title = info.title if info is not None and info.title else key
            parts.append(f"{title}:{shown(entry, info.annotation if info is not None else None, inner=True)}")
        return ("," if inner else ";").join(parts) or EMPTY
    enum = _enum_of(annotation)
    if enum is not None and enum in _ENUM_LABELS:
        try:
            return _ENUM_LABELS[enum][enum(value)]
        except (ValueError, KeyError):
            pass
    return str(value)


def value_text(
    value: Any, limit: int | None = 80, *, field: str | None = None, target: Target = Target.ITEM
) -> str:
    """A value of ``field`` of an item, domain or catalogue in one line of words, long text cut at ``limit``.

    ``field=None`` reads ``value`` as the whole item, domain or catalogue (an addition or a removal).
    """
    text = shown(value, annotation_of(field, target))
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
