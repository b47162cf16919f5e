"""Sales exports from tills and shop systems, in each system's own column layout, imported with no
mapping step: who bought, when, how much, how many purchases; refunds, anonymous payments and
multi-line orders read right; and every summary says only what is true."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from core.interchange import load, plan_import
from core.interchange.records import ImportFileError
from core.store import Book
from tests.test_cli import rapport

TODAY = date(2026, 11, 24)

SQUARE_TRANSACTIONS = (
    "Date,Time,Time Zone,Gross Sales,Discounts,Service Charges,Net Sales,Gift Card Sales,Tax,Tip,Partial Refunds,"
    "Total Collected,Source,Card,Card Entry Methods,Cash,Square Gift Card,Other Tender,Other Tender Type,"
    "Other Tender Note,Fees,Net Total,Transaction ID,Payment ID,Card Brand,PAN Suffix,Device Name,Staff Name,"
    "Staff ID,Details,Description,Event Type,Location,Dining Option,Customer ID,Customer Name,"
    "Customer Reference ID,Device Nickname,Third Party Fees,Deposit ID,Deposit Date,Deposit Details,"
    "Fee Percentage Rate,Fee Fixed Rate,Refund Reason,Discount Name,Transaction Status,Cash App,"
    "Order Reference ID,Fulfillment Note,Free Processing Applied,Channel,Unattributed Tips").split(",")
SQUARE_ITEMS = (
    "Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Modifiers Applied,Gross Sales,Discounts,Net Sales,"
    "Tax,Transaction ID,Payment ID,Device Name,Notes,Details,Event Type,Location,Dining Option,Customer ID,"
    "Customer Name,Customer Reference ID,Unit,Count,Itemization Type,Fulfillment Note,Channel,Token,Card Brand,"
    "PAN Suffix").split(",")
SHOPIFY_ORDERS = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
    "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
    "Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
    "Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
    "Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,"
    "Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,"
    "Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,"
    "Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,"
    "Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
    "Payment ID,Payment Terms Name,Next Payment Due At,Payment References").split(",")
ETSY_SOLD_ORDERS = (
    "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Shipped,"
    "Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,Coupon Code,"
    "Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,"
    "Order Net,Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,"
    "Payment Type,InPerson Discount,InPerson Location,SKU").split(",")
STRIPE_PAYMENTS = (
    "id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,"
    "Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,"
    "Customer Description,Customer Email,Captured,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,"
    "Card Exp Year,Card Name,Card Address Line1,Card Address Line2,Card Address City,Card Address State,"
    "Card Address Country,Card Address Zip,Card Issue Country,Card Fingerprint,Card CVC Status,Card AVS Zip Status,"
    "Card AVS Line1 Status,Card Tokenization Method,Disputed Amount,Dispute Status,Dispute Reason,"
    "Dispute Date (UTC),Dispute Evidence Due (UTC),Invoice ID,Payment Source Type,Destination,Transfer,"
    "Transfer Group,PaymentIntent ID").split(",")
PAYPAL_ACTIVITY = (
    "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,To Email Address,"
    "Transaction ID,Shipping Address,Address Status,Item Title,Item ID,Shipping and Handling Amount,"
    "Insurance Amount,Sales Tax,Option 1 Name,Option 1 Value,Option 2 Name,Option 2 Value,Reference Txn ID,"
    "Invoice Number,Custom Number,Quantity,Receipt ID,Balance,Address Line 1,Address Line 2/District/Neighborhood,"
    "Town/City,State/Province/Region/County/Territory/Prefecture/Republic,Zip/Postal Code,Country,"
    "Contact Phone Number,Subject,Note,Country Code,Balance Impact").split(",")
SUMUP_SALES = ("Account,Date,Time,Type,Transaction ID,Receipt Number,Payment Method,Quantity,Description,Currency,"
               "Price (Gross),Price (Net),Tax,Tax rate,Transaction refunded").split(",")
SUMUP_VERKAUF = ("Konto,Datum,Typ,Transaktionsnummer,Zahlungsmethode,Menge,Beschreibung,Währung,Preis vor Rabatt,"
                 "Rabatt,Preis (brutto),Preis (netto),Steuer,Steuersatz").split(",")
ZETTLE_RECEIPTS = ("Date,Time,Receipt number,Total,Fee,Net,Card/Cash,Card type,Last digits,Staff,Device,"
                   "Description").split(",")
TOAST_CHECKS = ("Customer Id,Customer,Customer Phone,Customer Email,Location Code,Opened Date,Opened Time,"
                "Item Description,Server,Tax,Tender,Check Id,Check #,Total,Customer Family,Table Size,Discount,"
                "Reason of Discount,Link").split(",")
CLOVER_ORDERS = ("Order Date,Order ID,Invoice Number,Order Number,Order Employee ID,Order Employee Name,Currency,"
                 "Tax Amount,Tip,Service Charge,Discount,Order Total,Payments Total,Payment Note,Refunds Total,"
                 "Manual Refunds Total,Order Payment State,Customer Name").split(",")
WOOCOMMERCE_ORDERS = "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net Sales".split(",")
GUMROAD_SALES = (  # Gumroad's own Exports::PurchaseExportService::PURCHASE_FIELDS
    "Purchase ID,Item Name,Buyer Name,Purchase Email,Buyer Email,Do not contact?,Purchase Date,"
    "Purchase Time (UTC timezone),Subtotal ($),Taxes ($),Tax Type,Shipping ($),Sale Price ($),Fees ($),"
    "Net Total ($),Tip ($),Tax Included in Price?,Street Address,City,Zip Code,State,Country,Referrer,Refunded?,"
    "Partial Refund ($),Fully Refunded?,Disputed?,Dispute Won?,Access Revoked?,Variants,Discount Code,"
    "Recurring Charge?,Free trial purchase?,Pre-order authorization?,Product ID,Order Number,"
    "Pre-order authorization time (UTC timezone),Custom Fields,Item Price ($),Variants Price ($),Giftee Email,"
    "SKU ID,Quantity,Recurrence,Affiliate,Affiliate commission ($),Discover?,Cancellation Date,"
    "Subscription End Date,Rating,Review,License Key,License Key Activation Count,License Key Enabled?,"
    "Payment Type,PayPal Transaction ID,PayPal Fee Amount,PayPal Fee Currency,Stripe Transaction ID,"
    "Stripe Fee Amount,Stripe Fee Currency,Purchasing Power Parity Discounted?,Upsold?,"
    "Sent Abandoned Cart Email?,UTM Source,UTM Medium,UTM Campaign,UTM Term,UTM Content,Buyer Currency,"
    "Buyer Total,Buyer Refunded Total").split(",")
PAYHIP_SALES = "Date,Transaction ID,Product Name,Customer Name,Customer Email,Price,Currency,Status".split(",")
LIGHTSPEED_SALES = "Sale ID,Date,Customer,Customer ID,Email,Phone,Items,Total,Status".split(",")


def till_file(folder: Path, name: str, header: list[str], rows: list[dict[str, str]], **csv_options) -> Path:
    """A file as the system writes it: its whole header, each row's other cells empty."""
    path = folder / name
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, **csv_options)
        writer.writerow(header)
        for row in rows:
            unknown = set(row) - set(header)
            assert not unknown, unknown  # a test row only fills the system's own columns
            writer.writerow([row.get(title, "") for title in header])
    return path


def imported(book: Book, path: Path) -> tuple[list[str], dict[str, list[tuple[str, str, int]]]]:
    """Import through the command line's path; each customer's (day, kind, cents), by name."""
    plan = plan_import(book, load(str(path)), today=TODAY)
    book.interchange.apply_import(plan, today=TODAY, backup=False)
    bought: dict[str, list[tuple[str, str, int]]] = {}
    for contact in book.contacts.in_view():
        assert contact.id is not None
        bought[contact.name] = sorted((i.occurred_on.isoformat(), i.kind.value, i.amount_cents or 0)
                                      for i in book.interactions.for_contact(contact.id))
    return plan.summary(), bought


def test_square_transactions_with_a_refund_and_anonymous_card_payments(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "transactions-2026.csv", SQUARE_TRANSACTIONS, [
        {"Date": "2026-09-03", "Time": "10:14:02", "Time Zone": "Eastern Time (US & Canada)",
         "Total Collected": "$31.16", "Transaction ID": "T1", "Event Type": "Payment", "Customer ID": "CUST-A",
         "Customer Name": "Anna Berg", "Description": "Peonies"},
        {"Date": "2026-09-10", "Time": "16:01:00", "Time Zone": "Eastern Time (US & Canada)",
         "Total Collected": "$1,149.00", "Transaction ID": "T2", "Event Type": "Payment", "Customer ID": "CUST-A",
         "Customer Name": "Anna Berg", "Description": "Wedding flowers"},
        {"Date": "2026-09-11", "Time": "09:00:00", "Time Zone": "Eastern Time (US & Canada)",
         "Total Collected": "-$12.96", "Transaction ID": "T3", "Event Type": "Refund", "Customer ID": "CUST-A",
         "Customer Name": "Anna Berg"},
        {"Date": "2026-09-12", "Time": "12:00:00", "Time Zone": "Eastern Time (US & Canada)",
         "Total Collected": "$8.50", "Transaction ID": "T4", "Event Type": "Payment"},
        {"Date": "2026-09-12", "Time": "12:05:00", "Time Zone": "Eastern Time (US & Canada)",
         "Total Collected": "$4.00", "Transaction ID": "T5", "Event Type": "Payment"},
    ])
    loaded = load(str(path))
    assert loaded.description == "Square transactions (a sales log)"
    plan = plan_import(book, loaded, today=TODAY)
    result = book.interchange.apply_import(plan, today=TODAY, backup=False)
    assert result.sentence() == "Imported: 1 new contact, 0 merged, 2 purchases, 1 refund logged, 2 skipped."
    summary = plan.summary()
    bought = {c.name: sorted((i.occurred_on.isoformat(), i.kind.value, i.amount_cents or 0)
                             for i in book.interactions.for_contact(c.id)) for c in book.contacts.in_view()}
    assert bought == {"Anna Berg": [("2026-09-03", "purchase", 3116), ("2026-09-10", "purchase", 114900),
                                    ("2026-09-11", "refund", 1296)]}
    assert summary == ["1 new contact will be created", "0 existing contacts will be completed (merged)",
                       "2 purchases will be logged, 1,180.16 in all", "1 refund will be logged, 12.96 in all",
                       "2 records will be skipped",
                       "  2 sales had no customer (anonymous payments) and will be skipped"]
    [anna] = book.contacts.in_view()
    assert anna.external_id == "CUST-A"
    assert book.revenue.spend(anna.id, TODAY)[1] == 3116 + 114900 - 1296, "a refund is subtracted"


def test_the_same_export_twice_adds_nothing_and_next_months_adds_only_what_is_new(book: Book,
                                                                               tmp_path: Path) -> None:
    row = {"Date": "2026-09-03", "Time": "10:14:02", "Time Zone": "UTC", "Total Collected": "$31.16",
           "Transaction ID": "T1", "Event Type": "Payment", "Customer ID": "CUST-A", "Customer Name": "Anna Berg"}
    september = till_file(tmp_path, "sep.csv", SQUARE_TRANSACTIONS, [row])
    imported(book, september)
    again = plan_import(book, load(str(september)), today=TODAY)
    assert again.is_empty and again.nothing_to_import() == "Nothing to import: the book already holds all of it."
    october = till_file(tmp_path, "oct.csv", SQUARE_TRANSACTIONS, [row, {**row, "Date": "2026-10-01",
                                                                         "Transaction ID": "T9"}])
    _, bought = imported(book, october)
    assert bought == {"Anna Berg": [("2026-09-03", "purchase", 3116), ("2026-10-01", "purchase", 3116)]}


def test_two_customer_numbers_with_one_name_are_two_people(book: Book, tmp_path: Path) -> None:
    """A till knows its two John Smiths apart by their numbers; a third line of CUST-B's is his."""
    row = {"Date": "2026-09-03", "Time": "10:14:02", "Time Zone": "UTC", "Total Collected": "$31.16",
           "Event Type": "Payment", "Customer Name": "John Smith"}
    path = till_file(tmp_path, "smiths.csv", SQUARE_TRANSACTIONS, [
        {**row, "Transaction ID": "T1", "Customer ID": "CUST-A"},
        {**row, "Transaction ID": "T2", "Customer ID": "CUST-B", "Total Collected": "$9.00"},
        {**row, "Transaction ID": "T3", "Customer ID": "CUST-B", "Date": "2026-09-20"}])
    imported(book, path)
    smiths = sorted((c.external_id, len(book.interactions.for_contact(c.id))) for c in book.contacts.in_view())
    assert smiths == [("CUST-A", 1), ("CUST-B", 2)]


def test_square_item_sales_one_purchase_per_transaction_with_its_items(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "items-2026.csv", SQUARE_ITEMS, [
        {"Date": "2026-09-03", "Time": "10:14:02", "Time Zone": "UTC", "Item": "Red roses", "Qty": "12",
         "Gross Sales": "$24.00", "Transaction ID": "T1", "Event Type": "Payment", "Customer ID": "C1",
         "Customer Name": "Wei Chen"},
        {"Date": "2026-09-03", "Time": "10:14:02", "Time Zone": "UTC", "Item": "Card", "Qty": "1",
         "Gross Sales": "$3.50", "Transaction ID": "T1", "Event Type": "Payment", "Customer ID": "C1",
         "Customer Name": "Wei Chen"},
    ])
    summary, bought = imported(book, path)
    assert bought == {"Wei Chen": [("2026-09-03", "purchase", 2750)]}
    [wei] = book.contacts.in_view()
    assert [i.note for i in book.interactions.for_contact(wei.id)] == ["12 × Red roses, Card"]


def test_shopify_orders_one_purchase_per_order_with_offsets_refunds_and_a_voided_order(book: Book,
                                                                                        tmp_path: Path) -> None:
    path = till_file(tmp_path, "orders_export.csv", SHOPIFY_ORDERS, [
        {"Name": "#1001", "Email": "anna@example.org", "Financial Status": "partially_refunded",
         "Paid at": "2026-09-03 10:14:00 -0400", "Total": "54.50", "Created at": "2026-09-03 10:13:00 -0400",
         "Lineitem quantity": "2", "Lineitem name": "Peony bunch", "Billing Name": "Anna Berg",
         "Billing Phone": "+41 79 123 45 67", "Refunded Amount": "10.00"},
        {"Name": "#1001", "Lineitem quantity": "1", "Lineitem name": "Vase"},
        {"Name": "#1002", "Email": "bo@example.org", "Financial Status": "paid",
         "Paid at": "2026-09-04 23:30:00 +0200", "Total": "19.90", "Created at": "2026-09-04 23:29:00 +0200",
         "Lineitem quantity": "1", "Lineitem name": "Tulips", "Billing Name": "Bo Lind"},
        {"Name": "#1003", "Email": "cy@example.org", "Financial Status": "voided", "Total": "5.00",
         "Created at": "2026-09-05 09:00:00 +0200", "Lineitem quantity": "1", "Lineitem name": "Card",
         "Billing Name": "Cy Voided"},
    ])
    summary, bought = imported(book, path)
    assert bought == {"Anna Berg": [("2026-09-03", "purchase", 5450), ("2026-09-03", "refund", 1000)],
                      "Bo Lind": [("2026-09-04", "purchase", 1990)]}
    anna = next(c for c in book.contacts.in_view() if c.name == "Anna Berg")
    assert (anna.emails, anna.phones) == (("anna@example.org",), ("+41 79 123 45 67",))
    assert "  1 line was not a sale (a payout, a fee, a failed or voided payment) and will be skipped" in summary
    assert not any(c.name.startswith("#") for c in book.contacts.in_view()), "an order number is never a contact"


def test_etsy_sold_orders_with_two_digit_years(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "EtsySoldOrders2026.csv", ETSY_SOLD_ORDERS, [
        {"Sale Date": "09/03/26", "Order ID": "2328983500", "Buyer User ID": "81234", "Full Name": "Mei Lin",
         "Number of Items": "1", "Currency": "USD", "Order Value": "18.99", "Order Total": "23.19",
         "Status": "Completed"},
        {"Sale Date": "09/30/26", "Order ID": "2328983501", "Buyer User ID": "81234", "Full Name": "Mei Lin",
         "Order Total": "10.00", "Status": "Completed"},
    ])
    _, bought = imported(book, path)
    assert bought == {"Mei Lin": [("2026-09-03", "purchase", 2319), ("2026-09-30", "purchase", 1000)]}


def test_stripe_payments_a_failed_one_and_a_refund(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "unified_payments.csv", STRIPE_PAYMENTS, [
        {"id": "py_1", "Created (UTC)": "2026-09-03 14:14:00", "Amount": "80.00", "Amount Refunded": "0.00",
         "Currency": "eur", "Status": "Paid", "Customer ID": "cus_A1", "Customer Email": "ida@example.org",
         "Card Name": "Ida Weiss", "Description": "Funeral wreath"},
        {"id": "py_2", "Created (UTC)": "2026-09-05 08:00:00", "Amount": "40.00", "Amount Refunded": "40.00",
         "Currency": "eur", "Status": "Refunded", "Customer ID": "cus_A1", "Customer Email": "ida@example.org"},
        {"id": "py_3", "Created (UTC)": "2026-09-06 08:00:00", "Amount": "9.00", "Amount Refunded": "0.00",
         "Currency": "eur", "Status": "Failed", "Customer ID": "cus_B2", "Customer Email": "x@example.org"},
    ])
    summary, bought = imported(book, path)
    assert bought == {"Ida Weiss": [("2026-09-03", "purchase", 8000), ("2026-09-05", "purchase", 4000),
                                    ("2026-09-05", "refund", 4000)]}


def test_a_paypal_business_download_keeps_customers_payments_only(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "Download.CSV", PAYPAL_ACTIVITY, [
        {"Date": "09/03/2026", "Time": "10:14:00", "TimeZone": "PDT", "Name": "Anna Berg",
         "Type": "Express Checkout Payment", "Status": "Completed", "Currency": "USD", "Gross": "45.00",
         "Fee": "-1.61", "Net": "43.39", "From Email Address": "anna@example.org", "Transaction ID": "1AB",
         "Item Title": "Bouquet", "Balance Impact": "Credit"},
        {"Date": "09/04/2026", "Time": "11:00:00", "TimeZone": "PDT", "Name": "Anna Berg", "Type": "Payment Refund",
         "Status": "Completed", "Currency": "USD", "Gross": "-5.00", "From Email Address": "anna@example.org",
         "Transaction ID": "2CD", "Balance Impact": "Debit"},
        {"Date": "09/05/2026", "Time": "12:00:00", "TimeZone": "PDT", "Name": "Flower Wholesale",
         "Type": "General Payment", "Status": "Completed", "Currency": "USD", "Gross": "-300.00",
         "From Email Address": "shop@example.org", "Transaction ID": "3EF", "Balance Impact": "Debit"},
        {"Date": "09/05/2026", "Time": "12:00:00", "TimeZone": "PDT", "Name": "", "Type": "General Withdrawal",
         "Status": "Completed", "Currency": "USD", "Gross": "-100.00", "Transaction ID": "4GH",
         "Balance Impact": "Debit"},
    ])
    summary, bought = imported(book, path)
    assert bought == {"Anna Berg": [("2026-09-03", "purchase", 4500), ("2026-09-04", "refund", 500)]}
    assert "  2 lines were not sales (payouts, fees, failed or voided payments) and will be skipped" in summary


def test_a_personal_paypal_download_imports_nothing_and_says_why(book_path: Path, tmp_path: Path) -> None:
    path = till_file(tmp_path, "Download.CSV", PAYPAL_ACTIVITY, [
        {"Date": "09/05/2026", "Time": "12:00:00", "TimeZone": "PDT", "Name": "Online Shop",
         "Type": "Express Checkout Payment", "Status": "Completed", "Currency": "USD", "Gross": "-30.00",
         "From Email Address": "me@example.org", "Transaction ID": "3EF", "Balance Impact": "Debit"},
    ])
    code, _, err = rapport(book_path, "import", str(path))
    assert (code, err) == (2, "rapport: this PayPal download holds no payments received from customers, only "
                              "payments made from this account (a personal account's download); there is nothing "
                              "to import\n")


def test_sumup_sales_reports_one_sale_per_transaction_and_no_customer(book: Book, tmp_path: Path) -> None:
    """SumUp's sales report has a line per item and names no customer (its Account is the shop's own
    login): every transaction is counted as an anonymous sale, and nothing false is said."""
    path = till_file(tmp_path, "sales-report.csv", SUMUP_SALES, [
        {"Account": "shop@example.org", "Date": "17.04.23", "Time": "12:32", "Type": "Sales", "Transaction ID": "TX1",
         "Receipt Number": "S20230000303", "Quantity": "1", "Description": "Roses", "Currency": "CHF",
         "Price (Gross)": "16.0"},
        {"Account": "shop@example.org", "Date": "17.04.23", "Time": "12:32", "Type": "Sales", "Transaction ID": "TX1",
         "Receipt Number": "S20230000303", "Quantity": "2", "Description": "Card", "Currency": "CHF",
         "Price (Gross)": "3.5"},
        {"Account": "shop@example.org", "Date": "18.04.23", "Time": "09:10", "Type": "Refund", "Transaction ID": "TX2",
         "Receipt Number": "S20230000304", "Quantity": "1", "Description": "Roses", "Currency": "CHF",
         "Price (Gross)": "-16.0"},
    ])
    loaded = load(str(path))
    assert loaded.description == "SumUp sales report (a sales log)"
    plan = plan_import(book, loaded, today=TODAY)
    assert plan.is_empty and plan.counted == {"no customer": 2} and plan.skipped == []
    assert plan.nothing_to_import() == ("Nothing to import: every line was skipped (see why above); the book was "
                                        "not changed.")


def test_sumups_german_sales_report_is_read_too(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "Verkaufsbericht.csv", SUMUP_VERKAUF, [
        {"Konto": "laden@example.de", "Datum": "17.04.2023, 12:32", "Typ": "Verkauf", "Transaktionsnummer": "TX1",
         "Menge": "1", "Beschreibung": "Rosen", "Währung": "EUR", "Preis (brutto)": "16,50"}], delimiter=";")
    plan = plan_import(book, load(str(path)), today=TODAY)
    assert plan.counted == {"no customer": 1} and plan.skipped == []


def test_zettle_receipts_are_anonymous_and_counted(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "receipts.csv", ZETTLE_RECEIPTS, [
        {"Date": "2026-09-03", "Time": "10:14", "Receipt number": str(n), "Total": "€ 12,50", "Card/Cash": "Card"}
        for n in range(1, 1205)])
    plan = plan_import(book, load(str(path)), today=TODAY)
    assert plan.counted == {"no customer": 1204}
    assert "  1,204 sales had no customer (anonymous payments) and will be skipped" in plan.summary()


@pytest.mark.parametrize("header, row, name, day, cents", [
    (TOAST_CHECKS, {"Customer Id": "5a1f0c3e-guid", "Customer": "Ida Weiss", "Customer Phone": "555-0101",
                    "Customer Email": "ida@example.org", "Opened Date": "9/3/26", "Item Description": "Brunch",
                    "Check Id": "CHK1", "Total": "42.80"}, "Ida Weiss", "2026-09-03", 4280),
    (CLOVER_ORDERS, {"Order Date": "03-Sep-2026 10:14 AM CEST", "Order ID": "ORD1", "Order Total": "€31.16",
                     "Order Payment State": "Paid", "Customer Name": "Jan Novak"}, "Jan Novak", "2026-09-03", 3116),
    (WOOCOMMERCE_ORDERS, {"Date": "2026-09-03 10:14:00", "Order #": "1088", "Status": "Completed",
                          "Customer": "Lea Roth", "Net Sales": "29.90"}, "Lea Roth", "2026-09-03", 2990),
    (GUMROAD_SALES, {"Purchase ID": "g1", "Item Name": "Flower guide", "Buyer Name": "Max Paul",
                     "Purchase Email": "max@example.org", "Purchase Date": "2026-09-03", "Sale Price ($)": "15",
                     "Fully Refunded?": "0"}, "Max Paul", "2026-09-03", 1500),
    (PAYHIP_SALES, {"Date": "2026-09-03 10:14", "Product Name": "Course", "Customer Name": "Noa Levi",
                    "Customer Email": "noa@example.org", "Price": "£20.00", "Currency": "GBP"},
     "Noa Levi", "2026-09-03", 2000),
    (LIGHTSPEED_SALES, {"Sale ID": "77", "Date": "2026-09-03T10:14:00Z", "Customer": "Eva Kalm",
                        "Customer ID": "L9", "Total": "12.50 EUR", "Status": "Completed"},
     "Eva Kalm", "2026-09-03", 1250),
])
def test_other_systems_by_their_headers(book: Book, tmp_path: Path, header, row, name, day, cents) -> None:
    path = till_file(tmp_path, "export.csv", header, [row])
    loaded = load(str(path))
    assert loaded.kind == "sales" and loaded.recognised is not None and loaded.recognised.format.startswith("till:")
    _, bought = imported(book, path)
    assert bought == {name: [(day, "purchase", cents)]}


def test_a_gumroad_export_with_refunds_and_its_totals_row(book: Book, tmp_path: Path) -> None:
    """A sale fully refunded is a purchase and its refund; a partial refund is refunded as it says;
    the Totals row Gumroad writes last is no sale (and no anonymous one either)."""
    path = till_file(tmp_path, "Sales.csv", GUMROAD_SALES, [
        {"Purchase ID": "g1", "Buyer Name": "Max Paul", "Purchase Email": "max@example.org",
         "Purchase Date": "2026-09-03", "Sale Price ($)": "15.0", "Fully Refunded?": "1", "Partial Refund ($)": "0.0"},
        {"Purchase ID": "g2", "Buyer Name": "Max Paul", "Purchase Email": "max@example.org",
         "Purchase Date": "2026-09-04", "Sale Price ($)": "20.0", "Refunded?": "1", "Partial Refund ($)": "5.0",
         "Fully Refunded?": "0"},
        {"Purchase ID": "Totals", "Sale Price ($)": "35.0", "Partial Refund ($)": "5.0"}])
    plan = plan_import(book, load(str(path)), today=TODAY)
    assert plan.counted == {}
    _, bought = imported(book, path)
    assert bought == {"Max Paul": [("2026-09-03", "purchase", 1500), ("2026-09-03", "refund", 1500),
                                   ("2026-09-04", "purchase", 2000), ("2026-09-04", "refund", 500)]}


def test_a_refund_is_never_a_visit(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "transactions.csv", SQUARE_TRANSACTIONS, [
        {"Date": "2026-09-03", "Time Zone": "UTC", "Total Collected": "$31.16", "Transaction ID": "T1",
         "Event Type": "Payment", "Customer ID": "C", "Customer Name": "Anna Berg"},
        {"Date": "2026-11-20", "Time Zone": "UTC", "Total Collected": "($5.00)", "Transaction ID": "T2",
         "Event Type": "Refund", "Customer ID": "C", "Customer Name": "Anna Berg"}])
    imported(book, path)
    [anna] = book.contacts.in_view()
    evidence = book.status.evidence(anna.id)
    assert evidence.purchases == (date(2026, 9, 3),)
    assert evidence.last_interaction == date(2026, 9, 3), "the refund's day is no visit"


def test_a_mapped_sales_file_reads_currency_and_offsets(book: Book, tmp_path: Path) -> None:
    sheet = tmp_path / "till.csv"
    sheet.write_text("Kunde,Datum,Betrag\nAnna Berg,2026-09-03 10:14:00 -0400,$31.16\n"
                     "Anna Berg,2026-09-04,\"$1,149.00 \"\n", encoding="utf-8")
    loaded = load(str(sheet), force="sales")
    plan = plan_import(book, loaded, mapping={"name": "Kunde", "date": "Datum", "amount": "Betrag"}, today=TODAY)
    assert [(s.interaction.occurred_on.isoformat(), s.interaction.amount_cents) for s in plan.sales] == [
        ("2026-09-03", 3116), ("2026-09-04", 114900)]
    assert plan.skipped == []


def test_nothing_to_import_is_only_said_when_true(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "transactions.csv", SQUARE_TRANSACTIONS, [
        {"Date": "2026-02-31", "Time Zone": "UTC", "Total Collected": "$31.16", "Transaction ID": "T1",
         "Event Type": "Payment", "Customer ID": "C", "Customer Name": "Anna Berg"}])
    plan = plan_import(book, load(str(path)), today=TODAY)
    assert plan.is_empty
    assert plan.nothing_to_import() == ("Nothing to import: no line could be imported (see why above); the book "
                                        "was not changed.")
    assert "1 line could not be read and was refused (why is listed below)" in plan.summary()


def test_a_file_that_only_looks_like_a_till_export_without_its_amount_says_so(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Time Zone,Total Collected,Transaction ID\nUTC,$1.00,T1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="this looks like Square's transactions export, but it has no date"):
        with Book.open(tmp_path / "b.rapport") as book:
            plan_import(book, load(str(path)), today=TODAY)


def test_a_csv_that_went_through_a_spreadsheet_is_read_right_and_a_rounded_id_is_named(book: Book,
                                                                                      tmp_path: Path) -> None:
    """Saved again by Excel: money as "$1,149.00 " with a trailing space, negatives in parentheses,
    dates as M/D/YYYY, and the customer ids rounded to 7.02255E+12."""
    path = till_file(tmp_path, "transactions.csv", SQUARE_TRANSACTIONS, [
        {"Date": "9/3/2026", "Time Zone": "UTC", "Total Collected": "$1,149.00 ", "Transaction ID": "T1",
         "Event Type": "Payment", "Customer ID": "7.02255E+12", "Customer Name": "Anna Berg"},
        {"Date": "9/14/2026", "Time Zone": "UTC", "Total Collected": "($12.96)", "Transaction ID": "T2",
         "Event Type": "Refund", "Customer ID": "7.02255E+12", "Customer Name": "Anna Berg"},
        {"Date": "9/15/2026", "Time Zone": "UTC", "Total Collected": "$5.00", "Transaction ID": "T3",
         "Event Type": "Payment", "Customer ID": "7.02255E+12", "Customer Name": "Bo Lind"},
    ])
    plan = plan_import(book, load(str(path)), today=TODAY)
    assert plan.warnings == ["line 2: the customer id 7.02255E+12 was rounded by a spreadsheet (its digits are "
                             "lost), so it is not used; the customer is matched by name, email or phone instead"]
    book.interchange.apply_import(plan, today=TODAY, backup=False)
    assert sorted((c.name, c.external_id) for c in book.contacts.in_view()) == [("Anna Berg", ""), ("Bo Lind", "")]
    anna = next(c for c in book.contacts.in_view() if c.name == "Anna Berg")
    assert sorted((i.occurred_on.isoformat(), i.kind.value, i.amount_cents)
                  for i in book.interactions.for_contact(anna.id)) == [
        ("2026-09-03", "purchase", 114900), ("2026-09-14", "refund", 1296)]


def test_what_the_book_already_holds_is_known_by_its_kind_not_by_its_words(book: Book, tmp_path: Path) -> None:
    """In German as in English: an export imported twice holds nothing new; next month's lists only
    the sale imported before, not its customer whom the book knows; a line with no name at all is
    listed as such, in the owner's words. The reasons are told apart by what holds them, never by
    reading their words back."""
    from core import i18n

    row = {"Date": "2026-09-03", "Time": "10:14:02", "Time Zone": "UTC", "Total Collected": "$31.16",
           "Transaction ID": "T1", "Event Type": "Payment", "Customer ID": "CUST-A", "Customer Name": "Anna Berg"}
    september = till_file(tmp_path, "sep.csv", SQUARE_TRANSACTIONS, [row])
    october = till_file(tmp_path, "oct.csv", SQUARE_TRANSACTIONS,
                        [row, {**row, "Date": "2026-10-01", "Transaction ID": "T9"}])
    cards = tmp_path / "cards.csv"
    cards.write_text("Name,Email,Notes\nBo Lind,bo@example.se,\n,,met at the fair\n", encoding="utf-8")
    i18n.use_language("de")
    try:
        imported(book, september)
        again = plan_import(book, load(str(september)), today=TODAY)
        assert again.nothing_to_import() == "Nichts zu importieren: das Buch enthält schon alles."
        plan = plan_import(book, load(str(october)), today=TODAY)
        assert [(s.reason, s.held) for s in plan.skipped] == [("bereits importiert", "imported")]
        assert plan.summary()[2] == "1 Kauf wird festgehalten, 31,16 insgesamt"  # as Germans write it
        listed = plan_import(book, load(str(cards)), today=TODAY)
        assert [s.what for s in listed.skipped] == ["(ohne Namen)"]
    finally:
        i18n.use_language("en")
