"""The command line in Chinese: click's own words (usage, help, errors) translated once,
for every command, including commands added later.

click takes its fixed texts from `gettext` (“Usage:”, “Show this message and exit.”,
“Missing option”…) and offers no Chinese catalogue. `install()` gives click's modules
a translating `_`/`ngettext` that looks each text up in `TEXTS` (unknown texts stay as
click wrote them), and `ChineseGroup` makes every command of the group a
`ChineseCommand`: Chinese metavars, headings with a full-width colon, and “没有命令…
是否想输入 build？” for a mistyped command. Command-line mistakes still exit with 2.
"""

from __future__ import annotations

import difflib
import importlib
import unicodedata

import click

# click's message ids (as in click 8.1–8.5) → Chinese. Format fields may drop the !r:
# “--name” reads better than “'--name'”.
TEXTS = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Aborted!": "已中断。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint}的值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。请在 reportgen 后写上命令，如 reportgen check 2023。",
    "No such option {name!r}.": "没有选项 {name}。",
    "No such option: {name}": "没有选项 {name}。",
    "No such command {name!r}.": "没有命令“{name}”。",
    "Did you mean {possibility}?": "是否想输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想输入其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多出了参数：{args}。请检查是否多写了内容，或文字中的空格需要加引号",
    "Got unexpected extra arguments ({args})": "多出了参数：{args}。请检查是否多写了内容，或文字中的空格需要加引号",
    "Option {name!r} requires an argument.": "选项 {name} 后面需要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 后面需要写 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name} 后面不能写值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只写了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，写了 {len} 个。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数字，请用阿拉伯数字书写（如 2023）。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围（{range}）内。",
    "{value!r} is not {choice}.": "“{value}”无效，只能是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”无效，只能是以下之一：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，这里需要文件夹。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，这里需要文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”没有读取权限。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”没有写入权限。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不能执行。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已停用",
}

# Metavars in help and messages: an option's value by its type, an argument by its name.
TYPE_METAVARS = {"text": "文字", "integer": "整数", "float": "数字", "directory": "文件夹", "file": "文件",
                 "path": "路径", "filename": "文件", "integer range": "整数"}
ARGUMENT_METAVARS = {"year": "年度", "code": "单位代码", "folder": "文件夹", "name": "名称", "file": "文件",
                     "path": "路径"}

_CLICK_MODULES = ("core", "exceptions", "formatting", "parser", "types", "decorators", "termui", "utils")


def _gettext(message: str) -> str:
    return TEXTS.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Give click's modules the translating `_` and `ngettext` (idempotent). Call before
    any command is declared: some texts (the --version help) are looked up then."""
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    formatting = importlib.import_module("click.formatting")
    formatting.term_len = display_width  # help columns line up with Chinese text


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese characters take two."""
    text = click.unstyle(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class ChineseFormatter(click.HelpFormatter):
    """“用法：reportgen …”; section headings end in a full-width colon: “选项：”."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, TEXTS["Usage:"] if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


def _chinese_metavars(params) -> None:
    for param in params:
        if param.metavar is not None:
            continue
        if isinstance(param, click.Argument):
            param.metavar = ARGUMENT_METAVARS.get(param.name or "", (param.name or "").upper())
        elif isinstance(param, click.Option) and not param.is_flag and not isinstance(param.type, click.Choice):
            name = getattr(param.type, "name", "")
            if name in TYPE_METAVARS:
                param.metavar = TYPE_METAVARS[name]


class ChineseCommand(click.Command):
    context_class = ChineseContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        _chinese_metavars(self.params)


class ChineseGroup(click.Group):
    """A group whose commands (and sub-groups) are Chinese too; `@cli.command()` needs no
    extra argument."""

    context_class = ChineseContext
    command_class = ChineseCommand

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)
        _chinese_metavars(self.params)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            commands = self.list_commands(ctx)
            close = difflib.get_close_matches(name, commands, n=1, cutoff=0.5)
            hint = f"是否想输入 {close[0]}？" if close else "可用的命令：" + "、".join(commands)
            raise click.UsageError(f"没有命令“{name}”。{hint}", ctx)
        return super().resolve_command(ctx, args)


ChineseGroup.group_class = ChineseGroup


def usage_message(exc: click.UsageError) -> str:
    """The message of a command-line mistake, in Chinese; a missing or invalid parameter
    is named as the help shows it (“--name”, “年度”) and with what it is for."""
    if isinstance(exc, click.BadParameter) and exc.param is not None and exc.param_hint is None:
        param = exc.param
        label = max(param.opts, key=len) if isinstance(param, click.Option) else (param.metavar or str(param.name).upper())
        purpose = f"（{param.help.rstrip('。')}）" if getattr(param, "help", None) else ""
        if isinstance(exc, click.MissingParameter):
            kind = "选项" if isinstance(param, click.Option) else "参数"
            return f"缺少{kind} {label}{purpose}。"
        return f"{label}{purpose}的值无效：{exc.message}"
    return exc.format_message()


def show_usage_error(exc: click.UsageError) -> None:
    """Print a command-line mistake as click would (usage line, where to find help, the
    error), all in Chinese."""
    message = usage_message(exc)
    exc.format_message = lambda: message  # show() asks the exception for its message
    exc.show()
