"""Named byte records in one append-only file: what the build caches keep per article.

Ten thousand articles kept as ten thousand small files cost a build one random read each
when the disk cache has dropped them (2.5 ms apiece here: 25 s at 10,000 articles); in
one file they are one sequential read. A pack is ``STEM-ID.pack``, the records one after
the other, and ``STEM.json``, the index: the pack's name and each record's offset and
length. Records are appended as a build makes them; :meth:`Pack.save` writes the index of
the records still wanted and, when most of the file is records no longer wanted, copies
those into a new pack first. A crash loses at most the records not indexed yet: the
index names a whole pack, and each record starts with its name, checked on reading.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> pack = Pack(folder, "notes")
>>> pack.put("a", b"first"); pack.put("b", b"second"); pack.save(keep=["b"])
>>> reopened = Pack(folder, "notes")
>>> reopened.get("b"), reopened.get("a"), "a" in reopened
(b'second', None, False)
"""
from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from graph.runtime.atomic_files import write_atomic

__all__ = ["Pack"]

# a pack is rewritten when the records still wanted fill less than this share of it
COMPACT_BELOW_LIVE_SHARE = 0.5


class Pack:
    def __init__(self, folder: str | Path, stem: str):
        self.folder, self.stem = Path(folder), stem
        self._records: dict[str, tuple[int, int]] = {}
        self._file: str | None = None
        self._reader: int | None = None
        self._writer: int | None = None
        self._read_index()

    @property
    def _index_path(self) -> Path:
        return self.folder / f"{self.stem}.json"

    def _read_index(self) -> None:
        try:
            index = json.loads(self._index_path.read_text(encoding="utf-8"))
            pack, records = index["pack"], index["records"]
            if not (self.folder / pack).is_file():
                return
            self._records = {name: (int(offset), int(length)) for name, (offset, length) in records.items()}
            self._file = pack
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._records, self._file = {}, None

    def __contains__(self, name: str) -> bool:
        return name in self._records

    def __len__(self) -> int:
        return len(self._records)

    def get(self, name: str) -> bytes | None:
        """The record ``name``, or None if there is none (or it is damaged)."""
        where = self._records.get(name)
        if where is None:
            return None
        offset, length = where
        try:
            if self._reader is None:
                self._reader = os.open(self.folder / self._file, os.O_RDONLY)
            data = os.pread(self._reader, length, offset)
        except OSError:
            return None
        head = f"{name}\n".encode()
        return data[len(head):] if len(data) == length and data.startswith(head) else None

    def put(self, name: str, data: bytes) -> None:
        record = f"{name}\n".encode() + data
        if self._writer is None:
            if self._file is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._file = f"{self.stem}-{secrets.token_hex(6)}.pack"
            self._writer = os.open(self.folder / self._file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.write(self._writer, record)
        # with O_APPEND the write and the move to the file's end are one step: where it
        # ended is right even if another build appends to the same pack
        end = os.lseek(self._writer, 0, os.SEEK_CUR)
        self._records[name] = (end - len(record), len(record))

    def save(self, keep: Iterable[str]) -> None:
        """Index the records named in ``keep`` (and forget the others); remove what no index names."""
        wanted = {name: self._records[name] for name in keep if name in self._records}
        pack = self.folder / self._file if self._file else None
        if pack is not None and wanted:
            live = sum(length for _, length in wanted.values())
            if live < COMPACT_BELOW_LIVE_SHARE * pack.stat().st_size:
                wanted = self._copy_into_new_pack(wanted)
        self.close()
        self._records = wanted
        if wanted:
            write_atomic(self._index_path, json.dumps({"pack": self._file, "records": wanted}), durable=False)
        else:
            self._index_path.unlink(missing_ok=True)
            self._file = None
        for path in self.folder.glob(f"{self.stem}-*.pack"):
            if path.name != self._file:
                path.unlink(missing_ok=True)

    def _copy_into_new_pack(self, wanted: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        name = f"{self.stem}-{secrets.token_hex(6)}.pack"
        moved, offset = {}, 0
        with open(self.folder / self._file, "rb") as source, open(self.folder / name, "wb") as target:
            for record, (start, length) in sorted(wanted.items(), key=lambda item: item[1][0]):
                source.seek(start)
                target.write(source.read(length))
                moved[record] = (offset, length)
                offset += length
        self._file = name  # the caller closes what was open on the old pack
        return moved

    def close(self) -> None:
        for fd in (self._reader, self._writer):
            if fd is not None:
                os.close(fd)
        self._reader = self._writer = None

    def __del__(self) -> None:
        self.close()
