"""Sales exports of the tills and shop systems small businesses use, recognised by their headers.

Each layout below names the export (and where in the system it is made), the columns that tell
it from any other file, and which columns hold the day, the money, the customer and the order.
They follow the columns each system documents for that export. A layout turns its rows into
plain ``IncomingSale`` records: one per order however many item lines it has (the items go in the
note), a refund as a sale of kind "refund", and anonymous payments and what is not a sale at all
(payouts, fees, failed or voided payments) counted apart, never turned into contacts.
"""

from __future__ import annotations

from core.i18n import _

import re
from dataclasses import dataclass
from typing import Iterator

from core.interchange.csv_read import Table, _norm
from core.interchange.records import ImportFileError, IncomingSale
from core.interchange.sale_values import plain_decimal, split_amount


@dataclass(frozen=True)
class TillLayout:
    """One system's sales export: how to tell it, and which column holds what (first one present)."""

    system: str
    export: str
    menu: str  # where the owner makes the file, as the system names it
    signature: frozenset[str]  # column titles (compared as _norm does) that all appear in it
    day: tuple[str, ...]
    amount: tuple[str, ...]
    customer_id: tuple[str, ...] = ()
    name: tuple[str, ...] = ()
    email: tuple[str, ...] = ()
    phone: tuple[str, ...] = ()
    order: str = ""  # rows sharing this value are one order (one row per item)
    item: str = ""
    quantity: str = ""
    sum_lines: bool = False  # the order's amount is its lines' amounts added (no order total in the file)
    kind: str = ""  # a column saying what the line is
    refund_words: frozenset[str] = frozenset({"refund", "refunded", "payment refund", "return"})
    sale_words: frozenset[str] = frozenset()  # when set, only these values of ``kind`` are sales
    refunded: str = ""  # the amount given back on the order, kept as a refund beside it
    refunded_whole: str = ""  # a yes/no column: the whole order was given back
    status: str = ""
    not_sales: frozenset[str] = frozenset({"voided", "void", "failed", "canceled", "cancelled", "declined"})
    note: tuple[str, ...] = ()
    debits: str = ""  # PayPal: "Balance Impact"; a debit is money the account paid, never a sale
    day_order: str = ""  # "mdy" where the system writes 9/3/26 for 3 September (US systems)
    totals_row: str = ""  # the first cell of a last row that adds the others up (Gumroad's "Totals")

    @property
    def description(self) -> str:
        # The export keeps the name its system gives it ("transactions", "Verkaufsbericht").
        return _("{system} {export} (a sales log)").format(system=self.system, export=self.export)


def _sig(*titles: str) -> frozenset[str]:
    return frozenset(_norm(t) for t in titles)


LAYOUTS: tuple[TillLayout, ...] = (
    TillLayout("Square", "transactions", "Transactions → Export → Transactions CSV",
               _sig("Time Zone", "Total Collected", "Transaction ID"), day=("Date",), amount=("Total Collected",),
               customer_id=("Customer ID",), name=("Customer Name",), kind="Event Type",
               note=("Description",)),
    TillLayout("Square", "item sales", "Items → Export → Item Detail CSV",
               _sig("Time Zone", "Item", "Qty", "Gross Sales", "Transaction ID"), day=("Date",),
               amount=("Gross Sales",), customer_id=("Customer ID",), name=("Customer Name",),
               order="Transaction ID", item="Item", quantity="Qty", sum_lines=True, kind="Event Type"),
    TillLayout("Shopify", "orders", "Orders → Export → All orders, CSV for Excel",
               _sig("Financial Status", "Lineitem quantity", "Lineitem name", "Created at", "Total"),
               day=("Paid at", "Created at"), amount=("Total",), email=("Email",), name=("Billing Name",),
               phone=("Billing Phone", "Phone"), order="Name", item="Lineitem name", quantity="Lineitem quantity",
               refunded="Refunded Amount", status="Financial Status"),
    TillLayout("SumUp", "sales report", "Sales → Reports → Sales report → Export → CSV",
               _sig("Account", "Receipt Number", "Price (Gross)", "Transaction ID"), day=("Date",),
               amount=("Price (Gross)",), order="Transaction ID", item="Description", quantity="Quantity",
               sum_lines=True, kind="Type", sale_words=frozenset({"sales", "sale"}),
               refund_words=frozenset({"refund", "refunds", "refunded"}), day_order="dmy"),
    TillLayout("SumUp", "Verkaufsbericht", "Verkäufe → Berichte → Verkaufsbericht → Exportieren → CSV",
               _sig("Konto", "Transaktionsnummer", "Preis (brutto)"), day=("Datum",), amount=("Preis (brutto)",),
               order="Transaktionsnummer", item="Beschreibung", quantity="Menge", sum_lines=True, kind="Typ",
               sale_words=frozenset({"verkauf"}), refund_words=frozenset({"erstattung", "rückerstattung"}),
               day_order="dmy"),
    TillLayout("Zettle by PayPal", "receipts", "Sales → Receipts → Export to Excel",
               _sig("Receipt number", "Date", "Total", "Card/Cash"), day=("Date",), amount=("Total",),
               note=("Description",)),
    TillLayout("Lightspeed Retail", "sales", "Reports → Sales → Export",
               _sig("Sale ID", "Customer", "Total"), day=("Date", "Sale Date", "Completed"), amount=("Total",),
               customer_id=("Customer ID",), name=("Customer",), email=("Email", "Customer Email"),
               phone=("Phone", "Customer Phone"), status="Status"),
    TillLayout("Lightspeed Restaurant", "receipts", "Reports → Receipts → Export",
               _sig("Receipt ID", "Customer name", "Total"), day=("Date", "Closing date"), amount=("Total",),
               customer_id=("Customer ID",), name=("Customer name",), email=("Customer email",), status="Status"),
    TillLayout("Toast", "check details", "Reporting → Data exports → CheckDetails.csv",
               _sig("Customer Id", "Customer", "Opened Date", "Check Id", "Total"), day=("Opened Date",),
               amount=("Total",), customer_id=("Customer Id",), name=("Customer",), email=("Customer Email",),
               phone=("Customer Phone",), order="Check Id", item="Item Description", day_order="mdy"),
    TillLayout("Clover", "orders", "Transactions → Orders → Export",
               _sig("Order ID", "Order Total", "Order Payment State"), day=("Order Date", "Created Time", "Date"),
               amount=("Order Total",), name=("Customer Name",), refunded="Refunds Total",
               status="Order Payment State", not_sales=frozenset({"open", "voided", "void", "failed"})),
    TillLayout("WooCommerce", "orders", "Analytics → Orders → Download",
               _sig("Order #", "Status", "Customer", "Net Sales"), day=("Date",), amount=("Net Sales",),
               name=("Customer",), status="Status", note=("Product(s)",),
               not_sales=frozenset({"failed", "cancelled", "pending", "pending payment", "draft"})),
    TillLayout("Etsy", "sold orders", "Shop Manager → Settings → Options → Download Data → Orders",
               _sig("Sale Date", "Order ID", "Buyer User ID", "Order Total"), day=("Sale Date",),
               amount=("Order Total",), customer_id=("Buyer User ID",), name=("Full Name",), status="Status",
               day_order="mdy"),
    TillLayout("Gumroad", "sales", "Analytics → Sales → Export CSV",
               _sig("Purchase Email", "Sale Price ($)"), day=("Purchase Date", "Sale Date"),
               amount=("Sale Price ($)",), name=("Buyer Name", "Full Name"), email=("Purchase Email",),
               note=("Item Name", "Product Name"), refunded="Partial Refund ($)",
               refunded_whole="Fully Refunded?", totals_row="Totals"),
    TillLayout("Payhip", "sales", "Dashboard → Sales → Export",
               _sig("Customer Email", "Product Name", "Price"), day=("Date", "Purchase Date"), amount=("Price",),
               name=("Customer Name",), email=("Customer Email",), note=("Product Name",), status="Status"),
    TillLayout("Stripe", "payments", "Payments → Export → All columns",
               _sig("Created (UTC)", "Amount", "Amount Refunded", "Status"), day=("Created (UTC)", "Created date (UTC)"),
               amount=("Amount",), customer_id=("Customer ID",), email=("Customer Email",),
               name=("Customer Description", "Card Name"), refunded="Amount Refunded", status="Status",
               note=("Description",)),
    TillLayout("PayPal", "activity download", "Activity → Statements → Activity download, CSV",
               _sig("Gross", "Fee", "Net", "From Email Address", "Transaction ID"), day=("Date",), amount=("Gross",),
               name=("Name",), email=("From Email Address",), phone=("Contact Phone Number",), kind="Type",
               status="Status", note=("Item Title", "Subject"), debits="Balance Impact",
               not_sales=frozenset({"denied", "failed", "canceled", "cancelled", "reversed", "pending"})),
)


def recognise_till(table: Table) -> TillLayout | None:
    """The system that wrote this table, by its headers; the layout with the most telling columns wins."""
    titles = {_norm(t) for t in table.header}
    found = [layout for layout in LAYOUTS if layout.signature <= titles]
    return max(found, key=lambda layout: len(layout.signature)) if found else None


def till_sales(table: Table, layout: TillLayout, counted: dict[str, int]) -> Iterator[IncomingSale]:
    """The sales of a till's export, one per order, read as they are needed (a million lines are
    never all held); what is left out is only counted in ``counted``: ``{"not a sale": n}``
    (payouts, failed or voided payments). Anonymous payments come through with no customer: the
    plan counts them."""
    columns = {name: _present(table, names) for name, names in (
        ("day", layout.day), ("amount", layout.amount), ("customer", layout.customer_id), ("name", layout.name),
        ("email", layout.email), ("phone", layout.phone), ("note", layout.note))}
    if not columns["day"] or not columns["amount"]:
        lacking = (_("this looks like {system}'s {export} export, but it has no date column") if not columns["day"]
                   else _("this looks like {system}'s {export} export, but it has no amount column"))
        raise ImportFileError(lacking.format(system=layout.system, export=layout.export))
    single = {name: table.column(title) if title else None for name, title in (
        ("order", layout.order), ("item", layout.item), ("quantity", layout.quantity), ("kind", layout.kind),
        ("refunded", layout.refunded), ("refunded_whole", layout.refunded_whole), ("status", layout.status),
        ("debits", layout.debits))}
    any_sale = False
    for rows in _orders(table, single["order"]):
        first_line = rows[0][0]
        if layout.totals_row and rows[0][1][:1] == [layout.totals_row]:
            continue  # the export's own sum of the lines above: no sale

        def value(name: str, rows: list[tuple[int, list[str]]] = rows) -> str:
            """The first cell with something in it, over the order's rows and the field's columns."""
            indexes = columns[name] if name in columns else [single.get(name)]
            return next((cell for _, row in rows for index in indexes if (cell := _cell(row, index))), "")

        kind_word, status = value("kind").lower(), value("status").lower()
        debit = value("debits").lower() == "debit"
        if status in layout.not_sales or (layout.sale_words and kind_word not in layout.sale_words
                                          and kind_word not in layout.refund_words):
            counted["not a sale"] = counted.get("not a sale", 0) + 1
            continue
        refund = kind_word in layout.refund_words
        if debit and not refund:  # PayPal: money this account paid out, not a customer's purchase
            counted["not a sale"] = counted.get("not a sale", 0) + 1
            continue
        amount = _sum_lines(rows, columns["amount"][0]) if layout.sum_lines else value("amount")
        negative, magnitude = split_amount(amount)
        note = _items(rows, single["item"], single["quantity"]) or value("note")
        base = IncomingSale(line=first_line, customer=value("customer"), name=value("name"), email=value("email"),
                            phone=value("phone"), day=value("day"), amount=magnitude,
                            kind="refund" if refund or negative else "purchase", note=note)
        any_sale = True
        yield base
        refunded = magnitude if value("refunded_whole").lower() in ("true", "yes", "1") else value("refunded")
        if refunded and not refund:
            back_negative, back = split_amount(refunded)
            if back.strip("0.,"):
                yield IncomingSale(line=first_line, customer=base.customer, name=base.name, email=base.email,
                                   phone=base.phone, day=base.day, amount=back, kind="refund",
                                   note=f"refunded on {note}" if note else "refunded")
    if layout.system == "PayPal" and not any_sale:
        raise ImportFileError(_("this PayPal download holds no payments received from customers, only payments "
                                "made from this account (a personal account's download); there is nothing to import"))


def _orders(table: Table, order: int | None) -> Iterator[list[tuple[int, list[str]]]]:
    """The file's orders, each the list of its rows; a row is an order of its own where the export
    has no order column (a till's log of a million lines is then never gathered in a dict)."""
    if order is None:
        for line, row in table.numbered():
            yield [(line, row)]
        return
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for number, (line, row) in enumerate(table.numbered()):
        groups.setdefault(_cell(row, order) or f"line {number}", []).append((line, row))
    yield from groups.values()


def _present(table: Table, names: tuple[str, ...]) -> list[int | None]:
    """The columns of ``names`` that the table has, in the layout's order of preference."""
    return [index for name in names if (index := table.column(name)) is not None]


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _sum_lines(rows: list[tuple[int, list[str]]], index: int | None) -> str:
    """The order's total from its item lines' amounts (Square's item sales), written back as text."""
    from decimal import Decimal

    total = Decimal(0)
    for _line, row in rows:
        negative, plain = split_amount(_cell(row, index))
        number = plain_decimal(plain) if plain else Decimal(0)
        if number is None:
            return _cell(rows[0][1], index)  # not a plain number: the plan refuses it by its line
        total += -number if negative else number
    return f"{total:.2f}"


def _items(rows: list[tuple[int, list[str]]], item: int | None, quantity: int | None) -> str:
    """"2 × Red roses, 1 × Card": an order's item lines, kept in the purchase's note."""
    if item is None:
        return ""
    parts = []
    for _line, row in rows:
        name = _cell(row, item)
        if not name:
            continue
        count = _cell(row, quantity)
        count = re.sub(r"\.0+$", "", count)
        parts.append(f"{count} × {name}" if count and count != "1" else name)
    return ", ".join(parts)
