"""JSON Schema (2020-12) generated from the pydantic models, checked in under ``schemas/``.

``gpcatalog schema --output schemas`` (or ``make generate``) rewrites them; a test fails when the checked-in
files drift from the models.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from gpcatalog.model import Catalogue, Domain, model_types
from gpcatalog.schema.report import Report

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SchemaSpec = tuple[type[BaseModel], Literal["validation", "serialization"], str, str]
"""(model, mode, Chinese title, description) of one checked-in schema file."""


# file name → (model, mode, Chinese title, description): the core documents
SCHEMAS: dict[str, SchemaSpec] = {
    "catalogue.schema.json": (
        Catalogue,
        "validation",
        "目录元数据文件(catalogue.yaml)",
        "目录包根目录下的 catalogue.yaml:编号、名称、版本、发布日期、层级和来源。领域放在 domains/ 下。",
    ),
    "domain.schema.json": (
        Domain,
        "validation",
        "领域文件(domains/*.yaml)",
        "一个领域的事项树及其来源。公开时限和公开依据可以写成原文字符串。",
    ),
    "catalogue.export.schema.json": (
        Catalogue,
        "serialization",
        "目录导出(JSON)",
        "gpcatalog.to_dict() 和 JSON 导出的结构:公开时限、公开依据同时给出原文和解析结果。",
    ),
    "report.schema.json": (
        Report,
        "serialization",
        "校验报告(JSON)",
        "gpcatalog validate --format json 和 gpcatalog verify --format json 输出的结构。",
    ),
}


def schema_of(name: str, spec: SchemaSpec) -> dict[str, Any]:
    """Return the JSON Schema document ``name`` for ``spec``, with Chinese titles on every property."""
    model, mode, title, description = spec
    schema = model.model_json_schema(mode=mode)
    _fill_titles(schema, model)
    return {"$schema": DIALECT, "$id": name, **schema, "title": title, "description": description}


def build_schemas(specs: dict[str, SchemaSpec] | None = None) -> dict[str, dict[str, Any]]:
    """Return the schemas of ``specs`` (default: the core ones, :data:`SCHEMAS`) by file name, as JSON-ready
    dicts. The wings' schemas (diff, adjustments, history) are added by :func:`gpcatalog.api.build_schemas`."""
    return {name: schema_of(name, spec) for name, spec in (specs or SCHEMAS).items()}


def render_schema(schema: dict[str, Any]) -> str:
    """Return the checked-in text of a schema (stable key order, UTF-8 characters kept)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _fill_titles(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Copy Chinese titles and descriptions onto properties that pydantic renders as a bare ``$ref``."""
    models: dict[str, type[BaseModel]] = {}

    def collect(cls: type[BaseModel]) -> None:
        if cls.__name__ in models:
            return
        models[cls.__name__] = cls
        for info in cls.model_fields.values():
            for sub in model_types(info.annotation):
                collect(sub)

    collect(model)
    targets = [(schema, model)] + [
        (definition, models[name]) for name, definition in schema.get("$defs", {}).items() if name in models
    ]
    for definition, cls in targets:
        for name, prop in definition.get("properties", {}).items():
            info = cls.model_fields.get(name)
            if info is None:
                continue
            if "title" not in prop and info.title:
                prop["title"] = info.title
            if "description" not in prop and info.description:
                prop["description"] = info.description
