"""Entity resolution: one entity per actor across all articles, each merge explained.

The cascade, first rule that applies wins:

1. ``gazetteer``: the name is a known spelling of a gazetteer actor;
2. ``surname-in-article``: a lone surname (« Trump ») after one full name ending with it
   in the same article (« Donald Trump »);
3. ``surname-in-corpus``: a lone surname with exactly one full name in the corpus;
4. ``same-name``: the same name up to case, accents, look-alike letters and a leading
   article, with the same type; ``name-without-its-kind``: an organisation's name without
   the word that says its kind, when one organisation of the corpus has it (« Renouveau »
   is « Front Renouveau »);
5. ``acronym-in-text`` (« Organisation du Traité de l'Atlantique Nord (OTAN) »), then
   ``acronym`` by initials when one expansion fits, then ``fuzzy``: transliteration-aware
   similarity (:mod:`graph.resolution.similarity`) inside surname blocks, same type only, full
   names only for people, and only when a single entity fits.

A description that stands for a named actor (« le président russe ») joins that actor.

Before the cascade, a *type vote*: NER may type one name Person in one article and Place
in another. Each name takes one type over the corpus: Person if it is the last word of a
person's full name somewhere in the corpus, else the type most of its mentions have.

Types never mix: « Washington » the city and a person named Washington stay apart. A
surname that fits two people stays its own entity and is reported as ambiguous.

>>> from graph.records import Mention
>>> r = resolve([("a1", [Mention("Jean Dupont", "Person", 0, 11), Mention("Dupont", "Person", 20, 26)])])
>>> [(e.label, e.names) for e in r.entities.values()]
[('Jean Dupont', ('Dupont', 'Jean Dupont'))]
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import cdist
from unidecode import unidecode

from ontology.data import Gazetteer, load_gazetteer
from ontology.names import name_key
from graph.resolution.curation import Curation
from graph.records import ArticleExtraction, Mention, Relation
from graph.resolution.similarity import acronym_of, block_key, same_name, same_person_name, skeleton

__all__ = ["Entity", "MergeDecision", "Resolution", "resolve", "slug"]


@dataclass(frozen=True, slots=True)
class Entity:
    key: str
    type: str
    label: str
    names: tuple[str, ...]
    wikidata: str | None
    articles: tuple[str, ...]
    mention_count: int
    known_names: tuple[str, ...] = ()  # the gazetteer's other spellings, never seen in the articles


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """Why ``name`` (seen in ``article``) belongs to entity ``entity``."""

    entity: str
    name: str
    article: str
    rule: str
    score: float


@dataclass(frozen=True)
class Resolution:
    entities: dict[str, Entity]
    assignment: dict[tuple[str, Mention], str]
    merges: tuple[MergeDecision, ...]
    ambiguous: tuple[str, ...]
    _relations: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def entity_of(self, article_id: str, mention: Mention) -> Entity | None:
        key = self.assignment.get((article_id, mention))
        return self.entities.get(key) if key else None

    def relations_of(self, extraction: ArticleExtraction) -> list[tuple[int, Relation, str, str]]:
        """``(n, relation, subject key, object key)`` of each relation of an article whose
        two ends are distinct entities; ``n`` numbers the relation within its article.
        Kept: the graph files, the store and the page all read them."""
        article_id = extraction.article.id
        found = self._relations.get(article_id)
        if found is None or found[0] is not extraction:
            keys = self.assignment
            found = self._relations[article_id] = (extraction, [
                (n, relation, s_key, o_key) for n, relation in enumerate(extraction.relations)
                if (s_key := keys.get((article_id, relation.subject)))
                and (o_key := keys.get((article_id, relation.object))) and s_key != o_key])
        return found[1]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


# Particles that belong to the surname after them: « al-Amin », « Ben Ali », « van der Berg »
_PARTICLES = frozenset({"al", "el", "ben", "bin", "ibn", "abou", "abu", "ould", "von", "van", "de", "da", "di", "du",
                        "der", "den", "le", "la", "dos", "das"})


def _tokens(name: str) -> list[str]:
    """The words of a name, a particle kept with the word after it (« khaled », « al amin »)."""
    words = name_key(name).split()
    tokens: list[str] = []
    glued = False
    for n, word in enumerate(words):
        if glued:
            tokens[-1] += " " + word
        else:
            tokens.append(word)
        glued = word in _PARTICLES and n + 1 < len(words)
    return tokens


def resolve(articles: Iterable[tuple[str, Iterable[Mention]]], gazetteer: Gazetteer | None = None,
            curation: Curation | None = None, *, roles: Iterable[tuple[str, Relation]] = ()) -> Resolution:
    """Resolve the mentions of every article, given as ``(article_id, mentions)`` pairs;
    the analyst's ``curation`` has the last word. ``roles``, ``(article_id, relation)``
    pairs, are what the corpus says people are (« A, le président ukrainien »): a title
    an article gives no name (« le président ukrainien a dit ») is the one person of that
    article the corpus says holds it."""
    gazetteer = gazetteer or load_gazetteer()
    curation = curation or Curation()
    decided: dict[tuple[str, Mention], tuple[str, str, float]] = {}
    pending: list[tuple[str, Mention]] = []
    descriptions: list[tuple[str, Mention]] = []
    for article_id, mentions in articles:
        for mention in mentions:
            if mention.refers_to is not None:
                descriptions.append((article_id, mention))
                continue
            actor = gazetteer.get(mention.gazetteer_id) if mention.gazetteer_id else gazetteer.lookup(mention.text)
            if actor is not None and actor.type == mention.type or (actor is not None and not mention.is_name):
                decided[(article_id, mention)] = (actor.id, "gazetteer", 1.0)
            else:
                pending.append((article_id, mention))

    voted = _type_vote(decided, pending)
    full_names = _full_person_names(decided, pending, voted)
    heads = _first_words(decided, pending, voted)
    headless = _without_kind(decided, pending, voted)
    ambiguous: set[str] = set()
    for article_id, mention in pending:
        mention_type = voted.get(name_key(mention.text), mention.type)
        key = f"{mention_type.lower()}/{slug(name_key(mention.text))}"
        rule, score = "same-name", 1.0
        if mention_type == "Person" and len(_tokens(mention.text)) == 1:
            holders = full_names.get(_tokens(mention.text)[0])
            local_keys = holders.by_article.get(article_id, ()) if holders else ()
            global_keys = holders.keys if holders else ()
            if len(local_keys) == 1:
                key, rule, score = next(iter(local_keys)), "surname-in-article", 0.9
            elif not local_keys and len(global_keys) == 1:
                key, rule, score = next(iter(global_keys)), "surname-in-corpus", 0.8
            elif len(local_keys) > 1 or len(global_keys) > 1:
                ambiguous.add(mention.text)
            elif not holders:
                given = heads.get((article_id, "Person", _tokens(mention.text)[0]), set())
                if len(given) == 1:  # « Ana » after « Ana Ferreira », and no one is surnamed so
                    key, rule, score = next(iter(given)), "given-name-in-article", 0.7
        elif len(_tokens(mention.text)) == 1 and mention_type == "Organization":
            longer = heads.get((article_id, "Organization", _tokens(mention.text)[0]), set())
            if len(longer) == 1:  # « le Conseil » after « le Conseil constitutionnel »
                key, rule, score = next(iter(longer)), "short-name-in-article", 0.8
        if rule == "same-name" and mention_type == "Organization" and len(headless.get(name_key(mention.text), ())) == 1:
            key, rule, score = next(iter(headless[name_key(mention.text)])), "name-without-its-kind", 0.8
        decided[(article_id, mention)] = (key, rule, score)

    _merge_similar(decided, gazetteer, ambiguous)
    _apply_curation(decided, curation)
    for article_id, mention in descriptions:
        named = decided.get((article_id, mention.refers_to))
        if named is not None:
            decided[(article_id, mention)] = (named[0], "description", named[2])
    _resolve_titles(decided, descriptions, roles, gazetteer)
    renames = {}
    for key_name, label in curation.renames:
        for (_, mention), (key, _, _) in decided.items():
            if mention.is_name and name_key(mention.text) == key_name:
                renames[key] = label
    return _assemble(decided, gazetteer, tuple(sorted(ambiguous)), renames)


def _resolve_titles(decided, descriptions, roles: Iterable[tuple[str, Relation]], gazetteer: Gazetteer) -> None:
    """Give each title placeholder the one person of its article who holds that title in
    the corpus; a target stands for its state (« la Maison-Blanche » for the United States)."""
    titled = [(a, m) for a, m in descriptions if m.refers_to.title is not None and (a, m) not in decided]
    if not titled:
        return

    def state(key: str | None) -> str | None:
        if key is None or "/" in key:
            return key
        try:
            return gazetteer.get(key).stands_for or key
        except KeyError:
            return key

    # (relation, state) -> holder entity -> the roles it is known by ("" when only the relation is)
    held: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for actor in gazetteer.actors:
        for relation, target, role in actor.holds:
            held[(relation, state(target))][actor.id].add(role)
    for article_id, relation in roles:
        subject = relation.subject
        if subject.is_name and subject.refers_to is None:
            holder = decided.get((article_id, subject))
            target = decided.get((article_id, relation.object))
            if holder and target:
                held[(relation.predicate, state(target[0]))][holder[0]].add("")
    named_in: dict[str, set[str]] = defaultdict(set)
    for (article_id, mention), (key, _, _) in decided.items():
        if mention.is_name and mention.type == "Person":
            named_in[article_id].add(key)
    for article_id, mention in titled:
        relation, target, role = mention.refers_to.title
        target_entity = decided.get((article_id, target))
        if target_entity is None:
            continue
        holders = held.get((relation, state(target_entity[0])), {})
        candidates = {key for key in holders if key in named_in[article_id]}
        if len(candidates) > 1:  # « le président » and « le Premier ministre » both lead France
            candidates = {key for key in candidates if role in holders[key]}
        if len(candidates) == 1:
            decided[(article_id, mention)] = (candidates.pop(), "title", 0.7)


def _apply_curation(decided, curation: Curation) -> None:
    """Forced merges join every entity holding one of the names; forbidden ones split off."""
    def keys_of(key_name: str) -> list[str]:
        return sorted({key for (_, m), (key, _, _) in decided.items() if m.is_name and name_key(m.text) == key_name})

    for names in curation.merges:
        by_length = sorted(names, key=len, reverse=True)
        keys = [k for n in by_length for k in keys_of(n)]
        if len(set(keys)) > 1:
            target = next((k for k in keys if "/" not in k), keys[0])  # a gazetteer actor, else the longest name
            for item, (key, _, _) in list(decided.items()):
                if key in keys:
                    decided[item] = (target, "curation:merge", 1.0) if key != target else decided[item]
    for first, second in curation.forbids:
        shared = set(keys_of(first)) & set(keys_of(second))
        for item, (key, _, _) in list(decided.items()):
            _, mention = item
            if key in shared and mention.is_name and name_key(mention.text) == second:
                decided[item] = (f"{mention.type.lower()}/{slug(second)}-curated", "curation:forbid", 1.0)


class _Clusters:
    """Union-find over entity keys; a gazetteer key is always the root, two never meet."""

    def __init__(self, gazetteer_keys: set[str]):
        self.parent: dict[str, str] = {}
        self.gazetteer_keys = gazetteer_keys
        self.why: dict[str, tuple[str, float]] = {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def union(self, a: str, b: str, rule: str, score: float) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (ra in self.gazetteer_keys and rb in self.gazetteer_keys):
            return
        if rb in self.gazetteer_keys:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.why[rb] = (rule, score)


def _merge_similar(decided, gazetteer: Gazetteer, ambiguous: set[str]) -> None:
    """Acronyms (defined in the text, or by initials) and transliteration-aware fuzzy matches."""
    names: dict[str, set[str]] = defaultdict(set)
    types: dict[str, str] = {}
    by_article: dict[str, list[tuple[Mention, str]]] = defaultdict(list)
    for (article_id, mention), (key, _, _) in decided.items():
        if mention.is_name:
            names[key].add(mention.text)
            types.setdefault(key, _key_type(key) or mention.type)
            by_article[article_id].append((mention, key))
    gazetteer_keys = {a.id for a in gazetteer.actors}
    clusters = _Clusters(gazetteer_keys & set(names))

    for mentions in by_article.values():  # « Organisation du Traité de l'Atlantique Nord (OTAN) »
        mentions.sort(key=lambda item: item[0].start)
        for (long, long_key), (short, short_key) in zip(mentions, mentions[1:]):
            if short.start - long.end == 2 and (acronym_of(short.text, long.text) or _defined_acronym(long, short)):
                if short_key in gazetteer_keys and long_key not in gazetteer_keys \
                        and not acronym_of(short.text, long.text):
                    continue  # « le Comité des sages de l'Union africaine (UA) »: the acronym is known, and not this one's
                clusters.union(long_key, short_key, "acronym-in-text", 1.0)

    expansions = defaultdict(set)
    for key, forms in names.items():
        for form in forms:
            if " " in form:
                expansions[types[key]].add((form, key))
    for key, forms in names.items():
        if key in gazetteer_keys:
            continue
        for form in forms:
            if form.isupper():
                found = {k for name, k in expansions[types[key]] if k != key and acronym_of(form, name)}
                if len({clusters.find(k) for k in found}) == 1:
                    clusters.union(found.pop(), key, "acronym", 0.95)

    longest = {key: max(forms, key=len) for key, forms in names.items()}
    similar: dict[str, set[str]] = defaultdict(set)
    for (kind, a, b) in _candidate_pairs(names, types, longest):
        if _similar(kind, longest[a], longest[b]):
            similar[a].add(b)
            similar[b].add(a)
    for key in sorted(similar):
        if key in gazetteer_keys:
            continue
        others = {other for other in similar[key] if clusters.find(other) != clusters.find(key)}
        roots = {clusters.find(other) for other in others}
        if len(roots) > 1 and all(b in similar[a] for a in others for b in others if a != b):
            roots = {None}  # every candidate is like every other: three spellings of one name
        if len(roots) == 1:
            for other in sorted(others):
                score = ratio(skeleton(longest[key]), skeleton(longest[other])) / 100
                clusters.union(other, key, "fuzzy", round(score, 2))
        elif len(roots) > 1:
            ambiguous.add(longest[key])

    for item, (key, rule, score) in list(decided.items()):
        root = clusters.find(key)
        if root != key:
            rule, score = clusters.why.get(key, ("fuzzy", score))
            decided[item] = (root, rule, score)


def _defined_acronym(long: Mention, short: Mention) -> bool:
    """« l'Agence nationale des routes (KeNHA) »: an organisation's acronym in
    brackets right after its name, even when its letters follow another language."""
    return long.type == "Organization" and short.type == "Organization" and short.text.isupper() \
        and 2 <= len(short.text) <= 8 and not long.text.isupper()


def _candidate_pairs(names, types, longest):
    """Pairs of keys in one block whose skeletons are close (compared in C by rapidfuzz)."""
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, forms in names.items():
        for block in {block_key(form) for form in forms}:
            blocks[(types[key], block)].append(key)
    pairs = set()
    for (kind, _), keys in blocks.items():
        if len(keys) < 2:
            continue
        skeletons = [skeleton(longest[k]) for k in keys]
        scores = cdist(skeletons, skeletons, scorer=ratio, score_cutoff=80)
        for i, j in zip(*scores.nonzero()):
            if i < j:
                pairs.add((kind, keys[i], keys[j]))
    return sorted(pairs)


def _similar(kind: str, a: str, b: str) -> bool:
    if kind == "Person":
        return len(a.split()) > 1 and len(b.split()) > 1 and same_person_name(a, b)
    return same_name(a, b, 92)


@dataclass
class _Holders:
    """The entity keys of the full person names ending with one last name, overall and per article."""

    keys: set[str] = field(default_factory=set)
    by_article: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, article_id: str, key: str) -> None:
        self.keys.add(key)
        self.by_article[article_id].add(key)


_REGNAL = re.compile(r"^[ivxlcdm]+$")  # « Charles III », « Gustave V »: a number, not a surname


def _full_person_names(decided, pending, voted: dict[str, str]) -> dict[str, _Holders]:
    """Last name -> the holders of every multi-word person name ending with it (a blocking
    index). A regnal number (« III » in « Charles III ») is no surname: « X » alone is not him."""
    names: dict[str, _Holders] = defaultdict(_Holders)
    for (article_id, mention), (key, _, _) in decided.items():
        tokens = _tokens(mention.text)
        if mention.type == "Person" and len(tokens) > 1 and not _REGNAL.match(tokens[-1]):
            names[tokens[-1]].add(article_id, key)
    for article_id, mention in pending:
        tokens = _tokens(mention.text)
        if voted.get(name_key(mention.text), mention.type) == "Person" and len(tokens) > 1 \
                and not _REGNAL.match(tokens[-1]):
            names[tokens[-1]].add(article_id, f"person/{slug(name_key(mention.text))}")
    for surname in [s for s in names if " " in s]:  # « al amin » is also found as « amin »
        bare = names[surname.split()[-1]]
        for article_id, keys in names[surname].by_article.items():
            for key in keys:
                bare.add(article_id, key)
    return names


# The first word of an organisation's name that says what kind it is, and is often dropped:
# « le Front Renouveau » is « le Renouveau », « le Parti Narc » « le Narc ».
_KIND_WORDS = frozenset({"front", "parti", "mouvement", "alliance", "groupe", "ligue", "rassemblement"})


def _without_kind(decided, pending, voted: dict[str, str]) -> dict[str, set[str]]:
    """Name key without its kind word -> the keys of the organisations named so in the corpus."""
    found: dict[str, set[str]] = defaultdict(set)
    for (_, mention), (key, _, _) in decided.items():
        words = name_key(mention.text).split()
        if mention.type == "Organization" and mention.is_name and len(words) > 1 and words[0] in _KIND_WORDS:
            found[" ".join(words[1:])].add(key)
    for _, mention in pending:
        words = name_key(mention.text).split()
        mention_type = voted.get(name_key(mention.text), mention.type)
        if mention_type == "Organization" and mention.is_name and len(words) > 1 and words[0] in _KIND_WORDS:
            found[" ".join(words[1:])].add(f"organization/{slug(name_key(mention.text))}")
    return found


def _first_words(decided, pending, voted: dict[str, str]) -> dict[tuple[str, str, str], set[str]]:
    """(article, type, first word) -> the keys of the multi-word names of that type the
    article gives that open with the word (« Ana Ferreira », « Conseil constitutionnel »)."""
    heads: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for (article_id, mention), (key, _, _) in decided.items():
        tokens = _tokens(mention.text)
        if mention.is_name and len(tokens) > 1:
            heads[(article_id, mention.type, tokens[0])].add(key)
    for article_id, mention in pending:
        tokens = _tokens(mention.text)
        mention_type = voted.get(name_key(mention.text), mention.type)
        if mention.is_name and len(tokens) > 1:
            heads[(article_id, mention_type, tokens[0])].add(f"{mention_type.lower()}/{slug(name_key(mention.text))}")
    return heads


_KEY_TYPES = {"person": "Person", "organization": "Organization", "country": "Country", "place": "Place"}


def _key_type(key: str) -> str | None:
    """The type an entity key was made with (``person/…``), None for a gazetteer id."""
    return _KEY_TYPES.get(key.split("/", 1)[0]) if "/" in key else None


def _type_vote(decided, pending) -> dict[str, str]:
    """Name key -> the one type its mentions take over the corpus (see the module's docstring)."""
    given_names: dict[str, set[str]] = defaultdict(set)  # surname -> first words of the full names ending with it
    for mention in [m for _, m in decided] + [m for _, m in pending]:
        tokens = _tokens(mention.text)
        if mention.type == "Person" and len(tokens) > 1 and mention.is_name:
            given_names[tokens[-1]].add(tokens[0])
    counts: dict[str, Counter] = defaultdict(Counter)
    for _, mention in pending:
        if mention.is_name:
            counts[name_key(mention.text)][mention.type] += 1
    voted = {}
    for key, types in counts.items():
        tokens = _tokens(key)
        if len(tokens) == 1 and tokens[0] in given_names:
            voted[key] = "Person"      # a surname: « Ferreira » after « Ana Ferreira »
        elif len(tokens) > 1 and "Person" not in types and any(
                ratio(tokens[0], given) >= 80 for given in given_names.get(tokens[-1], ())):
            voted[key] = "Person"      # « Anna Ferreira » typed as an organisation
        elif len(types) > 1:
            voted[key] = max(types, key=lambda t: (types[t], t == "Person", t))
    return voted


@dataclass
class _Members:
    """What the mentions resolved to one entity key say, gathered in one pass."""

    types: Counter = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    name_count: int = 0
    first_seen: dict[tuple[str, str], tuple[str, float]] = field(default_factory=dict)  # (name, rule) -> (article, score)


def _assemble(decided, gazetteer: Gazetteer, ambiguous, renames: dict[str, str] | None = None) -> Resolution:
    members: dict[str, _Members] = {}
    assignment = {}
    for item, (key, rule, score) in decided.items():
        article_id, mention = item
        assignment[item] = key
        gathered = members.get(key)
        if gathered is None:
            gathered = members[key] = _Members()
        gathered.types[mention.type] += 1
        gathered.articles.add(article_id)
        if mention.is_name:
            gathered.names.add(mention.text)
            gathered.name_count += 1
            gathered.first_seen.setdefault((mention.text, rule), (article_id, score))
    entities: dict[str, Entity] = {}
    merges: list[MergeDecision] = []
    for key, gathered in members.items():
        actor = None
        try:
            actor = gazetteer.get(key)
        except KeyError:
            pass
        names = sorted(gathered.names)
        label = (renames or {}).get(key) or (actor.label if actor else
                                             max(names, key=lambda n: (len(n.split()), len(n), n)))
        entities[key] = Entity(
            key=key,
            type=actor.type if actor else _key_type(key) or gathered.types.most_common(1)[0][0],
            label=label,
            names=tuple(names),
            wikidata=actor.wikidata if actor else None,
            articles=tuple(sorted(gathered.articles)),
            mention_count=gathered.name_count,
            known_names=tuple(sorted({actor.label, *actor.names} - set(names) - {label})) if actor else (),
        )
        merges.extend(MergeDecision(key, name, article_id, rule, score)
                      for (name, rule), (article_id, score) in gathered.first_seen.items() if name != label)
    merges.sort(key=lambda m: (m.entity, m.name, m.rule))
    return Resolution(dict(sorted(entities.items())), assignment, tuple(merges), ambiguous)
