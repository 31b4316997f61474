from datetime import date

import pytest

from graph.extraction.dates import find_date_expression, normalise_date

TUESDAY = date(2025, 12, 16)


@pytest.mark.parametrize("text, expected", [
    ("Ils se sont vus jeudi à Moscou.", "jeudi"),
    ("Une rencontre est prévue ce week-end à Miami.", "ce week-end"),
    ("Le 18 décembre 2025, Poutine a parlé.", "18 décembre 2025"),
    ("Aucune date ici.", None),
])
def test_date_expressions_as_written(text, expected):
    assert find_date_expression(text) == expected


@pytest.mark.parametrize("expression, planned, expected", [
    ("jeudi", True, date(2025, 12, 18)),
    ("jeudi", False, date(2025, 12, 11)),
    ("mardi", False, TUESDAY),
    ("ce week-end", True, date(2025, 12, 20)),
    ("hier", False, date(2025, 12, 15)),
    ("1er décembre", False, date(2025, 12, 1)),
])
def test_normalised_from_the_publication_date(expression, planned, expected):
    assert normalise_date(expression, TUESDAY, planned=planned) == expected


def test_a_past_date_months_after_publication_is_last_year():
    assert normalise_date("28 décembre", date(2026, 3, 1), planned=False) == date(2025, 12, 28)
    assert normalise_date("28 décembre", date(2026, 3, 1), planned=True) == date(2026, 12, 28)


def test_no_publication_date_no_calendar_date():
    assert normalise_date("jeudi", None, planned=True) is None
