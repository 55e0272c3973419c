"""Nothing the data holds reaches a terminal raw: control characters and bidi overrides are spelled out in text and
Markdown, written as ``\\u`` escapes in JSON, and errors quote them spelled out; gpcatalog's own colours stay."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
from click.testing import CliRunner

import gpcatalog
from gpcatalog.cli import cli
from gpcatalog.cli.output import emit, json_text
from gpcatalog.cli.render import item_lines, tree_lines
from gpcatalog.parsing.text import UNSAFE_CHARACTERS, visible

HOSTILE = "政策法规\x1b[2J\x1b]0;标题\x07\u202e文件\x9b31m"
SPELLED = "政策法规\\x1b[2J\\x1b]0;标题\\x07\\u202e文件\\x9b31m"
STYLE = re.compile(r"\x1b\[[0-9;]*m")


def _raw(output: str) -> list[str]:
    """The unsafe characters left once gpcatalog's own colour sequences are taken out."""
    return UNSAFE_CHARACTERS.findall(STYLE.sub("", output))


def test_visible_spells_out_every_unsafe_character() -> None:
    assert visible(HOSTILE) == SPELLED
    assert visible("第一行\n\t第二行") == "第一行\n\t第二行"


def test_show_and_tree_lines_are_spelled_out_on_a_terminal(national: gpcatalog.Catalogue) -> None:
    """The item bypasses validation (built in memory), as a library caller's could."""
    domain = national.domain("社会救助")
    domain.items[0].name = HOSTILE
    path = [domain.items[0], domain.items[0].children[0]]

    @click.command()
    def shown() -> None:
        emit("text", text=lambda: [*item_lines(domain, path), *tree_lines(domain)])

    result = CliRunner().invoke(shown, color=True)
    assert result.exit_code == 0
    assert _raw(result.output) == []
    assert SPELLED in result.output
    assert "\x1b[1m" in result.output  # the heading is still bold


def test_validate_quotes_the_value_spelled_out(package: Path) -> None:
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    name: 政策法规文件\n", '    name: "政策法规\\e[2J\\u202E文件"\n', 1),
        encoding="utf-8",
    )
    runner = CliRunner()
    text_run = runner.invoke(cli, ["validate", str(package)], color=True)
    assert text_run.exit_code == 1
    assert _raw(text_run.output) == []
    assert "“政策法规\\x1b[2J\\u202e文件”" in text_run.output
    json_run = runner.invoke(cli, ["validate", str(package), "--format", "json"])
    assert _raw(json_run.output) == []
    [issue] = [i for i in json.loads(json_run.output)["issues"] if i["code"] == "control-character"]
    assert "\\x1b(U+001B ESC)" in issue["message"]
    shown = runner.invoke(cli, ["show", "shehui-jiuzhu-002", "-c", str(package)], color=True)
    assert shown.exit_code == 1
    assert _raw(shown.output) == []
    assert "control-character" in shown.output or "控制字符" in shown.output


def test_json_keeps_the_data_and_escapes_it() -> None:
    text = json_text({"name": HOSTILE})
    assert _raw(text) == []
    assert "\\u202e" in text and "\\u009b" in text
    assert json.loads(text) == {"name": HOSTILE}


def test_errors_quote_what_was_typed_spelled_out() -> None:
    result = CliRunner().invoke(cli, ["show", "x\x1b[2J\u202e"], color=True)
    assert result.exit_code == 2
    assert _raw(result.output) == []
    assert "x\\x1b[2J\\u202e" in result.output
