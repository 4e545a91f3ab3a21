"""Reading a corpus: finding files, decoding them, JSON/JSONL records, sidecar metadata, text heuristics.

Input is any mix of files and directories (walked recursively, symlinks followed, loops reported).
Only `.txt`, `.json` and `.jsonl` files are read (extension in any case); files of any other extension, hidden files and
directories (name starting with "."), and README/LICENSE/COPYING/CHANGELOG/NOTICE files are ignored
when met inside a directory. `metadata.tsv` /
`metadata.csv` sidecars are read as metadata, not as articles.

Article ids:
- a text file: its path relative to the corpus root it was found under, with "/" separators
  (a file named directly on the command line: its file name);
- the Nth record of a `.json` array or `.jsonl` file: that path plus "#N", N counting from 1
  (for JSONL, N counts records, not lines: blank lines are not records).

Everything that goes wrong with one file or record is reported once through `on_problem` as a
`Problem` and the rest goes on. Article.text is the text as read: only a BOM is stripped and CRLF
becomes LF, so that quote offsets point into the original words.

One module per job: `source` (what a corpus file is), `walk` (finding files), `decode` (bytes to
text), `jsonrecords` (JSON and JSON lines), `sidecars` (metadata files), `facts` and `dates` (what
the text says about itself), `read` (putting them together).
"""
from .dates import normalize_date
from .decode import SNIFF_BYTES, read_bytes
from .facts import AGENCIES, NOT_PLACES, article_from_text, build_article, text_facts
from .jsonrecords import FIELDS, TEXT_FIELDS, article_from_record
from .read import iter_articles, read_file, read_once, read_source, unique
from .sidecars import SIDECAR_FIELDS, SIDECAR_KEYS, SidecarCache, read_sidecar
from .names import path_bytes, path_from_id, path_id, readable_path
from .source import (EXTENSIONS, MAX_FILE_BYTES, NOT_ARTICLES, RECORD_EXTS, SIDECARS, TEXT_EXT, OnProblem,
                     Problem, SourceFile, file_hash, fingerprint, recorded_hash)
from .walk import discover

__all__ = [
    "AGENCIES", "EXTENSIONS", "FIELDS", "MAX_FILE_BYTES", "NOT_ARTICLES", "NOT_PLACES", "RECORD_EXTS",
    "SIDECARS", "SIDECAR_FIELDS", "SIDECAR_KEYS", "SNIFF_BYTES", "TEXT_EXT", "TEXT_FIELDS", "OnProblem",
    "Problem", "SidecarCache", "SourceFile", "article_from_record", "article_from_text", "build_article",
    "discover", "file_hash", "fingerprint", "iter_articles", "normalize_date", "path_bytes", "path_from_id",
    "path_id", "read_bytes", "read_file", "read_once", "read_sidecar", "read_source", "readable_path",
    "recorded_hash", "text_facts", "unique",
]
