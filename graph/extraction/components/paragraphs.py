"""``newsgraph_paragraphs``: a paragraph break always starts a sentence.

Runs before the parser, which keeps boundaries that are already set, so no sentence
(and so no evidence) ever spans two paragraphs.

>>> import spacy
>>> nlp = spacy.blank("fr"); _ = nlp.add_pipe("newsgraph_paragraphs")
>>> [t.is_sent_start for t in nlp("Titre\\n\\nTexte")][2]
True
"""
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["mark_paragraph_starts"]


@Language.component("newsgraph_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc
