"""The lexicons the rules read, loaded once per process."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ontology.data import (Gazetteer, load_claim_cues, load_gazetteer, load_home_state, load_honorifics,
                           load_alias_cues, load_interactions, load_occasions,
                           load_nationalities, load_role_names, load_roles, without_accents)

__all__ = ["Lexicons", "lexicons"]

@dataclass(frozen=True)
class Lexicons:
    gazetteer: Gazetteer
    roles: dict[str, str]
    nationalities: dict[str, str]
    interactions: dict[tuple[str, str], str]
    claim_cues: dict[str, str]
    longest_role: int
    capitals: frozenset[str]
    role_starts: frozenset[str]
    claim_verb_stems: tuple[str, ...]  # a conjugated form the lemmatizer may miss starts with one
    role_names: dict[str, str]  # inflected role phrase -> the role as the lexicon writes it
    interaction_words: frozenset[str]  # every word or lemma of the interactions lexicon
    honorifics: frozenset[str]  # « m. », « mme », « cheikh »: written before a name, not part of it
    home_state: str  # the gazetteer id of the state whose press this is: its ministers go unqualified
    occasions: tuple[tuple[str, ...], ...] = ()  # sentence openers giving the main clause's occasion (« lors de »)
    alias_cues: frozenset[str] = frozenset()  # words introducing another name of a person (« surnommé »)

    def role_at(self, words: Sequence[str], i: int) -> tuple[int, str] | None:
        """``(end, relation)`` of the longest role phrase starting at ``words[i]``
        (``words``: a doc's lower-cased token texts)."""
        if words[i] not in self.role_starts:
            return None
        for size in range(min(self.longest_role, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + size]).replace("' ", "'")
            relation = self.roles.get(phrase) or self.roles.get(without_accents(phrase))
            if relation:
                return i + size, relation
        return None

    def role_name(self, words: Sequence[str], start: int, end: int) -> str:
        """The role phrase ``words[start:end]`` as the lexicon writes it (« présidente » -> « président »)."""
        phrase = " ".join(words[start:end]).replace("' ", "'")
        return self.role_names.get(phrase) or self.role_names.get(without_accents(phrase), phrase)

    def nationality(self, token) -> str | None:
        return self.nationalities.get(token.lower_)


@lru_cache(maxsize=None)
def lexicons(gazetteer_path: str | None = None) -> Lexicons:
    """The lexicons, with the gazetteer at ``gazetteer_path`` (see :func:`ontology.data.load_gazetteer`)."""
    roles = load_roles()
    gazetteer = load_gazetteer(gazetteer_path)
    claim_cues = load_claim_cues()
    return Lexicons(gazetteer, roles, load_nationalities(), load_interactions(),
                    claim_cues, max(len(r.split()) for r in roles) + 1,
                    frozenset(a.id for a in gazetteer.actors if a.stands_for), _first_tokens(roles),
                    _verb_stems(claim_cues), load_role_names(),
                    frozenset(word for word, _ in load_interactions()), load_honorifics(), load_home_state(),
                    load_occasions(), load_alias_cues())


def _verb_stems(cues: dict[str, str]) -> tuple[str, ...]:
    """Stems of the -er verb cues (« réclamer » -> « réclam »), so that « réclame » and
    « exigent » count even when the lemmatizer misses them."""
    return tuple(cue[:-2] for cue, pos in cues.items() if pos == "verb" and cue.endswith("er") and len(cue) > 5)


def _first_tokens(phrases: Iterable[str]) -> frozenset[str]:
    """Every text the first token of a phrase can have: tokens are joined by spaces,
    except after an elided « d' », so a first token ends before a space or after an apostrophe."""
    starts = set()
    for phrase in phrases:
        starts.add(phrase)
        starts.update(phrase[:k] for k in range(1, len(phrase)) if phrase[k] == " " or phrase[k - 1] == "'")
    return frozenset(starts)
