"""rapport settings: listed, shown, set with the window's validation; a ladder setting says who moved."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import rapport


def test_settings_are_listed_shown_and_set(book_path: Path) -> None:
    rapport(book_path, "add", "Ana")
    code, out, _ = rapport(book_path, "settings")
    assert code == 0
    assert "client_cadence_days         30\n" in out and "leap_day                    28 Feb\n" in out
    assert rapport(book_path, "settings", "client_cadence_days") == (0, "30\n", "")
    assert rapport(book_path, "settings", "client_cadence_days", "45") == (0, "client_cadence_days is now 45.\n", "")
    assert rapport(book_path, "settings", "client_cadence_days") == (0, "45\n", "")


def test_a_wrong_setting_or_value_is_refused_and_changes_nothing(book_path: Path) -> None:
    rapport(book_path, "add", "Ana")
    assert rapport(book_path, "settings", "client_cadence_days", "0") == (
        2, "", "rapport: client_cadence_days: must be between 1 and 10,000 (got '0')\n")
    assert rapport(book_path, "settings", "paper_size", "A5") == (
        2, "", "rapport: paper_size: paper size is A4 or Letter (got 'A5')\n")
    code, _, err = rapport(book_path, "settings", "colour", "red")
    assert code == 2 and err.startswith("rapport: colour: not a setting of Rapport; the settings are business_name, ")
    assert rapport(book_path, "settings", "client_cadence_days") == (0, "30\n", "")


def test_a_ladder_setting_says_who_moved(book_path: Path) -> None:
    rapport(book_path, "add", "Ana")
    rapport(book_path, "log", "1", "purchase", "--amount", "20", "--date", "2026-11-02")
    rapport(book_path, "log", "1", "purchase", "--amount", "20", "--date", "2026-11-10")
    for question in ("needs", "referral", "reference", "trust"):
        rapport(book_path, "answer", "1", question, "yes", "--date", "2026-11-10")
    assert "Client" in rapport(book_path, "show", "1")[1]
    code, out, _ = rapport(book_path, "settings", "client_min_purchases", "3")
    assert (code, out) == (0, "client_min_purchases is now 3.\n1 contact moved on the ladder:\n  Ana: Client → Customer\n")
