"""Every word in French and German, the ladder's words in all three languages, and the language chosen.

The catalogs are checked against what the code says now (Babel's extractor run here), so a new
English message without its French and German fails ``make test``, as does a translation that drops
or misspells a placeholder. The expected words below are written out by hand.
"""

from __future__ import annotations

import os
import string
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from core import i18n
from core.domain import Tier
from core.i18n_catalogs import TRANSLATED, extracted, read_catalog
from core.ladder import evaluate, plan_for
from core.text import format_day
from tests.ladder_factories import SETTINGS, TODAY, answers, evidence

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def speaking() -> Iterator:
    """Switch the language for one test; English again after it, whatever happens."""
    yield i18n.use_language
    i18n.use_language("en")


def _names(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _forms(value: str | tuple | list) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_the_code_says_has_a_translation_with_the_same_placeholders(code: str) -> None:
    said = extracted()
    catalog = read_catalog(code)
    untranslated, mismatched = [], []
    for message in said:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        forms = _forms(found.string) if found is not None else ()
        if found is None or found.fuzzy or not forms or not all(forms) or len(forms) != catalog.num_plurals and \
                message.pluralizable:
            untranslated.append(message.id)
            continue
        wanted = _names(_forms(message.id)[-1])
        # A counted phrase may leave the number out of a form ("the last month"), as the English does.
        may_drop = {"count"} if message.pluralizable else set()
        if any(not wanted - may_drop <= _names(form) <= wanted for form in forms):
            mismatched.append((message.id, forms))
    assert len(said) > 900  # the window, the ladder, the printouts and the command line are all extracted
    assert untranslated == [], f"{len(untranslated)} messages without {code}: {untranslated[:10]}"
    assert mismatched == []


def test_a_translation_that_drops_a_placeholder_is_found(tmp_path: Path) -> None:
    """The placeholder check itself: a name the English has and the French lacks is a mismatch."""
    wanted = _names("Not yet a {tier}: {missing}")
    assert not wanted <= _names("Pas encore {tier} :")
    assert not _names("Pas encore {tier} : {manque}") <= wanted
    assert _names("{count:,} contacts") == _names("{count:,} Kontakte") == {"count"}


def test_the_rungs_the_reasons_and_the_steps_in_three_languages(speaking) -> None:
    one_purchase = evidence(purchases=(5,))
    regular = evidence(purchases=(5, 40), answered=answers(yes=3))
    expected = {
        "en": (("1 purchase, on 19 Nov 2026", "Not yet a client: only 1 purchase so far"),
               ("2 purchases, the last on 19 Nov 2026", "Not yet a client: client test not yet yes on Trust"),
               "Customer", "Clients"),
        "fr": (("1 achat, le 19 nov. 2026", "Pas encore client fidèle : seulement 1 achat pour l'instant"),
               ("2 achats, le dernier le 19 nov. 2026", "Pas encore client fidèle : test client pas encore à oui "
                                                        "pour Confiance"),
               "Client", "Clients fidèles"),
        "de": (("1 Kauf, am 19. Nov. 2026", "Noch kein Stammkunde: erst 1 Kauf bisher"),
               ("2 Käufe, der letzte am 19. Nov. 2026", "Noch kein Stammkunde: Kundentest noch nicht ja bei Vertrauen"),
               "Käufer", "Stammkunden"),
    }
    for code, (first, second, customer, clients) in expected.items():
        speaking(code)
        assert evaluate(one_purchase, SETTINGS, TODAY).reasons == first
        assert evaluate(regular, SETTINGS, TODAY).reasons == second
        assert (Tier.CUSTOMER.label, Tier.CLIENT.plural) == (customer, clients)


def test_a_step_names_the_person_in_each_language(speaking) -> None:
    ev = evidence(name="Ana Lima", inquiries=(10,))
    texts = {}
    for code in ("en", "fr", "de"):
        speaking(code)
        texts[code] = plan_for(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY).steps[0].text
    assert texts == {"en": "Follow up on Ana's inquiry of 14 Nov 2026",
                     "fr": "Relancer la demande de Ana du 14 nov. 2026",
                     "de": "Bei der Anfrage von Ana vom 14. Nov. 2026 nachfassen"}


@pytest.mark.parametrize("code, counts", [
    # French counts 0 and 1 alike; German and English say "0 purchases".
    ("fr", {0: "seulement 0 achat pour l'instant", 1: "seulement 1 achat pour l'instant",
            2: "seulement 2 achats pour l'instant"}),
    ("de", {0: "erst 0 Käufe bisher", 1: "erst 1 Kauf bisher", 2: "erst 2 Käufe bisher"}),
    ("en", {0: "only 0 purchases so far", 1: "only 1 purchase so far", 2: "only 2 purchases so far"}),
])
def test_plural_forms_follow_each_language(speaking, code: str, counts: dict[int, str]) -> None:
    speaking(code)
    for n, said in counts.items():
        assert i18n.ngettext("only {count} purchase so far", "only {count} purchases so far", n).format(count=n) == said


def test_dates_and_months_come_from_the_language(speaking) -> None:
    day = date(2026, 9, 2)
    said = {}
    for code in ("en", "fr", "de"):
        speaking(code)
        said[code] = format_day(day)
    assert said == {"en": "2 Sep 2026", "fr": "2 sept. 2026", "de": "2. Sept. 2026"}


def test_the_language_is_the_owners_choice_else_the_systems(monkeypatch: pytest.MonkeyPatch, speaking) -> None:
    for name in ("RAPPORT_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    assert i18n.system_language() == "de"
    assert speaking() == "de" and i18n.date_locale() == "de_AT"  # an Austrian writes dates the Austrian way
    i18n.choose_language("fr")
    try:
        assert i18n.chosen_language() == "fr"
        assert speaking() == "fr"
        monkeypatch.setenv("RAPPORT_LANGUAGE", "en")  # a script or a test asks for one
        assert speaking() == "en"
    finally:
        i18n.choose_language("")
    assert i18n.chosen_language() == ""
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")  # no catalog: English
    monkeypatch.delenv("RAPPORT_LANGUAGE")
    assert i18n.system_language() == "en"
    with pytest.raises(ValueError):
        i18n.choose_language("xx")


def test_a_catalog_not_compiled_is_read_from_its_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       speaking) -> None:
    """A checkout used without ``make`` has no .mo: the .po is compiled in memory, not ignored."""
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "rapport.po").write_bytes((i18n.locale_folder() / "de" / "LC_MESSAGES" / "rapport.po").read_bytes())
    monkeypatch.setattr(i18n, "locale_folder", lambda: tmp_path)
    speaking("de")
    assert Tier.PARTNER.plural == "Partner" and Tier.PROSPECT.plural == "Interessenten"


def test_the_command_line_speaks_french_and_german(tmp_path: Path) -> None:
    """What an owner reads in a terminal, from the command she types (a process of its own)."""
    book = tmp_path / "book.rapport"
    env = {**os.environ, "RAPPORT_DATA_DIR": str(tmp_path / "data")}

    def rapport(*args: str, language: str = "en") -> str:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--book", str(book), *args], check=True,
                              capture_output=True, text=True, env={**env, "RAPPORT_LANGUAGE": language}).stdout

    rapport("add", "Ana Lima")
    rapport("log", "1", "purchase", "--date", "2026-11-19", "--amount", "40")
    assert "Tier: Customer" in rapport("show", "1")
    shown_fr = rapport("show", "1", language="fr")
    assert "Échelon : Client" in shown_fr
    assert "  - 1 achat, le 19 nov. 2026" in shown_fr
    shown_de = rapport("show", "1", language="de")
    assert "Stufe: Käufer" in shown_de
    assert "  - 1 Kauf, am 19. Nov. 2026" in shown_de


def test_a_loop_that_ended_reads_in_each_language_and_the_rules_still_see_it(speaking) -> None:
    """The states the rules compare ("went quiet", "lapsed") stay the same inside; only their words change."""
    lapsed = evidence(purchases=(420, 400), answered=answers())
    quiet = evidence(inquiries=(400,))
    said = {}
    for code in ("en", "fr", "de"):
        speaking(code)
        gone, silent = evaluate(lapsed, SETTINGS, TODAY), evaluate(quiet, SETTINGS, TODAY)
        said[code] = (gone.display, gone.reasons[0], silent.display, silent.reasons[0])
    assert said == {
        "en": ("Customer · lapsed", "Lapsed: no visit since 20 Oct 2025, over 12 months ago",
               "Prospect · went quiet", "Went quiet: the inquiry of 20 Oct 2025 is over 12 months old"),
        "fr": ("Client · perdu de vue", "Perdu de vue : aucune visite depuis le 20 oct. 2025, il y a plus de 12 mois",
               "Prospect · sans nouvelles", "Sans nouvelles : la demande du 20 oct. 2025 date de plus de 12 mois"),
        "de": ("Käufer · verloren", "Verloren: kein Besuch seit 20. Okt. 2025, das ist über 12 Monate her",
               "Interessent · verstummt", "Verstummt: die Anfrage vom 20. Okt. 2025 ist über 12 Monate alt"),
    }


def test_amounts_are_written_the_languages_way(speaking) -> None:
    from core.text import format_money

    said = {}
    for code in ("en", "fr", "de"):
        speaking(code)
        said[code] = (format_money(104250), format_money(-5, "CHF"))
    assert said == {"en": ("1,042.50 EUR", "-0.05 CHF"), "fr": ("1\u202f042,50 EUR", "-0,05 CHF"),
                    "de": ("1.042,50 EUR", "-0,05 CHF")}


def test_counts_are_grouped_the_languages_way(speaking) -> None:
    """Python's "{count:,}" groups with commas in every language: "23,570 neue Kontakte" reads as
    twenty-three and a bit in German, and a comma is a decimal point in French too."""
    from core.text import format_amount, format_count

    said = {}
    for code in ("en", "fr", "de"):
        speaking(code)
        said[code] = (i18n.ngettext("{count:,} new contact", "{count:,} new contacts", 23570).format(count=23570),
                      i18n._("About {expected:,.0f} visits expected from all buyers in the next 3 months.")
                      .format(expected=12345.6),
                      format_count(1500), format_count(2.5), format_amount(3116))
    assert said == {
        "en": ("23,570 new contacts", "About 12,346 visits expected from all buyers in the next 3 months.",
               "1,500", "2.5", "31.16"),
        "fr": ("23\u202f570 nouveaux contacts",
               "Environ 12\u202f346 visites attendues de tous les acheteurs dans les 3 prochains mois.",
               "1\u202f500", "2,5", "31,16"),
        "de": ("23.570 neue Kontakte", "Etwa 12.346 Besuche aller Käufer in den nächsten 3 Monaten erwartet.",
               "1.500", "2,5", "31,16")}


def test_the_monday_checklist_prints_in_german(tmp_path: Path, speaking) -> None:
    """The printed page read back: headings, the week, the first line's counts and a reason in German."""
    from pypdf import PdfReader

    from core.demo import create_demo_book
    from core.printing import render_checklist

    speaking("de")
    monday = date(2026, 11, 30)
    book = create_demo_book(tmp_path / "demo.rapport", date(2026, 12, 1))
    try:
        out = tmp_path / "checkliste.pdf"
        render_checklist(book.status.checklist(monday, date(2026, 12, 1)), out)
    finally:
        book.close()
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Checkliste Partnerpflege" in text
    assert "Woche vom 30. Nov. – 6. Dez. 2026" in text
    assert "Partner, die diese Woche fällig sind" in text and "Warum:" in text and "Schritt:" in text
    assert "Stammkunden, " in text and "Partner ·" in text
    assert "Seite 1 von" in text


def test_a_typed_day_is_read_back_with_its_weekday_in_each_language(speaking) -> None:
    from core.text import weekday_and_day

    said = {}
    for code in ("en", "fr", "de"):
        speaking(code)
        said[code] = weekday_and_day(date(2026, 12, 5))
    assert said == {"en": "Saturday 5 Dec 2026", "fr": "samedi 5 déc. 2026", "de": "Samstag 5. Dez. 2026"}


def test_every_heading_of_the_guide_is_in_the_catalog() -> None:
    """The guide (Shift+F1) is the README; its headings are said in the owner's language from this list."""
    from ui.guide_dialog import HEADINGS, SKIPPED, guide_sections, readme_text

    assert [title for title, _body in guide_sections(readme_text())] == list(HEADINGS)
    assert "For developers" in SKIPPED


def test_core_looks_its_words_up_when_it_says_them_never_at_import() -> None:
    """A word looked up at import stays in the language of that moment (a book's messages in English
    after the owner chose French in the same process): core/ marks such words with N_ and says them
    with _ where they are used."""
    import ast

    at_import: list[str] = []

    def walk(node: ast.AST, inside: bool, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            deeper = inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if (not inside and isinstance(child, ast.Call) and isinstance(child.func, ast.Name)
                    and child.func.id in ("_", "ngettext", "pgettext")):
                at_import.append(f"{where}:{child.lineno}")
            walk(child, deeper, where)

    for path in sorted((ROOT / "core").rglob("*.py")):
        walk(ast.parse(path.read_text(encoding="utf-8")), False, str(path.relative_to(ROOT)))
    assert at_import == []


def test_every_day_of_a_year_is_written_as_babel_writes_it(speaking) -> None:
    """Days are written from a template made once from Babel's calendar (a timeline writes hundreds):
    held, for every day of a year with a leap day and with and without the year, to Babel's own."""
    from datetime import timedelta

    from babel.dates import format_date, format_skeleton

    from core.text import day_and_month, format_day

    for code in ("en", "fr", "de"):
        speaking(code)
        for offset in range(366):
            day = date(2028, 1, 1) + timedelta(days=offset)
            if code == "en":
                wanted = (format_date(day, "d MMM y", locale="en_US"), format_date(day, "d MMM", locale="en_US"))
            else:
                wanted = (format_skeleton("yMMMd", day, locale=i18n.date_locale()),
                          format_skeleton("MMMd", day, locale=i18n.date_locale()))
            assert (format_day(day), day_and_month(day)) == wanted, (code, day)


def test_what_an_import_recognises_and_refuses_is_said_in_the_owners_language(speaking, tmp_path: Path) -> None:
    """The file's kind, a vCard cut short, a mapping without a date and an occasion without its day:
    in German, each naming its line or its word."""
    from core.errors import ValidationError
    from core.interchange import load
    from core.interchange.mapping import sales_from_table
    from core.interchange.records import ImportFileError
    from core.interchange.vcard_read import read_vcards
    from core.store import Book

    speaking("de")
    people = tmp_path / "people.csv"
    people.write_text("Name,Email\nBo Lind,bo@example.se\n", encoding="utf-8")
    loaded = load(str(people))
    assert loaded.description == "eine Kontaktliste"
    with pytest.raises(ImportFileError) as cut:
        read_vcards("BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lind\n")
    assert str(cut.value) == ("Zeile 1: die Datei endet mitten in einer Karte (END:VCARD fehlt): "
                              "sie ist vielleicht abgeschnitten")
    with pytest.raises(ImportFileError) as dateless:
        sales_from_table(loaded.table, {"amount": "Email", "name": "Name"})
    assert str(dateless.value) == "geben Sie an, welche Spalte das Datum jedes Verkaufs enthält"
    with Book.open(tmp_path / "shop.rapport", backup_daily=False) as book:
        bo = book.contacts.add("Bo Lind", today=TODAY)
        with pytest.raises(ValidationError) as dayless:
            book.occasions.add(bo.id, "birthday", "", today=TODAY)
        assert dayless.value.problem == "„Geburtstag“ braucht einen Tag, zum Beispiel 12. Mai oder 12. Mai 1961"


def test_a_number_written_once_is_written_the_same_in_its_language_again(speaking) -> None:
    """Numbers are kept once written (after every log the sidebar writes the same counts): the same
    number in another language is written that language's way, and back again, and a minus zero
    Babel writes "-0" is never handed out for a zero."""
    from core.text import format_number

    said = []
    for code in ("en", "de", "en", "fr", "de"):
        speaking(code)
        said.append((format_number(23570), format_number(2.5, 1)))
    assert said == [("23,570", "2.5"), ("23.570", "2,5"), ("23,570", "2.5"), ("23\u202f570", "2,5"), ("23.570", "2,5")]
    speaking("en")
    assert (format_number(-0.0), format_number(0), format_number(0.0)) == ("-0", "0", "0")
