"""Large regular expressions compiled once per machine, not once per process.

spaCy's French data compiles, when it is imported, one regular expression of 1.4 million
characters (the hyphenated and elided words the tokenizer keeps whole): Python's ``re``
spends 2.5 s on it in every process that loads the model, half of the load. Inside
``stored_patterns()``, a pattern of at least ``MIN_LENGTH`` characters is compiled from
its stored code when the cache directory has it, and its code is stored there when not;
every other pattern compiles as usual. A stored file is tied to the interpreter's regular
expression engine and checked against a digest; a stale or damaged one is compiled again.

>>> import re, tempfile
>>> with stored_patterns(tempfile.mkdtemp(), min_length=10):
...     bool(re.compile("(?i)newsgraph[a-z]*").match("NewsGraphs"))
True
"""
from __future__ import annotations

import array
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .files import write_atomic

__all__ = ["stored_patterns", "patterns_directory", "MIN_LENGTH"]

MIN_LENGTH = 100_000

try:  # the engine's private interface: without it, patterns compile as usual
    import _sre
    from re import _compiler, _parser
    _ENGINE = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - other interpreters
    _ENGINE = None


def patterns_directory() -> Path | None:
    """``$NEWSGRAPH_CACHE_DIR/patterns``, else under ``$XDG_CACHE_HOME`` or ``~/.cache``
    (None for a user without a home directory)."""
    root = os.environ.get("NEWSGRAPH_CACHE_DIR")
    if not root:
        try:
            root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph"
        except (RuntimeError, KeyError):  # no HOME and no password-file entry
            return None
    return Path(root) / "patterns"


def _file_of(directory: Path, pattern: str, flags: int) -> Path:
    key = hashlib.sha256(f"{_ENGINE}\n{flags}\n{pattern}".encode("utf-8", "surrogatepass")).hexdigest()
    return directory / f"{key[:32]}.sre"


def _from_file(path: Path, pattern: str) -> re.Pattern | None:
    try:
        header, _, body = path.read_bytes().partition(b"\n")
        meta = json.loads(header)
        if hashlib.sha256(body).hexdigest() != meta["digest"]:
            return None
        code = array.array("I")
        code.frombytes(body)
        return _sre.compile(pattern, meta["flags"], code.tolist(), meta["groups"] - 1,
                            meta["groupindex"], tuple(meta["indexgroup"]))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError):
        return None


def _compile_and_store(path: Path, pattern: str, flags: int) -> re.Pattern:
    """What ``re._compiler.compile`` does, keeping the code it hands to the engine."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    compiled = _sre.compile(pattern, flags | parsed.state.flags, code, parsed.state.groups - 1,
                            groupindex, tuple(indexgroup))
    body = array.array("I", code).tobytes()
    header = {"flags": flags | parsed.state.flags, "groups": parsed.state.groups, "groupindex": groupindex,
              "indexgroup": indexgroup, "digest": hashlib.sha256(body).hexdigest()}
    try:
        write_atomic(path, json.dumps(header).encode() + b"\n" + body, durable=False)
    except OSError:
        pass  # a read-only cache: this process still gets its pattern
    return compiled


class _StoredPatternCache(dict):
    """``re``'s cache of compiled patterns, which looks up a large pattern it lacks on disk."""

    def __init__(self, entries: dict, directory: Path, min_length: int):
        super().__init__(entries)
        self.directory, self.min_length = directory, min_length

    def __missing__(self, key):
        kind, pattern, flags = key
        if kind is not str or len(pattern) < self.min_length or flags & re.DEBUG:
            raise KeyError(key)
        path = _file_of(self.directory, pattern, flags)
        compiled = _from_file(path, pattern) or _compile_and_store(path, pattern, flags)
        self[key] = compiled
        return compiled


@contextmanager
def stored_patterns(directory: str | Path | None = None, *, min_length: int = MIN_LENGTH) -> Iterator[None]:
    """Inside the block, ``re.compile`` of a pattern of ``min_length`` characters or more
    uses (or fills) the store in ``directory`` (default: ``patterns_directory()``)."""
    original = getattr(re, "_cache", None)
    directory = Path(directory) if directory else patterns_directory()
    if _ENGINE is None or type(original) is not dict or directory is None:
        yield
        return
    cache = _StoredPatternCache(original, directory, min_length)
    re._cache = cache
    try:
        yield
    finally:
        re._cache = original
        original.update(cache)
