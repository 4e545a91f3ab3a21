"""Where a records directory puts things, and how parts and the directory itself appear atomically.

    DIR/_manifest.json                      written last: a directory without it is unfinished
    DIR/quotes/year=2016/month=09/part-00012.parquet
    DIR/articles/year=2016/month=09/part-00012.parquet
    DIR/quotes/year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/part-00003.parquet

Folders follow Hive's `key=value` convention so that pyarrow, Spark or DuckDB read the year and
month as columns; undated articles go under Hive's name for a null value. Partition k of a job
writes only files named part-<k>, each to a hidden temporary name first and renamed into place
when complete, so a retried or repeated task replaces its files and never adds a second copy.
A job writes into `DIR.new-<pid>` and swaps it in for DIR at the end, like the index does.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from typing import Callable, Optional

from ..durable import replace_dir

MANIFEST = "_manifest.json"
MANIFEST_KIND = "quote-index records"
FORMATS = {"parquet": ".parquet", "jsonl": ".jsonl"}
UNDATED = "__HIVE_DEFAULT_PARTITION__"      # Hive's folder name for a null partition value


class RecordsError(Exception):
    """A records directory cannot be written or read; the message says which and why."""


def date_folder(date: Optional[str]) -> str:
    """The year=/month= folder of an article date (YYYY-MM-DD), or the undated folder."""
    if date and len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit():
        return f"year={date[:4]}/month={date[5:7]}"
    return f"year={UNDATED}/month={UNDATED}"


def part_name(number: int, fmt: str) -> str:
    """The file name of partition `number`'s part in one folder."""
    return f"part-{number:05d}{FORMATS[fmt]}"


def write_atomic(path: str, write: Callable) -> None:
    """Call write(binary file) on a hidden temporary beside path, fsync, then rename it to path."""
    folder, name = os.path.split(path)
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def part_files(directory: str, kind: str) -> list[str]:
    """The finished part files of one dataset (quotes or articles), sorted; temporaries left out."""
    root = os.path.join(directory, kind)
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found.extend(os.path.join(folder, n) for n in names
                     if n.startswith("part-") and n.endswith(tuple(FORMATS.values())))
    return sorted(found)


def read_manifest(directory: str) -> dict:
    """The manifest of a finished records directory; RecordsError when there is none."""
    path = os.path.join(directory, MANIFEST)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except FileNotFoundError:
        raise RecordsError(f"{directory} is not a finished quote-index records directory "
                           f"(no {MANIFEST}); run `quote-index extract ... --output {directory}`") from None
    except (OSError, ValueError) as e:
        raise RecordsError(f"cannot read {path}: {e}") from None
    if manifest.get("kind") != MANIFEST_KIND:
        raise RecordsError(f"{path} is not a quote-index records manifest")
    return manifest


def write_manifest(directory: str, manifest: dict) -> None:
    """Write the manifest (last, atomically): from then on the directory is finished."""
    data = json.dumps({"kind": MANIFEST_KIND, **manifest}, ensure_ascii=False, indent=1).encode()
    write_atomic(os.path.join(directory, MANIFEST), lambda f: f.write(data))


def staging_dir(output: str) -> str:
    """A fresh `<output>.new-<pid>` to write a job into; refuses to replace what is not records."""
    out = os.path.abspath(output).rstrip("/")
    if os.path.exists(out):
        if not os.path.isdir(out):
            raise RecordsError(f"--output {output} exists and is not a directory")
        if os.listdir(out) and not os.path.exists(os.path.join(out, MANIFEST)):
            raise RecordsError(f"--output {output} exists and is not a quote-index records directory; "
                               "choose a new or empty directory (it would be replaced)")
    tmp = f"{out}.new-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    return tmp


def sweep_temporaries(directory: str) -> int:
    """Delete temporaries left by task attempts that died mid-write; how many there were."""
    n = 0
    for folder, _dirs, names in os.walk(directory):
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                _unlink(os.path.join(folder, name))
                n += 1
    return n


def swap_in(staging: str, output: str) -> None:
    """Put the finished staging directory in place of output, then delete the previous one
    (atomically where the kernel can exchange two paths, as an index swap is)."""
    out = os.path.abspath(output).rstrip("/")
    replace_dir(staging, out, f"{out}.old-{os.getpid()}")


def _unlink(path: str) -> None:
    """Remove a file that may already be gone."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
