"""Interactions: meetings, calls and negotiations between two parties.

Triggers and their kind come from ``ontology/lexicons/interactions.tsv``:
« X a rencontré Y », « X s'est entretenu avec Y », « X est arrivé ... pour discuter
avec Y et Z », « une rencontre entre X et Y », « les discussions entre Moscou et
Washington », « Les États-Unis ont multiplié les discussions avec la Russie ».
People give ``met`` (``spokeWith`` for a call, or « par téléphone »); states and
organisations (or a capital standing for its state) give ``negotiatesWith``.
Ruled-out events give nothing; announced ones are marked planned.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import combinations

from spacy.tokens import Span, Token

from graph.extraction.dates import find_date_expression
from graph.records import Mention
from graph.extraction.french import GENITIVE, LOCATIVE, REFLEXIVE
from graph.extraction.rules.finding import Finding
from graph.extraction.rules.doc_index import DocIndex, modality

__all__ = ["find_interactions"]

# Verbs whose direct object (or passive agent) is the other party: « X a reçu Y ».
_DIRECT_OBJECT_VERBS = frozenset({"rencontrer", "recevoir", "retrouver", "appeler", "accueillir", "réunir",
                                  "convier", "inviter", "rejoindre", "voir", "revoir"})
_SURROUNDED = frozenset({"entouré", "entourée", "entourés", "entourées", "flanqué", "flanquée", "flanqués",
                         "flanquées", "accompagné", "accompagnée", "accompagnés", "accompagnées"})
_JOINED = frozenset({"rejoint", "rejointe", "rejoints", "rejointes"})
_JOINED_IN = frozenset({"joint", "jointe", "joints", "jointes"})
_HOSTING = frozenset({"recevoir", "accueillir", "convier", "inviter", "consulter"})
_HOST_REACH = 400  # characters: how far back « ont été reçus » looks for the one receiving
_GUESTS = frozenset({"invités", "invitées", "invité", "invitée", "convives"})
_COMPANION_WORDS = _SURROUNDED | _JOINED | _JOINED_IN | {"présence", "compagnie", "côtés"}
_BE_FORMS = frozenset({"été", "être", "est", "sont", "sera", "seront", "serait", "seraient", "était", "étaient",
                       "soit", "fut", "a-t-il"})

_NOUN_GAP = 8
_DELEGATIONS = frozenset({"délégation", "délégations"})


def find_interactions(index: DocIndex) -> Iterator[Finding]:
    seen = set()
    words = index.lex.interaction_words  # a token that is none of them is no trigger
    candidates = [i for i, (word, lemma) in enumerate(zip(index.words, index.lemmas)) if word in words or lemma in words]
    host: tuple[Mention, int] | None = None  # the last person who received, and in which sentence
    for i in candidates:
        kind = _kind(index, i)
        if kind is None:
            continue
        token = index.doc[i]
        recent = host[0] if host is not None and index.sentence(i).start - host[1] < _HOST_REACH else None
        pairs = _verb_pairs(index, token, recent) if token.pos_ in ("VERB", "AUX") else _noun_pairs(index, token)
        if token.lemma_ in _HOSTING and token.pos_ == "VERB" and not _is_passive(index, token):
            people = [m for m in index.subject_parties(token) if m.type == "Person"]
            if len(people) == 1:  # « Ferreira a poursuivi ses consultations en recevant ... »
                host = (people[0].refers_to or people[0], index.sentence(i).start)
        if not pairs:
            continue
        if token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lower_ in _DELEGATIONS for c in token.children):
            continue  # « la délégation réunissait A, B et C »: its members, not a meeting of them
        ruled_out, planned = modality(index, token)  # read only where there are parties: it costs
        if ruled_out:
            continue
        sent = index.sentence(i)
        for a, b in pairs:
            predicate = _predicate(index, token, kind, a, b)
            key = (a, predicate, b, sent.start)
            if predicate is None or key in seen or (b, predicate, a, sent.start) in seen:
                continue
            seen.add(key)
            yield Finding(a, predicate, b, sent, f"interaction:{token.pos_.lower()}:{kind}",
                          0.8 if token.pos_ == "VERB" else 0.75, planned, _venue(index, token),
                          find_date_expression(index.sentence_text(sent), token.idx - sent.start_char))
    for host, guest, sent in _guest_pairs(index):
        if (host, "met", guest, sent.start) in seen or (guest, "met", host, sent.start) in seen:
            continue
        seen.add((host, "met", guest, sent.start))
        yield Finding(host, "met", guest, sent, "interaction:guests", 0.7)
    participants: dict[int, set[Mention]] = {}  # sentence start -> people an interaction names
    remote: set[int] = set()  # sentences whose people only spoke at a distance
    met: set[int] = set()
    for a, predicate, b, start in seen:
        if predicate in ("met", "spokeWith"):
            participants.setdefault(start, set()).update((a, b))
            (remote if predicate == "spokeWith" else met).add(start)
    for token, host, companion in _companion_pairs(index, participants):
        ruled_out, planned = modality(index, token)
        if ruled_out or host == companion or (host.gazetteer_id and host.gazetteer_id == companion.gazetteer_id):
            continue
        sent = index.sentence(token.i)
        # who joins a call joins it at a distance (« un échange téléphonique auquel se sont joints »)
        predicate = "spokeWith" if sent.start in remote and sent.start not in met else "met"
        if (host, predicate, companion, sent.start) in seen or (companion, predicate, host, sent.start) in seen:
            continue
        seen.add((host, predicate, companion, sent.start))
        yield Finding(host, predicate, companion, sent, "interaction:presence", 0.7, planned, _venue(index, token),
                      find_date_expression(index.sentence_text(sent), token.idx - sent.start_char))


def _kind(index: DocIndex, i: int) -> str | None:
    """The interaction kind token ``i`` triggers, if any."""
    tag = index.tags[i]
    if tag not in ("VERB", "AUX", "NOUN") or i in index.entity_at:
        return None
    table = index.lex.interactions
    if tag == "NOUN":
        kind = table.get((index.words[i], "noun")) or table.get((index.lemmas[i], "noun"))
    else:
        kind = table.get((index.lemmas[i], "verb"))
    if kind == "remote":  # « lors d'une visioconférence avec A et B », « a eu A au téléphone »
        return "call" if tag == "NOUN" else None
    return kind


def _predicate(index: DocIndex, token: Token, kind: str, a: Mention, b: Mention) -> str | None:
    if a == b or (a.gazetteer_id and a.gazetteer_id == b.gazetteer_id):
        return None
    if a.type == "Person" and b.type == "Person":
        if kind == "deal":
            return None  # an agreement between two leaders says nothing of where they were
        return "spokeWith" if kind == "call" or _remote(index, token) else "met"
    if index.stands_for_state(a) and index.stands_for_state(b):
        if _state_of(index, a) == _state_of(index, b):
            return None
        return "negotiatesWith"
    return None


def _venue(index: DocIndex, token: Token) -> Mention | None:
    """The place closest to the trigger that the sentence introduces with « à », « en », « dans »."""
    venues = [ent for ent in index.sentence_ents(index.sentence(token.i))
              if ent.label_ in ("Place", "Country") and ent.start > 0
              and index.words[ent.start - 1] in LOCATIVE]
    if not venues:
        return None
    return index.mention(min(venues, key=lambda ent: abs(ent.start - token.i)))


def _state_of(index: DocIndex, mention: Mention) -> str | None:
    if mention.gazetteer_id is None:
        return None
    actor = index.lex.gazetteer.get(mention.gazetteer_id)
    return actor.stands_for or actor.id


def _remote(index: DocIndex, token: Token) -> bool:
    sent = index.sentence(token.i)
    window = index.doc[max(sent.start, token.i - 6):min(sent.end, token.i + 8)]
    table = index.lex.interactions
    return any(table.get((t.lower_, "noun")) == "remote" or table.get((t.lower_, "adj")) == "remote"
               for t in window)


def _after(index: DocIndex, token: Token, words: set[str], gap: int) -> int | None:
    """Index of the first of ``words`` within ``gap`` tokens after ``token``, over modifiers only."""
    lower, tags = index.words, index.tags
    end = min(index.sentence(token.i).end, token.i + 1 + gap)
    j = token.i + 1
    while j < end:
        if lower[j] in words:
            return j
        ent = index.entity_at.get(j)
        if ent is not None and ent.label_ in ("Place", "Country") and lower[j - 1] in LOCATIVE:
            j = ent.end  # « organisée lundi à Lima entre ... »: where, not who
            continue
        if ent is not None or lower[j] in (",", ".", ";", ":") or (tags[j] == "VERB" and j > token.i + 1):
            return None
        j += 1
    return None


def _verb_pairs(index: DocIndex, verb: Token, host: Mention | None = None):
    subjects = index.subject_parties(verb)
    agents = _agents(index, verb)
    if agents:  # « Berg a été reçu par Ana Ferreira », « Reçu par Ferreira, Berg a ... »
        return [(a, b) for a in subjects for b in agents]
    if host is not None and verb.lemma_ in _HOSTING and _is_passive(index, verb) and \
            not any(index.words[k] == "par" for k in range(verb.i + 1, min(verb.i + 8, index.sentence(verb.i).end))):
        # « A, B et C ont été reçus près de deux heures »: by the one who was receiving
        return [(a, host) for a in subjects if a.type == "Person"]
    j = _after(index, verb, {"avec"}, 7)  # « s'est entretenu une bonne heure avec »
    if j is None and index.lex.interactions.get((index.lemmas[verb.i], "verb")) in ("talk", "call"):
        j = _after(index, verb, {"à", "au", "aux"}, 3)  # « Ferreira a parlé à Berg »
    if j is not None:
        others = index.group(j + 1, index.sentence(verb.i).end)
    elif any(c.dep_ == "obj" for c in verb.children) and verb.lemma_ in _DIRECT_OBJECT_VERBS:
        obj = next(c for c in verb.children if c.dep_ == "obj")
        others = index.group(min(obj.left_edge.i, obj.i), index.sentence(verb.i).end)
    elif verb.lemma_ in _DIRECT_OBJECT_VERBS and not _is_passive(index, verb):
        others = _unparsed_object(index, verb)
    else:
        others = []
    if verb.lemma_ == "réunir" and not subjects and others:
        # « un banquet a réuni autour de A et B plusieurs ministres, parmi lesquels C et D »
        hosts = _around(index, verb)
        if hosts:
            guests = _unparsed_object(index, verb, index.token_at_char(hosts[-1].end - 1) + 1)
            return [(a, b) for a in hosts for b in guests] + list(combinations(hosts, 2))
        return list(combinations(others, 2))
    if others:
        pairs = [(a, b) for a in subjects for b in others]
        if index.lex.interactions.get((verb.lemma_, "verb")) == "call" or _remote(index, verb):
            # everyone on one call spoke with everyone (« A et B se sont concertés par téléphone avec C »);
            # « les deux présidents » of a meeting told before were together, not at a distance
            sent_start = index.sentence(verb.i).start_char
            pairs += combinations([m for m in subjects if m.type == "Person" and m.start >= sent_start], 2)
        return pairs
    if any(c.lower_ in REFLEXIVE for c in verb.children) or verb.lemma_ in ("réunir",):
        return list(combinations(subjects, 2))
    if index.lex.interactions.get((verb.lemma_, "verb")) == "talk" and \
            not any(c.dep_ == "obj" and c.i in index.entity_at for c in verb.children):
        people = [m for m in subjects if m.type == "Person"]
        return list(combinations(people, 2))  # « Berg et Ferreira ont longuement discuté »
    return []


def _around(index: DocIndex, verb: Token) -> list[Mention]:
    """The parties after « autour de » in the verb's clause: whom a meeting gathered round."""
    end = index.sentence(verb.i).end
    for j in range(verb.i + 1, min(end - 1, verb.i + 6)):
        if index.words[j] == "autour" and index.words[j + 1] in GENITIVE:
            return index.group(j + 2, end)
    return []


def _unparsed_object(index: DocIndex, verb: Token, start: int | None = None) -> list[Mention]:
    """The parties a meeting verb's object names when the parser gave it no object:
    « où elle avait rencontré la veille le président angolais João Lourenço, ... »
    (looking from token ``start``, by default the one after the verb)."""
    doc, end = index.doc, index.sentence(verb.i).end
    j = verb.i + 1 if start is None else start
    limit = min(end, j + 8)
    while j < limit:
        token = doc[j]
        if token.text == "," and j + 1 < end and index.words[j + 1] in ("dont", "parmi"):
            return index.group(j, end)  # « une dizaine de dirigeants, parmi lesquels A et B »
        if token.text in (",", ";", ":", ".", "(") or token.pos_ in ("VERB", "AUX", "SCONJ"):
            return []
        ent = index.entity_at.get(j)
        if ent is not None and index.words[j - 1] in LOCATIVE:
            j = ent.end  # « a rencontré à Lima ... »: where, not whom
            continue
        if ent is not None or j in index.counted or j in index.described:
            return index.group(j, end)
        j += 1
    return []


def _is_passive(index: DocIndex, verb: Token) -> bool:
    """« a été reçu », « sera reçu », or a participle heading its own clause (« Reçu par ... , X »)."""
    if any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children):
        return True
    previous = index.words[max(index.sentence(verb.i).start, verb.i - 3):verb.i]
    if any(w in _BE_FORMS for w in previous):
        return True
    return "Part" in verb.morph.get("VerbForm") and "Pres" not in verb.morph.get("Tense") and \
        verb.dep_ in ("advcl", "acl", "ROOT") and \
        not any(c.dep_ == "aux:tense" for c in verb.children)


def _agents(index: DocIndex, verb: Token) -> list[Mention]:
    """The parties after « par » (and « et par ») of a passive meeting verb."""
    if verb.lemma_ not in _DIRECT_OBJECT_VERBS or not _is_passive(index, verb):
        return []
    doc, end = index.doc, index.sentence(verb.i).end
    agents: list[Mention] = []
    j = verb.i + 1
    while j < min(end, verb.i + 14):
        token = doc[j]
        if token.lower_ == "par":
            found = index.group(j + 1, end)
            agents.extend(found)
            j += 1
            while j < end and (j in index.entity_at or not index.is_boundary(doc[j])) and doc[j].lower_ != "par":
                j += 1
            if j + 1 < end and doc[j].lower_ == "par" and doc[j - 1].lower_ == "et":
                continue
            break
        if token.text in (";", ":", ".") or (token.pos_ in ("VERB", "AUX") and token.i != verb.i):
            break
        j += 1
    return agents


def _companion_pairs(index: DocIndex, participants: dict[int, set[Mention]]) -> Iterator[tuple[Token, Mention, Mention]]:
    """« A et B ont signé le texte en présence de C », « A avait à ses côtés C »: C met A and B,
    and whoever else the sentence says met."""
    doc, words = index.doc, index.words
    for i in range(len(doc) - 2):
        if words[i] not in _COMPANION_WORDS or not _companion_at(words, i):
            continue
        if words[i] in _JOINED_IN or words[i] == "côtés" and words[i + 1] not in GENITIVE:
            j = i + 1  # « auquel se sont joints A », « avait à ses côtés A »
        else:
            j = i + 2 if words[i + 1] in GENITIVE or words[i + 1] == "par" else i + 3
        sent = index.sentence(i)
        companions = [m for m in index.group(j, sent.end) if m.type == "Person"]
        verb = _governing_verb(doc[i]) or sent.root
        hosts = [m for m in index.subject_parties(verb) if m.type == "Person"] if verb is not None else []
        hosts += sorted(participants.get(sent.start, ()), key=lambda m: m.start)
        for host in dict.fromkeys(hosts):
            for companion in companions:
                yield doc[i], host, companion


def _guest_pairs(index: DocIndex) -> Iterator[tuple[Mention, Mention, Span]]:
    """« Les invités d'Ana Ferreira quittent le palais. Parmi eux : A, B et C »: the host
    met each guest the sentence, or the next one when it opens with « Parmi eux », names."""
    words, doc = index.words, index.doc
    for i in range(len(words) - 2):
        if words[i] not in _GUESTS or words[i + 1] not in GENITIVE:
            continue
        host_ent = index.entity_at.get(i + 2)
        if host_ent is None or host_ent.label_ != "Person":
            continue
        host = index.mention(host_ent)
        sent = index.sentence(i)
        named = [(person, sent) for person in index.people_in(sent) if person.start > host.start]
        if sent.end < len(doc) and words[sent.end] == "parmi":
            following = index.sentence(sent.end)
            named += [(person, following) for person in index.people_in(following)]
        for guest, where in named:
            bracketed = index.text[max(0, guest.start - 1):guest.start] == "("  # « Berg (Parti vert) »: his party
            if guest.type == "Person" and not bracketed and \
                    (guest.gazetteer_id is None or guest.gazetteer_id != host.gazetteer_id):
                yield host, guest, where


def _companion_at(words: list[str], i: int) -> bool:
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if words[i] in _SURROUNDED and nxt in GENITIVE:
        return True  # « Ana Ferreira, entourée de Ole Berg et de Lars Lindqvist »
    if words[i] in _JOINED and nxt == "par":
        return True  # « A et B, rejoints par C »
    if words[i] in _JOINED_IN and "auquel" in words[max(0, i - 4):i] or \
            words[i] in _JOINED_IN and "laquelle" in words[max(0, i - 4):i]:
        return True  # « un échange auquel se sont joints A et B »
    if words[i] in ("présence", "compagnie") and i > 0 and words[i - 1] == "en" and nxt in GENITIVE:
        return True
    return words[i] == "côtés" and i > 0 and words[i - 1] in ("aux", "ses") and (nxt in GENITIVE or words[i - 1] == "ses")


def _noun_pairs(index: DocIndex, noun: Token):
    pair = _hyphen_pair(index, noun.i + 1)
    if pair is not None:  # « une rencontre Ruto-Museveni », « les pourparlers Kenya-Ouganda »
        return [pair]
    j = _after(index, noun, {"entre"}, _NOUN_GAP)
    if j is not None:
        parties = index.group(j + 1, index.sentence(noun.i).end)
        # « A et B ont assisté à la réunion entre C et D »: A and B were there too
        present = [p for p in _attendees(index, noun) if p not in parties]
        return list(combinations(parties, 2)) + [(a, b) for a in present for b in parties]
    headline = _headline_pair(index, noun)
    if headline is not None:  # « A – B : un face-à-face »
        return [headline]
    occasion = _occasion_pairs(index, noun)
    if occasion:
        return occasion
    j = _after(index, noun, {"avec"}, _NOUN_GAP)
    verb = _governing_verb(noun)
    if j is not None:
        # « une visioconférence des quatre dirigeants avec A »: those named after the noun, else the clause's subject
        subjects = _genitive_parties(index, noun, j) or (index.subject_parties(verb) if verb is not None else [])
        return [(a, b) for a in subjects for b in index.group(j + 1, index.sentence(noun.i).end)]
    if verb is not None and noun.dep_ == "obj":
        subjects = index.subject_parties(verb)
        if len(subjects) >= 2:
            return list(combinations(subjects, 2))
    if verb is not None and index.lex.interactions.get((index.words[noun.i], "noun")) == "remote":
        held = [c for c in verb.children if c.dep_ == "obj" and c.i in index.entity_at]
        if held:  # « la présidente a eu Ole Berg au téléphone »
            others = [index.mention(index.entity_at[held[0].i])]
            return [(a, b) for a in index.subject_parties(verb) for b in others]
    return []


_CLITICS = frozenset({"s'", "se", "l'", "le", "la", "les", "lui", "leur", "y", "en", "ne", "n'", "a", "ont"})


def _occasion_pairs(index: DocIndex, noun: Token) -> list[tuple[Mention, Mention]]:
    """« Lors de sa rencontre avec A, B a salué … »: B met A; « Pendant leurs entretiens,
    A et B ont insisté … »: A met B. The noun sits in an opening that gives the main
    clause's occasion (``lexicons/occasions.tsv``), before the comma that closes it; the
    parties are the people who open the main clause, with those named after « avec »."""
    words, doc = index.words, index.doc
    sent = index.sentence(noun.i)
    opening = next((phrase for phrase in index.lex.occasions
                    if tuple(words[sent.start:sent.start + len(phrase)]) == phrase), None)
    if opening is None or "," in words[sent.start:noun.i]:
        return []
    people = [ent for ent in index.sentence_ents(sent) if ent.start > noun.i and ent.label_ == "Person"]
    subjects: list[Mention] = []
    for n, ent in enumerate(people):  # the main clause's subject: a name (or « A et B ») its verb follows
        if doc[ent.start - 1].text != ",":
            continue
        group, last = [ent], ent
        for other in people[n + 1:]:
            if other.start == last.end + 1 and words[last.end] == "et":
                group.append(other)
                last = other
            else:
                break
        k = last.end
        while k < sent.end and words[k] in _CLITICS and doc[k].pos_ != "VERB":
            k += 1
        if k < sent.end and doc[k].pos_ in ("VERB", "AUX") and (k == last.end or doc[k - 1].pos_ in ("AUX", "PRON")
                                                                  or words[k - 1] in _CLITICS):
            subjects = [index.mention(e) for e in group]
            break
    if not subjects:
        return []
    with_at = next((k for k in range(noun.i + 1, min(noun.i + _NOUN_GAP, sent.end)) if words[k] == "avec"), None)
    if with_at is None:
        return list(combinations(subjects, 2))
    first = index.token_at_char(subjects[0].start)
    others = [index.mention(ent) for ent in people if with_at < ent.start and ent.end <= first
              and not index.is_genitive(ent)]
    return [(a, b) for a in subjects for b in others]


_ATTENDING = frozenset({"assister", "participer", "prendre", "joindre"})  # « a assisté à », « a pris part à »
_ATTEND_GAP = 8  # words from the verb of attending to the meeting noun


def _attendees(index: DocIndex, noun: Token) -> list[Mention]:
    """The people who attended the meeting ``noun`` names: « A et B ont (tous deux)
    assisté à la réunion … », « A a pris part à la rencontre … ». Read on the
    words (a verb of attending, then « à », a few words before the noun), as the parser
    often loses such sentences; the attendees are the people named before the verb."""
    words, doc = index.words, index.doc
    sent = index.sentence(noun.i)
    for k in range(noun.i - 1, max(sent.start, noun.i - _ATTEND_GAP) - 1, -1):
        if doc[k].lemma_ in _ATTENDING and doc[k].pos_ == "VERB" and any(
                words[j] in ("à", "au", "aux") for j in range(k + 1, noun.i)):
            return [index.mention(ent) for ent in index.sentence_ents(sent)
                    if ent.end <= k and ent.label_ == "Person" and not index.is_genitive(ent)]
    return []


def _headline_pair(index: DocIndex, noun: Token) -> tuple[Mention, Mention] | None:
    """« A – B : un face-à-face », « A-B : la rencontre »: the two people a title opens
    with, set against each other before a colon, meet in the noun after it."""
    doc = index.doc
    sent = index.sentence(noun.i)
    first = index.entity_at.get(sent.start)
    if first is None or first.start != sent.start or first.end + 2 >= len(doc):
        return None
    second = index.entity_at.get(first.end + 1)
    if doc[first.end].text not in ("–", "—", "-", "/") or second is None or second.start != first.end + 1 \
            or second.end >= len(doc) or doc[second.end].text != ":" or second.end >= noun.i:
        return None
    a, b = index.mention(first), index.mention(second)
    if a.type != "Person" or b.type != "Person":
        return None
    return a, b


def _genitive_parties(index: DocIndex, noun: Token, end: int) -> list[Mention]:
    """The parties in the genitive right after ``noun`` (« l'entretien des deux hommes »), up to ``end``."""
    k = noun.i + 1
    while k < end and index.tags[k] == "ADJ" and k not in index.entity_at:
        k += 1
    if k >= end or index.words[k] not in GENITIVE:
        return []
    return index.group(k + 1, end)


def _hyphen_pair(index: DocIndex, j: int) -> tuple[Mention, Mention] | None:
    """The two parties of a hyphenated pair starting at token ``j`` (past adjectives such as
    « premiers »), split into two mentions by the mention normaliser."""
    doc = index.doc
    while j < len(doc) and index.tags[j] == "ADJ" and j not in index.entity_at:
        j += 1
    first = index.entity_at.get(j)
    if first is None or first.start != j or first.end + 1 >= len(doc) or doc[first.end].text not in ("-", "–"):
        return None
    if doc[first.end - 1].whitespace_ or doc[first.end].whitespace_:
        return None  # « A - B », spaced: an aside, not a pair
    second = index.entity_at.get(first.end + 1)
    if second is None or second.start != first.end + 1:
        return None
    a, b = index.mention(first), index.mention(second)
    if a.type != b.type and "Person" in (a.type, b.type):  # one NER typed as a place: a person's pair
        a, b = (a if a.type == "Person" else replace(a, type="Person")), (b if b.type == "Person" else replace(b, type="Person"))
    return a, b


def _governing_verb(token: Token) -> Token | None:
    head = token.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head is head:
            return None
        head = head.head
    return None
