"""``newsgraph_mention_normaliser``: entity spans cut to the name they hold.

Runs after ``newsgraph_entity_filter`` and before the gazetteer linker, on token spans,
so offsets stay those of the text:

- an honorific or title before a name is left out of it and kept as the span's
  ``title`` attribute (« M. Poutine » -> « Poutine », title « M. »); « M. », « Mme »
  and their plurals make the span a Person;
- a role phrase or a nationality noun glued before a name is left out
  (« Premier ministre Ana Ferreira », « Kényan Ole Berg »), so that the
  role rules read it as a role;
- a coordination inside a person span is two people (« MM. Okafor et Lindqvist »);
- a span NER left untyped (MISC) is a person if a title or role opened it (« Premier
  ministre Ana Ferreira »), else dropped; a span that is only a title is dropped;
- a name the article gives a person (« Ole Lindqvist », or his surname) is that
  person wherever else the article writes it and NER missed it (« Lindqvist a dit »);
- a hyphenated pair of names is two mentions (« le sommet Okafor-Lindqvist », « l'axe
  Nairobi-Kampala ») when each part is a name the article also writes alone (or the
  gazetteer knows), or when a pair noun (« sommet », « axe », « tête-à-tête »...) comes
  right before it. « Saint-Pétersbourg » or « Bandar-Abbas » stay whole.

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("fr")
>>> doc = nlp("Selon M. Lindqvist, le sommet Okafor-Berg aura lieu.")
>>> doc.ents = [Span(doc, 1, 3, "Person"), Span(doc, 6, 9, "Person")]
>>> doc = MentionNormaliser()(doc)
>>> [(e.text, e._.title) for e in doc.ents]
[('Lindqvist', 'M.'), ('Okafor', None), ('Berg', None)]
"""
from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from graph.extraction.components.entity_filter import UNTYPED
from graph.extraction.french import ARTICLES, PAIR_NOUNS, PERSON_TITLES, PLACE_NAME_HEADS
from graph.extraction.rules.lexicons import lexicons
from ontology.data import load_honorifics

__all__ = ["MentionNormaliser"]

if not Span.has_extension("title"):
    Span.set_extension("title", default=None)


class MentionNormaliser:
    def __init__(self, gazetteer: str | None = None):
        """``gazetteer``: the actors' list names are known by (see :func:`ontology.data.load_gazetteer`)."""
        self.honorifics = load_honorifics()
        self.lex = lexicons(gazetteer)
        self.gazetteer = self.lex.gazetteer

    def __call__(self, doc: Doc) -> Doc:
        words = [text.lower() for text in _texts(doc)]
        alone = self._written_alone(doc)
        spans: list[Span] = []
        for ent in doc.ents:
            for piece in self._pairs(doc, ent, alone):
                for person in self._coordinated(doc, piece):
                    trimmed = self._trim_front(doc, words, person)
                    if trimmed is not None:
                        spans.append(trimmed)
        spans = self._role_holders_as_people(doc, words, _surnames_as_people(doc, _without_overlaps(spans)))
        spans = _without_overlaps(spans + self._titled_names(doc, words, spans))
        doc.set_ents(_without_overlaps(spans + _names_missed(doc, spans)), default="outside")
        return doc

    def _titled_names(self, doc: Doc, words: list[str], spans: list[Span]) -> list[Span]:
        """« M. Ruto » that NER did not mark: a person title, then capitalised words."""
        covered = {i for span in spans for i in range(span.start, span.end)}
        found = []
        for i, word in enumerate(words[:-1]):
            if word not in PERSON_TITLES or i in covered or not doc[i].text[:1].isupper():
                continue
            end = i + 1
            while end < len(doc) and end not in covered and doc[end].text[:1].isupper() and doc[end].is_alpha \
                    and words[end] not in self.honorifics and end - i <= 3:
                end += 1
            if end > i + 1:
                span = Span(doc, i + 1, end, label="Person")
                span._.title = doc[i].text
                found.append(span)
        return found

    def _role_holders_as_people(self, doc: Doc, words: list[str], spans: list[Span]) -> list[Span]:
        """A full name right after a person's role (« le président ougandais, Yoweri
        Museveni ») is a person, whatever type NER gave it."""
        kept = []
        for span in spans:
            if span.label_ != "Person" and 2 <= len(span) <= 4 and not span.kb_id_ \
                    and self.gazetteer.lookup(span.text) is None and self._after_role(doc, words, span.start):
                span = Span(doc, span.start, span.end, label="Person")
            kept.append(span)
        return kept

    def _after_role(self, doc: Doc, words: list[str], i: int) -> bool:
        j = i - 1
        while j >= 0 and (words[j] == "," or self.lex.nationalities.get(words[j]) and doc[j].is_lower):
            j -= 1
        return j >= 0 and any((self.lex.role_at(words, k) or (None,))[0] == j + 1 for k in range(max(0, j - 3), j + 1))

    # ------------------------------------------------------------ front of a name
    def _trim_front(self, doc: Doc, words: list[str], span: Span) -> Span | None:
        start, end, label = span.start, span.end, span.label_
        title_start = start
        while start < end - 1:
            word = words[start]
            if word in self.honorifics:
                if word in PERSON_TITLES:
                    label = "Person"
                start += 1
                continue
            role = self.lex.role_at(words, start)
            if role is not None and role[0] < end and doc[role[0]].text[:1].isupper():
                start = role[0]
                continue
            if self.lex.nationalities.get(word) and doc[start + 1].text[:1].isupper() and label == "Person":
                start += 1  # « Kényan Ole Berg »
                continue
            break
        if not (doc[start].text[:1].isupper() or words[start] in PLACE_NAME_HEADS and label == "Place") \
                or words[start] in self.honorifics:
            return None
        if label == UNTYPED:
            if start == title_start:
                return None
            label = "Person"
        trimmed = Span(doc, start, end, label=label, kb_id=span.kb_id)
        if start > title_start:
            trimmed._.title = doc[title_start:start].text
        return trimmed

    # ------------------------------------------------------------ « MM. Okafor et Lindqvist »
    @staticmethod
    def _coordinated(doc: Doc, span: Span) -> list[Span]:
        if span.label_ != "Person":
            return [span]
        cuts = [t.i for t in span if t.lower_ in ("et", ",") and t.i > span.start and t.i + 1 < span.end
                and doc[t.i + 1].text[:1].isupper()]
        if not cuts:
            return [span]
        pieces, start = [], span.start
        for cut in cuts:
            pieces.append(Span(doc, start, cut, label=span.label_))
            start = cut + 1
        pieces.append(Span(doc, start, span.end, label=span.label_))
        return [p for p in pieces if len(p)]

    # ------------------------------------------------------------ « Okafor-Lindqvist »
    def _pairs(self, doc: Doc, span: Span, alone: set[str]) -> list[Span]:
        hyphens = [t.i for t in span if t.text == "-" and not t.whitespace_ and t.i > span.start
                   and not doc[t.i - 1].whitespace_ and t.i + 1 < span.end]
        if not hyphens:
            return [span]
        parts, start = [], span.start
        for cut in hyphens:
            parts.append((start, cut))
            start = cut + 1
        parts.append((start, span.end))
        groups = self._known_groups(doc, parts, alone)
        if groups is None:
            before = span.start - 1
            while before > 0 and doc[before].lower_ in ARTICLES:
                before -= 1  # « l'axe La Paz-Lima »
            paired = before >= 0 and doc[before].lower_ in PAIR_NOUNS
            if not (paired and all(doc[s].text[:1].isupper() for s, _ in parts)):
                return [span]
            groups = parts
        return [Span(doc, s, e, label=span.label_) for s, e in groups]

    def _known_groups(self, doc: Doc, parts: list[tuple[int, int]], alone: set[str]):
        """Split ``parts`` into at least two runs, each a name the article writes alone or
        the gazetteer knows (« Kenya » + « Pays-Bas »), if there is such a split."""
        n = len(parts)
        best: list | None = [None] * (n + 1)
        best[0] = []
        for j in range(1, n + 1):
            for i in range(j):
                if best[i] is None:
                    continue
                start, end = parts[i][0], parts[j - 1][1]
                text = doc[start:end].text
                if text in alone or self.gazetteer.lookup(text) is not None:
                    best[j] = best[i] + [(start, end)]
                    break
        found = best[n]
        return found if found is not None and len(found) >= 2 else None

    @staticmethod
    def _written_alone(doc: Doc) -> set[str]:
        """The entity texts of the doc, and the words of its multi-word names, written
        outside a hyphenated run (« Berg » of « Ole Berg », not « Bas » of « Pays-Bas »)."""
        found = set()

        def hyphened(i: int) -> bool:
            return (i > 0 and doc[i - 1].text == "-") or (i + 1 < len(doc) and doc[i + 1].text == "-")

        for ent in doc.ents:
            if not hyphened(ent.start) and not hyphened(ent.end - 1):
                found.add(ent.text)
            if len(ent) > 1:
                found.update(t.text for t in ent if t.text[:1].isupper() and not hyphened(t.i))
        return found


def _surnames_as_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """A one-word name that is the last word of a person's full name in the same article is
    that person, whatever type NER gave it there (« Ferreira » taken for a place)."""
    surnames = {s[-1].text for s in spans if s.label_ == "Person" and len(s) > 1}
    return [Span(doc, s.start, s.end, label="Person", kb_id=s.kb_id) if len(s) == 1 and s.label_ != "Person"
            and s.text in surnames else s for s in spans]


def _names_missed(doc: Doc, spans: list[Span]) -> list[Span]:
    """Person spans for the places where the article writes a person's name (or surname)
    that NER did not mark: « Lindqvist a dit » after « Ole Lindqvist »."""
    names: dict[str, int] = {}
    for span in spans:
        if span.label_ == "Person":
            names[span.text] = len(span)
            if len(span) > 1 and span[-1].text[:1].isupper() and len(span[-1].text) > 2:
                names.setdefault(span[-1].text, 1)
    if not names:
        return []
    covered = {i for span in spans for i in range(span.start, span.end)}
    sizes: dict[str, set[int]] = {}  # first word of a name -> the lengths of the names it opens
    for name, size in names.items():
        sizes.setdefault(name.split(" ")[0], set()).add(size)
    texts = _texts(doc)
    found = []
    for i, text in enumerate(texts):
        if i in covered or text not in sizes:
            continue
        for size in sorted(sizes[text], reverse=True):
            end = i + size
            if end > len(texts) or doc[i:end].text not in names or any(k in covered for k in range(i, end)):
                continue
            if end < len(texts) and texts[end][:1].isupper() and texts[end].isalpha():
                continue  # « Lindqvist Junior »: a longer name
            found.append(Span(doc, i, end, label="Person"))
            covered.update(range(i, end))
            break
    return found


def _texts(doc: Doc) -> list[str]:
    """The doc's token texts, read from its array (no Token made per position)."""
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array([ORTH]).tolist()]


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept, last_end = [], -1
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if span.start >= last_end:
            kept.append(span)
            last_end = span.end
    return kept


@Language.factory("newsgraph_mention_normaliser", default_config={"gazetteer": None})
def make_mention_normaliser(nlp: Language, name: str, gazetteer: str | None) -> MentionNormaliser:
    return MentionNormaliser(gazetteer)
