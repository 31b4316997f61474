"""Load the gazetteer and the lexicons shipped in this folder (or an analyst's own copy).

>>> gazetteer = load_gazetteer()
>>> gazetteer.lookup("Vladímir Putin").id
'putin'
>>> load_nationalities()["américaine"]
'usa'
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from importlib.resources import files
from pathlib import Path

from .names import name_key
from .namespace import CORE_CLASSES, RELATIONS

__all__ = ["Actor", "Gazetteer", "LexiconError", "NO_GAZETTEER", "load_gazetteer", "load_roles",
           "load_nationalities", "load_interactions", "load_claim_cues", "load_not_actors", "load_honorifics", "load_state_name_nouns", "load_occasions", "load_portfolios", "load_alias_cues",
           "load_role_names",
           "gazetteer_bytes", "without_accents",
           "inflections"]

NO_GAZETTEER = "none"  # ``--gazetteer none``: no list of actors, only the states the lexicons name


class LexiconError(ValueError):
    """A gazetteer or lexicon file that cannot be used; the message names file and line."""


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    type: str
    label: str
    names: tuple[str, ...]
    wikidata: str | None = None
    stands_for: str | None = None
    # positions held: (relation, actor id, role as the roles lexicon writes it), e.g.
    # ("leaderOf", "ukraine", "président"): they tell who « le président ukrainien » is
    holds: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    actors: tuple[Actor, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {name_key(n): a for a in self.actors for n in (a.label, *a.names)})
        object.__setattr__(self, "_by_id", {a.id: a for a in self.actors})

    def lookup(self, name: str) -> Actor | None:
        return self._by_key.get(name_key(name))

    def get(self, actor_id: str) -> Actor:
        return self._by_id[actor_id]


def _data_path(name: str, path: str | Path | None) -> Path:
    return Path(path) if path else Path(str(files("ontology").joinpath(name)))


def _read_gazetteer(source: Path) -> tuple[Actor, ...]:
    try:
        entries = json.loads(source.read_text(encoding="utf-8"))["actors"]
        actors = tuple(Actor(e["id"], e["type"], e["label"], tuple(e["names"]), e.get("wikidata"),
                             e.get("stands_for"), tuple(tuple(h) for h in e.get("holds", ())))
                       for e in entries)
    except OSError as err:
        raise LexiconError(f"{source}: cannot read the gazetteer ({err.strerror or err})") from None
    except KeyError as err:
        raise LexiconError(f"{source}: not a gazetteer (an entry has no {err})") from None
    except (ValueError, TypeError) as err:
        raise LexiconError(f"{source}: not a gazetteer ({err})") from None
    for actor in actors:
        if actor.type not in CORE_CLASSES:
            raise LexiconError(f"{source}: actor {actor.id!r} has unknown type {actor.type!r}")
        for held in actor.holds:
            if len(held) != 3 or held[0] not in RELATIONS:
                raise LexiconError(f"{source}: actor {actor.id!r} holds {list(held)!r}: "
                                   f"expected [relation, actor id, role]")
    return actors


@lru_cache(maxsize=None)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The actors newsgraph knows by name.

    ``None``: the shipped gazetteer. ``"none"``: no list of actors, only the states that
    the nationality lexicon names (« américain » -> États-Unis), which are vocabulary, not
    knowledge of a story. A file: the analyst's own actors, plus those states (the file
    wins where both hold an id).
    """
    shipped = _read_gazetteer(_data_path("gazetteer.json", None))
    if path is None:
        return Gazetteer(_with_capitals(shipped))
    states = _nationality_states(shipped)
    if path == NO_GAZETTEER:
        return Gazetteer(_with_capitals(states))
    own = _read_gazetteer(Path(path))
    ids = {actor.id for actor in own}
    return Gazetteer(_with_capitals(own + tuple(actor for actor in states if actor.id not in ids)))


def _with_capitals(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """The actors, and the capitals and seats of power (``lexicons/capitals.tsv``,
    ``lexicons/seats.tsv``) that none of them names: each stands for its state."""
    known = {name_key(n) for actor in actors for n in (actor.label, *actor.names)}
    ids = {actor.id for actor in actors}
    added = []
    rows = [(source, number, city, "Place", state)
            for source, number, (city, state) in _rows("lexicons/capitals.tsv", None, 2)]
    rows += [(source, number, seat, kind, state)
             for source, number, (seat, kind, state) in _rows("lexicons/seats.tsv", None, 3)]
    for source, number, name, kind, state in rows:
        if state not in ids:
            raise LexiconError(f"{source}:{number}: {state!r} is not a state the lexicons know")
        if kind not in CORE_CLASSES:
            raise LexiconError(f"{source}:{number}: unknown type {kind!r}")
        if name_key(name) not in known:
            known.add(name_key(name))
            added.append(Actor(f"seat-{name_key(name).replace(' ', '-')}", kind, name, (name,), stands_for=state))
    return actors + tuple(added)


def gazetteer_bytes(path: str | None) -> bytes:
    """What identifies the gazetteer ``path`` names, for the extraction cache's fingerprint
    (the shipped file is fingerprinted with the ontology folder)."""
    if path is None:
        return b""
    if path == NO_GAZETTEER:
        return NO_GAZETTEER.encode()
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise LexiconError(f"{path}: cannot read the gazetteer ({err.strerror or err})") from None


def _nationality_states(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """The actors the nationality lexicon points to (without what they stand for)."""
    named = {actor_id for _, _, (_, actor_id) in _rows("lexicons/nationalities.tsv", None, 2)}
    return tuple(Actor(a.id, a.type, a.label, a.names, a.wikidata) for a in actors if a.id in named)


def _rows(name: str, path: str | Path | None, width: int):
    source = _data_path(name, path)
    with source.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            row = [cell.strip() for cell in line.rstrip("\n").split("\t")]
            if len(row) != width or not all(row):
                raise LexiconError(f"{source}:{number}: expected {width} tab-separated columns")
            yield source, number, row


def inflections(word: str) -> set[str]:
    """Feminine and plural forms of a French noun or adjective (generous, for matching)."""
    forms = {word}
    stems = {word}
    if word.endswith(("ien", "éen")):
        stems.add(word + "ne")
    elif word.endswith("eur"):
        stems |= {word[:-3] + "rice", word[:-3] + "euse"}
    elif word.endswith("er"):
        stems.add(word[:-2] + "ère")
    elif word.endswith("al"):
        stems |= {word + "e", word[:-2] + "aux"}
    elif not word.endswith("e"):
        stems.add(word + "e")
    for stem in stems:
        forms |= {stem, stem + "s"} if not stem.endswith(("s", "x")) else {stem}
    return forms


_FUNCTION_WORDS = {"de", "du", "des", "la", "le", "l'état", "d'état", "en", "à", "chef"}


def _word_forms(word: str) -> set[str]:
    if word == "chef":
        return {"chef", "chefs", "cheffe", "cheffes"}
    return {word} if word in _FUNCTION_WORDS or "'" in word else inflections(word)


@lru_cache(maxsize=None)
def _role_table(path: str | None = None) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for source, number, (phrase, relation) in _rows("lexicons/roles.tsv", path, 2):
        if relation not in RELATIONS:
            raise LexiconError(f"{source}:{number}: unknown relation {relation!r}")
        for form in product(*(_word_forms(w) for w in phrase.lower().split(" "))):
            written = " ".join(form)
            table[written] = (relation, phrase.lower())
            table.setdefault(without_accents(written), (relation, phrase.lower()))  # « secrétaire d'Etat »
    return table


def without_accents(text: str) -> str:
    """« secrétaire d'État » -> « secretaire d'Etat »: how role phrases are also looked up."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def load_roles(path: str | None = None) -> dict[str, str]:
    """Role phrase (lower-case, every inflection of its head) -> relation local name."""
    return {form: relation for form, (relation, _) in _role_table(path).items()}


def load_role_names(path: str | None = None) -> dict[str, str]:
    """Role phrase (lower-case, every inflection) -> the role as the lexicon writes it
    (« présidente » -> « président »)."""
    return {form: name for form, (_, name) in _role_table(path).items()}


@lru_cache(maxsize=None)
def load_nationalities(path: str | None = None) -> dict[str, str]:
    """Nationality adjective or demonym (lower-case, every inflection) -> gazetteer id."""
    gazetteer = load_gazetteer()
    table: dict[str, str] = {}
    for source, number, (word, actor_id) in _rows("lexicons/nationalities.tsv", path, 2):
        try:
            gazetteer.get(actor_id)
        except KeyError:
            raise LexiconError(f"{source}:{number}: {actor_id!r} is not in the gazetteer") from None
        for form in inflections(word.lower()):
            table[form] = actor_id
    return table


@lru_cache(maxsize=None)
def load_interactions(path: str | None = None) -> dict[tuple[str, str], str]:
    """(word, part of speech) -> kind (meet, talk, call, remote, deal)."""
    kinds = {"meet", "talk", "call", "remote", "deal"}
    table = {}
    for source, number, (word, pos, kind) in _rows("lexicons/interactions.tsv", path, 3):
        if kind not in kinds:
            raise LexiconError(f"{source}:{number}: unknown kind {kind!r}")
        table[(word.lower(), pos)] = kind
    return table


@lru_cache(maxsize=None)
def load_claim_cues(path: str | None = None) -> dict[str, str]:
    """Claim cue word -> part of speech."""
    return {word.lower(): pos for _, _, (word, pos) in _rows("lexicons/claims.tsv", path, 2)}


@lru_cache(maxsize=None)
def load_not_actors(path: str | None = None) -> frozenset[str]:
    """Name keys of capitalised words that are never actors."""
    return frozenset(name_key(word) for _, _, (word,) in _rows("lexicons/not_actors.tsv", path, 1))


@lru_cache(maxsize=None)
def load_home_state(path: str | None = None) -> str:
    """The gazetteer id of the state whose press newsgraph reads (``lexicons/home.tsv``)."""
    rows = [row for _, _, (row,) in _rows("lexicons/home.tsv", path, 1)]
    source = _data_path("lexicons/home.tsv", path)
    if len(rows) != 1:
        raise LexiconError(f"{source}: expected one state, found {len(rows)}")
    try:
        load_gazetteer("none").get(rows[0])
    except KeyError:
        raise LexiconError(f"{source}: {rows[0]!r} is not a state the nationality lexicon names") from None
    return rows[0]


@lru_cache(maxsize=None)
def load_occasions(path: str | None = None) -> tuple[tuple[str, ...], ...]:
    """Sentence openers that give the occasion of the main clause (« lors », « au cours »),
    each as its lower-case words, longest first."""
    phrases = {tuple(phrase.lower().replace("'", "' ").split()) for _, _, (phrase,) in _rows("lexicons/occasions.tsv", path, 1)}
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=None)
def load_alias_cues(path: str | None = None) -> frozenset[str]:
    """Words that introduce another name of the person just named (« surnommé », « alias »)."""
    return frozenset(" ".join(phrase.lower().split()) for _, _, (phrase,) in _rows("lexicons/aliases.tsv", path, 1))


@lru_cache(maxsize=None)
def load_portfolios(path: str | None = None) -> frozenset[str]:
    """First words of ministries' portfolios (« commerce », « affaires »), lower-case."""
    return frozenset(word.lower() for _, _, (word,) in _rows("lexicons/portfolios.tsv", path, 1))


@lru_cache(maxsize=None)
def load_state_name_nouns(path: str | None = None) -> frozenset[str]:
    """Nouns that open a state's formal name (« république », « royaume »), lower-case."""
    return frozenset(word.lower() for _, _, (word,) in _rows("lexicons/state_names.tsv", path, 1))


@lru_cache(maxsize=None)
def load_honorifics(path: str | None = None) -> frozenset[str]:
    """Honorifics and titles written before a name (« M. », « Mme », « cheikh »), lower-case."""
    return frozenset(word.lower() for _, _, (word,) in _rows("lexicons/honorifics.tsv", path, 1))
