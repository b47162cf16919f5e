"""The catalogs kept in step with the code: extract every marked word, update and compile.

``python -m core.i18n_catalogs update`` adds each new English message to the French and German
catalogs (untranslated, so that the completeness test names it) and drops the ones the code no
longer says; ``compile`` writes the ``.mo`` files the program reads (``make`` runs it). Both use
Babel's own extractor, so what the test checks is what a translator is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from core.i18n import DOMAIN, LANGUAGES, locale_folder

ROOT = Path(__file__).resolve().parents[1]
# The names that mark a word: _("…"), N_("…"), ngettext("…", "…", n), pgettext("ctx", "…"), C_("ctx", "…").
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "C_": ((1, "c"), 2)}
SOURCES = ("core", "ui")
TRANSLATED = tuple(code for code in LANGUAGES if code != "en")


def extracted() -> Catalog:
    """Every message the code marks, with where it is said."""
    catalog = Catalog(domain=DOMAIN, project="Rapport", charset="utf-8")
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
                strip_comment_tags=True):
            catalog.add(message, None, [(f"{folder}/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def catalog_path(code: str) -> Path:
    return locale_folder() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(code: str) -> Catalog:
    with catalog_path(code).open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def update() -> None:
    """Bring each language's catalog up to the code's messages, keeping every translation made."""
    template = extracted()
    for code in TRANSLATED:
        path = catalog_path(code)
        if path.exists():
            catalog = read_catalog(code)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=code, domain=DOMAIN, project="Rapport", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=120, sort_by_file=False, omit_header=False)


def compile_all() -> None:
    """The ``.mo`` beside each ``.po``: what gettext reads at start."""
    for code in TRANSLATED:
        catalog = read_catalog(code)
        with catalog_path(code).with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)


if __name__ == "__main__":
    {"update": update, "compile": compile_all}[sys.argv[1]]()
