"""Turn PyYAML's English problem descriptions into Chinese a filler understands.

Used for syntax errors that reportgen/read/yaml_mistakes.py cannot pin to a specific
mistake: the parser's own place is then reported with its problem translated here.
"""

from __future__ import annotations

import yaml

_PROBLEMS = [
    ("mapping values are not allowed", "此处不能出现“键: 值”（常见原因：文字里有半角冒号加空格，或上一行缩进不一致）"),
    ("could not find expected ':'", "找不到键后面的冒号“: ”"),
    ("expected <block end>", "缩进不一致，同一层级的键应当对齐"),
    ("did not find expected key", "缩进不一致，或列表项前缺少“- ”"),
    ("did not find expected '-' indicator", "缩进不一致，列表项应当以“- ”开头并对齐"),
    ("found unexpected end of stream", "文件提前结束，可能是引号或括号没有配对"),
    ("found unknown escape character", "双引号中有无效的转义字符“\\”"),
    ("expected a single document", "文件中只能有一个文档，请不要用“---”分隔多个部分"),
    ("found unexpected ':'", "冒号位置不对"),
    ("expected ',' or ']'", "方括号列表 [ ] 没有正确结束"),
    ("expected ',' or '}'", "花括号 { } 没有正确结束"),
    ("invalid indentation or unclosed", "缩进不一致，或方括号、花括号没有配对"),
    ("found character '%' that cannot start any token", "值不能以“%”开头，请给这段文字加上引号"),
    ("found character '@' that cannot start any token", "值不能以“@”开头，请给这段文字加上引号"),
    ("found character '`' that cannot start any token", "值不能以“`”开头，请给这段文字加上引号"),
    ("that cannot start any token", "值不能以这个符号开头，请给这段文字加上引号"),
    ("sequence entries are not allowed here", "此处不能出现列表项“- ”（常见原因：缩进不一致）"),
    ("mapping keys are not allowed here", "此处不能出现“? ”"),
    ("expected the node content", "这里缺少值"),
    ("expected a comment or a line break", "这一行多了内容：引号结束后不能再接文字"),
    ("expected escape sequence", "双引号中的“\\x”“\\u”转义写法不完整"),
    ("while scanning a block scalar", "“|”或“>”后面的写法不对"),
    ("while scanning a directive", "以“%”开头的行是 YAML 指令，写法不对，请删除这一行"),
    ("found duplicate YAML directive", "以“%YAML”开头的行重复，请删除"),
    ("found incompatible YAML document", "以“%YAML”开头的行版本不对，请删除这一行"),
    ("found unexpected document separator", "文件中只能有一个文档，请不要用“---”或“...”分隔多个部分"),
    ("expected '<document start>'", "文件中只能有一个文档，请不要用“---”或“...”分隔多个部分"),
    ("while scanning an anchor", "“&”后面的写法不对（也不支持 YAML 锚点）"),
    ("while scanning an alias", "“*”后面的写法不对（也不支持 YAML 别名），以“*”开头的文字请加上引号"),
    ("found duplicate anchor", "不支持 YAML 锚点（&）"),
    ("while scanning a tag", "以“!”开头的标记写法不对（不支持这种标记）"),
    ("while parsing a tag", "以“!”开头的标记写法不对（不支持这种标记）"),
    ("found undefined tag handle", "不支持以“!”开头的标记，请删除它，直接填写文字或数字"),
    ("found non-specific tag", "不支持单独的“!”标记，以“!”开头的文字请加上引号"),
]


def parser_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "").strip()
    for needle, chinese in _PROBLEMS:
        if needle in problem or needle in str(exc.context or ""):
            return chinese
    return f"无法解析（{problem}）"
