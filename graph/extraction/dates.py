"""French date expressions as written in news text, and their calendar date when the
article's publication date is known.

>>> from datetime import date
>>> find_date_expression("Witkoff doit rencontrer Poutine jeudi à Moscou.")
'jeudi'
>>> normalise_date("jeudi", date(2025, 12, 16), planned=True)      # a Tuesday
datetime.date(2025, 12, 18)
>>> normalise_date("18 décembre", date(2025, 12, 20), planned=False)
datetime.date(2025, 12, 18)
"""
from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["find_date_expression", "normalise_date"]

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
_RELATIVE = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2}
_PATTERN = re.compile(
    r"\b(?:(?P<day>1er|\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")(?:\s+(?P<year>\d{4}))?"
    r"|(?P<weekday>" + "|".join(WEEKDAYS) + r")(?:\s+(?:dernier|prochain|soir|matin))?"
    r"|(?P<weekend>ce\s+week-end)"
    r"|(?P<relative>avant-hier|après-demain|aujourd'hui|hier|demain))\b",
    re.IGNORECASE)


def find_date_expression(text: str, near: int | None = None) -> str | None:
    """The date expression of ``text`` closest to character ``near`` (the first if None)."""
    matches = list(_PATTERN.finditer(text))
    if not matches:
        return None
    if near is None:
        return matches[0].group()
    return min(matches, key=lambda m: abs(m.start() - near)).group()


def normalise_date(expression: str, published: date | None, *, planned: bool) -> date | None:
    """The calendar date of ``expression``, counted from ``published`` (None when unknown)."""
    m = _PATTERN.fullmatch(expression.strip())
    if m is None or published is None:
        return None
    if m["day"]:
        day = 1 if m["day"] == "1er" else int(m["day"])
        month = MONTHS.index(m["month"].lower()) + 1
        year = int(m["year"]) if m["year"] else published.year
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if not m["year"] and not planned and found > published + timedelta(days=31):
            found = found.replace(year=year - 1)
        return found
    if m["relative"]:
        return published + timedelta(days=_RELATIVE[m["relative"].lower()])
    weekday = 5 if m["weekend"] else WEEKDAYS.index(m["weekday"].lower())
    shift = (weekday - published.weekday()) % 7
    return published + timedelta(days=shift) if planned else published - timedelta(days=(published.weekday() - weekday) % 7)
