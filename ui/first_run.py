"""What an empty book shows: a calm choice between the demo book and starting empty.

"Start empty" first asks three things in one small page (the business name, the currency and
how amounts are typed, the system's locale by default), then offers to add a contact or import.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from core.i18n import _

CURRENCIES = ("EUR", "GBP", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "JPY", "INR")
LOCALES = (("en_GB", "1,234.50 (en_GB)"), ("en_US", "1,234.50 (en_US)"), ("de_DE", "1.234,50 (de_DE)"),
           ("fr_FR", "1 234,50 (fr_FR)"), ("es_ES", "1.234,50 (es_ES)"), ("it_IT", "1.234,50 (it_IT)"),
           ("nl_NL", "1.234,50 (nl_NL)"), ("pl_PL", "1 234,50 (pl_PL)"), ("de_CH", "1’234.50 (de_CH)"))


class BusinessPage(QWidget):
    """Your business, in one small page: name, currency, how amounts are typed."""

    sig_chosen = Signal(dict)
    """The owner saved the page: the settings to store ({"business_name": …, "currency": …, …})."""

    def __init__(self, system_locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(_("Your business"))
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Bloom & Stem"))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.amounts = QComboBox()
        for code, shown in LOCALES:
            self.amounts.addItem(shown, code)
        if self.amounts.findData(system_locale) < 0 and system_locale:
            self.amounts.insertItem(0, _("as this computer types them ({system_locale})").format(system_locale=system_locale), system_locale)
        self.amounts.setCurrentIndex(max(self.amounts.findData(system_locale), 0))
        self.carried = QLabel()  # a new book made beside another: what was taken from it, said once
        self.carried.setWordWrap(True)
        self.carried.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton(_("Save and start"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.name.returnPressed.connect(self._save)
        form = QFormLayout()
        form.addRow(_("Business name"), self.name)
        form.addRow(_("Currency"), self.currency)
        form.addRow(_("Amounts"), self.amounts)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # never a clipped label on a netbook
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.carried)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.save_button)

    def start_afresh(self, beside: dict | None = None) -> None:
        """Empty the page for a new book; ``beside`` (the book it was made beside: its name, currency
        and amount format) fills the currency and amounts, and the page says so. The name is asked."""
        self.name.clear()
        self.error.hide()
        self.carried.setVisible(beside is not None)
        if beside is None:
            return
        self.currency.setCurrentText(beside["currency"])
        found = self.amounts.findData(beside["number_locale"])
        if found >= 0:
            self.amounts.setCurrentIndex(found)
        self.carried.setText(_("The currency and how amounts are typed are taken from {business_name}, the book you had open. Change them if this book is for another business.").format(business_name=beside['business_name']))

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(_("Business name: the business needs a name (it heads every printout)."))
            self.error.show()
            self.name.setFocus()
            return
        self.sig_chosen.emit({"business_name": name, "currency": self.currency.currentText().strip().upper(),
                              "number_locale": self.amounts.currentData()})


class StartPage(QWidget):
    """After the business page: the two ways to fill the book."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.title.setWordWrap(True)  # "Zoë's Flowers: your book is ready" is cut off in a narrow pane otherwise
        text = QLabel(_("Add the people you work with one by one, or bring them in from your phone, Gmail or "
                      "Outlook, and your till's sales."))
        text.setWordWrap(True)
        self.add_button = QPushButton(_("Add a contact (Ctrl+N)"))
        self.add_button.setDefault(True)
        self.import_button = QPushButton(_("Import contacts or sales… (Ctrl+I)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(text)
        layout.addWidget(self.add_button)
        layout.addWidget(self.import_button)


class FirstRunPanel(QWidget):
    sig_demo_requested = Signal(str)
    """The owner wants to look around a demo first: "flowers" (the flower shop) or "restaurant"."""
    sig_import_requested = Signal()
    """The owner wants to bring in contacts or sales from a file."""
    sig_business_chosen = Signal(dict)
    """The owner filled in the business page: the settings to store."""
    sig_add_requested = Signal()
    """The owner wants to add a first contact."""

    def __init__(self, system_locale: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(_("Welcome to Rapport"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        title.setWordWrap(True)  # a narrow pane wraps the title rather than clipping it
        # The restaurant demo is a link in the text, not a fourth button: at 1024×600 and 150 % another
        # row pushed the page past the pane's height and squeezed the text under the buttons.
        text = QLabel(
            _("Your book is empty. Look around a demo first — Bloom & Stem, a flower shop, or "
            "<a href='restaurant'>a restaurant with 3,000 guests</a> — start your own book, or import the "
            "contacts from your phone, Gmail or Outlook and your till's sales.<br><br>"
            "A demo is a separate book: nothing in it touches yours."))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        text.linkActivated.connect(self.sig_demo_requested)
        self.demo_button = QPushButton(_("Open the demo book"))
        self.empty_button = QPushButton(_("Start empty"))
        self.import_button = QPushButton(_("Import contacts or sales…"))
        self.import_button.clicked.connect(self.sig_import_requested)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(lambda: self.sig_demo_requested.emit("flowers"))
        self.empty_button.clicked.connect(self.show_business_page)
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.buttons = buttons
        self.text = text
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        # A column of fixed width centred by stretches, not by an alignment flag: a word-wrapped
        # label given an alignment loses its height-for-width and is clipped at top and bottom.
        welcome = QWidget()
        inner = QVBoxLayout(welcome)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        self.business = BusinessPage(system_locale)
        self.business.sig_chosen.connect(self.sig_business_chosen)
        self.start = StartPage()
        self.start.add_button.clicked.connect(self.sig_add_requested)
        self.start.import_button.clicked.connect(self.sig_import_requested)
        self.pages = QStackedWidget()
        for page in (welcome, self.business, self.start):
            self.pages.addWidget(page)
        self.welcome = welcome
        column = QWidget()
        column.setMaximumWidth(560)
        QVBoxLayout(column).addWidget(self.pages)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_business_page(self) -> None:
        self.pages.setCurrentWidget(self.business)
        self.business.name.setFocus()

    def show_welcome(self) -> None:
        """The first page, as for any book just opened: never what another book's page was showing."""
        self.business.start_afresh()
        self.start.title.clear()
        self.pages.setCurrentWidget(self.welcome)

    def ask_for_new_book(self, beside: dict) -> None:
        """A book just made with File → New book: straight to its name, the rest taken from ``beside``."""
        self.business.start_afresh(beside)
        self.show_business_page()

    def show_start_page(self, business_name: str) -> None:
        self.start.title.setText(_("{business_name}: your book is ready").format(business_name=business_name))
        self.pages.setCurrentWidget(self.start)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Keep everything readable in a narrow pane (a netbook, 150 % scaling): the text takes the
        height its wrapping needs, and the buttons stack when they no longer fit side by side."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit)  # after the layout has given the text its new width

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        room = self.text.width()
        needed = sum(b.sizeHint().width() for b in (self.demo_button, self.empty_button, self.import_button)) + 24
        self.buttons.setDirection(QBoxLayout.Direction.LeftToRight if room >= needed
                                  else QBoxLayout.Direction.TopToBottom)
        self.text.setMinimumHeight(self.text.heightForWidth(max(room, 1)))
