"""Property-based tests: any text, however odd, never crashes reading, cleaning or extraction,
and cleaned offsets always point at the same characters in the original."""
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corpus import ArticleError, article_from_text, clean_text, fold_characters
from graph.extraction.extract import extract_doc
from graph.runtime.batches import tapering_batches

odd_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.lists(
    st.sampled_from(["Publicité", "\n", "\r\n", "\x00", "\t", "Poutine", "Kiev, en Ukraine", "’", "е",
                     "Dmitri Peskov, porte-parole du Kremlin,", "a rencontré", " " * 50, "x" * 3000, "\u202f"]),
    max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_text)
def test_cleaning_keeps_offsets_true(original):
    cleaned = clean_text(original)
    for segment in cleaned.segments:
        piece = cleaned.text[segment.clean_start:segment.clean_start + segment.length]
        source = original[segment.original_start:segment.original_start + segment.length]
        assert piece == fold_characters(source)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(odd_text)
@example("ENVOYE")  # a role noun that ends the text
@example("Vladimir Pou\u200btine a rencontré Steve Wit\x00koff, envoyé américain, à Moscou.")
def test_extraction_never_crashes(blank_nlp, original):
    try:
        article = article_from_text("p", original, "p.txt")
    except ArticleError:
        return
    extraction = extract_doc(blank_nlp(article.text), article)
    for relation in extraction.relations:
        ev = relation.evidence
        assert article.original[ev.start:ev.end] == ev.sentence


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".jsonl"]))
def test_reading_any_bytes_gives_articles_or_one_line_reasons(tmp_path, raw, suffix):
    from corpus import Skipped, read_articles
    path = tmp_path / f"random{suffix}"
    path.write_bytes(raw)
    for item in read_articles([path]):
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
        else:
            assert item.text and item.title


@given(st.lists(st.integers(), max_size=500), st.integers(1, 64), st.integers(1, 8))
def test_tapering_batches_hand_out_every_item_once_in_order_and_end_small(items, largest, parts):
    chunks = list(tapering_batches(items, largest=largest, parts=parts))
    assert [item for chunk in chunks for item in chunk] == items
    left = len(items)
    for chunk in chunks:
        left -= len(chunk)
        assert 1 <= len(chunk) <= largest
        # what is left keeps the other workers busy while this one parses its chunk
        assert len(chunk) == 1 or left >= (2 * parts - 1) * len(chunk)
    assert [len(c) for c in chunks] == sorted((len(c) for c in chunks), reverse=True)
