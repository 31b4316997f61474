from pathlib import Path

import pytest

from corpus import Skipped, article_from_text, clean_text, default_corpus, fold_characters, read_articles
from corpus.readers import ArticleError, register_reader, readers


def test_offsets_point_into_the_original_file():
    original = "Publicité\r\n\r\nLe Kremlin a parlé.\r\nVidéos associées :\r\nKiev l’a dit.\r\n"
    article = article_from_text("a", original, "a.txt")
    assert article.text == "Le Kremlin a parlé.\n\nKiev l'a dit."
    start = article.text.index("Kiev")
    s, e = article.original_span(start, start + len("Kiev l'a dit."))
    assert original[s:e] == "Kiev l’a dit."
    s, e = article.original_span(0, len("Le Kremlin a parlé."))
    assert original[s:e] == "Le Kremlin a parlé."


def test_boilerplate_lines_are_dropped():
    original = "\n".join([
        "Titre de l'article", "Publicité pour Mesri_Juillet", "Publicité", "Vidéos associées :",
        "Corps de l'article avec Moscou.", "Ver más", "Archivé dans :", "Équipe éditoriale de X",
        "Une équipe de journalistes engagés.",
    ])
    cleaned = clean_text(original)
    assert cleaned.paragraphs == ("Titre de l'article", "Corps de l'article avec Moscou.")


def test_comment_invitations_and_photo_credits_are_dropped():
    original = ("Titre\nUne légende au club de golf de Witkoff, à Hallandale BeachPhoto © X/Someone\n"
                "Votre avis sera publié et visible par des milliers de lecteurs.\nLaisser un commentaire\n")
    assert clean_text(original).paragraphs == ("Titre", "Une légende au club de golf de Witkoff, à Hallandale Beach")


def test_a_paragraph_repeated_verbatim_is_read_once():
    body = "Les États-Unis affichent leur optimisme pour trouver un accord de paix."
    cleaned = clean_text(f"Titre\n{body}\nAutre paragraphe assez long pour compter ici.\n{body}\n")
    assert cleaned.paragraphs.count(body) == 1


def test_lookalike_letters_inside_latin_words_become_latin():
    assert fold_characters("l'Ukrainе") == "l'Ukraine"           # Cyrillic е
    assert fold_characters("Путин") == "Путин"                     # a Cyrillic word stays
    assert len(fold_characters("l’Ukrainе")) == len("l’Ukrainе")   # one for one


def test_title_is_the_first_kept_line():
    article = article_from_text("x", "\n\nPublicité\nLe vrai titre\nLe texte.", "x.txt")
    assert article.title == "Le vrai titre"


def test_reading_a_folder_and_reporting_bad_files(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Titre\nMoscou et Kiev.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "furniture.txt").write_text("Publicité\nLaisser un commentaire\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Titre\nLa délégation française.".encode("cp1252"))
    items = list(read_articles([tmp_path, tmp_path / "missing.txt"]))
    articles = {i.id: i for i in items if not isinstance(i, Skipped)}
    skipped = {Path(s.source).name: s.reason for s in items if isinstance(s, Skipped)}
    assert set(articles) == {"good", "latin1"}
    assert "délégation française" in articles["latin1"].text
    assert skipped == {"empty.txt": "empty file", "binary.txt": "binary file, not text",
                       "furniture.txt": "no article text (empty, or page furniture only)",
                       "missing.txt": "no such file or folder"}


def test_readers_are_pluggable(tmp_path: Path):
    @register_reader(".tst")
    def read_test(path, raw):
        yield article_from_text(path.stem, raw.decode().upper(), str(path))

    try:
        (tmp_path / "a.tst").write_text("titre\ntexte", encoding="utf-8")
        [article] = read_articles([tmp_path])
        assert article.title == "TITRE"
    finally:
        from corpus import readers as module
        module._READERS.pop(".tst")
    assert ".tst" not in readers()


def test_the_samples_ship_with_the_package():
    ids = sorted(a.id for a in read_articles([default_corpus()]))
    assert len(ids) == 5 and ids[0] == "000_431b0fd4a5feee59"


def test_article_error_is_a_one_line_reason():
    with pytest.raises(ArticleError, match="no article text"):
        article_from_text("x", "Publicité\n", "x.txt")


def test_a_credit_sign_inside_a_long_pasted_line_keeps_the_text_after_it():
    from corpus.cleaning import clean_text
    body = "Ole Berg est arrivé à Nairobi. " * 40
    line = "Titre Photo © Agence " + body
    assert clean_text(line).text.endswith("arrivé à Nairobi.")
    assert clean_text("Ole Berg à Nairobi. Photo © Agence X").text == "Ole Berg à Nairobi."
