from graph.records import Mention
from graph.resolution.resolve import resolve


def m(text, type_="Person", *, start=0, gid=None):
    return Mention(text, type_, start, start + len(text), gid)


def labels(resolution):
    return sorted((e.label, e.names) for e in resolution.entities.values())


def test_gazetteer_spellings_become_one_entity():
    r = resolve([("a1", [m("Poutine", gid="putin")]), ("a2", [m("Vladímir Putin", gid="putin"), m("Putin", start=20)])])
    assert labels(r) == [("Vladimir Poutine", ("Poutine", "Putin", "Vladímir Putin"))]
    assert r.entities["putin"].wikidata == "Q7747"


def test_surname_joins_the_full_name_of_its_article():
    r = resolve([("a1", [m("Jean Dupont"), m("Dupont", start=30)])])
    assert labels(r) == [("Jean Dupont", ("Dupont", "Jean Dupont"))]
    assert [x.rule for x in r.merges] == ["surname-in-article"]


def test_surname_joins_the_only_full_name_in_the_corpus():
    r = resolve([("a1", [m("Jean Dupont")]), ("a2", [m("Dupont")])])
    assert [x.rule for x in r.merges] == ["surname-in-corpus"]


def test_ambiguous_surname_stays_apart_and_is_reported():
    r = resolve([("a1", [m("Jean Dupont"), m("Marie Dupont", start=20)]), ("a2", [m("Dupont")])])
    assert len(r.entities) == 3
    assert r.ambiguous == ("Dupont",)


def test_types_never_mix():
    r = resolve([("a1", [m("Jean Washington"), m("Washington", "Place", start=40)])])
    assert {e.type for e in r.entities.values()} == {"Person", "Place"}
    assert len(r.entities) == 2


def test_shared_first_name_or_prefix_never_merges():
    r = resolve([("a1", [m("Vladimir Poutine", gid="putin"), m("Volodymyr Zelensky", start=30, gid="zelensky"),
                         m("Dmitri Peskov", start=60, gid="peskov"), m("Kirill Dmitriev", start=90, gid="dmitriev"),
                         m("Donald Trump", start=120, gid="trump"), m("Donald Tusk", start=140, gid="tusk")])])
    assert len(r.entities) == 6


def test_nationality_words_link_to_their_country_but_are_not_names():
    r = resolve([("a1", [Mention("américain", "Country", 0, 9, "usa", is_name=False), m("États-Unis", "Country", start=20, gid="usa")])])
    assert labels(r) == [("États-Unis", ("États-Unis",))]


def test_transliterations_merge_by_fuzzy_similarity():
    r = resolve([("a1", [m("Alexandre Grouchko")]), ("a2", [m("Aleksandr Grushko")])])
    assert len(r.entities) == 1 and [x.rule for x in r.merges] == ["fuzzy"]


def test_fuzzy_reaches_gazetteer_actors_with_unlisted_spellings():
    r = resolve([("a1", [m("Volodymyr Zelensky", gid="zelensky")]), ("a2", [m("Wolodymyr Selenskyj")])])
    assert list(r.entities) == ["zelensky"]


def test_fuzzy_never_merges_across_types_or_on_given_names():
    r = resolve([("a1", [m("Jean Grouchko"), m("Grushko Holding", "Organization", start=30),
                         m("Pierre Grushko", start=60)])])
    assert len(r.entities) == 3


def test_acronym_defined_in_the_text():
    long = Mention("Conseil de Sécurité Européen", "Organization", 0, 28)
    short = Mention("CSE", "Organization", 30, 33)
    r = resolve([("a1", [long, short])])
    assert len(r.entities) == 1 and [x.rule for x in r.merges] == ["acronym-in-text"]


def test_acronym_by_initials_across_articles():
    r = resolve([("a1", [Mention("Agence Spatiale Nordique", "Organization", 0, 24)]),
                 ("a2", [Mention("ASN", "Organization", 0, 3)])])
    assert len(r.entities) == 1 and r.merges[0].rule == "acronym"


def curated(tmp_path, text):
    from graph.resolution.curation import load_curation
    path = tmp_path / "curation.toml"
    path.write_text(text, encoding="utf-8")
    return load_curation(path)


def test_curation_forbids_a_merge_whatever_the_rules_say(tmp_path):
    curation = curated(tmp_path, '[[forbid]]\nnames = ["Jean Dupont", "Dupont"]\n')
    r = resolve([("a1", [m("Jean Dupont"), m("Dupont", start=30)])], curation=curation)
    assert len(r.entities) == 2


def test_curation_forces_a_merge_and_renames(tmp_path):
    curation = curated(tmp_path, '[[merge]]\nnames = ["J. Dupont", "Jean Dupont"]\n'
                                 '[[rename]]\nname = "Jean Dupont"\nlabel = "Jean-Marie Dupont"\n')
    r = resolve([("a1", [m("Jean Dupont")]), ("a2", [m("J. Dupont")])], curation=curation)
    [entity] = r.entities.values()
    assert entity.label == "Jean-Marie Dupont" and set(entity.names) == {"Jean Dupont", "J. Dupont"}
    assert [x.rule for x in r.merges if x.name == "J. Dupont"] == ["curation:merge"]


def test_a_bad_curation_file_names_file_and_entry(tmp_path):
    import pytest
    from graph.resolution.curation import CurationError
    with pytest.raises(CurationError, match=r"curation.toml: \[\[forbid\]\] entry 1: 'names' must list exactly 2"):
        curated(tmp_path, '[[forbid]]\nnames = ["A", "B", "C"]\n')
    with pytest.raises(CurationError, match="not valid TOML"):
        curated(tmp_path, '[[merge]\n')


def test_guards_hold_for_names_no_gazetteer_knows():
    r = resolve([("a1", [m("Vladimir Petrovski"), m("Volodymyr Zelenko", start=30),
                         m("Dmitri Pesok", start=60), m("Kirill Dmitrienko", start=90),
                         m("Donald Trumbull", start=120), m("Donald Tuskin", start=140)])])
    assert len(r.entities) == 6 and not r.merges


def test_a_surname_typed_as_a_place_in_another_article_is_the_person():
    r = resolve([("a1", [m("Ana Ferreira")]), ("a2", [m("Ferreira", "Place")])])
    assert labels(r) == [("Ana Ferreira", ("Ana Ferreira", "Ferreira"))]
    assert [e.type for e in r.entities.values()] == ["Person"]


def test_a_name_takes_the_type_most_of_its_mentions_have():
    r = resolve([("a1", [m("Coimbra", "Place")]), ("a2", [m("Coimbra", "Place")]), ("a3", [m("Coimbra", "Person")])])
    assert [(e.label, e.type) for e in r.entities.values()] == [("Coimbra", "Place")]


def test_a_surname_with_its_particle_joins_the_full_name():
    r = resolve([("a1", [m("Khaled al-Amin"), m("al-Amin", start=30), m("Amin", start=50)])])
    assert labels(r) == [("Khaled al-Amin", ("Amin", "Khaled al-Amin", "al-Amin"))]


def test_three_spellings_of_one_name_are_one_entity():
    r = resolve([("a1", [m("Youssef Benali")]), ("a2", [m("Yusuf Benali")]), ("a3", [m("Youssouf Benali")])])
    assert len(r.entities) == 1


def test_a_bracketed_acronym_joins_the_organisation_before_it():
    long, short = m("Bureau fédéral du renseignement", "Organization"), m("BND", "Organization", start=33)
    r = resolve([("a1", [long, short])])
    assert len(r.entities) == 1


def _title(text, relation, target, start, role="président"):
    placeholder = Mention(text, "Person", start, start + len(text), is_name=False, title=(relation, target, role))
    return Mention(text, "Person", start, start + len(text), is_name=False, refers_to=placeholder)


def test_a_title_is_the_one_person_of_its_article_the_corpus_says_holds_it():
    from graph.records import Evidence, Relation
    ana, norway = m("Ana Ferreira"), m("Norvège", "Country", start=40, gid="norway")
    stated = Relation(ana, "leaderOf", norway, Evidence("", 0, 0, "role", 0.9))
    other_norway = m("norvégien", "Country", start=30, gid="norway")
    title = _title("président", "leaderOf", other_norway, 10)
    r = resolve([("a1", [ana, norway]), ("a2", [m("Ana Ferreira", start=60), other_norway, title])],
                roles=[("a1", stated)])
    assert r.entity_of("a2", title).label == "Ana Ferreira"


def test_a_title_two_people_of_the_article_could_hold_stays_unresolved():
    from graph.records import Evidence, Relation
    norway = m("Norvège", "Country", start=40, gid="norway")
    roles = [("a1", Relation(m("Ana Ferreira"), "leaderOf", norway, Evidence("", 0, 0, "role", 0.9))),
             ("a1", Relation(m("Ole Berg", start=20), "leaderOf", norway, Evidence("", 0, 0, "role", 0.9)))]
    title = _title("président", "leaderOf", m("norvégien", "Country", start=30, gid="norway"), 10)
    r = resolve([("a1", [m("Ana Ferreira"), m("Ole Berg", start=20), norway]),
                 ("a2", [m("Ana Ferreira", start=60), m("Ole Berg", start=80), title])], roles=roles)
    assert r.entity_of("a2", title) is None


def test_a_gazetteer_position_tells_who_a_title_is():
    from ontology.data import Actor, Gazetteer
    norway = Actor("norway", "Country", "Norvège", ("Norvège",))
    ana = Actor("ana", "Person", "Ana Ferreira", ("Ana Ferreira",), holds=(("leaderOf", "norway", "premier ministre"),))
    ole = Actor("ole", "Person", "Ole Berg", ("Ole Berg",), holds=(("leaderOf", "norway", "président"),))
    gazetteer = Gazetteer((norway, ana, ole))
    target = m("norvégien", "Country", start=30, gid="norway")
    title = _title("premier ministre", "leaderOf", target, 10, role="premier ministre")
    r = resolve([("a1", [m("Ana Ferreira", gid="ana"), m("Ole Berg", start=50, gid="ole"), target, title])],
                gazetteer=gazetteer)
    assert r.entity_of("a1", title).label == "Ana Ferreira"  # both lead Norway: the role tells them apart


def test_a_given_name_alone_is_the_one_person_of_the_article_who_bears_it():
    r = resolve([("a1", [m("Ana Ferreira"), m("Ana", start=30)]), ("a2", [m("Ana", start=5)])])
    assert r.entity_of("a1", m("Ana", start=30)).label == "Ana Ferreira"
    assert r.entity_of("a2", m("Ana", start=5)).label == "Ana"  # no Ana Ferreira named there


def test_a_given_name_two_people_bear_stays_apart():
    r = resolve([("a1", [m("Ana Ferreira"), m("Ana Lopes", start=20), m("Ana", start=40)])])
    assert r.entity_of("a1", m("Ana", start=40)).label == "Ana"


def test_an_organisations_first_word_alone_is_that_organisation():
    r = resolve([("a1", [m("Assemblée nationale", "Organization"), m("Assemblée", "Organization", start=40)])])
    assert len(r.entities) == 1


def test_a_bracketed_acronym_after_a_one_word_name():
    r = resolve([("a1", [m("Verts", "Organization"), m("EELV", "Organization", start=7)])])
    assert len(r.entities) == 1


def test_gh_and_q_transliterate_one_sound():
    r = resolve([("a1", [m("Abbas Araghchi")]), ("a2", [m("Abbas Araqchi")])])
    assert len(r.entities) == 1


def test_a_regnal_number_is_no_surname():
    r = resolve([("a1", [m("Charles III", gid="charles_iii")]), ("a2", [m("III", "Organization"), m("III", start=30)])])
    king = r.entities["charles_iii"]
    assert "III" not in king.names
    r = resolve([("a1", [m("Jean Dupont")]), ("a2", [m("Dupont")])])  # a surname still joins its full name
    assert [x.rule for x in r.merges] == ["surname-in-corpus"]


def test_a_known_acronym_in_brackets_does_not_take_in_the_longer_name_before_it():
    long = m("Comité des sages de l'Union africaine", "Organization")
    short = m("UA", "Organization", start=long.end + 2, gid="african_union")
    r = resolve([("a1", [long, short])])
    assert r.entities["african_union"].names == ("UA",)
    defined = m("Commission nationale des droits", "Organization")
    r = resolve([("a1", [defined, m("CNDH", "Organization", start=defined.end + 2)])])
    assert len(r.entities) == 1  # an acronym the gazetteer does not know is still defined by the text


def test_an_organisation_named_without_its_kind_word_is_the_same():
    r = resolve([("a1", [m("Front Renouveau", "Organization")]), ("a2", [m("Renouveau", "Organization")])])
    assert labels(r) == [("Front Renouveau", ("Front Renouveau", "Renouveau"))]
    assert [x.rule for x in r.merges] == ["name-without-its-kind"]
    two = resolve([("a1", [m("Front Uni", "Organization"), m("Parti Uni", "Organization", start=30)]),
                   ("a2", [m("Uni", "Organization")])])
    assert len(two.entities) == 3  # two organisations fit: none is chosen
