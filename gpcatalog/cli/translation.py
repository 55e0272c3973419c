"""Click's own texts in Chinese: usage errors, help headings, "Show this message and exit." and the rest.

click wraps every text it prints in gettext: each of its modules does ``from gettext import gettext as _`` (and
``ngettext``), so the names are bound once, at import, to the standard library's functions, which look the
message up in the process-wide text domain chosen by the ``LANGUAGE``/``LANG`` environment. Installing a
catalogue there would change every program in the process (argparse uses the same functions) and depend on the
user's locale; so instead :func:`install` rebinds ``_`` and ``ngettext`` in click's own modules to functions that
translate with :data:`MESSAGES` while :func:`chinese` is active (gpcatalog's command runs inside it) and call the
standard library otherwise. Another click program in the same process keeps click's English.

:data:`MESSAGES` holds every message id of click's source (a test extracts them from the installed click, so an
upgrade that adds a message fails until it is translated here).
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
from collections.abc import Iterator
from contextvars import ContextVar

import click

MESSAGES: dict[str, str] = {
    # Usage and help (formatting.py, core.py, decorators.py)
    "Usage:": "用法:",
    "Options": "选项",
    "Positional arguments": "位置参数",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "default: {default}": "默认:{default}",
    "env var: {var}": "环境变量:{var}",
    "required": "必填",
    "(dynamic)": "(动态)",
    "deprecated": "已弃用",
    "Do you want to continue?": "要继续吗?",
    "Confirm the action without prompting.": "不询问,直接确认。",
    # Errors (exceptions.py)
    "Error: {message}": "错误:{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Invalid value: {message}": "取值无效:{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效:{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数:{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Did you mean {possibility}?": "是不是要写 {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(是不是要写其中之一:{possibilities}?)",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}:{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中断。",
    # Parsing (core.py, parser.py)
    "Missing command.": "缺少命令。",
    "Got unexpected extra argument ({args})": "多余的参数({args})",
    "Got unexpected extra arguments ({args})": "多余的参数({args})",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值,只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值,给了 {len} 个。",
    "Value must be an iterable.": "取值必须是一组值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带取值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个取值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的开头字符无效({option})",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "弃用警告:命令 {name!r} 已弃用。{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "弃用警告:{name!r} 已弃用。{extra_message}"
    ),
    # Mistakes in a command's definition (shown to whoever writes the command)
    "Name '{name}' defined twice": "名称 '{name}' 定义了两次",
    "Could not determine name for option with declarations {decls!r}": "无法确定选项 {decls!r} 的名称",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you "
    "mean to pass '--{name}'?": "没有定义选项却给了名称({name}):是要声明参数,还是要写 '--{name}'?",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "开关选项 {decl!r} 的真假两个写法不能相同。",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "参数只能有一个声明,给了 {length} 个:{decls}。"
    ),
    # Values (types.py)
    "Choose from:\n\t{choices}": "可选值:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} 不是可选值 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值 {choices} 之一。",
    "Choice({choices})": "可选值({choices})",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats} 中的任何一个。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是非值,可写:{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值,给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值,给了 {len_value} 个。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    # {name} is the kind (file, directory, path) click filled in when the type was made: left out
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是文件,这里要的是文件夹。",
    "{name} {filename!r} is a directory.": "{filename!r} 是文件夹,这里要的是文件。",
    "{name} {filename!r} is not readable.": "{filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{filename!r} 不可执行。",
    # Terminal interaction (termui.py, _termui_impl.py, utils.py, shell_completion.py, _winconsole.py)
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误:两次输入的值不一致。",
    "Error: invalid input": "错误:输入无效",
    "Press any key to continue...": "按任意键继续……",
    "Unknown color {colour!r}": "未知的颜色 {colour!r}",
    "d": "天",
    "{editor}: Editing failed": "{editor}:编辑失败",
    "{editor}: Editing failed: {e}": "{editor}:编辑失败:{e}",
    "Unknown standard stream '{name}'": "未知的标准流 '{name}'",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以前的版本不支持命令补全。",
    "Couldn't detect Bash version, shell completion is not supported.": "无法确定 Bash 版本,不支持命令补全。",
    "Windows error: {error}": "Windows 错误:{error}",
}
"""click's message id → the Chinese gpcatalog prints."""

METAVARS = {"text": "文字", "integer": "整数", "integer range": "整数", "float": "数", "float range": "数"}
"""Placeholders in help for values click names in English (``TEXT``, ``INTEGER``), by the type's name."""

_ACTIVE: ContextVar[bool] = ContextVar("gpcatalog_click_chinese", default=False)

_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
)
"""click's modules that bind gettext (``click._winconsole`` too, on Windows only)."""


class ClickChinese(gettext.NullTranslations):
    """The catalogue of :data:`MESSAGES` as a gettext translation; unknown ids stay as they are."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


TRANSLATION = ClickChinese()


def _gettext(message: str) -> str:
    return TRANSLATION.gettext(message) if _ACTIVE.get() else gettext.gettext(message)


def _ngettext(msgid1: str, msgid2: str, n: int) -> str:
    return TRANSLATION.ngettext(msgid1, msgid2, n) if _ACTIVE.get() else gettext.ngettext(msgid1, msgid2, n)


def patched_modules() -> list[str]:
    """Rebind ``_`` and ``ngettext`` of click's modules (once; later calls change nothing) and return their names."""
    names = []
    for name in _CLICK_MODULES + (("click._winconsole",) if hasattr(click, "_winconsole") else ()):
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a module of another platform
            continue
        if getattr(module, "_", None) in (gettext.gettext, _gettext):
            module._ = _gettext  # type: ignore[attr-defined]
            names.append(name)
        if getattr(module, "ngettext", None) in (gettext.ngettext, _ngettext):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    return names


def install() -> None:
    """Make click's texts translatable (see the module docstring); :func:`chinese` switches them to Chinese."""
    patched_modules()


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """While active (in this thread or task), click prints its texts in Chinese."""
    install()
    token = _ACTIVE.set(True)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def localise(command: click.Command, help_option_names: list[str]) -> None:
    """Put Chinese placeholders into ``command``'s help (and its subcommands'): ``[选项]`` for ``[OPTIONS]``,
    ``命令 [参数]...`` for ``COMMAND [ARGS]...``, and 文字/整数/文件/文件夹 where click would print TEXT, INTEGER,
    FILE or DIRECTORY. Placeholders a command sets itself are kept.

    Also makes each command's help option now, in Chinese: click makes it once, on first use, and keeps it.
    """
    with chinese():
        command.get_help_option(click.Context(command, help_option_names=help_option_names))
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = "[选项]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = command.subcommand_metavar.replace("COMMAND", "命令").replace(
            "ARGS", "参数"
        )
        for sub in command.commands.values():
            localise(sub, help_option_names)
    for param in command.params:
        if param.metavar is not None or (isinstance(param, click.Option) and (param.is_flag or param.count)):
            continue
        if isinstance(param.type, click.Path):
            kinds = {(True, False): "文件", (False, True): "文件夹"}
            param.metavar = kinds.get((param.type.file_okay, param.type.dir_okay), "路径")
        elif param.type.name in METAVARS:
            param.metavar = METAVARS[param.type.name]
