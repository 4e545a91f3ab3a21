"""Bytes to text: UTF-8 (BOM stripped), else cp1252 with a warning; binary data refused."""
from __future__ import annotations

import codecs
import re
from typing import Optional

from .source import Problem


def _latin1_fallback(err: UnicodeDecodeError):
    """cp1252 leaves five bytes undefined: read those as their Latin-1 code points rather than fail."""
    bad = err.object[err.start:err.end]
    return "".join(chr(b) for b in bad), err.end


LATIN1_FALLBACK = "quote-index-latin1"
codecs.register_error(LATIN1_FALLBACK, _latin1_fallback)


# C0 control characters other than the white space ones (\t \n \v \f \r): a sign of binary data.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def decode_text(data: bytes, path: str, report) -> Optional[str]:
    """UTF-8 (BOM stripped), else cp1252 with a warning; CRLF -> LF. None (reported) when not text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        text = body.decode("cp1252", errors=LATIN1_FALLBACK)
        report(Problem(path, f"not valid UTF-8 (byte {e.start}); decoded as cp1252", warning=True))
    head = text[:4096]
    controls = len(_CONTROLS.findall(head))
    if controls > max(8, len(head) // 20):
        report(Problem(path, "binary file (control characters), not text; skipped"))
        return None
    return text.replace("\r\n", "\n")
