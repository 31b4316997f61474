"""Shared reading of a sentence: who the parties of a phrase are, and its modality.

A *party* is a :class:`~graph.records.Mention`: an entity span, or a nationality word
that stands for its country (« la délégation américaine », « les Russes »).
"""
from __future__ import annotations

from bisect import bisect_left

from functools import cached_property
from types import MappingProxyType

from spacy.attrs import LEMMA, LOWER, ORTH, POS, SPACY
from spacy.tokens import Doc, Span, Token

from graph.records import Mention
from graph.extraction.french import (ARTICLES, BOUNDARY_PUNCT, COORDINATORS, COUNTED, GENITIVE, GROUP_NOUNS,
                                     LOCATIVE, PEOPLE_NOUNS,
                                     NEGATIONS, PLANNED_MARKS, PLANNING_VERBS, RULED_OUT, STOP_WORDS)
from graph.extraction.rules.descriptions import described_holders
from graph.extraction.rules.lexicons import Lexicons
from graph.extraction.rules.roles import RoleOccurrence, scan_role_phrases

__all__ = ["DocIndex", "modality"]

# Verbs that call for a meeting, which is then not one held or announced (« plaide pour une rencontre »).
_ADVOCATING = frozenset({"plaider", "appeler", "réclamer", "exiger"})
# What may stand between a subject and its verb: clitics, auxiliaries, negation (« s'est », « n'a »).
_VERB_CLITICS = frozenset({"s'", "se", "s", "a", "ont", "est", "sont", "avait", "avaient", "était", "étaient",
                           "n'", "ne", "l'", "lui", "leur", "y", "en", "doit", "va", "aurait", "serait"})

class DocIndex:
    """Entity lookup by token for one doc, and the party readings built on it."""

    def __init__(self, doc: Doc, lex: Lexicons):
        self.doc = doc
        self.lex = lex
        self._states_named: dict[str | None, bool] = {}
        self.entity_at: dict[int, Span] = {}
        # Read once, from the doc's arrays: the rules scan these lists, as they would scan
        # tokens, without creating a Token per position and per look.
        strings = doc.vocab.strings
        lower, pos, lemma, orth, space = doc.to_array([LOWER, POS, LEMMA, ORTH, SPACY]).T.tolist() \
            if len(doc) else ([], [], [], [], [])
        self.words: list[str] = [strings[h] for h in lower]             # lower-cased texts
        self.tags: list[str] = [strings[h] for h in pos]                # coarse parts of speech
        self.lemmas: list[str] = [strings[h].lower() for h in lemma]    # lower-cased lemmas
        self.text = "".join([strings[h] + " " if spaced else strings[h] for h, spaced in zip(orth, space)])
        self._roles: dict[int, tuple[int, str] | None] = {}
        self._mentions: dict[tuple[int, int], Mention] = {}
        self.ents: tuple[Span, ...] = doc.ents  # ``Doc.ents`` makes its spans anew on each call
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.entity_at[i] = ent
        # Read once, in this order, and never changed after: every rule family reads the
        # role phrases and the descriptions, and none depends on another having run.
        self.role_phrases: tuple[RoleOccurrence, ...] = tuple(scan_role_phrases(self))
        self._role_starts = [role.start for role in self.role_phrases]  # in reading order
        self.described: MappingProxyType[int, Mention] = MappingProxyType(described_holders(doc, self.role_phrases))
        # « les deux hommes » -> the two people the sentence before named
        self.counted: MappingProxyType[int, tuple[Mention, ...]] = MappingProxyType(self._counted_people())

    def _counted_people(self) -> dict[int, tuple[Mention, ...]]:
        found: dict[int, tuple[Mention, ...]] = {}
        words = self.words
        for i in range(1, len(words) - 1):
            number = COUNTED.get(words[i])
            if number is None or words[i + 1] not in PEOPLE_NOUNS or words[i - 1] not in ("les", "des", "ces", "aux"):
                continue
            sent = self.sentence(i)
            # « A a discuté avec B, C et D, puis une visioconférence des quatre dirigeants avec F »: this sentence's
            # (« des » only: « A et B ont rejoint les deux hommes » are two others, told before)
            same = tuple(m for m in self.people_in(sent) if m.end <= self.doc[i - 1].idx) if words[i - 1] == "des" else ()
            people = same if len(same) == number else self._counted_before(sent, number)
            if people:
                for k in range(i - 1, i + 2):
                    found[k] = people
        return found

    def _counted_before(self, sent: Span, number: int) -> tuple[Mention, ...]:
        """The ``number`` people « les deux hommes » stands for: those of the sentence
        before, or of the last of the three before that reports an interaction (« Reçu par
        A, B a ... . Le président n'était pas venu seul. X et Y ont rejoint les deux hommes »)."""
        interaction_words = self.lex.interaction_words
        for back in range(1, 4):
            if sent.start == 0:
                return ()
            sent = self.sentence(sent.start - 1)
            people = self.people_in(sent)
            if len(people) > number:
                return ()
            if len(people) == number and (back == 1 or any(
                    self.words[k] in interaction_words or self.lemmas[k] in interaction_words
                    for k in range(sent.start, sent.end))):
                return tuple(people)
        return ()

    def people_in(self, sent: Span) -> list[Mention]:
        """The people a sentence names or describes, once each, in order."""
        people: dict[str, Mention] = {}
        i = sent.start
        while i < sent.end:
            ent = self.entity_at.get(i)
            if ent is not None:
                if ent.label_ == "Person":
                    mention = self.mention(ent)
                    key = mention.gazetteer_id or mention.text
                    # « Ana Ferreira ... Ferreira »: the surname alone is the same person
                    key = next((k for k, m in people.items() if len(ent) == 1 and m.text.endswith(" " + ent.text)),
                               key)
                    people.setdefault(key, mention)
                i = ent.end
                continue
            if i in self.described:
                party = self.described_party(i)
                people.setdefault(party.refers_to.gazetteer_id or party.refers_to.text, party)
                while i < sent.end and self.described.get(i) is party.refers_to:
                    i += 1
                continue
            i += 1
        return list(people.values())

    # ``Token.sent`` looks for the sentence's bounds, ``Span.ents`` makes every entity of the
    # doc and ``Span.text`` a Token per word, on every call: the rules ask for them many
    # times per sentence. (``self.text`` is ``doc.text``, which also makes every Token.)
    @cached_property
    def _sentence_of(self) -> list[Span]:
        return [sent for sent in self.doc.sents for _ in range(len(sent))]

    def sentence(self, i: int) -> Span:
        """The sentence of token ``i`` (``doc[i].sent``)."""
        return self._sentence_of[i]

    def sentence_text(self, sent: Span) -> str:
        """``sent.text``."""
        return self.text[sent.start_char:sent.end_char]

    def sentence_ents(self, sent: Span) -> list[Span]:
        """``sent.ents``: the entities wholly inside the sentence."""
        found = []
        for ent in self.ents:
            if ent.start >= sent.start:
                if ent.end > sent.end:
                    break
                found.append(ent)
        return found

    def role_at(self, i: int) -> tuple[int, str] | None:
        """``(end, relation)`` of the role phrase at token ``i``, computed once per token."""
        if i not in self._roles:
            self._roles[i] = self.lex.role_at(self.words, i)
        return self._roles[i]

    # ----------------------------------------------------------------- mentions
    def mention(self, ent: Span) -> Mention:
        """The mention of an entity span (made once per span: rules ask for it often)."""
        found = self._mentions.get((ent.start, ent.end))
        if found is None:
            found = self._mentions[(ent.start, ent.end)] = Mention(
                ent.text, ent.label_, ent.start_char, ent.end_char, ent.kb_id_ or None)
        return found

    def nationality_mention(self, token: Token) -> Mention | None:
        actor_id = self.lex.nationality(token)
        if actor_id is None:
            return None
        actor = self.lex.gazetteer.get(actor_id)
        return Mention(token.text, actor.type, token.idx, token.idx + len(token.text), actor_id, is_name=False)

    def state_qualifier(self, j: int) -> tuple[Mention | None, int]:
        """The state a noun ending before token ``j`` is of, and the token after it: a
        nationality (« la délégation kényane ») or a genitive (« la délégation du Kenya »,
        « de Nairobi »); ``(None, j)`` if neither."""
        doc = self.doc
        if j < len(doc):
            nationality = self.nationality_mention(doc[j])
            if nationality is not None:
                return nationality, j + 1
            if doc[j].lower_ in GENITIVE:
                k = j + 1
                while k < len(doc) and doc[k].pos_ == "DET":
                    k += 1
                ent = self.entity_at.get(k)
                if ent is not None and self.stands_for_state(self.mention(ent)):
                    return self.mention(ent), ent.end
        return None, j

    def names_state(self, state_id: str | None) -> bool:
        """Whether the doc names the state ``state_id`` (``None``: any state) anywhere: by
        name, capital, seat of power or nationality adjective."""
        if state_id not in self._states_named:
            named = any(token.is_lower and (nationality := self.lex.nationality(token)) is not None
                        and state_id in (None, nationality) for token in self.doc)
            for ent in self.doc.ents:
                if named:
                    break
                state = self.as_state(self.mention(ent))
                named = state is not None and state_id in (None, state.gazetteer_id)
            self._states_named[state_id] = named
        return self._states_named[state_id]

    def stands_for_state(self, mention: Mention) -> bool:
        """Whether a mention can be a party to state-level talks."""
        return mention.type in ("Country", "Organization") or (
            mention.type == "Place" and mention.gazetteer_id is not None and self._is_capital(mention))

    def as_state(self, mention: Mention) -> Mention | None:
        """The state a party is or stands for (« Moscou » -> Russia), as a non-name mention."""
        if mention.type == "Country":
            return mention
        if mention.gazetteer_id is None:
            return None
        state_id = self.lex.gazetteer.get(mention.gazetteer_id).stands_for
        if state_id is None or self.lex.gazetteer.get(state_id).type != "Country":
            return None
        return Mention(mention.text, "Country", mention.start, mention.end, state_id, is_name=False)

    def _is_capital(self, mention: Mention) -> bool:
        return mention.gazetteer_id in self.lex.capitals

    # ----------------------------------------------------------------- shapes
    def role_phrase_start(self, i: int) -> int:
        """Walk left from token ``i`` over a role phrase's determiners and adjectives."""
        doc = self.doc
        while i > 0 and (doc[i - 1].pos_ in ("DET", "ADJ", "NUM") or doc[i - 1].lower_ in ARTICLES
                         or self.role_at(i - 1)):
            i -= 1
        return i

    def is_genitive(self, ent: Span) -> bool:
        """« du président Trump », « de Witkoff »: the entity complements a noun before it."""
        i = ent.start
        doc = self.doc
        while i > 0:
            prev = doc[i - 1]
            if prev.lower_ in GENITIVE:
                return i - 2 >= 0 and (i - 2) not in self.entity_at and (
                    doc[i - 2].pos_ in ("NOUN", "ADJ", "PROPN") or self.role_at(i - 2) is not None)
            if prev.pos_ in ("DET", "ADJ") or self.role_at(i - 1) or prev.lower_ in self.lex.honorifics or \
                    prev.is_lower and self.lex.nationality(prev) is not None:  # « kényan » tagged as a noun
                i -= 1
                continue
            return False
        return False

    def is_boundary(self, token: Token) -> bool:
        if token.is_space or token.text in BOUNDARY_PUNCT:
            return True
        if token.i in self.entity_at:
            return False
        if token.lower_ in STOP_WORDS:
            return True
        return token.pos_ in ("VERB", "AUX", "SCONJ") and not self.role_at(token.i)

    # ----------------------------------------------------------------- groups
    def group(self, start: int, end: int, *, max_tokens: int = 40) -> list[Mention]:
        """Parties named from token ``start`` until a clause boundary (or ``end``).

        An enumeration goes on over appositions (« A et B, la ministre britannique, C,
        ainsi que D »), over « pour X » after a person (« A pour Moscou et B pour Kiev »)
        and ends after the party that follows « et »/« ou » unless a comma continues it."""
        found: list[Mention] = []
        doc = self.doc
        i = start
        end = min(end, len(doc), start + max_tokens)
        closing = False  # after « et »/« ou », the next party ends the enumeration...
        closed = False   # ...unless a comma follows it
        last_end = -1    # the token after the last party found
        while i < end:
            token = doc[i]
            if closed and (token.text != "," or i + 1 >= end or self._opens_clause(i + 1)):
                break  # « A et B, Lindqvist a dit »: a new clause, not a longer enumeration
            closed = False
            if token.lower_ == "ainsi" and i + 1 < end and doc[i + 1].lower_ == "que":
                closing, i = True, i + 2
                continue
            if token.lower_ == "dont" and i > start and doc[i - 1].text == "," and not found:
                i += 1  # « plusieurs dirigeants européens, dont A et B »: the ones named
                continue
            if token.lower_ == "parmi" and i + 1 < end and doc[i + 1].lower_ in _AMONG and \
                    doc[i - 1].text == "," and not found:
                i += 2  # « une dizaine de dirigeants, parmi lesquels A et B »
                continue
            if token.lower_ == "pour" and found and found[-1].type == "Person" and i == self._end_of(found[-1]) \
                    and (i + 1) in self.entity_at and self.entity_at[i + 1].label_ != "Person":
                i = self.entity_at[i + 1].end  # « Ole Berg pour Nairobi »: whom he speaks for
                continue
            if i > start and self.is_boundary(token):
                break
            if token.lower_ in LOCATIVE and (i + 1) in self.entity_at:
                break
            ent = self.entity_at.get(i)
            party = None
            if ent is not None:
                if not (ent.label_ == "Person" and self.is_genitive(ent)) or not found:
                    party = self.mention(ent)
                i = ent.end
            elif i in self.counted or i in self.described:
                owned = bool(found) and i in self.described and self._genitive_title(i)
                people, i = self.standing_for(i, end)
                if owned:  # « A et B, le beau-frère du président kényan »: the president is not one of them
                    continue
                if len(people) > 1:  # « les deux hommes »
                    found.extend(people)
                    continue
                party = people[0]
            else:
                following = self.entity_at.get(i + 1)
                # « le président kényan Ole Berg »: the adjective is his title's
                party = None if following is not None and following.label_ == "Person" \
                    else self._nationality_party(token)
                # « A et B » closes the enumeration; « française et allemande » does not
                closing = closing or (token.lower_ in COORDINATORS and bool(found) and i == last_end)
                i += 1
            if party is not None:
                found.append(party)
                last_end = i
                if closing:
                    closed, closing = True, False
        return found

    def standing_for(self, i: int, end: int) -> tuple[list[Mention], int]:
        """The people the phrase at token ``i`` stands for (« les deux hommes », a title),
        and the token after the phrase (at most ``end``)."""
        if i in self.counted:
            people, phrase = list(self.counted[i]), self.counted
        else:
            people, phrase = [self.described_party(i)], self.described
        while i < end and i in phrase:
            i += 1
        return people, i

    def _opens_clause(self, i: int) -> bool:
        """A name at ``i`` followed by a verb starts a clause of its own."""
        ent = self.entity_at.get(i)
        return ent is not None and ent.end < len(self.doc) and self.doc[ent.end].pos_ in ("VERB", "AUX")

    def _end_of(self, mention: Mention) -> int:
        """The token index right after a mention of this doc."""
        ent = self.entity_at.get(self.token_at_char(mention.start))
        return ent.end if ent is not None else -1

    def token_at_char(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else -1

    def described_party(self, i: int) -> Mention:
        """The person a description stands for, placed where the description is written."""
        holder = self.described[i]
        j = i
        while j + 1 < len(self.doc) and self.described.get(j + 1) == holder:
            j += 1
        span = self.doc[i:j + 1]
        return Mention(span.text, holder.type, span.start_char, span.end_char,
                       holder.gazetteer_id, is_name=False, refers_to=holder)

    def _nationality_party(self, token: Token) -> Mention | None:
        """« les Russes », « la délégation américaine », « des responsables américains et russes »."""
        if self.lex.nationality(token) is None:
            return None
        if token.pos_ in ("NOUN", "PROPN") or token.text[:1].isupper():
            return self.nationality_mention(token)
        j = token.i - 1
        while j >= 0 and (self.doc[j].pos_ in ("ADJ", "CCONJ") or self.doc[j].text == ","):
            j -= 1
        if j >= 0 and self.doc[j].lower_ in GROUP_NOUNS:
            return self.nationality_mention(token)
        return None

    def subject_parties(self, verb: Token) -> list[Mention]:
        """The parties in the subject of ``verb``'s clause (climbing infinitives and conjuncts)."""
        if not any(c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") for c in verb.children):
            closed = self._apposition_subject(verb)
            if closed is not None:  # « …, et le négociateur en chef, A, s'est entretenu »: A
                return [closed]
        head = verb
        for _ in range(6):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")]
            if subjects:
                sub = subjects[0]
                if sub.pos_ == "PRON":
                    return self.antecedent(sub, head)
                # the parser may hang each conjunct on the verb (« Berg et Ferreira ont discuté »)
                left = min(s.left_edge.i for s in subjects)
                right = max(s.right_edge.i for s in subjects if s.pos_ != "PRON")
                right = min(right, head.i - 1) if sub.i < head.i else right
                while left >= 2 and (left - 2) in self.entity_at and sub.i < head.i and \
                        self._listed_before(left):
                    left = self.entity_at[left - 2].start  # « Berg et Ferreira ont » parsed with one subject
                found = self.group_in(left, right + 1)
                if found:
                    return found
                break
            if head.dep_ in ("xcomp", "advcl", "conj", "ccomp") and head.head is not head \
                    and head.head.pos_ in ("VERB", "AUX"):
                head = head.head
            else:
                break
        return self._nearest_left(head if head.i < verb.i else verb)

    def _genitive_title(self, i: int) -> bool:
        """The title at token ``i`` is a genitive complement (« le beau-frère du président kényan »)."""
        start = self.role_phrase_start(i)
        return any(self.words[k] in GENITIVE for k in range(max(0, start - 1), i))

    def _apposition_subject(self, verb: Token) -> Mention | None:
        """The person whose name closes an apposition right before the verb and its
        clitics (« le négociateur en chef, A, s'est entretenu »), which the parser may
        have left without a subject."""
        j = verb.i - 1
        while j >= 0 and self.words[j] in _VERB_CLITICS:
            j -= 1
        if j < 1 or self.doc[j].text != ",":
            return None
        ent = self.entity_at.get(j - 1)
        if ent is None or ent.end != j or ent.label_ != "Person" or ent.start == 0 or self.doc[ent.start - 1].text != ",":
            return None
        return self.mention(ent)

    def _listed_before(self, left: int) -> bool:
        """The name ending before « et » or a comma at ``left - 1`` opens an enumeration that
        goes on at ``left``: « Berg et Ferreira », « Berg, Ferreira » at the start of a sentence."""
        joiner = self.doc[left - 1].lower_
        if joiner == "et":
            return True
        ent = self.entity_at[left - 2]
        return joiner == "," and (ent.start == self.sentence(left).start or self.doc[ent.start - 1].text == ",")

    def antecedent(self, pronoun: Token, verb: Token) -> list[Mention]:
        """The person a subject pronoun stands for, when only one can be meant:

        - « qui » is the person its clause hangs on (« Ferreira, qui a rencontré ... »,
          « Ferreira, juriste de formation, qui dirigeait ... »), or in « c'est lui qui »
          the one person named before;
        - « il » / « elle » is the one person (or state) named earlier in its sentence outside a
          genitive (« Ferreira est arrivée à Lima, où elle a rencontré Berg », « Lima
          n'a pas cédé : elle exige... »), or, at
          the start of a sentence, the one person subject of the sentence before.
        Anything else (« ils », « on », two candidates) stands for no one."""
        word = pronoun.lower_
        if word == "qui" and self._cleft(pronoun.i):
            return self._cleft_antecedent(pronoun)  # « c'est donc lui qui a reçu … »
        if word == "qui":
            described = self._apposition_holder(pronoun.i)
            if described is not None:  # « A, la présidente du Conseil, qui a ... »: A
                return [described]
            return self._relative_head(verb)
        if word not in ("il", "elle"):
            return []
        sent = self.sentence(pronoun.i)
        before = [ent for ent in self.sentence_ents(sent) if ent.end <= pronoun.i and not self.is_genitive(ent)
                  and (ent.label_ == "Person" or self.stands_for_state(self.mention(ent)))]
        if any(ent.label_ == "Person" for ent in before):  # a person first; a state only if none
            before = [ent for ent in before if ent.label_ == "Person"]
        else:  # « De passage à Lisbonne, où il a été accueilli par A, B a promis … »: the main clause's subject
            later = self._main_subject_after(sent, pronoun.i)
            if later is not None:
                return [later]
        people = {self.mention(ent).gazetteer_id or ent.text for ent in before}
        if len(people) == 1:
            return [self.mention(before[-1])]
        if len(people) == 2 and self._named_pair(before[-2], before[-1]):
            return [self.mention(before[-2]), self.mention(before[-1])]  # « le duo A-B …, où il … »
        if before or pronoun.i - sent.start > 2:
            return []
        return self._subject_before(sent)

    def _subject_before(self, sent: Span) -> list[Mention]:
        """The one person subject of the sentence before ``sent``, if there is one."""
        if sent.start == 0:
            return []
        previous = self.sentence(sent.start - 1)
        subjects = [t for t in previous if t.dep_ in ("nsubj", "nsubj:pass") and t.head == previous.root]
        if len(subjects) != 1 or subjects[0].pos_ == "PRON":
            return []
        sub = subjects[0]
        found = [m for m in self.group_in(sub.left_edge.i, sub.right_edge.i + 1) if m.type == "Person"]
        return found if len(found) == 1 else []

    def _relative_head(self, verb: Token) -> list[Mention]:
        """The person a relative clause hangs on: the noun it complements, or the person
        that noun's phrase describes (« A, juriste de formation, qui dirigeait … »: A),
        however the parser labels the phrase."""
        if verb.dep_ not in ("acl:relcl", "acl"):
            return []
        token = verb.head
        for _ in range(3):
            ent = self.entity_at.get(token.i)
            if ent is not None:
                return [self.mention(ent)] if ent.label_ == "Person" else []
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        return []

    def _cleft(self, i: int) -> bool:
        """« c'est (donc) lui qui », « c'est elle qui »: token ``i`` is the « qui »."""
        words = self.words
        return i >= 3 and words[i - 1] in ("lui", "elle") and "est" in words[max(0, i - 4):i - 1]

    def _cleft_antecedent(self, pronoun: Token) -> list[Mention]:
        """The person « c'est lui qui » stands for: the one person named before it in its
        sentence, or else the one person subject of the sentence before."""
        sent = self.sentence(pronoun.i)
        people = {self.mention(ent).gazetteer_id or ent.text: ent for ent in self.sentence_ents(sent)
                  if ent.end <= pronoun.i and ent.label_ == "Person" and not self.is_genitive(ent)}
        if len(people) == 1:
            return [self.mention(next(iter(people.values())))]
        return [] if people else self._subject_before(sent)

    def roles_between(self, start: int, end: int) -> tuple[RoleOccurrence, ...]:
        """The role phrases that start at a token in ``start:end``."""
        return self.role_phrases[bisect_left(self._role_starts, start):bisect_left(self._role_starts, end)]

    def _named_pair(self, first: Span, second: Span) -> bool:
        """« le tandem A-B », « le duo A-B »: two people written as one party."""
        doc = self.doc
        return first.label_ == second.label_ == "Person" and second.start == first.end + 1 and \
            doc[first.end].text in ("-", "–") and first.start > 0 and doc[first.start - 1].lower_ in _DUOS

    def _main_subject_after(self, sent: Span, i: int) -> Mention | None:
        """The one person subject of the sentence's main verb, named after token ``i``."""
        subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i > i]
        if len(subjects) == 1 and subjects[0].pos_ != "PRON":
            found = [m for m in self.group_in(subjects[0].left_edge.i, subjects[0].right_edge.i + 1)
                     if m.type == "Person"]
            return found[0] if len(found) == 1 else None
        # the parser lost the main clause: a person right after a comma and right before a verb
        doc = self.doc
        for ent in self.sentence_ents(sent):
            if ent.start > i + 1 and ent.label_ == "Person" and doc[ent.start - 1].text == "," \
                    and ent.end < sent.end and doc[ent.end].pos_ in ("AUX", "VERB"):
                return self.mention(ent)
        return None

    def _apposition_holder(self, i: int) -> Mention | None:
        """The holder of the role apposition that ends right before the comma at ``i - 1``."""
        if i < 2 or self.doc[i - 1].text != ",":
            return None
        comma = self.doc[i - 1].idx
        for role in self.roles_between(self.sentence(i).start, i):
            if role.holder is None:
                continue
            end = role.target.end if role.target is not None else self.doc[role.end - 1].idx + len(self.doc[role.end - 1])
            if end == comma and role.holder.end <= self.doc[role.start].idx:
                return role.holder
        return None

    def group_in(self, start: int, end: int) -> list[Mention]:
        """Every party in tokens ``start:end``, skipping genitive persons when a party precedes."""
        found: list[Mention] = []
        i = start
        while i < end:
            ent = self.entity_at.get(i)
            if ent is not None:
                if not (ent.label_ == "Person" and self.is_genitive(ent) and found):
                    found.append(self.mention(ent))
                i = ent.end
                continue
            if i in self.counted or i in self.described:
                people, i = self.standing_for(i, end)
                found.extend(people)
                continue
            party = self._nationality_party(self.doc[i])
            if party is not None:
                found.append(party)
            i += 1
        return found

    def _nearest_left(self, verb: Token) -> list[Mention]:
        """Fallback subject: the closest non-genitive entity before the verb in its sentence."""
        sent_start = self.sentence(verb.i).start
        i = verb.i - 1
        while i >= sent_start:
            token = self.doc[i]
            if token.is_space or token.text in (".", ";", ":"):
                break
            ent = self.entity_at.get(i)
            if ent is not None:
                if ent.label_ != "Person" or not self.is_genitive(ent):
                    if not (ent.start > 0 and self.doc[ent.start - 1].lower_ in ("selon", "par")):
                        return [self.mention(ent)]
                i = ent.start - 1
                continue
            if i in self.described:
                while i - 1 in self.described and self.described[i - 1] == self.described[i]:
                    i -= 1
                return [self.described_party(i)]
            party = self._nationality_party(token)
            if party is not None:
                return self._nationality_group(token)
            i -= 1
        return []

    def _nationality_group(self, token: Token) -> list[Mention]:
        """« les délégations russe et ukrainienne »: every nationality of one coordinated phrase."""
        doc = self.doc
        i = token.i
        while i > 0 and (doc[i - 1].pos_ in ("ADJ", "CCONJ") or doc[i - 1].text == ","
                         or self.lex.nationality(doc[i - 1])):
            i -= 1
        parties = []
        while i <= token.i:
            party = self._nationality_party(doc[i])
            if party is not None:
                parties.append(party)
            i += 1
        return parties


def _did_not_take_place(words: list[str], start: int, end: int) -> bool:
    """« La réunion prévue entre A et B n'aura pas lieu »: the event, said
    after its trigger, did not happen (« pas eu lieu », « n'aura pas lieu »)."""
    for k in range(start + 1, end):
        if words[k] == "lieu" and "pas" in words[max(start + 1, k - 4):k] and words[k - 1] in ("eu", "lieu", "pas"):
            return True
    return False


def _negated_subject(trigger: Token) -> bool:
    """« La rencontre entre A et B, un temps annoncée, n'a pas été organisée »: a meeting
    noun before its negated verb, with no preposition of its own, is that verb's subject
    whatever the parser called it (« Lors de la rencontre, A n'a pas cédé » has one)."""
    head = trigger.head
    return trigger.pos_ == "NOUN" and head is not trigger and head.pos_ == "VERB" and trigger.i < head.i \
        and not any(c.dep_ == "case" for c in trigger.children) \
        and any(c.lower_ in NEGATIONS for c in head.children)


_DUOS = frozenset({"tandem", "duo", "binôme", "couple"})
_AMONG = frozenset({"lesquels", "lesquelles", "eux", "elles"})


def modality(index: DocIndex, trigger: Token) -> tuple[bool, bool]:
    """``(ruled_out, planned)`` for an interaction word.

    Ruled out: negated (« ne ... pas », « aucune rencontre »), under « exclu », « nie »,
    « sans »..., or a meeting only called for (« plaide pour une rencontre »). Planned:
    future or conditional, under « doit », « prévoit »..., or a noun marked « prochaine »,
    « prévue », « éventuelle ».
    """
    sent = index.sentence(trigger.i)
    chain = [trigger]
    while chain[-1].dep_ in ("xcomp", "advcl", "conj", "obj", "nsubj", "nsubj:pass", "csubj", "obl:arg", "nmod", "ccomp") \
            and chain[-1].head is not chain[-1] and len(chain) < 4:
        if chain[-1].dep_ in ("conj", "advcl", "parataxis") and \
                any(c.dep_ in ("nsubj", "nsubj:pass") for c in chain[-1].children):
            break  # « Lima n'a pas cédé : elle exige ... »: a clause of its own, not under the negation
        chain.append(chain[-1].head)
    words = index.words
    # a negation scopes over its own conjunct only: « ne renoncerait pas à X et réclamait Y »
    conj = next((k for k, t in enumerate(chain) if t.dep_ == "conj"), len(chain) - 1)
    negated = chain[:conj + 1]
    ruled_out = any(c.lower_ in NEGATIONS for t in negated for c in t.children) or \
        any(word in RULED_OUT for word in words[max(sent.start, trigger.i - 8):trigger.i]) or \
        any(word in ("aucun", "aucune", "pas") for word in words[max(sent.start, trigger.i - 3):trigger.i]) or \
        _did_not_take_place(words, trigger.i, sent.end) or _negated_subject(trigger) or \
        trigger.pos_ == "NOUN" and any(t.lemma_ in _ADVOCATING for t in chain[1:])
    planned = any(t.lemma_ in PLANNING_VERBS or t.lower_ in PLANNED_MARKS for t in chain[1:]) or \
        any("Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood") for t in chain if t.pos_ in ("VERB", "AUX")) or \
        any(c.lemma_ in ("devoir", "aller", "pouvoir") for t in chain for c in t.children if c.pos_ in ("AUX", "VERB")) or \
        any(c.lower_ in PLANNED_MARKS for c in trigger.children)
    return ruled_out, planned
