"""Generated JSON Schemas: checked in without drift, Chinese on every field, and the real data validates."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import gpcatalog
from gpcatalog.api import build_schemas
from gpcatalog.schema.generate import render_schema
from tests.helpers import NATIONAL, ROOT

SCHEMAS = build_schemas()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_checked_in_schema_has_not_drifted(name: str) -> None:
    path = ROOT / "schemas" / name
    assert path.read_text(encoding="utf-8") == render_schema(SCHEMAS[name]), (
        f"schemas/{name} 与模型不一致,请运行 make generate"
    )


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = list(schema.get("properties", {}).items())
    for definition in schema.get("$defs", {}).values():
        found.extend(definition.get("properties", {}).items())
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_field_has_a_chinese_title_and_description(name: str) -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for field, prop in _properties(SCHEMAS[name]):
        assert cjk.search(prop.get("title", "")), (name, field)
        assert prop.get("description"), (name, field)


def test_bundled_files_validate_against_the_file_schemas() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMAS["domain.schema.json"])
    for path in sorted((NATIONAL / "domains").glob("*.yaml")):
        validator.validate(
            json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        )
    meta = yaml.safe_load((NATIONAL / "catalogue.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMAS["catalogue.schema.json"]).validate(
        json.loads(json.dumps(meta, default=str))
    )


def test_export_and_report_validate_against_their_schemas() -> None:
    export = gpcatalog.to_dict(gpcatalog.load())
    jsonschema.Draft202012Validator(SCHEMAS["catalogue.export.schema.json"]).validate(export)
    report = gpcatalog.validate().model_dump(mode="json")
    jsonschema.Draft202012Validator(SCHEMAS["report.schema.json"]).validate(report)


def test_schema_rejects_what_the_model_rejects() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMAS["domain.schema.json"])
    bad = {"code": "x", "name": "测试", "items": [{"id": "x-1", "name": "甲", "subjcet": "局"}]}
    assert [e.validator for e in validator.iter_errors(bad)] == ["additionalProperties"]
    assert Path(ROOT / "schemas").is_dir()
