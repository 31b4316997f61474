"""Aliases: another name of a person, given where the person is named.

« le colonel Jean Dossou, surnommé « Lion » », « Ahmed Sharif, dit Abou Ali »,
« Jean Dossou "Lion" »: the second name is the same person's (a nickname, a nom de
guerre), not a second actor. The words that introduce one are data
(``ontology/lexicons/aliases.tsv``); a name in quotes right after a person's needs none.

Each alias is returned with the person's mention it stands for; the extraction records it
as a name of that person (``Mention.refers_to``), so resolution joins the two.
"""
from __future__ import annotations

from graph.extraction.rules.doc_index import DocIndex
from graph.records import Mention

__all__ = ["find_aliases"]

_QUOTES = frozenset({"«", "»", '"', "“", "”", "'"})
_GAP = 2  # tokens between the person and the introducing word (« A, surnommé »)


def find_aliases(index: DocIndex) -> dict[Mention, Mention]:
    """Alias mention -> the mention of the person it names."""
    doc = index.doc
    cues = index.lex.alias_cues
    found: dict[Mention, Mention] = {}
    ents = index.ents
    for before, after in zip(ents, ents[1:]):
        if before.label_ != "Person" or after.label_ == "Country" or after.kb_id_ and after.kb_id_ != before.kb_id_:
            continue
        between = list(doc[before.end:after.start])
        texts = [t.lower_ for t in between]
        quoted = bool(texts) and all(t in _QUOTES for t in texts) and after.end < len(doc) and doc[after.end].text in _QUOTES
        phrase = " ".join(t for t in texts if t not in _QUOTES and t != ",")
        introduced = phrase in cues and len(between) <= _GAP + len(phrase.split()) + 2
        if quoted or introduced:
            found[index.mention(after)] = index.mention(before)
    return found
