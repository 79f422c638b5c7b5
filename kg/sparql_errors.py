"""SPARQL syntax errors as one sentence a user can act on.

Oxigraph reports a syntax error as `error at LINE:COLUMN: expected one of ...` followed by the
grammar's character classes; a reader needs the place, the text found there, and the keywords
that would fit."""
from __future__ import annotations

import re

_AT = re.compile(r"error at (\d+):(\d+): expected (.*)", re.DOTALL)
_KEYWORD = re.compile(r"(?<![\w'\"])([A-Z][A-Z_]{1,})(?![\w'\"])")
_PREFIXED = re.compile(r"(?<![\w<?$])([A-Za-z][\w.-]*)?:[\w.-]*")
_SKIPPED = re.compile("|".join([
    r'"""(?:[^"\\]|\\.|"(?!""))*"""', r"'''(?:[^'\\]|\\.|'(?!''))*'''",  # long strings
    r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",                       # short strings
    r'<[^<>"{}|^`\\\s]*>', r"#[^\n]*",                                            # IRIs, comments
]))
_USED = re.compile(r"(?<![\w?$:<_-])([A-Za-z][\w.-]*)?:(?=[\w%\\]|[\s;,.)}\]]|$)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def undeclared_prefix(query: str, known: set[str] = frozenset()) -> tuple[str, int, int] | None:
    """The first prefix the query uses without declaring it (nor being one of `known`), with its
    line and column (from 1) in the query's own text."""
    code = _SKIPPED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), query)
    declared = set(_DECLARED.findall(code)) | set(known)
    for m in _USED.finditer(code):
        name = m.group(1) or ""
        if name not in declared and not code[:m.start()].rstrip().upper().endswith("PREFIX"):
            line = code.count("\n", 0, m.start()) + 1
            return name, line, m.start() - (code.rfind("\n", 0, m.start()) + 1) + 1
    return None


def position(message: str) -> tuple[int, int] | None:
    """(line, column) of an Oxigraph syntax error message, both counted from 1."""
    m = _AT.match(message.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def one_sentence(message: str, query: str | None = None, known: set[str] = frozenset()) -> str:
    """`error at 2:12: expected one of Prefix not found, ['%'], ...` as
    `Syntax error at line 2, column 12: the prefix 'ex:' is not declared ...`. Oxigraph often
    reports an undeclared prefix as a wrong keyword at the end, so the query's prefixes are
    checked first (`known`: the ones the engine adds)."""
    missing = undeclared_prefix(query, known) if query else None
    if missing:
        return (f"Syntax error at line {missing[1]}, column {missing[2]}: the prefix '{missing[0]}:' is not "
                f"declared; add a line PREFIX {missing[0]}: <...> at the top.")
    m = _AT.match(message.strip())
    if not m:
        return "The query could not be parsed: " + " ".join(message.split())[:300]
    line, col, expected = int(m.group(1)), int(m.group(2)), m.group(3)
    text = query.splitlines()[line - 1] if query and 0 < line <= len(query.splitlines()) else ""
    where = f"Syntax error at line {line}, column {col}"
    if "Prefix not found" in expected:
        names = _PREFIXED.findall(text[:col])
        name = f"'{names[-1]}:' " if names else ""
        return f"{where}: the prefix {name}is not declared; add a PREFIX line for it."
    before = text[:col - 1].strip()[-25:]
    found = f" (after '{before}')" if before else ""
    words = list(dict.fromkeys(w for w in _KEYWORD.findall(expected)))
    wanted = f"expected {' or '.join(words[:6])}" if words else "this is not valid SPARQL"
    return f"{where}{found}: {wanted}."
