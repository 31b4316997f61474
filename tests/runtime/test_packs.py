"""The build caches' packs: records survive a reopening, dropped ones go, a crash loses nothing indexed."""
from __future__ import annotations

import json
from pathlib import Path

from graph.build import build
from graph.runtime.packs import Pack


def test_records_are_read_back_after_reopening_and_dropped_ones_are_gone(tmp_path: Path):
    pack = Pack(tmp_path, "x")
    for n in range(5):
        pack.put(f"r{n}", f"record {n}".encode() * (n + 1))
    pack.save(keep=["r1", "r3", "r4", "absent"])
    again = Pack(tmp_path, "x")
    assert {n: again.get(n) for n in ("r0", "r1", "r3")} == {"r0": None, "r1": b"record 1" * 2, "r3": b"record 3" * 4}
    assert len(again) == 3 and "r0" not in again


def test_a_pack_mostly_of_dropped_records_is_rewritten_smaller(tmp_path: Path):
    pack = Pack(tmp_path, "x")
    for n in range(10):
        pack.put(f"r{n}", bytes([n]) * 1000)
    pack.save(keep=[f"r{n}" for n in range(10)])
    [before] = tmp_path.glob("x-*.pack")
    pack = Pack(tmp_path, "x")
    pack.put("new", b"n" * 1000)
    pack.save(keep=["r7", "new"])
    [after] = tmp_path.glob("x-*.pack")
    assert after != before and after.stat().st_size < 2100
    again = Pack(tmp_path, "x")
    assert again.get("r7") == bytes([7]) * 1000 and again.get("new") == b"n" * 1000 and again.get("r6") is None


def test_records_not_indexed_when_a_build_dies_are_ignored_then_removed(tmp_path: Path):
    pack = Pack(tmp_path, "x")
    pack.put("kept", b"k")
    pack.save(keep=["kept"])
    dying = Pack(tmp_path, "x")
    dying.put("lost", b"l")        # no save: the process died here
    dying.close()
    again = Pack(tmp_path, "x")
    assert again.get("kept") == b"k" and "lost" not in again
    orphan = tmp_path / "x-000000000000.pack"
    orphan.write_bytes(b"left by a killed build")
    again.save(keep=["kept"])
    assert not orphan.exists() and Pack(tmp_path, "x").get("kept") == b"k"


def test_a_wrong_offset_or_a_damaged_index_reads_as_missing(tmp_path: Path):
    pack = Pack(tmp_path, "x")
    pack.put("a", b"alpha")
    pack.put("b", b"beta")
    pack.save(keep=["a", "b"])
    index = tmp_path / "x.json"
    content = json.loads(index.read_text())
    content["records"]["b"] = content["records"]["a"]
    index.write_text(json.dumps(content))
    assert Pack(tmp_path, "x").get("b") is None and Pack(tmp_path, "x").get("a") == b"alpha"
    index.write_text("{not json")
    assert len(Pack(tmp_path, "x")) == 0


def test_a_damaged_cache_entry_is_extracted_again_and_gives_the_same_graph(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"a{n}.txt").write_text(f"Titre {n}\nDmitri Peskov, porte-parole du Kremlin, a parlé {n} fois.",
                                         encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out, model=None)
    before = (out / "graph.trig").read_bytes()
    [pack] = (out / "cache").glob("extractions-*.pack")
    data = bytearray(pack.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 40] = b"\0" * 40
    pack.write_bytes(bytes(data))
    again = build([corpus], out, model=None)
    assert again.extracted == 1 and again.reused == 2
    assert (out / "graph.trig").read_bytes() == before
