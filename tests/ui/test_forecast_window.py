"""The forecast in the pane: fitted in the background when the window opens on a book whose fit is
due, the sentence under the reasons, its numbers one click away; below the minimum, why not."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from core.store import Book
from tests.ui.test_synced_window import open_window


def regulars(path: Path, people: int, minimum: int) -> list[int]:
    """``people`` buyers, every one a regular of the last two years, one visit a month or so."""
    today = date.today()
    with Book.open(path) as book:
        book.update_settings(forecast_min_buyers=minimum, forecast_min_repeat_buyers=minimum)
        ids = []
        for n in range(people):
            contact = book.contacts.add(f"Regular {n}")
            for visit in range(8 + n % 5):
                book.interactions.log(contact.id, "purchase", today - timedelta(days=20 + 30 * visit + n % 9),
                                      amount="25")
            ids.append(contact.id)
    return ids


def test_the_fit_runs_as_the_window_opens_and_the_pane_shows_it(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "shop.rapport"
    first, *_ = regulars(path, 12, minimum=10)
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.book.forecasts.stored() is not None)  # the weekly fit, off the GUI thread
    window.select_contact(first)
    line = window.panel.tier.forecast
    assert line.isVisible() and line.sentence.text().startswith("Forecast: Likely still with you (")
    assert "usually every 4 weeks · about 3 visits expected in the next 3 months" in line.sentence.text()
    assert line.numbers.isHidden()
    qtbot.mouseClick(line.toggle, Qt.MouseButton.LeftButton)
    assert line.numbers.isVisible() and line.numbers.text().startswith("P(alive) ")
    assert "MBG/NBD fitted on " in line.numbers.text() and "from 12 buyers (12 came back)" in line.numbers.text()


def test_below_the_minimum_the_pane_says_how_far_short(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "shop.rapport"
    first, *_ = regulars(path, 9, minimum=10)
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.book.forecasts.last_count() is not None)  # tried, and short of the minimum
    assert window.book.forecasts.stored() is None
    window.select_contact(first)
    line = window.panel.tier.forecast
    assert line.sentence.text() == "Forecast: Not enough buyers yet for a forecast: 9 of 10."
    assert line.toggle.isHidden()
    someone = window.book.contacts.add("Never bought")
    window.refresh()
    window.select_contact(someone.id)
    assert line.isHidden(), "no forecast line for whoever has not bought"


def test_the_restaurant_demo_opens_from_the_first_page_with_its_forecast(qtbot, window) -> None:
    """An empty book's first page offers the restaurant too: 3,000 guests, a forecast kept at once."""
    from core.paths import data_dir

    (data_dir() / "restaurant demo.rapport").unlink(missing_ok=True)
    assert window.centre_stack.currentWidget() is window.first_run
    window.first_run.text.setFocus()
    qtbot.keyClick(window.first_run.text, Qt.Key.Key_Tab)  # to the link in the text, as a keyboard reaches it
    qtbot.keyClick(window.first_run.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.book.path.name == "restaurant demo.rapport", timeout=20_000)
    assert window.book.settings().business_name == "Trattoria Sole"
    assert window.last_notice.startswith("The demo book is open: Trattoria Sole.")
    stored = window.book.forecasts.stored()
    assert stored is not None and stored.fit.customers == 3000
    regular = window.book.conn.execute("SELECT contact_id FROM interactions WHERE kind = 'purchase' "
                                       "GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    window.select_contact(regular)
    assert window.panel.tier.forecast.sentence.text().startswith("Forecast: ")
    assert "visit" in window.panel.tier.forecast.sentence.text()
