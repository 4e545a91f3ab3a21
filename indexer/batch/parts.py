"""One part file of a records dataset: written from rows, read back to rows (Parquet or JSONL)."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

from .layout import RecordsError, write_atomic
from .schema import SCHEMAS

COMPRESSION = "zstd"       # smaller than snappy on text, and as fast to read


def write_part(path: str, kind: str, rows: list[dict], fmt: str) -> None:
    """Write rows of one dataset (quotes or articles) as one part file, atomically."""
    if fmt == "parquet":
        table = pa.Table.from_pylist(rows, schema=SCHEMAS[kind])
        write_atomic(path, lambda f: pq.write_table(table, f, compression=COMPRESSION))
    elif fmt == "jsonl":
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
        write_atomic(path, lambda f: f.write(data))
    else:
        raise ValueError(f"unknown records format {fmt!r} (parquet or jsonl)")


def read_part(path: str) -> list[dict]:
    """The rows of one part file, in the order written; RecordsError naming the file when unreadable."""
    try:
        if path.endswith(".parquet"):
            return pq.ParquetFile(path).read().to_pylist()
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError, pa.ArrowException) as e:
        raise RecordsError(f"cannot read records part {path}: {e}") from None
