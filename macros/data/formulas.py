"""The schema's formula language: `+ - * /`, numbers, column names and `mean(…)`, parsed once.

`mean(a, b, c)` is the unweighted mean of the columns that have a value in the row (none: no
value), computed in decimal as the figures are written (1,8 and 1,9 average to 1,85, which
rounds to 1,9; a float sum gives 1,8499…): the average of a municipality's similar ones.

One parse serves every use: evaluating over columns, the formula in words for
footnotes (`utbetalt försörjningsstöd ÷ antal hushåll`), and the column names
it reads. A schema can hold arithmetic and nothing else (no calls, no
attributes), and evaluation is much cheaper than `pd.eval`.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal

import pandas as pd

OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
SYMBOLS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}
PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
MAX_LENGTH = 500  # a formula is a line of arithmetic; longer text is a mistake (or an attack)
FUNCTIONS = {"mean": "medelvärdet av"}


class FormulaError(ValueError):
    """A formula that cannot be read or may not be evaluated; the message is Swedish."""


def _quoted(text) -> str:
    text = str(text)
    return repr(text if len(text) <= 80 else text[:79] + "…")


class Formula:
    """`utbetalt_tkr / hushall`, checked at parse time to hold only arithmetic."""

    def __init__(self, text: str):
        self.text = text
        if not isinstance(text, str) or len(text) > MAX_LENGTH:
            raise FormulaError(f"formeln {_quoted(text)} går inte att läsa")
        try:
            tree = ast.parse(text, mode="eval").body
        except SyntaxError:
            raise FormulaError(f"formeln {_quoted(text)} går inte att läsa") from None
        self._tree = tree
        self.names: tuple[str, ...] = tuple(dict.fromkeys(self._check(tree)))
        if not self.names:  # `1/0` would be evaluated as Python numbers, and says nothing about the data
            raise FormulaError(f"formeln {_quoted(text)} använder ingen kolumn. Skriv en formel över kolumnerna, till exempel utfall - budget")

    def _check(self, node) -> list[str]:
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            if isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant) and node.right.value == 0:
                raise FormulaError(f"formeln {_quoted(self.text)} delar med 0, och det ger inget tal")
            return self._check(node.left) + self._check(node.right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return self._check(node.operand)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return []
        if isinstance(node, ast.Name):
            return [node.id]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and node.args and not node.keywords:
            return [name for arg in node.args for name in self._check(arg)]
        raise FormulaError(
            f"formeln {_quoted(self.text)} går inte att räkna: bara + - * /, mean(…), tal och numeriska kolumner är tillåtna"
        )

    def evaluate(self, columns: Mapping[str, object]):
        """The formula over `columns` (pandas Series or plain numbers), name by name."""

        def walk(node):
            if isinstance(node, ast.BinOp):
                return OPERATORS[type(node.op)](walk(node.left), walk(node.right))
            if isinstance(node, ast.UnaryOp):
                return -walk(node.operand)
            if isinstance(node, ast.Constant):
                return node.value
            if isinstance(node, ast.Call):
                return mean([walk(arg) for arg in node.args])
            return columns[node.id]

        return walk(self._tree)

    def words(self, title_of: Callable[[str], str]) -> str:
        """The formula for readers: column titles in lower case and ÷ − × + between them."""

        def walk(node, outer: int = 0) -> str:
            if isinstance(node, ast.BinOp):
                level = PRECEDENCE[type(node.op)]
                text = f"{walk(node.left, level)} {SYMBOLS[type(node.op)]} {walk(node.right, level + 1)}"
                return f"({text})" if level < outer else text
            if isinstance(node, ast.UnaryOp):
                return "−" + walk(node.operand, 3)
            if isinstance(node, ast.Constant):
                return str(node.value)
            if isinstance(node, ast.Call):
                return f"{FUNCTIONS[node.func.id]} {', '.join(walk(arg) for arg in node.args)}"
            return title_of(node.id).lower()

        return walk(self._tree)

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"


def _present(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and math.isnan(value))


def _decimal_mean(values: list) -> float | None:
    known = [Decimal(repr(float(v))) for v in values if _present(v)]
    return float(sum(known) / len(known)) if known else None


def mean(values: list):
    """Row by row, the mean of the values present (columns as pandas Series, or plain numbers)."""
    series = [v for v in values if isinstance(v, pd.Series)]
    if not series:
        return _decimal_mean(values)
    index = series[0].index
    columns = [v if isinstance(v, pd.Series) else pd.Series([v] * len(index), index=index) for v in values]
    rows = zip(*(column.tolist() for column in columns))
    return pd.Series([_decimal_mean(list(row)) for row in rows], index=index, dtype="Float64")
