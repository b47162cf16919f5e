"""`make screenshots`: PNGs of the main screens on the demo book, for the README.

Run as ``python -m ui.screenshots docs/screenshots``; it builds a fresh demo book in a
temporary data folder, so the owner's own books are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path


def _render_pdf_page(pdf: Path, png: Path, width: int = 900) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    size = document.pagePointSize(0)
    page = document.render(0, QSize(width, int(width * size.height() / size.width())))
    paper = QImage(page.size(), QImage.Format.Format_RGB32)  # pdfium renders on transparency
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    paper.save(str(png))
    document.close()


def _import_preview(window, folder: Path, save) -> Path:
    """The import wizard's preview of a bridal-fair sign-up sheet, with a duplicate and a bad phone."""
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QWizard

    sheet = Path(tempfile.mkdtemp(prefix="rapport-shots-")) / "bridal-fair.csv"
    sheet.write_text("Name,Email,Phone,Wedding date\nAnna Berg,anna@example.de,+49 170 1234567,2027-06-12\n"
                     "Tom Reyes,tom.reyes@example.com,call me,2027-05-01\nLina Park,lina@example.kr,,\n"
                     "ANNA BERG,anna@example.de,,\n", encoding="utf-8")
    wizard = window.files.import_file(str(sheet))
    wizard.file_page.source.setText("Bridal fair 2026")
    for page in (wizard.columns_page, wizard.preview_page):
        wizard.button(QWizard.WizardButton.NextButton).click()
        deadline = QDeadlineTimer(10_000)
        while wizard.currentPage() is not page and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    save(wizard, "import_preview.png")
    wizard.close()
    return folder / "import_preview.png"


def _window_on(app, path: Path):
    """The window on ``path`` at 1366×768, its background work done: as the owner first sees it."""
    from ui.books import open_book_for_window
    from ui.main_window import MainWindow
    from ui.tasks import wait_for_background

    window = MainWindow(*open_book_for_window(path))
    window.resize(1366, 768)
    window.show()
    wait_for_background()
    app.processEvents()
    return window


def _restaurant_shots(app, folder: Path, save, today: date) -> list[Path]:
    """The restaurant demo: a regular's forecast in the pane, and the dashboard (Ctrl+D)."""
    from core.demo_restaurant import create_restaurant_demo
    from ui.dashboard import open_dashboard
    from ui.tasks import wait_for_background

    path = Path(os.environ["RAPPORT_DATA_DIR"]) / "restaurant demo.rapport"
    create_restaurant_demo(path, today).close()
    window = _window_on(app, path)
    window.select_contact(window.book.forecasts.most_frequent_recent_buyer(today))
    window.panel.resize(520, 1900)  # as the Hôtel's shot: the pane tall enough for every section at rest
    window.panel.widget().resize(500, 1900)
    save(window.panel.widget(), "contact_forecast.png")
    dashboard = open_dashboard(window)
    dashboard.resize(1200, 1000)
    while len(dashboard.panels) < 6:
        wait_for_background()
        app.processEvents()
    save(dashboard, "dashboard.png")
    dashboard.close()
    window.close()
    return [folder / "contact_forecast.png", folder / "dashboard.png"]


def _in_french(folder: Path) -> list[Path]:
    """The main window and the Monday checklist in French, from a process of its own: the language is
    chosen once, before any word is looked up, as when the owner starts Rapport."""
    import subprocess

    env = {**os.environ, "RAPPORT_LANGUAGE": "fr"}
    env.pop("RAPPORT_DATA_DIR", None)
    done = subprocess.run([sys.executable, "-m", "ui.screenshots", "--french", str(folder)], env=env, check=True,
                          capture_output=True, text=True)
    return [Path(line) for line in done.stdout.splitlines() if line]


def take_french(folder: Path) -> list[Path]:
    """main_window_fr.png and checklist_pdf_fr.png, on a demo book made in French."""
    from core.i18n import use_language

    use_language(os.environ.get("RAPPORT_LANGUAGE", "fr"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["RAPPORT_DATA_DIR"] = tempfile.mkdtemp(prefix="rapport-shots-fr-")
    from PySide6.QtWidgets import QApplication

    from core.dates import week_of
    from core.demo import create_demo_book
    from core.printing import render_checklist
    from ui.app import install_qt_translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_qt_translations(app)
    today = date.today()
    path = Path(os.environ["RAPPORT_DATA_DIR"]) / "demo.rapport"
    create_demo_book(path, today).close()
    window = _window_on(app, path)
    window.select_contact(window.model.contact_id(0))
    app.processEvents()
    window.grab().save(str(folder / "main_window_fr.png"))
    book = window.book
    with tempfile.TemporaryDirectory() as tmp:
        checklist_pdf = Path(tmp) / "checklist.pdf"
        render_checklist(book.status.checklist(week_of(today)[0], today, per_section=60), checklist_pdf,
                         paper_size=book.settings().paper_size, max_pages=book.settings().checklist_pages)
        _render_pdf_page(checklist_pdf, folder / "checklist_pdf_fr.png")
    window.close()
    return [folder / "main_window_fr.png", folder / "checklist_pdf_fr.png"]


def take(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["RAPPORT_DATA_DIR"] = tempfile.mkdtemp(prefix="rapport-shots-")
    from PySide6.QtWidgets import QApplication

    from core.dates import week_of
    from core.demo import create_demo_book
    from core.printing import render_checklist, render_plans

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder.mkdir(parents=True, exist_ok=True)
    today = date.today()
    path = Path(os.environ["RAPPORT_DATA_DIR"]) / "demo.rapport"
    create_demo_book(path, today).close()
    window = _window_on(app, path)
    shots: list[Path] = []

    def save(widget, name: str) -> None:
        app.processEvents()
        target = folder / name
        widget.grab().save(str(target))
        shots.append(target)

    assert window.model.view == "due", "the demo book has someone due: the window opens on This week"
    window.select_contact(window.model.contact_id(0))
    save(window, "main_window.png")
    hotel = next(c.id for c in window.book.contacts.in_view() if c.name == "Hôtel du Parc")
    window.select_contact(hotel)
    window.panel.resize(520, 1400)
    window.panel.widget().resize(500, 1400)
    save(window.panel.widget(), "contact_detail.png")
    anna = next(c.id for c in window.book.contacts.in_view() if c.name == "Anna Berg")
    window.select_contact(anna)  # the reach bar, her pinned allergy, her birthday this week
    window.panel.widget().resize(500, 1400)
    save(window.panel.widget(), "contact_occasions.png")
    dialog = window.commands.log_interaction()
    save(dialog, "log_dialog.png")
    dialog.close()
    settings = window.dialogs.open_settings()
    save(settings, "settings_dialog.png")
    settings.close()

    shots.append(_import_preview(window, folder, save))
    from ui.screenshot_sizes import first_run_shots, scaled_shot, sized_shots

    sized_shots(app, window, folder, save)
    first_run_shots(folder, save)
    scaled_shot(folder)
    shots.append(folder / "window_1366x768_at_150.png")
    book = window.book
    monday = week_of(today)[0]
    with tempfile.TemporaryDirectory() as tmp:
        checklist_pdf, plan_pdf = Path(tmp) / "checklist.pdf", Path(tmp) / "plan.pdf"
        render_checklist(book.status.checklist(monday, today, per_section=60), checklist_pdf, paper_size=book.settings().paper_size,
                         max_pages=book.settings().checklist_pages)
        render_plans([book.status.plan_sheet(hotel, today)], plan_pdf, business_name=book.settings().business_name)
        for pdf, name in ((checklist_pdf, "checklist_pdf.png"), (plan_pdf, "plan_pdf.png")):
            _render_pdf_page(pdf, folder / name)
            shots.append(folder / name)
    shots += _restaurant_shots(app, folder, save, today)
    shots += _in_french(folder)
    try:
        from ui.review.screenshots import save_review_screenshots
    except ImportError:
        pass
    else:
        shots += save_review_screenshots(book, folder)
    window.close()
    return shots


if __name__ == "__main__":
    if sys.argv[1:2] == ["--french"]:
        for shot in take_french(Path(sys.argv[2])):
            print(shot)
    else:
        for shot in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
            print(shot)
