"""``newsgraph_participles``: past participles the tagger took for nouns, made verbs again.

After the auxiliary « avoir » (« a », « ont », « avait »), a word ending in « -é », « -ée »,
« -és » or « -ées » is a past participle: « Ruto a déjeuné avec Kagame ». (Not after
« être »: « il est député » is a noun.) The French
model sometimes tags it NOUN and keeps the word itself as its lemma, and a rule that
looks for the verb « déjeuner » then misses the sentence. This component, run after the
tagger, gives such a word the part of speech VERB and the infinitive in « -er » as its
lemma; the dependency tree is left as the parser made it.

>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("fr")
>>> doc = Doc(nlp.vocab, words=["Ruto", "a", "déjeuné", "avec", "Kagame"],
...           pos=["PROPN", "AUX", "NOUN", "ADP", "PROPN"], lemmas=["Ruto", "avoir", "déjeuné", "avec", "Kagame"])
>>> doc = Participles()(doc)
>>> doc[2].pos_, doc[2].lemma_
('VERB', 'déjeuner')
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["Participles"]

_ENDINGS = (("ées", 3), ("és", 2), ("ée", 2), ("é", 1))
_AUXILIARIES = frozenset({"avoir"})


class Participles:
    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            if token.pos_ != "NOUN" or not token.is_lower:
                continue
            previous = doc[token.i - 1]
            if previous.pos_ != "AUX" or previous.lemma_ not in _AUXILIARIES:
                continue
            for ending, size in _ENDINGS:
                if token.lower_.endswith(ending) and len(token) > size + 2:
                    token.pos_ = "VERB"
                    token.lemma_ = token.lower_[:-size] + "er"
                    break
        return doc


@Language.factory("newsgraph_participles", requires=["token.pos", "token.lemma"],
                  assigns=["token.pos", "token.lemma"])
def make_participles(nlp: Language, name: str) -> Participles:
    return Participles()
