"""Role appositions: « Dmitri Peskov, porte-parole du Kremlin », « l'émissaire américain
Steve Witkoff », « le gendre du président Trump » -> spokespersonOf, envoyOf, relativeOf...

The role noun and its relation come from ``ontology/lexicons/roles.tsv``; the role's
target is the first actor after it (« du Kremlin », « des États-Unis ») or a nationality
adjective (« américain »); its holder is the person set beside it by a comma, or right
after it, or before « est ».
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from graph.records import Mention
from graph.extraction.rules.finding import Finding
from graph.extraction.french import ARTICLES, COUNTERPART, GENITIVE, ORGANISATION_NOUNS, POSSESSIVES, STATE_INSTITUTIONS

if TYPE_CHECKING:
    from graph.extraction.rules.doc_index import DocIndex

__all__ = ["find_roles", "scan_role_phrases", "RoleOccurrence", "TARGET_TYPES"]

TARGET_TYPES = {
    "leaderOf": {"Country", "Organization"},
    "spokespersonOf": {"Organization", "Country", "Person"},
    "envoyOf": {"Country", "Organization", "Person"},
    "advisorOf": {"Country", "Organization", "Person"},
    "ministerOf": {"Country"},
    "negotiatorFor": {"Country", "Organization"},
    "relativeOf": {"Person"},
}
_LINKS = GENITIVE | {"à", "au", "aux", "en", "la", "le", "les", "l'", "chargé", "chargée", "pour"}
_MAX_SCAN = 9
_SAME_ROLE = frozenset({"celui", "celle", "ceux", "celles"})
_STAFF_OFFICES = frozenset({"administration", "cabinet"})  # their head is a chief of staff
_VENUE_LINKS = frozenset({"à", "au", "aux", "en", "dans", "depuis"})  # « au Parlement »: where, not whose


class RoleOccurrence(NamedTuple):
    """A role phrase (tokens ``start:end``), what it is of, and who holds it, if said."""

    start: int
    end: int
    relation: str
    target: Mention | None
    holder: Mention | None
    name: str = ""  # the role as the lexicon writes it (« président »)

    @property
    def deputy(self) -> bool:
        """« le vice-président A »: a role phrase (it shapes the sentence), but A leads
        nothing, and « le vice-président kényan » is not « le président kényan »."""
        return self.relation == "leaderOf" and self.name.startswith("vice-")


def scan_role_phrases(index: DocIndex) -> Iterator[RoleOccurrence]:
    """The role phrases of the doc, in reading order. :class:`DocIndex` keeps them as
    ``role_phrases`` (every rule reads them there); it needs no description to find them."""
    words = index.words
    starts = index.lex.role_starts
    # only where a role phrase can start: most words cannot, and a set tells at once
    candidates = [i for i, word in enumerate(words) if word in starts or word in COUNTERPART or word in _SAME_ROLE]
    previous: RoleOccurrence | None = None
    i = 0
    for candidate in candidates:
        if candidate < i:
            continue
        i = candidate
        found = None if i in index.entity_at else index.role_at(i)
        if found is None and (words[i] in COUNTERPART or words[i] in _SAME_ROLE and i + 1 < len(words)
                              and words[i + 1] in GENITIVE) and previous is not None \
                and previous.start >= index.sentence(i).start:
            # « son homologue russe X », « le chef de A, B, et celui de C, D »: the same role, elsewhere
            found = (i + 1, previous.relation)
        if found is None:
            continue
        role_end, relation = found
        shared = _distributed(index, role_end)
        if shared:  # « les chefs de la diplomatie kényane et ougandaise, A et B »
            for target, holder in shared:
                if target.type in TARGET_TYPES[relation]:
                    yield RoleOccurrence(i, role_end, relation, target, holder,
                                         index.lex.role_name(index.words, i, role_end))
            previous = None
            i = role_end
            continue
        target, after = _target(index, role_end)
        if target is not None and (target.type not in TARGET_TYPES[relation] or not _fits(index, target)):
            target = None
        if target is not None and relation == "leaderOf" and any(
                word in _STAFF_OFFICES for word in index.words[role_end:index.token_at_char(target.start)]):
            target = None  # « le chef de l'administration présidentielle kényane » runs the staff, not the state
        holder = _holder(index, i, role_end, after)
        if holder is not None and holder == target:
            holder = None
        name = index.lex.role_name(index.words, i, role_end)
        previous = RoleOccurrence(i, role_end, relation, target, holder, name)
        yield previous
        for other in _co_holders(index, i, role_end, holder):  # « ses ministres A, B et C »: each holds it
            yield RoleOccurrence(i, role_end, relation, target, other, name)
        i = role_end


def _co_holders(index: DocIndex, start: int, end: int, holder: Mention | None) -> list[Mention]:
    """The people listed with ``holder`` right after a plural role noun (« ses ministres
    A, B et C », « les conseillers A et B »): they hold the role too."""
    if holder is None or not index.words[end - 1].endswith(("s", "x")) or index.words[end - 1] == \
            index.lex.role_name(index.words, end - 1, end) or index.doc[end - 1].morph.get("Number") != ["Plur"]:
        return []
    at = index.token_at_char(holder.start)
    ent = index.entity_at.get(at)
    if at < end or ent is None:
        return []
    listed, k, limit = [], ent.end, index.sentence(at).end
    while k + 1 < limit and index.words[k] in (",", "et"):  # « A, B et C »: only names, commas and « et »
        nxt = index.entity_at.get(k + 1)
        if nxt is None or nxt.start != k + 1 or nxt.label_ != "Person":
            break
        listed.append(index.mention(nxt))
        if index.words[k] == "et":
            break
        k = nxt.end
    return listed


def _distributed(index: DocIndex, j: int) -> list[tuple[Mention, Mention]]:
    """One role shared out in order: « les présidents kényan, William Ruto, et ougandais,
    Yoweri Museveni » and « les chefs de la diplomatie kényane et ougandaise, A et B »."""
    doc = index.doc
    if j >= len(doc):  # the role noun ends the text
        return []
    end = index.sentence(j).end
    targets: list[Mention] = []
    holders: list[Mention] = []
    while j < end:
        token = doc[j]
        nationality = index.nationality_mention(token) if token.is_lower else None
        ent = index.entity_at.get(j)
        if nationality is not None:
            targets.append(nationality)
        elif ent is not None and ent.start == j and (ent.label_ == "Person" or len(ent) > 1 and not ent.kb_id_):
            holder = index.mention(ent)  # a full name in a holder's place is a person, whatever NER said
            holders.append(holder if holder.type == "Person" else replace(holder, type="Person"))
            j = ent.end
            continue
        elif token.text != "," and token.lower_ not in ("et", "ainsi", "que"):
            break
        j += 1
    if len(targets) < 2 or len(targets) != len(holders):
        return []
    return list(zip(targets, holders))


def find_roles(index: DocIndex) -> Iterator[Finding]:
    for role in index.role_phrases:
        if role.deputy:
            continue
        holder = index.described.get(role.start)
        if role.holder is None and role.target is not None and holder is not None and holder.title is not None:
            # « Le président ukrainien a dit »: the title's holder, once resolution finds him
            yield Finding(index.described_party(role.start), role.relation, role.target,
                          index.sentence(role.start), f"role:{role.relation}:title", 0.7)
        if role.holder is not None and role.target is not None:
            yield Finding(role.holder, role.relation, role.target, index.sentence(role.start),
                          f"role:{role.relation}", 0.9)
        elif role.holder is not None and _possessor(index, role) is not None:
            # « Ferreira ... avec sa sœur Jane »: the relative of the one the clause is about
            yield Finding(role.holder, role.relation, _possessor(index, role), index.sentence(role.start),
                          f"role:{role.relation}:possessive", 0.7)
        elif role.holder is not None and role.relation == "ministerOf" and _leader_possessor_state(index, role):
            # « A, accompagné de ses ministres B et C »: the ministers of the state he leads
            yield Finding(role.holder, role.relation, _leader_possessor_state(index, role), index.sentence(role.start),
                          f"role:{role.relation}:possessive", 0.7)
        elif role.holder is not None:
            known = _known_target(index, role)
            if known is not None:  # « le Premier ministre Ana Ferreira »: of the state the gazetteer says
                yield Finding(role.holder, role.relation, known, index.sentence(role.start),
                              f"role:{role.relation}:known", 0.8)
            elif role.relation == "ministerOf" and _home_portfolio(index, role):
                # « le ministre de la Santé, A »: the home press's own minister
                home = index.lex.gazetteer.get(index.lex.home_state)
                yield Finding(role.holder, role.relation,
                              Mention(home.label, home.type, role.holder.start, role.holder.end, home.id,
                                      is_name=False),
                              index.sentence(role.start), f"role:{role.relation}:home", 0.6)
            elif "Organization" in TARGET_TYPES[role.relation]:
                named = _organisation_named_before(index, role)
                if named is not None:  # « le Parti vert … Ana Ferreira, présidente du parti »
                    yield Finding(role.holder, role.relation, named, index.sentence(role.start),
                                  f"role:{role.relation}:the-organisation", 0.7)


def _organisation_named_before(index: DocIndex, role: RoleOccurrence) -> Mention | None:
    """« présidente du parti », « porte-parole du mouvement » with no name after: the
    organisation the sentence names last before the role, or else the previous sentence
    does (« Le Parti vert a voté contre. Ana Ferreira, présidente du parti, … »), not one
    named as a venue (« A, élue du groupe Narc à l'Assemblée nationale, et B, président du parti »)."""
    words, doc = index.words, index.doc
    j = role.end
    if j < len(doc) and words[j] in GENITIVE and words[j] not in ("de", "d'"):  # « du », « de la », « de l' »
        j += 1
    elif j + 1 < len(doc) and words[j] == "de" and words[j + 1] in ("la", "l'"):
        j += 2
    else:
        return None
    if j >= len(doc) or words[j] not in ORGANISATION_NOUNS or j + 1 < len(doc) and (
            j + 1 in index.entity_at or doc[j + 1].pos_ == "ADJ" or doc[j + 1].text[:1].isupper()):
        return None  # « du parti Renouveau », « du parti socialiste »: named or qualified there
    start = index.role_phrase_start(role.start)
    sent = index.sentence(role.start)
    for scope in (sent, index.sentence(sent.start - 1) if sent.start > 0 else None):
        if scope is None:
            break
        before = [ent for ent in index.sentence_ents(scope) if ent.end <= start and ent.label_ == "Organization"
                  and not _venue(words, ent.start)]
        if before:
            return index.mention(before[-1])
    return None


def _home_portfolio(index: DocIndex, role: RoleOccurrence) -> bool:
    """« le ministre de l'Intérieur, A », « A, ministre des Affaires étrangères »: a
    portfolio with no state, in a sentence that names no state but the home one, by name,
    capital or adjective (« Côté kényan, A, ministre de la Défense » is Kenya's), in an
    article that names the home state somewhere, or no state at all."""
    words, doc = index.words, index.doc
    portfolio = role.name == "ministre des affaires étrangères" or (
        role.name == "ministre" and role.end < len(doc) and words[role.end] in GENITIVE)
    if not portfolio:
        return False
    sent = index.sentence(role.start)
    home = index.lex.home_state
    if index.names_state(None) and not index.names_state(home):
        return False  # an article about other states, never naming the home one, is not about its ministers
    for ent in index.sentence_ents(sent):
        state = index.as_state(index.mention(ent))
        if state is not None and state.gazetteer_id != home:
            return False
    return all(index.lex.nationality(token) in (None, home) for token in sent if token.is_lower)


def _venue(words: list[str], start: int) -> bool:
    """The name at ``start`` says where (« au Parlement », « à l'Assemblée »)."""
    k = start - 1
    if k > 0 and words[k] in ARTICLES:
        k -= 1
    return k >= 0 and words[k] in _VENUE_LINKS


def _possessor(index: DocIndex, role: RoleOccurrence) -> Mention | None:
    """Whose role « son », « sa », « ses » says it is: the person the sentence names last
    before the role (« A a perdu son fils B », « A réclame la libération de sa sœur B,
    emprisonnée avec son mari C »: B's), past the holders of the same kind of role (« A, entouré de son
    ministre, B, et de son conseiller, C »: A's). Only relations a person can be the target of (« sa sœur », « son conseiller »)."""
    if "Person" not in TARGET_TYPES[role.relation] or not _possessive(index, role):
        return None
    start = index.role_phrase_start(role.start)
    sent = index.sentence(role.start)
    # « entouré de son ministre, A, et de son conseiller, B »: both are the same one's
    siblings = {other.holder for other in index.roles_between(sent.start, start)
                if other.holder is not None and _possessive(index, other) and _enumerated(index, other.holder, start)}
    before = [m for m in index.people_in(sent)
              if m.end <= index.doc[start].idx and m != role.holder and m not in siblings]
    return before[-1] if before else None


def _leader_possessor_state(index: DocIndex, role: RoleOccurrence) -> Mention | None:
    """« A, accompagné de ses ministres B et C »: the one state the gazetteer says A leads,
    when a possessive opens the role and A is the last person named before it."""
    if not _possessive(index, role):
        return None
    start = index.role_phrase_start(role.start)
    before = [m for m in index.people_in(index.sentence(role.start)) if m.end <= index.doc[start].idx]
    if not before or not before[-1].gazetteer_id:
        return None
    try:
        holds = index.lex.gazetteer.get(before[-1].gazetteer_id).holds
    except KeyError:
        return None
    states = {target for relation, target, _ in holds if relation == "leaderOf"}
    if len(states) != 1:
        return None
    actor = index.lex.gazetteer.get(states.pop())
    if actor.type != "Country":
        return None
    return Mention(actor.label, actor.type, role.holder.start, role.holder.end, actor.id, is_name=False)


def _enumerated(index: DocIndex, holder: Mention, start: int) -> bool:
    """Only commas, « et », « de » (and an aside between dashes or brackets) lie between
    ``holder`` and token ``start``: the two roles are listed side by side."""
    doc, words = index.doc, index.words
    j = index.token_at_char(holder.end - 1) + 1
    while 0 < j < start:
        if doc[j].text in ("–", "—", "("):
            closing = ")" if doc[j].text == "(" else doc[j].text
            j = next((k for k in range(j + 1, start) if doc[k].text == closing), start) + 1
            continue
        if doc[j].text != "," and words[j] not in ("et", "de", "d'", "ainsi", "que"):
            return False
        j += 1
    return j > 0


def _possessive(index: DocIndex, role: RoleOccurrence) -> bool:
    return any(index.words[k] in POSSESSIVES for k in range(index.role_phrase_start(role.start), role.start))


def _known_target(index: DocIndex, role: RoleOccurrence) -> Mention | None:
    """What the gazetteer says the holder is this role of, when the article does not say."""
    if not role.holder.gazetteer_id:
        return None
    try:
        holds = index.lex.gazetteer.get(role.holder.gazetteer_id).holds
    except KeyError:
        return None
    targets = {target for relation, target, _ in holds if relation == role.relation}
    if len(targets) > 1:  # the role's words tell which (« président » / « premier ministre »)
        targets = {target for relation, target, name in holds if relation == role.relation and name == role.name}
    if len(targets) != 1:
        return None
    actor = index.lex.gazetteer.get(targets.pop())
    return Mention(actor.label, actor.type, role.holder.start, role.holder.end, actor.id, is_name=False)


def _fits(index: DocIndex, target) -> bool:
    return target.type != "Place" or index.stands_for_state(target)


def _target(index: DocIndex, start: int):
    """The actor a role phrase is of, and the token index after the role phrase."""
    doc = index.doc
    sent_end = index.sentence(start - 1).end
    j = start
    target = None
    owned = False  # a common noun of its own came between the role and the adjective
    while j < min(sent_end, start + _MAX_SCAN):
        token = doc[j]
        ent = index.entity_at.get(j)
        if ent is not None:
            if target is None and (ent.label_ != "Person" or index.is_genitive(ent)
                                   and any(index.words[k] in GENITIVE for k in range(start, ent.start))):
                if ent.label_ == "Person" or doc[ent.start - 1].lower_ in _LINKS or \
                        doc[ent.start - 1].lower_ in index.lex.honorifics or \
                        any(index.words[k] in ORGANISATION_NOUNS for k in range(start, ent.start)):
                    return index.mention(ent), ent.end
            return target, j
        nationality = index.nationality_mention(token) if token.pos_ == "ADJ" or token.is_lower else None
        if nationality is not None and target is None and not owned:
            target = nationality
            j += 1
            continue
        if target is None and token.lower_ in index.lex.honorifics and (j + 1) in index.entity_at:
            j += 1  # « le conseiller de M. Ruto »
            continue
        nested = index.role_at(j)
        if nested is not None and target is None:
            j = nested[0]
            continue
        if target is None and token.pos_ == "PROPN" and doc[j - 1].lower_ in _LINKS:
            j += 1  # « le secrétaire au Trésor, A »: a portfolio the entity filter did not keep as a name
            continue
        if target is None and (token.lower_ in _LINKS or token.pos_ in ("DET", "ADJ", "NOUN")):
            if token.pos_ == "NOUN" and j > start and doc[j - 1].lower_ in _LINKS and index.role_at(j) is None \
                    and token.lower_ not in STATE_INSTITUTIONS:
                owned = True  # « le patron du fonds souverain kényan »: what follows qualifies the fund
            j += 1
            continue
        if target is not None and token.pos_ == "ADJ":
            j += 1
            continue
        break
    return target, _phrase_end(index, j, sent_end) if target is not None else j


def _phrase_end(index: DocIndex, j: int, sent_end: int) -> int:
    """Skip the rest of a role phrase (« au Moyen-Orient », « pour les investissements »)."""
    doc = index.doc
    k = j
    while k < min(sent_end, j + _MAX_SCAN):
        ent = index.entity_at.get(k)
        if ent is not None:
            if ent.label_ == "Person":
                return k
            k = ent.end
            continue
        if doc[k].text == "," or doc[k].pos_ in ("VERB", "AUX", "PUNCT", "CCONJ", "SCONJ", "PRON"):
            return k
        k += 1
    return j


def _holder(index: DocIndex, role_start: int, role_end: int, after: int):
    """Who holds the role: the person named right after it (« A, le président finlandais
    B »: B) or after a comma when the phrase opens with a determiner (« A, la ministre
    britannique, C »: C), else the one before it. A person after a role nested in this
    one holds the nested role (« A, envoyé du président russe B »: A)."""
    opened = index.role_phrase_start(role_start)
    if opened >= 2 and index.words[opened - 1] in GENITIVE and \
            any(index.role_at(k) and index.role_at(k)[0] >= opened - 1 for k in range(max(0, opened - 5), opened - 1)):
        return None  # « le conseiller du président russe X »: X holds the first role, not this one
    later = _holder_after(index, after)
    if any(index.role_at(k) for k in range(role_end, after)):
        # « A, conseiller du président russe B »: A's; « le conseiller du président russe B »: B's
        return _holder_before(index, role_start) or later
    if later is not None and (index.words[opened] in ARTICLES or index.doc[after].text != ","):
        return later  # « A, le président finlandais B »: B; « A, la ministre britannique, C »: C
    if later is None and not _apposition_closes(index, after):
        return None  # « A, le chef de l'État kényan a jugé »: the phrase is the subject, not A's title
    return _holder_before(index, role_start) or later


def _apposition_closes(index: DocIndex, after: int) -> bool:
    """An apposition ends with a comma, a bracket, a dash or the sentence, or goes on with
    « et » (« A, porte-parole du Kremlin et ancien diplomate »)."""
    doc = index.doc
    named = index.entity_at.get(after)
    if named is not None and named.start == after:
        after = named.end  # « conseiller du président kényan Ole Berg, »: past the name
    end = _phrase_end(index, after, index.sentence(after - 1).end) if after < len(doc) else after
    for j in (after, end):
        if j >= len(doc) or j >= index.sentence(after - 1).end:
            return True
        if doc[j].text in (",", ")", "(", "–", "—", "-", ";", ".", ":") or doc[j].lower_ in ("et", "qui"):
            return True
    return False


def _holder_before(index: DocIndex, role_start: int):
    """« Dmitri Peskov, [le] porte-parole », « Peskov est le porte-parole »."""
    doc = index.doc
    k = index.role_phrase_start(role_start)
    if k >= 2 and doc[k - 1].text == ",":
        ent = index.entity_at.get(k - 2)
        if ent is not None and ent.label_ == "Person" and ent.end == k - 1 and not index.is_genitive(ent):
            return index.mention(ent)
    if k >= 2 and doc[k - 1].lemma_ == "être":
        ent = index.entity_at.get(k - 2)
        if ent is not None and ent.label_ == "Person":
            return index.mention(ent)
    return None


def _holder_after(index: DocIndex, after: int):
    """« le porte-parole du Kremlin, Dmitri Peskov », « l'émissaire américain Steve Witkoff »."""
    doc = index.doc
    j = after
    if j < len(doc) and doc[j].text == "(" and j + 2 < len(doc) and doc[j + 2].text == ")":
        j += 3  # « le secrétaire du Parti vert (PV), Ana Ferreira »
    if j < len(doc) and doc[j].text == ",":
        j += 1
    j = past_rank(index, j)
    ent = index.entity_at.get(j)
    if ent is not None and ent.start == j and ent.label_ == "Person":
        return index.mention(ent)
    return None


_RANK_WORDS = 4  # « le général de corps d'armée A »: at most this many words qualify a rank


def past_rank(index: DocIndex, j: int) -> int:
    """Where the name starts after a rank or honorific at token ``j`` (« le général A »,
    « le général de corps d'armée A », « le capitaine A », « cheikh A »), or ``j`` itself
    when no rank stands there or no name follows it."""
    doc, words = index.doc, index.words
    k = j
    if k < len(doc) and words[k] in ARTICLES:
        k += 1
    if k >= len(doc) or words[k] not in index.lex.honorifics or k in index.entity_at:
        return j
    k += 1
    for _ in range(_RANK_WORDS + 1):
        if k in index.entity_at:
            return k
        if k >= len(doc) or not (doc[k].is_lower or words[k] in index.lex.honorifics):
            return j
        k += 1
    return j
