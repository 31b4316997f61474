"""Bad and unusual input: each problem one line naming the file, the rest still read."""
import json
from pathlib import Path

from typer.testing import CliRunner

from corpus import Skipped, read_articles
from graph.build import build
from graph.cli import app

FRENCH = "Le Kremlin a confirmé jeudi que des discussions avec les États-Unis auraient lieu la semaine prochaine à Moscou."
ENGLISH = ("The Kremlin said on Thursday that talks with the United States would take place next week in Moscow, "
           "and that the envoy of the president was expected to arrive on Monday for the meeting.")


def read(*paths):
    """Articles read, and ``{file name: reason}`` of the files skipped."""
    items = list(read_articles(paths))
    return ([i for i in items if not isinstance(i, Skipped)],
            {Path(s.source).name: s.reason for s in items if isinstance(s, Skipped)})


def test_html_page_gives_title_and_article_text(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Site | X</title><meta property="og:title" content="Titre réel">
        <script>var s = "<p>pas du texte</p>";</script></head><body><nav>Accueil Monde</nav>
        <article><h1>Titre réel</h1><p>Dmitri Peskov, porte-parole du <b>Kremlin</b>, a parlé.</p>
        <aside>Lire aussi</aside></article><footer>© Journal</footer></body></html>""", encoding="utf-8")
    [article], _ = read(page)
    assert article.title == "Titre réel"
    assert article.text == "Titre réel\n\nDmitri Peskov, porte-parole du Kremlin, a parlé."


def test_json_lines_records_and_a_bad_line(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a1", "title": "Titre", "text": FRENCH, "published": "2025-12-18", "outlet": "X"}),
        "{not json",
        json.dumps({"id": "a2", "text": FRENCH + " Kiev aussi."}),
    ]), encoding="utf-8")
    items = list(read_articles([path]))
    articles = [i for i in items if not isinstance(i, Skipped)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [(a.id, a.title, a.published) for a in articles] == [("a1", "Titre", "2025-12-18"), ("a2", FRENCH + " Kiev aussi.", None)]
    assert len(skipped) == 1 and skipped[0].source.endswith("feed.jsonl:2") and "bad JSON Lines record" in skipped[0].reason


def test_an_article_not_in_french_is_skipped_with_a_warning(tmp_path: Path):
    (tmp_path / "en.txt").write_text("Title\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Titre\n" + FRENCH, encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert [a.id for a in articles] == ["fr"]
    assert skipped == {"en.txt": "not French (looks like en), skipped"}


def test_a_very_large_file_is_refused_in_one_line(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text(("Titre\n" + FRENCH + "\n") * 420_000, encoding="utf-8")  # about 50 MB
    assert big.stat().st_size > 49_000_000
    _, skipped = read(big)
    assert skipped["big.txt"].startswith("too large for one article (")


def test_windows_1252_is_read_correctly(tmp_path: Path):
    (tmp_path / "cp.txt").write_bytes(("Titre\nL’émissaire américain est arrivé à Moscou.").encode("cp1252"))
    [article], _ = read(tmp_path / "cp.txt")
    assert "L'émissaire américain est arrivé à Moscou." in article.text


def test_the_cli_lists_skipped_files_and_builds_the_rest(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Titre\nDmitri Peskov, porte-parole du Kremlin, a parlé.", encoding="utf-8")
    (corpus / "bin.txt").write_bytes(b"\x00\xff\x00")
    import graph.build
    monkeypatch.setattr(graph.build, "build", lambda paths, out, **kw: build(paths, out, model=None))
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"skipped {corpus / 'bin.txt'}: binary file, not text" in result.output
    assert "articles   1 read, 1 skipped" in result.output
    assert "Traceback" not in result.output


def test_markup_in_a_pages_text_never_becomes_part_of_a_name(tmp_path: Path):
    from rdflib import Dataset
    from rdflib.namespace import RDFS, SKOS
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_text(
        "<html><head><title>Visite</title></head><body><article><p>Steve Witkoff est arrivé "
        "&lt;b&gt;à Miami&lt;/b&gt;. Il a vu Dmitri Peskov | &lt;i&gt;Kremlin&lt;/i&gt;.</p></article></body></html>",
        encoding="utf-8")
    build([corpus], tmp_path / "out", model=None)
    dataset = Dataset()
    dataset.parse(tmp_path / "out" / "graph.trig", format="trig")
    names = {str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in dataset.objects(None, p)}
    assert "Miami" in names
    assert not [n for n in names if set(n) & set("<>|")]


def test_a_folder_of_text_files_builds_without_trafilatura(tmp_path: Path):
    """trafilatura (and lxml's HTML cleaner under it) is imported only to read a page."""
    import subprocess
    import sys
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text("Titre\n" + FRENCH, encoding="utf-8")
    code = ("import sys; sys.modules['trafilatura'] = None\n"
            "from graph.build import build\n"
            f"result = build([{str(corpus)!r}], {str(tmp_path / 'out')!r}, model=None)\n"
            "assert result.articles == 1, result.skipped\n"
            "assert 'trafilatura' not in [m for m in sys.modules if sys.modules[m] is not None]\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
