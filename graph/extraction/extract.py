"""Extraction: articles in, mentions and evidenced relations out, streamed through ``nlp.pipe``.

>>> from graph.extraction.pipeline import load_pipeline
>>> from corpus import article_from_text
>>> nlp = load_pipeline(model=None)
>>> article = article_from_text("a1", "Dmitri Peskov, porte-parole du Kremlin, a parlé.", "a1.txt")
>>> [(r.subject.text, r.predicate, r.object.text) for r in extract_doc(nlp(article.text), article).relations]
[('Dmitri Peskov', 'spokespersonOf', 'Kremlin')]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from corpus import Article
from graph.records import ArticleExtraction, Evidence, Relation
from graph.extraction.rules import DocIndex, find_all
from graph.extraction.rules.aliases import find_aliases
from graph.extraction.rules.lexicons import Lexicons, lexicons

__all__ = ["extract_articles", "extract_doc"]


def extract_articles(articles: Iterable[Article], nlp: Language, *,
                     batch_size: int = 32) -> Iterator[ArticleExtraction]:
    """Run ``nlp`` over a stream of articles and yield what each one states."""
    stream = ((article.text, article) for article in articles)
    lex = pipeline_lexicons(nlp)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield extract_doc(doc, article, lex)


def pipeline_lexicons(nlp: Language) -> Lexicons:
    """The lexicons with the gazetteer the pipeline links names to."""
    path = nlp.get_pipe("newsgraph_gazetteer").path if "newsgraph_gazetteer" in nlp.pipe_names else None
    return lexicons(path)


def extract_doc(doc: Doc, article: Article, lex: Lexicons | None = None) -> ArticleExtraction:
    index = DocIndex(doc, lex or lexicons())
    aliases = find_aliases(index)  # « A, surnommé « B » »: B is A
    mentions = tuple(_as_alias(index.mention(ent), aliases) for ent in index.ents)
    relations = []
    seen = set()
    for finding in find_all(index):
        sent = finding.sentence
        raw = index.sentence_text(sent)
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start, end = article.original_span(sent.start_char + lead, sent.start_char + lead + len(text))
        key = (finding.subject, finding.predicate, finding.object, start)
        if key in seen:
            continue
        seen.add(key)
        evidence = Evidence(article.original[start:end], start, end, finding.rule,
                            finding.confidence, finding.planned)
        relations.append(Relation(_as_alias(finding.subject, aliases), finding.predicate,
                                  _as_alias(finding.object, aliases), evidence, finding.place, finding.when))
    named = set(mentions)
    implied = {m for r in relations for m in (r.subject, r.object) if m not in named}
    return ArticleExtraction(article, mentions + tuple(sorted(implied, key=lambda m: m.start)), tuple(relations))


def _as_alias(mention, aliases):
    """``mention`` as the alias of a person, if it is one: a name of that person."""
    person = aliases.get(mention)
    return mention if person is None else replace(mention, type="Person", refers_to=person)
