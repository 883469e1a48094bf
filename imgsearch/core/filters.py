"""User filters (`where`) as a parsed tree, never as SQL text.

The filter is parsed with sqlglot (DuckDB dialect) into a syntax tree. Only an allow-list of
node kinds is accepted: column references to known catalog columns, literals, comparison,
boolean logic, IN, BETWEEN, LIKE/ILIKE, IS [NOT] NULL, arithmetic, CAST to plain types and a
few pure scalar functions. The SQL that runs is emitted again from that tree by this module,
with every literal bound as a parameter and every column quoted as an identifier, so nothing
the user typed is ever pasted into a statement.

    >>> compile_filter("label = 'dog' AND confidence > 0.5", {"label": "label", "confidence": "confidence"})
    ('(("label" = ?) AND ("confidence" > ?))', ['dog', 0.5])
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp

from ..errors import InvalidArgument

MAX_FILTER_CHARS = 4000
_ECHO_CHARS = 80

_COMPARE = {exp.EQ: "=", exp.NEQ: "<>", exp.GT: ">", exp.GTE: ">=", exp.LT: "<", exp.LTE: "<=",
            exp.NullSafeEQ: "IS NOT DISTINCT FROM", exp.NullSafeNEQ: "IS DISTINCT FROM"}
_ARITHMETIC = {exp.Add: "+", exp.Sub: "-", exp.Mul: "*", exp.Div: "/", exp.Mod: "%",
               exp.IntDiv: "//", exp.DPipe: "||"}
_BOOLEAN = {exp.And: "AND", exp.Or: "OR"}
# sqlglot node -> the DuckDB scalar function it stands for (all pure: no I/O, no state)
_FUNCTIONS = {exp.Lower: "lower", exp.Upper: "upper", exp.Length: "length", exp.Abs: "abs",
              exp.Floor: "floor", exp.Ceil: "ceil", exp.Trim: "trim",
              exp.ArrayContains: "list_contains", exp.ArrayOverlaps: "list_has_any",
              exp.ArraySize: "len", exp.Contains: "contains", exp.StartsWith: "starts_with",
              exp.EndsWith: "ends_with", exp.RegexpLike: "regexp_matches"}
_CAST_TYPES = {exp.DataType.Type.TEXT: "VARCHAR", exp.DataType.Type.VARCHAR: "VARCHAR",
               exp.DataType.Type.INT: "INTEGER", exp.DataType.Type.BIGINT: "BIGINT",
               exp.DataType.Type.DOUBLE: "DOUBLE", exp.DataType.Type.FLOAT: "DOUBLE",
               exp.DataType.Type.BOOLEAN: "BOOLEAN", exp.DataType.Type.DATE: "DATE",
               exp.DataType.Type.TIMESTAMP: "TIMESTAMP", exp.DataType.Type.TIMESTAMPNTZ: "TIMESTAMP"}


def echo(text: str) -> str:
    """A filter as it may appear in a message: cut, so a 200 KB filter is not echoed whole."""
    return repr(text if len(text) <= _ECHO_CHARS else text[:_ECHO_CHARS] + "…")


def quote_identifier(name: str) -> str:
    """A column name as a DuckDB identifier (imported CSV headers are data, not SQL)."""
    return '"' + str(name).replace('"', '""') + '"'


@dataclass
class _Emitter:
    columns: dict[str, str]            # lower-case name -> the catalog's own spelling
    params: list = field(default_factory=list)

    def bind(self, value) -> str:
        self.params.append(value)
        return "?"

    def emit(self, node: exp.Expression) -> str:   # noqa: C901  (one branch per allowed kind)
        kind = type(node)
        if kind is exp.Paren:
            return f"({self.emit(node.this)})"
        if kind in _BOOLEAN:
            return f"({self.emit(node.this)} {_BOOLEAN[kind]} {self.emit(node.expression)})"
        if kind is exp.Not:
            return f"(NOT {self.emit(node.this)})"
        if kind in _COMPARE or kind in _ARITHMETIC:
            op = _COMPARE.get(kind) or _ARITHMETIC[kind]
            return f"({self.emit(node.this)} {op} {self.emit(node.expression)})"
        if kind is exp.Neg:
            return f"(- {self.emit(node.this)})"
        if kind is exp.Column:
            return self.column(node)
        if kind is exp.Literal:
            return self.bind(_literal(node))
        if kind is exp.Boolean:
            return self.bind(bool(node.this))
        if kind is exp.Null:
            return "NULL"
        if kind is exp.Is:
            target = node.expression
            if not isinstance(target, (exp.Null, exp.Boolean)):
                raise _refuse("IS takes only NULL, TRUE or FALSE")
            word = "NULL" if isinstance(target, exp.Null) else str(bool(target.this)).upper()
            return f"({self.emit(node.this)} IS {word})"
        if kind is exp.In:
            if node.args.get("query") or node.args.get("unnest") or node.args.get("field"):
                raise _refuse("IN takes a list of values, not a query")
            items = ", ".join(self.emit(e) for e in node.expressions)
            return f"({self.emit(node.this)} IN ({items}))"
        if kind is exp.Between:
            if node.args.get("symmetric"):
                raise _refuse("BETWEEN SYMMETRIC is not supported; use BETWEEN low AND high")
            return (f"({self.emit(node.this)} BETWEEN {self.emit(node.args['low'])} "
                    f"AND {self.emit(node.args['high'])})")
        if kind in (exp.Like, exp.ILike):
            word = "LIKE" if kind is exp.Like else "ILIKE"
            negate = "NOT " if node.args.get("negate") else ""
            return f"({self.emit(node.this)} {negate}{word} {self.emit(node.expression)})"
        if kind is exp.Array:
            return "[" + ", ".join(self.emit(e) for e in node.expressions) + "]"
        if kind is exp.Cast:
            target = _CAST_TYPES.get(node.to.this)
            if target is None or node.to.expressions:
                raise _refuse(f"CAST to {node.to.sql()} is not allowed; use VARCHAR, INTEGER, "
                              "BIGINT, DOUBLE, BOOLEAN, DATE or TIMESTAMP")
            return f"CAST({self.emit(node.this)} AS {target})"
        if kind is exp.Coalesce:
            args = [node.this, *node.expressions]
            return "coalesce(" + ", ".join(self.emit(a) for a in args) + ")"
        if kind is exp.Round:
            digits = node.args.get("decimals")
            inner = self.emit(node.this) + (f", {self.emit(digits)}" if digits is not None else "")
            return f"round({inner})"
        if kind in _FUNCTIONS:
            args = [node.this] + ([node.expression] if node.args.get("expression") is not None else [])
            extra = set(node.args) - {"this", "expression"}
            if any(node.args.get(a) not in (None, False, []) for a in extra):
                raise _refuse(f"{_FUNCTIONS[kind]}() with these arguments is not allowed")
            return f"{_FUNCTIONS[kind]}(" + ", ".join(self.emit(a) for a in args) + ")"
        raise _refuse(_describe(node))

    def column(self, node: exp.Column) -> str:
        if node.table or node.args.get("db") or node.args.get("catalog"):
            raise _refuse(f"qualified column {node.sql()!r} (use the bare column name)")
        ident = node.this
        if not isinstance(ident, exp.Identifier):
            raise _refuse(_describe(node))
        name = self.columns.get(str(ident.this).lower())
        if name is None:
            known = ", ".join(sorted(self.columns.values()))
            raise InvalidArgument(f"filter: unknown column {str(ident.this)[:60]!r}; the columns "
                                  f"are: {known}", param="where")
        return quote_identifier(name)


def _literal(node: exp.Literal):
    if node.is_string:
        return str(node.this)
    text = str(node.this)
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        raise _refuse(f"number {text[:40]!r}") from None


def _describe(node: exp.Expression) -> str:
    name = type(node).__name__
    if isinstance(node, (exp.Select, exp.Subquery, exp.Union, exp.Query)):
        return "subqueries are not allowed in a filter"
    if isinstance(node, exp.Anonymous):
        return f"function {str(node.this)[:40]!r} is not allowed in a filter"
    if isinstance(node, exp.Func):
        return f"function {node.sql_name().lower()!r} is not allowed in a filter"
    return f"{name} is not allowed in a filter"


def _refuse(reason: str) -> InvalidArgument:
    return InvalidArgument(f"filter: {reason}", param="where")


def compile_filter(text: str, columns) -> tuple[str, list]:
    """Parse a user filter and emit (SQL boolean expression with ? placeholders, parameters).

    columns: the catalog's column names. Raises InvalidArgument (param 'where') with one
    line naming what is not allowed; never runs anything.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidArgument("filter is empty", param="where")
    if len(text) > MAX_FILTER_CHARS:
        raise InvalidArgument(f"filter is {len(text)} characters long; the limit is "
                              f"{MAX_FILTER_CHARS}", param="where")
    try:
        trees = sqlglot.parse(text, read="duckdb")
    except RecursionError:
        raise InvalidArgument("filter is nested too deeply", param="where") from None
    except Exception as e:  # sqlglot's ParseError / TokenError, or anything odd it meets
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InvalidArgument(f"filter {echo(text)} does not parse: {first[:160]}",
                              param="where") from None
    trees = [t for t in trees if t is not None]
    if len(trees) != 1:
        raise InvalidArgument("filter must be one expression (no ';')", param="where")
    if any(node.comments for node in trees[0].walk()):
        raise InvalidArgument("filter: comments are not allowed", param="where")
    emitter = _Emitter({str(c).lower(): str(c) for c in columns})
    try:
        sql = emitter.emit(trees[0])
    except RecursionError:
        raise InvalidArgument("filter is nested too deeply", param="where") from None
    return sql, emitter.params
