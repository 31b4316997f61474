"""The construction table (``constructions.tsv``) on the real French model: each row's
sentence gives the triples it must and none it must not; a failure names the row. A
party is written as the text of its mention or as its gazetteer id (« togo »)."""
from pathlib import Path

import pytest

from graph.extraction.extract import extract_doc
from tests.conftest import make_article

pytestmark = pytest.mark.model

TABLE = Path(__file__).with_name("constructions.tsv")
SYMMETRIC = {"met", "spokeWith", "negotiatesWith", "relativeOf"}


def _triples(cell: str) -> list[tuple[str, str, str]]:
    found = []
    for part in filter(None, (p.strip() for p in cell.split("|"))):
        subject, relation, obj = (x.strip() for x in part.split(">"))
        found.append((subject, relation, obj))
    return found


def rows() -> list:
    table = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, sentence, must, must_not = (line.split("\t") + ["", ""])[:4]
        table.append(pytest.param(sentence, _triples(must), _triples(must_not), id=f"{number}:{kind}"))
    return table


def holds(found: set, triple: tuple[str, str, str]) -> bool:
    subject, relation, obj = triple
    if obj == "*":  # « A > claims > * »: A claims nothing at all
        return any(s == subject and r == relation for s, r, _ in found)
    if relation == "*":
        return any({s, o} == {subject, obj} for s, _, o in found)
    return triple in found or relation in SYMMETRIC and (obj, relation, subject) in found


@pytest.fixture(scope="module")
def run(nlp):
    def extract(text):
        article = make_article("Titre de l'article\n\n" + text)
        found = set()
        for r in extract_doc(nlp(article.text), article).relations:  # each party by its text or gazetteer id
            for subject in {r.subject.text, r.subject.gazetteer_id} - {None}:
                for obj in {r.object.text, r.object.gazetteer_id} - {None}:
                    found.add((subject, r.predicate, obj))
        return found
    return extract


def test_every_absence_row_has_a_twin_that_finds_something():
    params = rows()
    kinds_with_findings = {p.id.split(":", 1)[1] for p in params if p.values[1]}
    alone = [p.id for p in params if not p.values[1] and p.id.split(":", 1)[1] not in kinds_with_findings]
    assert not alone, alone


@pytest.mark.parametrize("sentence, must, must_not", rows())
def test_construction(run, sentence, must, must_not):
    found = run(sentence)
    missing = [t for t in must if not holds(found, t)]
    wrong = [t for t in must_not if holds(found, t)]
    assert not missing and not wrong, f"{sentence}\n  missing {missing}\n  wrong {wrong}\n  found {sorted(found)}"


def test_an_alias_is_a_name_of_the_person_before_it(nlp):
    from graph.resolution.resolve import resolve
    article = make_article("Titre\n\nLe colonel Jean Dossou, surnommé « Lion », a parlé. Ahmed Sharif, dit "
                           "Abou Ali, aussi. Paul Mensah a rencontré Koffi Agbeko.")
    extraction = extract_doc(nlp(article.text), article)
    entities = resolve([(article.id, extraction.mentions)]).entities.values()
    names = sorted(sorted(e.names) for e in entities if e.type == "Person")
    assert ["Jean Dossou", "Lion"] in names and ["Abou Ali", "Ahmed Sharif"] in names
    assert ["Paul Mensah"] in names and ["Koffi Agbeko"] in names  # two people side by side stay two
