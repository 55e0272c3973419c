"""click's own texts are Chinese in gpcatalog: every message id of the installed click is translated, and every
command's help and usage errors (wrong option, missing argument, bad choice, bad value) hold no English phrase
of click's source."""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from gpcatalog.cli import cli, translation
from gpcatalog.cli.translation import MESSAGES, chinese, patched_modules
from tests.helpers import ROOT, run

CLICK = Path(click.__file__).parent

DYNAMIC_IDS = {"required"}
"""Message ids click passes to ``_`` from a variable (``_(extra["required"])``), not as a literal."""


def click_message_ids() -> set[str]:
    """Every literal message id of click's source: the first argument of ``_()``, both of ``ngettext()``."""
    ids: set[str] = set()
    for source in sorted(CLICK.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ):
                count = 2 if node.func.id == "ngettext" else 1
                ids |= {
                    a.value
                    for a in node.args[:count]
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                }
    return ids | DYNAMIC_IDS


def english_phrases() -> list[str]:
    """What of click's English can reach a screen: each message id cut at its placeholders into pieces of two
    words or more, headings with their colon, and the placeholders click prints for options and values."""
    phrases = {
        "Usage:",
        "Options:",
        "Commands:",
        "Positional arguments:",
        "[required]",
        "[default:",
        "Error:",
    }
    phrases |= {"[OPTIONS]", "COMMAND [ARGS]", "Aborted!", "Show the version", "env var:"}
    for message in click_message_ids():
        for piece in re.split(r"\{[^}]*\}|%\([a-z]+\)s|\n\t", message):
            piece = piece.strip(" .:?()'!")
            if len(re.findall(r"[A-Za-z]{2,}", piece)) >= 2:
                phrases.add(piece)
    return sorted(phrases)


PHRASES = english_phrases()

PLACEHOLDERS = re.compile(r"\b(TEXT|INTEGER|FLOAT|FILE|DIRECTORY|PATH|BOOLEAN|UUID|RANGE|FILENAME)\b")


def assert_chinese(output: str) -> None:
    found = [phrase for phrase in PHRASES if phrase in output]
    assert not found, f"click 的英文:{found}\n{output}"
    assert not PLACEHOLDERS.search(output), output
    assert "Traceback" not in output


def test_every_click_message_is_translated() -> None:
    missing = sorted(click_message_ids() - set(MESSAGES))
    assert not missing, f"click 有新的提示文字,请在 gpcatalog/cli/chinese.py 翻译:{missing}"
    assert all(
        re.search(r"[\u4e00-\u9fff]", MESSAGES[m]) for m in click_message_ids() - {"Windows error: {error}"}
    )


def test_every_click_module_that_uses_gettext_is_rebound() -> None:
    using = {
        f"click.{source.stem}"
        for source in CLICK.glob("*.py")
        if "from gettext import" in source.read_text(encoding="utf-8")
    } - {"click._winconsole"}  # imported on Windows only
    patched_modules()
    rebound = {name for name in using if importlib.import_module(name)._ is translation._gettext}
    assert rebound == using
    assert "click.core" in using


def test_the_placeholders_of_the_formats_are_kept() -> None:
    for message, text in MESSAGES.items():
        wanted = set(re.findall(r"\{[a-z_]+(?:![rs])?\}|%\([a-z]+\)s", message))
        kept = set(re.findall(r"\{[a-z_]+(?:![rs])?\}|%\([a-z]+\)s", text))
        assert kept <= wanted, message  # a Chinese text may leave out {name}; it never adds an unknown one


def test_other_click_programs_keep_english() -> None:
    @click.command()
    @click.option("--n", type=int)
    def other(n: int) -> None:
        """Another program."""

    result = CliRunner().invoke(other, ["--n", "x"])
    assert "Usage: other [OPTIONS]" in result.output
    assert "Invalid value for '--n': 'x' is not a valid integer." in result.output
    with chinese():
        assert click.BadParameter("x").format_message() == "取值无效:x"
    assert click.BadParameter("x").format_message() == "Invalid value: x"


def commands() -> Iterator[tuple[list[str], click.Command]]:
    """Every command and subcommand of gpcatalog, with the words that call it."""
    stack: list[tuple[list[str], click.Command]] = [([], cli)]
    while stack:
        path, command = stack.pop()
        yield path, command
        if isinstance(command, click.Group):
            stack += [([*path, name], sub) for name, sub in sorted(command.commands.items())]


def bad_calls(path: list[str], command: click.Command) -> Iterator[list[str]]:
    """Calls of ``command`` that click refuses: help, a wrong option, nothing (missing argument or option), and
    for each option taking a value: a bad choice, a bad number or date, and no value at all."""
    yield [*path, "--help"]
    yield [*path, "-h"]
    yield [*path, "--no-such-option"]
    yield [*path, "--fromat"]  # close to --format: "Did you mean"
    if isinstance(command, click.Group) or any(p.required for p in command.params):
        yield path  # missing argument or option (commands that would run are not called bare)
    arguments = ["x" for p in command.params if isinstance(p, click.Argument)]
    if all(p.nargs != -1 for p in command.params):
        yield [*path, *arguments, "extra", "extra2", "extra3"]
    for param in command.params:
        if not isinstance(param, click.Option) or param.is_flag:
            continue
        name = param.opts[-1]
        yield [*path, name]  # requires an argument
        if isinstance(param.type, click.Choice | click.DateTime | click.types._NumberParamTypeBase):
            yield [*path, name, "不存在的值", *arguments]
        if isinstance(param.type, click.IntRange):
            yield [*path, name, "-5", *arguments]
    if isinstance(command, click.Group):
        yield [*path, "no-such-command"]
        yield [*path, sorted(command.commands)[0][:-1]]  # "Did you mean"


CALLS = [call for path, command in commands() for call in bad_calls(path, command)]


def test_the_phrases_are_click_s() -> None:
    assert {"Try '", "No such option", "Missing argument", "Show this message and exit"} & set(PHRASES) == {
        "No such option",
        "Missing argument",
        "Show this message and exit",
    }
    assert {"Invalid value for", "Did you mean", "Got unexpected extra argument"} <= set(PHRASES)


def test_the_calls_cover_every_command() -> None:
    assert len(CALLS) > 200
    assert {tuple(path) for path, _ in commands()} >= {("columns", "check"), ("site", "build"), ("audit",)}


@pytest.mark.parametrize("call", CALLS, ids=lambda call: " ".join(call) or "gpcatalog")
def test_click_speaks_chinese(call: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run(*call)
    assert code in (0, 2), output
    assert_chinese(output)
    if code == 2:
        assert "错误:" in output or output.startswith("用法:")  # a group called bare shows its help
    assert list(tmp_path.iterdir()) == []  # nothing ran


def test_version_and_messages_in_a_real_process() -> None:
    from tests.helpers import invoke

    code, output = invoke("tree", "--depth", "0")
    assert code == 2
    assert output == (
        "用法: gpcatalog tree [选项] [领域]\n"
        "用 'gpcatalog tree --help' 查看帮助。\n\n"
        "错误:'--depth' 的取值无效:0 不在范围 x>=1 内。\n"
    )
    code, output = invoke("--version")
    assert (code, output) == (0, "gpcatalog 0.1.0,国家目录 2026.2\n")


def test_the_cli_reference_is_chinese_too() -> None:
    assert_chinese((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"))


def test_version_names_the_bundled_data_version_read_from_its_history() -> None:
    from gpcatalog.history import versions
    from tests.helpers import LATEST, invoke

    assert versions(None)[-1].version == LATEST == "2026.2"
    assert invoke("--version") == (0, f"gpcatalog 0.1.0,国家目录 {LATEST}\n")
