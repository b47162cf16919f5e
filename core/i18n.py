"""The owner's language: one gettext catalog for ``core/`` and ``ui/``.

``core/`` never imports Qt, so its words cannot go through ``QObject.tr``; both halves use the
same gettext catalog instead (``resources/locale/<lang>/LC_MESSAGES/rapport.po``, extracted and
compiled with Babel), and the window adds Qt's own translations for its stock buttons.

In ``core/`` words are looked up when they are used: ``_`` reads the catalog in force at the call,
and a word defined at module level is marked with ``N_`` and translated where it is shown, so that
a test can speak French and then English in one process. The language is chosen once at start
(``main.py``), before the window's modules are imported; those may define their words at import.
The language follows the system's locale unless the owner chose one (a small file in the config
folder, read by the window and the command line alike); it takes effect at the next start, as in
most desktop apps.
"""

from __future__ import annotations

import gettext
import io
import locale as _locale
import os
import re
import string
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

_Cached = TypeVar("_Cached")

DOMAIN = "rapport"
# The languages with a complete catalog, by the name each gives itself.
LANGUAGES = {"en": "English", "fr": "Français", "de": "Deutsch"}
# The Babel locale each language writes its dates in when the system names no country.
_DATE_LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE"}
_CHOICE_FILE = "language"

_catalog: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_kept_words: list = []  # caches of words (a day written out, W as a length), emptied when the language changes


def keeps_words(cached: _Cached) -> _Cached:
    """Register an ``lru_cache``'d function whose results are words: a new language empties it."""
    _kept_words.append(cached)
    return cached


def _(message: str) -> str:
    """``message`` in the owner's language (itself where the catalog has no translation). Called a
    dozen times for each contact a re-tier works out: English, which needs no catalog, returns at once."""
    return message if _language == "en" else _catalog.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the name xgettext and Babel look for
    """Marks ``message`` for the catalog without translating it: for words defined at import
    time, translated with ``_`` where they are shown."""
    return message


def C_(context: str, message: str) -> str:  # noqa: N802 - marked like N_, with a context
    """Marks ``message`` in ``context`` for the catalog without translating it (see ``pgettext``)."""
    return message


def pgettext(context: str, message: str) -> str:
    """``message`` as meant in ``context``: "client" the rung, not "client" the customer in a
    sentence; languages that say them differently can."""
    return _catalog.pgettext(context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted phrase that ``count`` takes in the owner's language ("1 purchase",
    "3 purchases"; French counts 0 and 1 alike)."""
    return _catalog.ngettext(singular, plural, count)


def language() -> str:
    """The language in force: "en", "fr" or "de"."""
    return _language


def date_locale() -> str:
    """The Babel locale dates are written in: the language's own, with the system's country when
    the system speaks the same language ("fr_CA" stays Canadian)."""
    system = _system_locale_name()
    if system and system.split("_")[0] == _language and "_" in system:
        return system
    return _DATE_LOCALES[_language]


def locale_folder() -> Path:
    """Where the catalogs are shipped."""
    from core.resources import shipped

    return shipped("locale")


def chosen_language() -> str:
    """The language the owner chose in the settings, or "" to follow the system."""
    from core.paths import config_dir

    try:
        chosen = (config_dir() / _CHOICE_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return chosen if chosen in LANGUAGES else ""


def choose_language(code: str) -> None:
    """Remember the owner's language ("" = the system's) for the next start."""
    from core.paths import config_dir

    if code and code not in LANGUAGES:
        raise ValueError(f"no catalog for {code!r}: one of {', '.join(LANGUAGES)}")
    path = config_dir() / _CHOICE_FILE
    if code:
        path.write_text(code + "\n", encoding="utf-8")
    else:
        path.unlink(missing_ok=True)


def system_language() -> str:
    """The system's language if Rapport speaks it, else English."""
    for variable in ("LANGUAGE",):  # GNU's list of preferences: "fr:en"
        for item in os.environ.get(variable, "").split(":"):
            code = item.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    name = _system_locale_name()
    code = name.split("_")[0].lower() if name else ""
    return code if code in LANGUAGES else "en"


def _system_locale_name() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "" if value in ("C", "POSIX") or value.startswith("C.") else value.split(".")[0]
    try:
        return _locale.getlocale(_locale.LC_MESSAGES)[0] or ""
    except (AttributeError, ValueError):  # Windows has no LC_MESSAGES
        return _locale.getlocale()[0] or ""


def use_language(code: str | None = None) -> str:
    """Load the catalog for ``code`` (None: the owner's choice, else the system's); returns the
    language now in force. English needs no catalog."""
    global _catalog, _language
    code = code or os.environ.get("RAPPORT_LANGUAGE") or chosen_language() or system_language()
    if code not in LANGUAGES:
        code = "en"
    _catalog = gettext.NullTranslations() if code == "en" else _load(code)
    _language = code
    for cached in _kept_words:
        cached.cache_clear()  # an lru_cache, as keeps_words asks
    return code


def _load(code: str) -> gettext.NullTranslations:
    """The compiled catalog, or, where it was not compiled or is older than its source, the
    source compiled in memory (a checkout used without ``make``)."""
    folder = locale_folder() / code / "LC_MESSAGES"
    source, compiled = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    try:
        if compiled.exists() and (not source.exists() or compiled.stat().st_mtime >= source.stat().st_mtime):
            with compiled.open("rb") as handle:
                return _Catalog(handle)
        return _Catalog(io.BytesIO(compile_catalog(source)))
    except (OSError, ValueError):  # a missing or damaged catalog: the window still opens, in English
        return gettext.NullTranslations()


class _Catalog(gettext.GNUTranslations):
    """A language's catalog whose messages group their counts as the language writes them."""

    def gettext(self, message: str) -> str:
        return _grouping(super().gettext(message))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _grouping(super().ngettext(msgid1, msgid2, n))

    def pgettext(self, context: str, message: str) -> str:
        return _grouping(super().pgettext(context, message))


class _Grouped(str):
    """A message with a count grouped by thousands ("{count:,} new contacts"). Python's "," always
    groups with commas: "23,570 neue Kontakte" reads as twenty-three and a bit in German, and a
    French reader takes the comma for a decimal point too. Formatted, it says "23.570", "23 570"."""

    def format(self, *args: Any, **kwargs: Any) -> str:
        return _GROUPING.vformat(self, args, kwargs)


class _GroupingFormatter(string.Formatter):
    """Formats a message's ``{name:,}`` and ``{name:,.1f}`` numbers with ``core.text.format_number``."""

    def format_field(self, value: Any, format_spec: str) -> str:
        spec = re.fullmatch(r",(?:\.(\d+))?([df]?)", format_spec)
        if spec is None or isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return super().format_field(value, format_spec)
        from core.text import format_number

        return format_number(Decimal(str(value)), int(spec.group(1) or 0))


_GROUPING = _GroupingFormatter()
_grouped: dict[str, _Grouped] = {}  # one for each message of the catalog that counts


def _grouping(text: str) -> str:
    if ":," not in text:
        return text
    found = _grouped.get(text)
    if found is None:
        found = _grouped[text] = _Grouped(text)
    return found


def compile_catalog(source: Path) -> bytes:
    """``source`` (a .po file) compiled to the .mo gettext reads."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        catalog = read_po(handle, locale=source.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()
