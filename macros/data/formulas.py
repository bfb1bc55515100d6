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

from .messages import Message

OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
SYMBOLS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}
PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
MAX_LENGTH = 500  # a formula is a line of arithmetic; longer text is a mistake (or an attack)
FUNCTIONS = {"mean": "medelvärdet av"}


CONTEXT = "Beräknat fält: "  # what the schema's message says first (rules say their own)
UNREADABLE = Message(
    "formel-olaslig", "formeln {formula} går inte att läsa",
    "En formel i schemat (derived eller rules) är inte skriven som räkning: kontrollera parenteser och räknetecken.",
    context=CONTEXT,
)
NO_COLUMN = Message(
    "formel-utan-kolumn",
    "formeln {formula} använder ingen kolumn. Skriv en formel över kolumnerna, till exempel utfall - budget",
    "En formel räknar bara med tal. Den ska räkna med kolumnerna, till exempel utfall - budget.",
    context=CONTEXT,
)
DIVIDES_BY_ZERO = Message(
    "formel-delar-med-noll", "formeln {formula} delar med 0, och det ger inget tal",
    "En formel delar med talet 0. Rätta formeln.",
    context=CONTEXT,
)
NOT_ARITHMETIC = Message(
    "formel-otillaten",
    "formeln {formula} går inte att räkna: bara + - * /, mean(…), tal och numeriska kolumner är tillåtna",
    "En formel får bara innehålla + - * /, mean(…) (medelvärdet av kolumnerna som har ett värde), tal, parenteser "
    "och namn på numeriska kolumner.",
    context=CONTEXT,
)


class FormulaError(ValueError):
    """A formula that cannot be read or may not be evaluated; the message is Swedish. `said`: its message."""

    def __init__(self, said):
        super().__init__(said.text())
        self.said = said


def _quoted(text) -> str:
    text = str(text)
    return repr(text if len(text) <= 80 else text[:79] + "…")


class Formula:
    """`utbetalt_tkr / hushall`, checked at parse time to hold only arithmetic."""

    def __init__(self, text: str, constant: bool = False):
        """`constant`: the formula may be a number alone (one side of a rule: `hushall > 0`)."""
        self.text = text
        if not isinstance(text, str) or len(text) > MAX_LENGTH:
            raise FormulaError(UNREADABLE.said(formula=_quoted(text)))
        try:
            tree = ast.parse(text, mode="eval").body
        except SyntaxError:
            raise FormulaError(UNREADABLE.said(formula=_quoted(text))) from None
        self._tree = tree
        self.names: tuple[str, ...] = tuple(dict.fromkeys(self._check(tree)))
        if not self.names and not constant:  # `1/0` would be evaluated as Python numbers, and says nothing about the data
            raise FormulaError(NO_COLUMN.said(formula=_quoted(text)))

    def _check(self, node) -> list[str]:
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            if isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant) and node.right.value == 0:
                raise FormulaError(DIVIDES_BY_ZERO.said(formula=_quoted(self.text)))
            return self._check(node.left) + self._check(node.right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return self._check(node.operand)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return []
        if isinstance(node, ast.Name):
            return [node.id]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and node.args and not node.keywords:
            return [name for arg in node.args for name in self._check(arg)]
        raise FormulaError(NOT_ARITHMETIC.said(formula=_quoted(self.text)))

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
