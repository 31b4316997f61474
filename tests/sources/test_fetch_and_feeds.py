"""Pages, URL lists and feeds over real HTTP on 127.0.0.1 only: a local server serves saved
pages with real-world clutter, a feed, a 404, a slow page, a 5 MB page and a JSON answer."""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS
from typer.testing import CliRunner

from corpus import Article, read_articles
from graph.build import build
from graph.cli import app
from graph.runtime.session import BuildSession
from graph.sources.feeds import FeedWatcher
from graph.watch import watch
from ontology.namespace import SCHEMA

BODY = ("<p>Dmitri Peskov, porte-parole du Kremlin, a parlé jeudi à Djeddah, en Arabie saoudite, devant "
        "la presse.</p><p>L'émissaire américain Steve Witkoff a rencontré Vladimir Poutine à Moscou "
        "pour discuter du plan de paix.</p>")
TITLE = "Le Kremlin prêt à discuter avec Washington"


def cluttered(title: str, body: str, date: str, outlet: str) -> str:
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{date}T08:30:00+02:00"></head><body>
<div id="cookie-banner">Nous utilisons des cookies pour améliorer votre expérience. <button>Accepter</button></div>
<header><nav><a href="/">Accueil</a> | <a href="/monde">Monde</a> | <a href="/politique">Politique</a></nav></header>
<main><article><h1>{title}</h1><div class="share">Partager sur Facebook | Partager sur X | Copier le lien</div>
{body}<aside class="related"><h3>Lire aussi</h3><ul><li><a href="/x">Ole Berg reçu à Nairobi par Ana Ferreira</a></li></ul></aside>
</article><section id="comments"><h2>Commentaires</h2><div class="comment"><p>Lars Lindqvist a rencontré
Paul Kagame, écrit un lecteur qui signe Marc.</p></div></section></main><footer>© {outlet} 2025 — Mentions légales</footer>
</body></html>"""


FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Quotidien — Monde</title>
<link>http://127.0.0.1/</link><description>Monde</description>
<item><title>Ukraine : le Kremlin prêt à discuter</title><link>{base}/a1</link><pubDate>Tue, 07 Oct 2025 08:30:00 +0200</pubDate><description>Les pourparlers sur l'Ukraine</description></item>
<item><title>Ukraine : Witkoff à Moscou</title><link>{base}/a2</link><pubDate>Wed, 08 Oct 2025 09:00:00 +0200</pubDate><description>Nouvelle visite</description></item>
<item><title>Football : le PSG l'emporte</title><link>{base}/sport</link><pubDate>Wed, 08 Oct 2025 21:00:00 +0200</pubDate><description>Sport</description></item>
</channel></rss>"""


class Site:
    def __init__(self):
        self.hits: list[tuple[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.hits.append((self.path, self.headers.get("User-Agent", "")))
                routes = {
                    "/a1": ("text/html; charset=utf-8", cluttered(TITLE, BODY, "2025-10-07", "Le Quotidien")),
                    "/a2": ("text/html; charset=utf-8", cluttered(
                        "Witkoff à Moscou", "<p>Steve Witkoff est arrivé à Moscou, où il doit être reçu par "
                        "Vladimir Poutine.</p>", "2025-10-08", "Le Quotidien")),
                    "/sport": ("text/html", cluttered("Le PSG gagne", "<p>Le PSG a gagné.</p>", "2025-10-08", "Q")),
                    "/data.json": ("application/json", '{"a": 1}'),
                    "/big": ("text/html", "<html><body><p>" + "mot " * (5 * 2**20 // 4) + "</p></body></html>"),
                    "/feed.xml": ("application/rss+xml", FEED.format(base=site.base)),
                    "/broken-feed.xml": ("application/rss+xml", "ceci n'est pas un flux"),
                }
                if self.path == "/slow":
                    time.sleep(3)
                    routes["/slow"] = ("text/html", "<html><body><p>Trop tard.</p></body></html>")
                if self.path not in routes:
                    self.send_error(404, "Not Found")
                    return
                kind, text = routes[self.path]
                data = text.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture()
def site():
    running = Site()
    running.thread.start()
    yield running
    running.server.shutdown()
    running.server.server_close()


def fetch(*args):
    return CliRunner().invoke(app, ["fetch", *map(str, args)])


def test_fetch_saves_pages_once_and_says_each_failure_in_one_line(site, tmp_path: Path):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(["# the story", f"{site.base}/a1", f"{site.base}/a2", f"{site.base}/missing",
                               f"{site.base}/slow", f"{site.base}/big", f"{site.base}/data.json", "pas une url"]),
                    encoding="utf-8")
    corpus = tmp_path / "corpus"
    result = fetch(urls, "--into", corpus, "--timeout", "1")
    assert result.exit_code == 0, result.output
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5 and all(line.startswith("newsgraph: error: ") for line in errors)
    assert any(f"{site.base}/missing: HTTP 404" in line for line in errors)
    assert any(f"{site.base}/slow: no answer within 1 s" in line for line in errors)
    assert any(f"{site.base}/big: page too large" in line for line in errors)
    assert any(f"{site.base}/data.json: not an HTML page (application/json)" in line for line in errors)
    assert any("'pas une url' is not an http(s) URL" in line for line in errors)
    assert result.stdout.strip().endswith("2 fetched, 0 already there, 5 failed")
    assert sorted(p.suffix for p in corpus.iterdir()) == [".csv", ".html", ".html"]
    assert all(agent.startswith("newsgraph/") for _, agent in site.hits)
    assert [path for path, _ in site.hits].count("/slow") == 2  # tried again once
    hits = len(site.hits)
    again = fetch(urls, "--into", corpus, "--timeout", "1")
    assert "0 fetched, 2 already there" in again.stdout
    assert {path for path, _ in site.hits[hits:]} == {"/missing", "/slow", "/big", "/data.json"}  # a1, a2 not again
    [a1] = [a for a in read_articles([corpus]) if isinstance(a, Article) and a.url == f"{site.base}/a1"]
    assert (a1.title, a1.published, a1.outlet) == (TITLE, "2025-10-07", "Le Quotidien")
    for clutter in ("cookies", "Accueil", "Partager", "Lire aussi", "Commentaires", "Lindqvist", "Mentions légales"):
        assert clutter not in a1.text


def test_fetch_of_a_missing_list_is_one_line(tmp_path: Path):
    result = fetch(tmp_path / "nope.txt", "--into", tmp_path / "c")
    assert result.exit_code == 1 and result.stderr.strip().count("\n") == 0
    assert "nope.txt: No such file or directory" in result.stderr


def _graph(out: Path) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(out / "graph.trig", format="trig")
    return ds


def _relations(ds: Dataset) -> set[tuple[str, str, str]]:
    from ontology.namespace import NG, RELATIONS
    label = lambda node: str(ds.value(node, RDFS.label))  # noqa: E731
    return {(label(s), p.split("#")[-1], label(o)) for r in RELATIONS for s, p, o in ds.triples((None, NG[r], None))}


@pytest.mark.model
def test_a_cluttered_page_gives_the_relations_of_its_plain_text_and_its_metadata(site, tmp_path: Path):
    pages, plain = tmp_path / "pages", tmp_path / "plain"
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}/a1\n", encoding="utf-8")
    assert fetch(urls, "--into", pages).exit_code == 0
    plain.mkdir()
    text = TITLE + "\n\n" + BODY.replace("<p>", "").replace("</p>", "\n\n")
    (plain / "a1.txt").write_text(text, encoding="utf-8")
    build([pages], tmp_path / "out-pages")
    build([plain], tmp_path / "out-plain")
    from_page, from_text = _graph(tmp_path / "out-pages"), _graph(tmp_path / "out-plain")
    assert _relations(from_page) and _relations(from_page) == _relations(from_text)
    from rdflib.namespace import XSD
    [article] = list(from_page.subjects(SCHEMA.url, URIRef(f"{site.base}/a1")))
    assert from_page.value(article, SCHEMA.datePublished) == Literal("2025-10-07", datatype=XSD.date)
    assert str(from_page.value(article, SCHEMA.publisher)) == "Le Quotidien"


def test_a_catalogue_gives_plain_text_articles_their_date_outlet_and_url(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, place in (("a1", "Djeddah"), ("a2", "Riyad")):
        (corpus / f"{name}.txt").write_text(f"Titre\n\nDmitri Peskov, porte-parole du Kremlin, a parlé à {place}.",
                                           encoding="utf-8")
    (corpus / "catalogue.csv").write_text("file,published,outlet,url\n"
                                          "a1.txt,2025-10-07,Le Quotidien,https://quotidien.example/a1\n"
                                          "a2.txt,7 octobre,L'Hebdo,\n", encoding="utf-8")
    articles = {a.id: a for a in read_articles([corpus])}
    assert (articles["a1"].published, articles["a1"].outlet, articles["a1"].url) == \
        ("2025-10-07", "Le Quotidien", "https://quotidien.example/a1")
    assert (articles["a2"].published, articles["a2"].outlet) == (None, "L'Hebdo")  # no date is guessed
    build([corpus], tmp_path / "out", model=None)
    ds = _graph(tmp_path / "out")
    assert {str(o) for o in ds.objects(None, SCHEMA.publisher)} == {"Le Quotidien", "L'Hebdo"}
    # a change to the catalogue alone is seen by the next build
    (corpus / "catalogue.csv").write_text("file,published,outlet,url\na1.txt,2025-10-09,Le Quotidien,\n",
                                          encoding="utf-8")
    build([corpus], tmp_path / "out", model=None)
    assert {str(o) for o in _graph(tmp_path / "out").objects(None, SCHEMA.datePublished)} == {"2025-10-09"}


def test_watch_with_a_feed_fetches_the_matching_items_and_reports_a_bad_feed(site, tmp_path: Path):
    corpus, lines, built = tmp_path / "corpus", [], []
    corpus.mkdir()
    import re
    feeds = FeedWatcher([f"{site.base}/feed.xml", f"{site.base}/broken-feed.xml", f"{site.base}/gone.xml"], corpus,
                        re.compile("ukraine", re.IGNORECASE), interval=0.0, report=lines.append)
    rounds = iter(range(3))
    with BuildSession(model=None) as session:
        watch([corpus], tmp_path / "out", session=session, interval=0.01, on_build=built.append,
              on_error=lambda err: None, keep_going=lambda: next(rounds, None) is not None,
              each_look=feeds.poll_if_due)
    fetched = {a.url: a for a in read_articles([corpus]) if isinstance(a, Article)}
    assert set(fetched) == {f"{site.base}/a1", f"{site.base}/a2"}  # the football item does not match
    assert fetched[f"{site.base}/a2"].published == "2025-10-08"
    assert built and built[0].articles == 2
    failures = [line for line in lines if "feed error" in line]
    assert len(failures) == 3 * 2 and all(line.count("\n") == 0 for line in failures)  # each round, each bad feed
    assert any("broken-feed.xml: not an RSS or Atom feed" in line for line in failures)
    assert any("gone.xml: HTTP 404" in line for line in failures)
    assert [path for path, _ in site.hits].count("/a1") == 1  # fetched once, however many polls


def test_fetch_into_a_folder_that_cannot_be_written_is_one_line(site, tmp_path: Path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}/a1\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = fetch(urls, "--into", blocker / "corpus")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"newsgraph: error: {blocker / 'corpus'}: ")


def test_watch_feed_options_that_cannot_work_are_one_line(tmp_path: Path):
    bad_regex = CliRunner().invoke(app, ["watch", str(tmp_path / "story"), "--feed", "http://127.0.0.1:9/f.xml",
                                         "--match", "(ukraine"])
    assert bad_regex.exit_code == 1 and "--match '(ukraine' is not a regular expression" in bad_regex.stderr
    two = CliRunner().invoke(app, ["watch", str(tmp_path / "a"), str(tmp_path / "b"), "--feed", "http://127.0.0.1:9/f"])
    assert two.exit_code == 1 and "--feed needs one corpus folder" in two.stderr
    assert bad_regex.stderr.count("\n") == two.stderr.count("\n") == 1
