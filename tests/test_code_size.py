"""Rooms a maintainer can know: no module of the project over 600 lines, no function over 60.

Every ``.py`` under ``crawler/`` and ``archive/`` counts, the replica included (it is code
the tests and ``govnews demo`` depend on).  A function's length is its ``def`` to its last
line, decorators left out, the way ``ast`` reports it; nested functions count on their own.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60


def modules():
    for folder in ("crawler", "archive"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > limit:
                found.append((node.name, length))
    return found


def test_no_module_is_over_600_lines():
    big = {rel: text.count("\n") for rel, text in modules()
           if text.count("\n") > MAX_MODULE_LINES}
    assert not big, big


def test_no_function_is_over_60_lines():
    long = {rel: found for rel, text in modules() if (found := long_functions(text))}
    assert not long, long


def test_the_measure_sees_a_long_function_and_a_nested_one():
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    source = f"def outer():\n    def inner():\n{body.replace('    ', '        ')}\n    return 1\n"
    assert long_functions(source) == [("outer", 63), ("inner", 61)]
    assert long_functions("def short():\n    return 1\n") == []
