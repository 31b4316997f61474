"""Every article kept or named: colliding names, odd file names, broken records and
special files each give an article or one line, never a silent loss or an aborted build."""
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from corpus import Article, Skipped, read_articles
from graph.build import build
from graph.cli import app
from ontology.namespace import NG, SCHEMA

TEXT = "Dmitri Peskov, porte-parole du Kremlin, a parlé {n} fois jeudi à Moscou des discussions avec Kiev."


def article_text(n: int) -> str:
    return f"Titre {n}\n" + TEXT.format(n=n)


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)])


def graph_names(out: Path) -> set[str]:
    store = ox.Dataset(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    return {q.graph_name.value for q in store if isinstance(q.graph_name, ox.NamedNode)}


def test_same_file_names_in_two_folders_and_two_formats_are_four_articles(tmp_path: Path):
    corpus = tmp_path / "corpus"
    for folder in ("a", "b"):
        (corpus / folder).mkdir(parents=True)
    (corpus / "a" / "depeche.txt").write_text(article_text(1), encoding="utf-8")
    (corpus / "b" / "depeche.txt").write_text(article_text(2), encoding="utf-8")
    (corpus / "c.txt").write_text(article_text(3), encoding="utf-8")
    (corpus / "c.html").write_text(f"<html><body><article><h1>Titre 4</h1><p>{TEXT.format(n=4)}</p></article>"
                                   "</body></html>", encoding="utf-8")
    (corpus / "seule.txt").write_text(article_text(5), encoding="utf-8")
    articles, skipped = split(read_articles([corpus]))
    assert sorted(a.id for a in articles) == ["a/depeche.txt", "b/depeche.txt", "c.html", "c.txt", "seule"]
    assert skipped == []
    result = build([corpus], tmp_path / "out", model=None)
    assert (result.articles, result.skipped) == (5, [])
    assert len([g for g in graph_names(tmp_path / "out") if "/id/article/" in g]) == 5


def test_a_json_lines_id_used_twice_is_one_line_and_the_first_record_is_kept(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": "x1", "text": TEXT.format(n=n)}) for n in (1, 2, 3)), encoding="utf-8")
    articles, skipped = split(read_articles([feed]))
    assert [a.text for a in articles] == [TEXT.format(n=1)]
    assert [(s.source, s.reason) for s in skipped] == [
        (f"{feed}:2", f"id x1 already used by {feed}:1"), (f"{feed}:3", f"id x1 already used by {feed}:1")]
    result = build([feed], tmp_path / "out", model=None)
    assert result.articles == 1 and len(result.skipped) == 2


NAMES = ["deux mots.txt", 'guillemet".txt', "chevron<b>.txt", "retour\nligne.txt", "cent%25.txt", "dépêche.txt"]


@pytest.mark.parametrize("name", NAMES + [os.fsdecode(b"caf\xe9.txt")])
def test_any_file_name_builds_and_is_kept_as_a_literal(tmp_path: Path, name: str):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(article_text(1), encoding="utf-8")
    result = build([corpus], tmp_path / "out", model=None)
    assert result.articles == 1, result.skipped
    store = ox.Store()
    store.load(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG)
    [row] = store.query(f"SELECT ?g ?file ?id WHERE {{ ?g <{SCHEMA.identifier}> ?id ; <{NG.sourceFile}> ?file }}")
    assert row["file"].value.endswith(name.replace("\n", "\\n").replace("\udce9", "\\xe9"))
    assert "\n" not in row["id"].value and " " not in row["g"].value


def test_a_file_named_like_markup_gives_one_line_in_the_cli(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a\nb.txt").write_bytes(b"")
    (corpus / "bon.txt").write_text(article_text(1), encoding="utf-8")
    import graph.build
    monkeypatch.setattr(graph.build, "build", lambda paths, out, **kw: build(paths, out, model=None))
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"skipped {corpus}/a\\nb.txt: empty file\n" in result.output


def test_a_stray_quote_in_the_catalogue_spoils_its_row_only(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in (1, 2, 3):
        (corpus / f"a{n}.txt").write_text(article_text(n), encoding="utf-8")
    (corpus / "catalogue.csv").write_text("file,published,outlet,url\n"
                                          "a1.txt,2025-10-07,Le Monde,\n"
                                          'a2.txt,"2025-10-08,Libé,\n'
                                          "a3.txt,2025-10-09,La Croix,\n", encoding="utf-8")
    articles, skipped = split(read_articles([corpus]))
    assert {a.id: a.published for a in articles} == {"a1": "2025-10-07", "a2": None, "a3": "2025-10-09"}
    assert [s.source for s in skipped] == [f"{corpus}/catalogue.csv:3"]
    assert skipped[0].reason.startswith("bad catalogue row (")
    assert build([corpus], tmp_path / "out", model=None).articles == 3


@pytest.mark.parametrize("record, reason", [
    ('{"id": "s", "text": "Kiev \\ud800 et Moscou"}', "'text' holds a lone surrogate, not text"),
    ('{"id": "n", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('[' * 100_000, "nested too deeply"),
])
def test_a_json_lines_record_that_is_no_text_is_one_skipped_line(tmp_path: Path, record: str, reason: str):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "ok", "text": TEXT.format(n=1)}) + "\n" + record + "\n", encoding="utf-8")
    articles, skipped = split(read_articles([feed]))
    assert [a.id for a in articles] == ["ok"]
    assert [s.source for s in skipped] == [f"{feed}:2"] and reason in skipped[0].reason


@pytest.mark.parametrize("hidden", ["\u200b", "\x00", "\u00ad", "\ufeff", "\u2060"])
def test_invisible_characters_inside_a_name_are_removed_and_offsets_stay_true(tmp_path: Path, hidden: str):
    feed = tmp_path / "feed.jsonl"
    text = f"Vladimir Pou{hidden}tine a reçu Steve Wit{hidden}koff au Kremlin jeudi, a dit Moscou."
    feed.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    [article] = read_articles([feed])
    assert article.text == "Vladimir Poutine a reçu Steve Witkoff au Kremlin jeudi, a dit Moscou."
    start = article.text.index("Witkoff")
    begin, end = article.original_span(start, start + len("Witkoff"))
    assert article.original[begin:end] == f"Wit{hidden}koff"


def test_a_utf16_file_with_a_bom_is_read(tmp_path: Path):
    (tmp_path / "u16.txt").write_bytes(article_text(1).encode("utf-16"))
    [article] = read_articles([tmp_path / "u16.txt"])
    assert article.text.endswith(TEXT.format(n=1))


def test_special_files_and_broken_links_are_named_one_line_each(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bon.txt").write_text(article_text(1), encoding="utf-8")
    os.mkfifo(corpus / "tube.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(corpus / "prise.txt"))
    (corpus / "casse.txt").symlink_to(corpus / "absent.txt")
    (corpus / "boucle.txt").symlink_to(corpus / "boucle.txt")
    (corpus / "ici").symlink_to(corpus)  # a folder link back up: walked once
    try:
        articles, skipped = split(read_articles([corpus]))
    finally:
        sock.close()
    assert [a.id for a in articles] == ["bon"]
    assert {Path(s.source).name: s.reason for s in skipped} == {
        "tube.txt": "a named pipe (FIFO), not read", "prise.txt": "a socket, not read",
        "casse.txt": f"broken symbolic link (to {corpus / 'absent.txt'}), not read",
        "boucle.txt": "symbolic link loop, not read"}


def test_an_unreadable_folder_is_named(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "fermé").mkdir(parents=True)
    (corpus / "fermé" / "x.txt").write_text(article_text(2), encoding="utf-8")
    (corpus / "bon.txt").write_text(article_text(1), encoding="utf-8")
    real = os.scandir

    def scandir(path):  # root reads any folder: refuse this one as a permission would
        if str(path).endswith("fermé"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    articles, skipped = split(read_articles([corpus]))
    assert [a.id for a in articles] == ["bon"]
    assert [str(s) for s in skipped] == [f"{corpus / 'fermé'}: folder cannot be read (Permission denied), "
                                         "its articles are not read"]


def test_folders_1500_deep_are_walked(tmp_path: Path):
    deep = tmp_path
    for _ in range(1500):
        deep = deep / "d"
        deep.mkdir()
    (deep / "fond.txt").write_text(article_text(1), encoding="utf-8")
    try:
        [article] = read_articles([tmp_path])
        assert article.id == "fond"
    finally:  # shutil.rmtree (pytest's clean-up) recurses once per level: remove the tree bottom up
        (deep / "fond.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_an_output_folder_inside_the_corpus_is_not_read_back(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text(article_text(1), encoding="utf-8")
    first = build([corpus], corpus / "out", model=None)
    assert (corpus / "out" / "network.html").exists()
    again = build([corpus], corpus / "out", model=None)
    assert (first.articles, again.articles, again.skipped) == (1, 1, [])


def test_a_second_build_into_a_held_output_folder_stops_in_one_line(tmp_path: Path):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from graph.runtime.out_lock import OutputLock\n"
                               f"with OutputLock({str(out)!r}):\n    print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        result = CliRunner().invoke(app, ["build", str(tmp_path), "--out", str(out)])
        assert result.exit_code == 1
        assert result.output.count("\n") == 1, result.output
        assert result.output.startswith(f"newsgraph: error: {out} is being written by process {holder.pid} (")
    finally:
        holder.kill()
        holder.wait()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text(article_text(1), encoding="utf-8")
    assert build([corpus], out, model=None).articles == 1  # a killed holder leaves no lock behind


def test_a_page_nested_a_quarter_million_deep_keeps_its_text(tmp_path: Path):
    depth = 250_000
    page = tmp_path / "profonde.html"
    page.write_text("<html><head><title>Titre</title></head><body>" + "<div>" * depth + f"<p>{TEXT.format(n=1)}</p>"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    [article] = read_articles([page])
    assert article.text.endswith(TEXT.format(n=1))


def test_copies_with_one_letter_changed_are_one_article_for_support(tmp_path: Path):
    from corpus import default_corpus
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    original = sorted(default_corpus().glob("*.txt"))[0].read_text(encoding="utf-8")
    (corpus / "a000.txt").write_text(original, encoding="utf-8")
    for n in range(1, 20):  # a typo each: « Trump » -> « Truxp », another word for the others
        word = original.split()[10 + n]
        (corpus / f"a{n:03d}.txt").write_text(original.replace(word, word[:-1] + "x", 1), encoding="utf-8")
    other = sorted(default_corpus().glob("*.txt"))[1]
    (corpus / "autre.txt").write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    result = build([corpus], tmp_path / "out", model=None)
    assert result.articles == 2
    notes = [s for s in result.skipped if "near copy of" in s.reason]
    assert len(notes) == 19 and all(s.reason.startswith(f"near copy of {corpus / 'a000.txt'} (") for s in notes)
    again = build([corpus], tmp_path / "out", model=None)  # from the cache: the same decisions
    assert (again.articles, len(again.skipped), again.reused) == (2, 19, 2)
