"""One name for each publisher: ``KOMPAS.com``, ``Kompas`` and ``kompas.com`` are ``Kompas``.

Pages name their publisher in several forms (a dateline's source, ``og:site_name``, JSON-LD
``publisher``, a layout's ``site``); ``articles.site`` carries one name a publisher, so that
``GROUP BY site`` counts it once. ``warta/publishers.toml`` lists the publishers known in more
than one form; a name it does not know is kept as the page gives it (docs/EXTRACTION.md,
"Sites").
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from warta.layouts import LayoutError

PUBLISHERS = Path(__file__).with_name("publishers.toml")
_SOURCE = "warta/publishers.toml"

_DOMAIN = re.compile(r"\.(?:co\.id|com|co|id|net|org)$")
_NOT_ALNUM = re.compile(r"[\W_]+")


def site_key(name: str) -> str:
    """What two forms of one publisher's name share: ``KABARKOTA.com`` -> ``kabarkota``."""
    key = name.strip().casefold().removeprefix("www.")
    return _NOT_ALNUM.sub("", _DOMAIN.sub("", key))


@cache
def publisher_names() -> dict[str, str]:
    """Each known key -> its publisher's name. A file that cannot be read as one name a key
    (bad TOML, an entry without a name, a form two publishers claim) is a ``LayoutError``."""
    try:
        entries = tomllib.loads(PUBLISHERS.read_text("utf-8"))["publisher"]
    except (tomllib.TOMLDecodeError, KeyError) as error:
        raise LayoutError(f"{_SOURCE}: not a list of [[publisher]] entries: {error}") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise LayoutError(f"{_SOURCE}: not a list of [[publisher]] entries (write [[publisher]])")
    names: dict[str, str] = {}
    for entry in entries:
        name, aliases = entry.get("name"), entry.get("aliases", [])
        if not isinstance(name, str) or not site_key(name):
            raise LayoutError(f"{_SOURCE}: a [[publisher]] needs a name: {entry}")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise LayoutError(f"{_SOURCE}: {name!r}: aliases must be a list of names")
        if not all(site_key(alias) for alias in aliases):
            raise LayoutError(f"{_SOURCE}: {name!r}: an alias without letters or digits")
        for form in (name, *aliases):
            claimed = names.setdefault(site_key(form), name)
            if claimed != name:
                raise LayoutError(f"{_SOURCE}: {form!r} is a form of both {claimed!r} and {name!r}")
    return names


def canonical_site(name: str | None) -> str | None:
    """The publisher's one name for ``name`` (None and names no entry knows are kept)."""
    if not name:
        return name
    return publisher_names().get(site_key(name), name)
