"""``newsgraph_sentence_bounds``: where a sentence may start, set before the parser.

- a paragraph break always starts a sentence, so no sentence (and no evidence) spans
  two paragraphs, and a title line without a full stop stays apart from the paragraph
  that follows it;
- otherwise a sentence may start only after sentence-final punctuation (``.``, ``!``,
  ``?``, ``…``, a closing quote): the parser, which keeps boundaries already set, can
  then no longer cut « Ole | Lindqvist » or start a sentence with a comma;
- a run of ``max_length`` tokens with no such punctuation (a pasted line with no full
  stop) is left to the parser from there on, and past that a sentence is cut after the
  next comma, semicolon, colon or dash, or at twice ``max_length`` at the latest: no
  sentence, and so no evidence quote and no rule's scan, grows with the article.

>>> import spacy
>>> nlp = spacy.blank("fr"); _ = nlp.add_pipe("newsgraph_sentence_bounds")
>>> doc = nlp("Titre\\n\\nOle Lindqvist a parlé. Il part")
>>> [t.text for t in doc if t.is_sent_start]
['Titre', 'Ole']
>>> doc[3].is_sent_start, doc[7].is_sent_start   # « Lindqvist »: never; « Il »: the parser decides
(False, None)
"""
from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["SentenceBounds", "SENTENCE_FINAL"]

SENTENCE_FINAL = frozenset({".", "!", "?", "…", "...", "»", "?!", "!?", '"', "”"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "-", "|"})


class SentenceBounds:
    def __init__(self, max_length: int = 120):
        self.max_length = max_length

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        # read and written as arrays: a Token per position would cost more than the rule
        strings = doc.vocab.strings
        orth = doc.to_array([ORTH]).tolist()
        texts = [strings[h] for h in orth]
        starts = [1] + [0] * (len(texts) - 1)
        run = 0
        for i in range(1, len(texts)):
            previous = texts[i - 1]
            run += 1
            if "\n" in previous:
                starts[i] = 1
                run = 0
            elif previous in SENTENCE_FINAL:
                run = 0  # may start here: the parser decides (« M. Lindqvist » is not a boundary)
            elif run < self.max_length and not texts[i].isspace():
                starts[i] = -1
            elif run >= 2 * self.max_length or previous in _CLAUSE_BREAKS:
                starts[i] = 1  # an over-long run: cut where a clause ends, or here
                run = 0
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("newsgraph_sentence_bounds", default_config={"max_length": 120})
def make_sentence_bounds(nlp: Language, name: str, max_length: int) -> SentenceBounds:
    return SentenceBounds(max_length)
