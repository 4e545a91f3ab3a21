"""File names as ids and as text to show: any name the file system holds, as valid Unicode.

A POSIX file name is bytes. Python hands names that are not valid UTF-8 over as strings holding lone
surrogates (U+DC80..U+DCFF, one per undecodable byte, "surrogateescape"), which no UTF-8 writer
accepts: JSON output, Whoosh terms and web pages all fail on them. Control characters (a newline in a
name) are valid Unicode but break lines of output and the web routes.

Id scheme ("percent-escaped path", `path_id`): the path is kept as it is except that
- each byte of the name that is not part of valid UTF-8 becomes "%XX" (two upper-case hex digits),
- each control character (Unicode category Cc: U+0000..U+001F, U+007F..U+009F) becomes the
  "%XX" escapes of its UTF-8 bytes,
- "%" itself becomes "%25".
So `café.txt` written in Latin-1 (bytes `caf\\xe9.txt`) has the id `caf%E9.txt`; a UTF-8 `café.txt`
keeps `café.txt`; a name with a newline `a\\nb.txt` has `a%0Ab.txt`; a real `100%.txt` has `100%25.txt`.
Because "%" is always escaped, the scheme is reversible (`path_bytes` is
`urllib.parse.unquote_to_bytes`) and two different names never share an id. Names without "%",
control characters or undecodable bytes (nearly all) are unchanged. An id holds no control character
and no lone surrogate, so it survives JSON, Whoosh and URLs (where its "%" is quoted as "%25" like any
other "%": the web route receives the id back unchanged).

Shown names (`readable_path`, Article.path and every Problem's path) use the same escapes for
undecodable bytes and control characters but leave "%" alone: readable, one line, never a lone
surrogate, and unchanged for ordinary names. They are for people; ids are the lossless handle.
"""
from __future__ import annotations

import os
import re
from urllib.parse import unquote_to_bytes

# Lone surrogates (undecodable bytes carried by surrogateescape, U+DC80..U+DCFF) and control characters.
_ODD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ODD_OR_PERCENT = re.compile("[%\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _escape(m: re.Match) -> str:
    """%XX for each byte the matched character stands for in the file name."""
    c = m.group()
    if "\udc80" <= c <= "\udcff":                 # one undecodable byte of the name
        return f"%{ord(c) - 0xDC00:02X}"
    return "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))


def path_id(path: str) -> str:
    """The lossless, valid-Unicode id form of a path (see the module docstring for the scheme)."""
    return _ODD_OR_PERCENT.sub(_escape, path)


def readable_path(path: str) -> str:
    """A path to show: undecodable bytes and control characters as %XX, "%" itself left alone."""
    return _ODD.sub(_escape, path)


def undecodable(path: str) -> bool:
    """True when the os module handed the path over with bytes that are not valid UTF-8."""
    return _UNDECODABLE.search(path) is not None


def path_bytes(pid: str) -> bytes:
    """The file name bytes an id (or an id's path part, before "#N") stands for: path_id reversed."""
    return unquote_to_bytes(pid)


def path_from_id(pid: str) -> str:
    """The path an id stands for, as the str the os module takes (surrogateescape for odd bytes)."""
    return os.fsdecode(path_bytes(pid))
