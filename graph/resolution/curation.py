"""The analyst's word on entity resolution, read from a TOML file and applied last.

```toml
[[merge]]                  # these names are one actor
names = ["Iouri Ouchakov", "Y. Ouchakov"]

[[forbid]]                 # never one entity, whatever the rules say
names = ["Dmitri Peskov", "Peskov"]

[[rename]]                 # the preferred name of the entity that holds `name`
name = "Vladimir Poutine"
label = "Vladimir V. Poutine"
```

Names compare like everywhere else (case, accents, look-alike letters, leading article).
A forbidden merge never happens: the forbidden name is split off into its own entity.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ontology.names import name_key

__all__ = ["Curation", "CurationError", "load_curation"]


class CurationError(ValueError):
    """A curation file that cannot be applied; the message names the file and the entry."""


@dataclass(frozen=True)
class Curation:
    merges: tuple[tuple[str, ...], ...] = ()
    forbids: tuple[tuple[str, str], ...] = ()
    renames: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.merges or self.forbids or self.renames)


def _names(source: Path, section: str, n: int, entry, size: int | None) -> tuple[str, ...]:
    names = entry.get("names") if isinstance(entry, dict) else None
    if not isinstance(names, list) or not all(isinstance(x, str) and x.strip() for x in names) or \
            (size is not None and len(names) != size) or len(names) < 2:
        want = f"exactly {size}" if size else "two or more"
        raise CurationError(f"{source}: [[{section}]] entry {n}: 'names' must list {want} names")
    return tuple(name_key(x) for x in names)


def load_curation(path: str | Path) -> Curation:
    source = Path(path)
    try:
        table = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as err:
        raise CurationError(f"{source}: cannot read ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise CurationError(f"{source}: not valid TOML ({err})") from None
    unknown = set(table) - {"merge", "forbid", "rename"}
    if unknown:
        raise CurationError(f"{source}: unknown section(s) {', '.join(sorted(unknown))} (merge, forbid, rename)")
    merges = tuple(_names(source, "merge", n, e, None) for n, e in enumerate(table.get("merge", []), 1))
    forbids = tuple(_names(source, "forbid", n, e, 2) for n, e in enumerate(table.get("forbid", []), 1))
    renames = []
    for n, entry in enumerate(table.get("rename", []), 1):
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("label"), str)):
            raise CurationError(f"{source}: [[rename]] entry {n}: needs 'name' and 'label'")
        renames.append((name_key(entry["name"]), entry["label"].strip()))
    return Curation(merges, forbids, tuple(renames))
