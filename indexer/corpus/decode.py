"""Bytes to text: a size cap, binary data told from the first bytes, UTF-8 (else cp1252) decoded.

A file is judged before it is read whole: over the size cap it is not opened for reading at all;
a NUL byte or many control characters in its first SNIFF_BYTES make it binary; a `.json` file whose
first non-blank character cannot start a record array is not records. Only then is the rest read,
so a 1 GB binary file costs its first 16 kB. A NUL further on is still found in the whole text.
"""
from __future__ import annotations

import codecs
import os
import re
from typing import Optional

from .source import MAX_FILE_BYTES, Problem, os_reason, within_limit

# Enough bytes for the first 4096 characters even when each takes four bytes in UTF-8.
SNIFF_BYTES = 16 * 1024
_SNIFF_CHARS = 4096
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
NOT_RECORDS = "expected a JSON array of records (or one record object)"
# C0 control characters other than the white space ones (\t \n \v \f \r): a sign of binary data.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def _latin1_fallback(err: UnicodeDecodeError):
    """cp1252 leaves five bytes undefined: read those as their Latin-1 code points rather than fail."""
    bad = err.object[err.start:err.end]
    return "".join(chr(b) for b in bad), err.end


LATIN1_FALLBACK = "quote-index-latin1"
codecs.register_error(LATIN1_FALLBACK, _latin1_fallback)


def read_bytes(path: str, on_problem, max_bytes: Optional[int] = MAX_FILE_BYTES, *,
               json_array: bool = False, data: Optional[bytes] = None) -> Optional[bytes]:
    """A file's bytes when they may be text; None (reported) when too big, binary or unreadable.

    data: the bytes when the caller has read them already; they are judged the same way.
    """
    if data is not None:
        ok = (within_limit(len(data), max_bytes, path, on_problem)
              and sniff(data[:SNIFF_BYTES], path, on_problem, json_array))
        return data if ok else None
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if not within_limit(size, max_bytes, path, on_problem):
                return None
            head = f.read(SNIFF_BYTES)
            if not sniff(head, path, on_problem, json_array):
                return None
            if len(head) < SNIFF_BYTES:          # the whole file (most articles)
                return head
            f.seek(0)
            data = _read_capped(f, size, max_bytes)
    except OSError as e:
        on_problem(Problem(path, os_reason(e, path)))
        return None
    return data if within_limit(len(data), max_bytes, path, on_problem) else None    # it may have grown


def _read_capped(f, size: int, max_bytes: Optional[int]) -> bytes:
    """The file's bytes, at most max_bytes + 1 of them (one more shows that it is over the cap)."""
    if max_bytes is None:
        return f.read()
    # Ask for the size stat gave rather than the cap: a read buffer is allocated at the size asked.
    data = f.read(min(size, max_bytes) + 1)
    if len(data) > size:                          # it grew since stat: read on, up to the cap
        data += f.read(max_bytes + 1 - len(data))
    return data


def sniff(head: bytes, path: str, on_problem, json_array: bool = False) -> bool:
    """False (reported) when a file's first bytes show it is binary, or not records for a `.json`."""
    if head.startswith(UTF16_BOMS):
        # A UTF-16 BOM: Windows tools write text this way; it is text despite its NUL bytes.
        text = head.decode("utf-16", errors="replace")
    else:
        nul = head.find(b"\0")
        if nul >= 0:
            on_problem(_binary(path, nul))
            return False
        text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    text = text[:_SNIFF_CHARS]
    if len(_CONTROLS.findall(text)) > max(8, len(text) // 20):
        on_problem(Problem(path, "binary file (control characters), not text; skipped"))
        return False
    first = text.lstrip(" \t\n\r")[:1]
    if json_array and first and first not in "[{":
        on_problem(Problem(path, f"{NOT_RECORDS}; file skipped", 1))
        return False
    return True


def decode_text(data: bytes, path: str, on_problem) -> Optional[tuple[bytes, str]]:
    """(bytes, text) of a file: UTF-16 re-encoded as UTF-8, then UTF-8 (BOM stripped) or cp1252 with
    a warning, CRLF -> LF. None (reported) when empty or when a NUL byte shows it is binary."""
    if not data or data.isspace():
        on_problem(Problem(path, "empty file; skipped"))
        return None
    if data.startswith(UTF16_BOMS):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\0")
    if nul >= 0:
        on_problem(_binary(path, nul))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        text = body.decode("cp1252", errors=LATIN1_FALLBACK)
        on_problem(Problem(path, f"not valid UTF-8 (byte {e.start}); decoded as cp1252", warning=True))
    return data, text.replace("\r\n", "\n")


def _binary(path: str, nul: int) -> Problem:
    """The problem of a file with a NUL byte at offset nul (text never holds one)."""
    return Problem(path, f"binary file (NUL byte at offset {nul}), not text; skipped")
