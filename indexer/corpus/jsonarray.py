"""A `.json` file read record by record: a bad record is reported and skipped alone, like a JSON line.

The file holds a top-level array of records (or one record object). Each element is decoded in
turn; when one fails (a syntax error, nesting deeper than the decoder recurses, an integer of more
than 4,300 digits) its end is found from brackets and strings alone, it is reported with its line
and column, and the next element is read. Only when the array itself is broken (a string or bracket
that never closes, no comma between two records) is the rest of the file lost; the records before
are kept. Work stays linear: lines are counted once, front to back. A json.JSONDecodeError counts
the lines from the start of the text up to its position; once such counts add up to the length of
the text, each further record is cut out before it is decoded (about five times slower), so that an
error costs its own length.
"""
from __future__ import annotations

import json
import re
from typing import Iterator, Optional

from .decode import NOT_RECORDS
from .source import Problem

_WS = re.compile(r"[ \t\n\r]*")
# What the end of a record is found by: strings (skipped whole), a lone quote (a string that never
# ends), brackets and commas.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|"|[\[\]{},]')
# What lies between two records ("}, {"). Inside what the scan takes for a string it means that a
# quote went missing and strings and the rest have swapped places: where the record ends is unknown.
# (Only a bad record is judged this way: a good one is decoded whole when its end is in doubt.)
_BETWEEN_RECORDS = re.compile(r"\}\s*,\s*\{")
# JSONDecodeError is a ValueError, and so is an integer too long to convert.
DECODE_ERRORS = (ValueError, RecursionError)


def invalid(e: Exception, col: Optional[int] = None) -> str:
    """'invalid JSON: why (column c)' for a decoding error; col replaces the error's own column."""
    if isinstance(e, json.JSONDecodeError):
        return f"invalid JSON: {e.msg} (column {col or e.colno})"
    if isinstance(e, RecursionError):        # "[[[[..." nested deeper than the decoder recurses
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {e}"               # e.g. an integer of more than 4300 digits


def array_records(text: str, path: str, report) -> Iterator[tuple[int, int, object]]:
    """(N, line, record) for each element of a top-level JSON array that decodes; bad ones reported.

    N counts elements from 1, the bad ones included, so that a record's id does not depend on its
    neighbours. A lone object is record 1.
    """
    pos = _WS.match(text).end()
    if text.startswith("{", pos):
        yield from _lone_object(text, pos, path, report)
        return
    if not text.startswith("[", pos):
        report(Problem(path, f"{NOT_RECORDS}; file skipped", 1))
        return
    lines, dec, n = _Lines(text), json.JSONDecoder(), 0
    careful, counted = False, 0          # counted: characters JSONDecodeErrors have counted lines over
    pos = _WS.match(text, pos + 1).end()
    if text.startswith("]", pos):
        _check_end(text, pos + 1, lines, path, report)
        report(Problem(path, "no records (empty JSON array); skipped"))
        return
    while True:
        n += 1
        line, _ = lines.at(pos)
        try:
            obj, end = _decode(dec, text, pos, careful)
        except DECODE_ERRORS as e:
            if isinstance(e, json.JSONDecodeError) and not careful:
                counted += e.pos
                careful = counted > len(text)
            eline, ecol = lines.at(e.pos if isinstance(e, json.JSONDecodeError) else pos)
            end = _value_end(text, pos)
            if end is None:
                report(Problem(path, f"{invalid(e, ecol)}; {_lost(n)}", eline))
                return
            report(Problem(path, f"{invalid(e, ecol)}; record {n} skipped", eline))
        else:
            yield n, line, obj
        pos = _WS.match(text, end).end()
        if text.startswith(",", pos):
            pos = _WS.match(text, pos + 1).end()
            continue
        if text.startswith("]", pos):
            _check_end(text, pos + 1, lines, path, report)
            return
        eline, ecol = lines.at(pos)
        report(Problem(path, f"invalid JSON: expected ',' or ']' after a record (column {ecol}); "
                             f"{_lost(n + 1)}", eline))
        return


def _decode(dec: json.JSONDecoder, text: str, pos: int, careful: bool) -> tuple[object, int]:
    """The element at pos and the position after it; raises like json, positions from text's start.

    careful: cut the element out first (when its end can be found), so that an error in it costs
    the element's length and not a count of lines over the whole text.
    """
    end = _value_end(text, pos) if careful else None
    if end is None:
        return dec.raw_decode(text, pos)
    try:
        return json.loads(text[pos:end]), end
    except json.JSONDecodeError as e:
        e.pos += pos                  # from the start of text, as raw_decode would say (lineno left alone)
        raise


def _value_end(text: str, pos: int) -> Optional[int]:
    """Where the element at pos ends, from brackets and strings alone: after its closing bracket, or
    at the "," or "]" after a bare value. None when a string or bracket never closes, or when a quote
    is missing (the records after it would be swallowed and misnumbered)."""
    depth = 0
    for m in _TOKENS.finditer(text, pos):
        t = m.group()
        if t[0] == '"':
            if len(t) == 1 or _BETWEEN_RECORDS.search(t):    # a quote no string pattern could close
                return None
        elif t in "[{":
            depth += 1
        elif t in "]}":
            if depth == 0:            # the array's own "]" after a bare value
                return m.start()
            depth -= 1
            if depth == 0:
                return m.end()
        elif depth == 0:              # ","
            return m.start()
    return None


def _lone_object(text: str, pos: int, path: str, report) -> Iterator[tuple[int, int, object]]:
    """The one record of a file holding a single object."""
    try:
        obj, end = json.JSONDecoder().raw_decode(text, pos)
    except DECODE_ERRORS as e:
        line = e.lineno if isinstance(e, json.JSONDecodeError) else 1
        report(Problem(path, f"{invalid(e)}; file skipped", line))
        return
    lines = _Lines(text)
    yield 1, lines.at(pos)[0], obj
    _check_end(text, end, lines, path, report)


def _check_end(text: str, pos: int, lines: "_Lines", path: str, report) -> None:
    """Report anything but white space after the top-level value (the records before it are kept)."""
    pos = _WS.match(text, pos).end()
    if pos < len(text):
        line, col = lines.at(pos)
        report(Problem(path, f"invalid JSON: extra data after the top-level value (column {col}); ignored",
                       line))


def _lost(n: int) -> str:
    """What is lost when the array breaks at record n."""
    return "file skipped" if n == 1 else f"the rest of the file skipped (from record {n})"


class _Lines:
    """Line and column of positions met front to back, each newline counted once."""

    def __init__(self, text: str):
        """Start at the beginning of text (line 1, column 1)."""
        self.text, self.pos, self.line, self.start = text, 0, 1, 0

    def at(self, pos: int) -> tuple[int, int]:
        """(line, column) of pos, both from 1; a pos behind the last one is taken as the last one."""
        pos = max(pos, self.pos)
        n = self.text.count("\n", self.pos, pos)
        if n:
            self.line += n
            self.start = self.text.rfind("\n", self.pos, pos) + 1
        self.pos = pos
        return self.line, pos - self.start + 1
