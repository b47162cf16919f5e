"""The printouts, read back with pypdf (and opened in QtPdf) from real files."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.domain import (
    Answer, Checklist, ChecklistEntry, ChecklistSection, ClientTestAnswer, Contact, Interaction, Kind, Plan,
    PlanSheet, PlanStep, Question, ReferralLine, Tier, TierResult,
)
from core.ladder.checklist import SECTIONS
from core.printing import render_checklist, render_plans

MONDAY = date(2026, 11, 23)
NAMES = ["Zoë", "Łukasiewicz", "Ødegård", "Анна Павлова", "Ελένη", "王伟",
         "A & B <Co>", "Tom <tom@example.com>", "AT&T", "<img src='/etc/passwd'/>"]


def checklist(per_section: dict[str, list[str]]) -> Checklist:
    sections = []
    for n, (key, title, purpose, _) in enumerate(SECTIONS):
        entries = tuple(
            ChecklistEntry(contact_id=100 * n + i, name=name, phone=f"+33 6 00 00 {n}{i:03d}", why=f"why {name}",
                           step=f"Call {name}", tier=Tier.PARTNER if n < 3 else Tier.CUSTOMER)
            for i, name in enumerate(per_section.get(key, []))
        )
        sections.append(ChecklistSection(key=key, title=title, purpose=purpose, entries=entries))
    return Checklist(business_name="Bloom & Stem", week_start=MONDAY, week_end=MONDAY + timedelta(days=6),
                     sections=tuple(sections))


def text_of(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_checklist_header_sections_people_and_phones(tmp_path: Path) -> None:
    out = tmp_path / "week.pdf"
    pages = render_checklist(checklist({"partners_due": ["Paula"], "slipping": ["Sam", "Sue"], "prospects": NAMES}),
                             out, printed_on=date(2026, 11, 24))
    pages_text = text_of(out)
    assert pages == len(pages_text) <= 2
    first, whole = pages_text[0], "\n".join(pages_text)
    assert "Bloom & Stem" in first and "Partner-cultivation checklist" in first
    assert "Week of 23 Nov – 29 Nov 2026" in first and "printed 24 Nov 2026" in first
    titles = [title for _, title, _, _ in SECTIONS]
    positions = [whole.index(t) for t in titles]
    assert positions == sorted(positions), "sections in DESIGN.md's order"
    assert whole.count("Nobody this week") == 6  # nine sections, three with people
    between = whole[whole.index(titles[7]):whole.index(titles[8])]
    assert "Sam" in between and "+33 6 00 00 7000" in between and "Sue" in between
    assert "Paula" in whole[whole.index(titles[3]):whole.index(titles[4])]
    for name in NAMES:
        assert name in whole, name
    assert re.search(r"Page 1 of \d", first)


def test_checklist_escaping_reads_nothing_from_disk(tmp_path: Path) -> None:
    out = tmp_path / "escape.pdf"
    render_checklist(checklist({"prospects": ["<img src='/etc/passwd'/>"]}), out)
    reader = PdfReader(out)
    assert "<img src='/etc/passwd'/>" in reader.pages[0].extract_text()
    assert "/Image" not in str(reader.pages[0].get("/Resources", {}).get("/XObject", {}))


def test_long_checklist_continues_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    names = [f"Customer {i:03d}" for i in range(120)]
    pages = render_checklist(checklist({"customers_to_client": names}), out)
    texts = text_of(out)
    assert pages == len(texts) > 3
    for page in texts[1:-1]:
        assert "Customers one step from client (continued)" in page
    for i in range(120):  # no entry split from its phone across a page
        holder = [t for t in texts if f"Customer {i:03d}" in t]
        assert len(holder) == 1 and f"+33 6 00 00 6{i:03d}" in holder[0]


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_size(tmp_path: Path, paper: str, size: tuple[int, int]) -> None:
    out = tmp_path / f"{paper}.pdf"
    render_checklist(checklist({}), out, paper_size=paper)
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_unknown_paper_size_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'A3'"):
        render_checklist(checklist({}), tmp_path / "x.pdf", paper_size="A3")


def sheet(name: str, interactions: int = 3, note: str = "Peonies") -> PlanSheet:
    contact = Contact(id=1, name=name, organisation="Bloom Partners", phones=("+33 6 11 22 33 44",),
                      emails=("x@example.com",))
    result = TierResult(tier=Tier.CUSTOMER, reasons=("2 purchases, the last on 2 Nov 2026",),
                        label_warning="You call them a partner; the evidence says customer: no purchase yet")
    steps = (PlanStep("Earn their trust: keep a promise", date(2026, 12, 1), question=Question.TRUST),)
    recent = tuple(Interaction(contact_id=1, kind=Kind.PURCHASE, occurred_on=date(2026, 11, 2) - timedelta(days=i),
                               amount_cents=4250, note=note) for i in range(interactions))
    answers = {Question.NEEDS: ClientTestAnswer(1, Question.NEEDS, Answer.YES, date(2026, 10, 14))}
    referrals = (ReferralLine(date(2026, 9, 1), Kind.REFERRAL_RECEIVED, 2, "Bob & Co"),)
    return PlanSheet(plan=Plan(contact, result, Tier.CLIENT, steps), answers=answers, recent=recent,
                     referrals=referrals)


def test_plans_one_page_per_contact_with_steps_answers_and_history(tmp_path: Path) -> None:
    out = tmp_path / "plans.pdf"
    seen: list[tuple[int, int]] = []
    pages = render_plans([sheet("Zoë"), sheet("王伟"), sheet("A & B <Co>")], out, business_name="Bloom & Stem",
                         printed_on=date(2026, 11, 24), progress=lambda done, total: seen.append((done, total)))
    texts = text_of(out)
    assert pages == len(texts) == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    for name, text in zip(["Zoë", "王伟", "A & B <Co>"], texts):
        assert name in text
        assert "Earn their trust: keep a promise" in text and "by 1 Dec 2026" in text
        assert "Not answered" in text and "14 Oct 2026" in text
        assert "42.50 EUR" in text and "They referred Bob & Co to us" in text
        assert "You call them a partner" in text


def test_plan_with_long_history_stays_on_one_page(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    assert render_plans([sheet("Ana", interactions=10, note="x" * 2000)], out, business_name="B") == 1
    assert len(PdfReader(out).pages) == 1


def test_pdfs_open_in_qtpdf(qapp, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    week, plans = tmp_path / "week.pdf", tmp_path / "plans.pdf"
    render_checklist(checklist({"prospects": NAMES}), week)
    render_plans([sheet("Zoë"), sheet("Ana")], plans, business_name="Bloom & Stem")
    for path, count in ((week, len(PdfReader(week).pages)), (plans, 2)):
        document = QPdfDocument()
        assert document.load(str(path)) == QPdfDocument.Error.None_
        assert document.status() == QPdfDocument.Status.Ready
        assert document.pageCount() == count
        document.close()


def test_a_long_week_is_cut_to_two_pages_and_says_how_many_more(tmp_path: Path) -> None:
    out = tmp_path / "capped.pdf"
    per_section = {"partners_at_risk": [f"Risk {i:03d}" for i in range(30)],
                   "slipping": [f"Slip {i:03d}" for i in range(400)],
                   "prospects": [f"Pros {i:03d}" for i in range(1500)]}
    pages = render_checklist(checklist(per_section), out, max_pages=2)
    texts = text_of(out)
    whole = "\n".join(texts)
    assert pages == len(texts) == 2
    shown = {key: sum(1 for name in names if name in whole) for key, names in per_section.items()}
    assert all(count >= 3 for count in shown.values()), shown
    for key, names in per_section.items():  # the best-ranked entries are the ones kept, in order
        assert all(name in whole for name in names[:shown[key]])
        assert names[shown[key]] not in whole
    assert f"and {1500 - shown['prospects']:,} more: see “This week” in Rapport" in whole
    assert "Partners at risk" in texts[0] and "Risk 000" not in texts[1]
    assert "Partners at risk (continued)" not in texts[1], "its last row and its 'and … more' ended on page 1"
    assert f"and {400 - shown['slipping']:,} more: see “This week” in Rapport" in whole
    titles = [title for _, title, _, _ in SECTIONS]
    assert [t for t in titles if t in whole] == titles, "every section is still there, in order"


def test_a_week_that_fits_is_printed_whole(tmp_path: Path) -> None:
    out = tmp_path / "whole.pdf"
    render_checklist(checklist({"prospects": NAMES}), out, max_pages=2)
    whole = "\n".join(text_of(out))
    assert all(name in whole for name in NAMES) and "more: see “This week”" not in whole


def test_a_line_with_no_step_left_prints_no_empty_step(tmp_path: Path) -> None:
    """A referrer whose step is already done this cycle is still listed for why; an empty 'Step:'
    beside it read as a printing fault."""
    from dataclasses import replace

    listed = checklist({"one_step_from_partner": ["Kari", "Aisha"]})
    sections = tuple(replace(s, entries=(replace(s.entries[0], step=""), s.entries[1]))
                     if s.key == "one_step_from_partner" else s for s in listed.sections)
    out = tmp_path / "week.pdf"
    render_checklist(replace(listed, sections=sections), out)
    whole = "\n".join(text_of(out))
    kari, aisha = whole.index("Kari"), whole.index("Aisha")
    assert "why Kari" in whole[kari:aisha] and "Step:" not in whole[kari:aisha]
    assert "Step: Call Aisha" in whole[aisha:]


def test_a_printed_plan_shows_every_referral_fact_the_pane_shows(tmp_path: Path) -> None:
    """Anna's page says who sent her (the pane's "Referred by Hannah"); Hannah's says what her leads
    bought and spent, as the pane does."""
    from datetime import date

    from core.store import Book

    today = date(2026, 11, 24)
    with Book.open(tmp_path / "b.rapport", backup_daily=False) as book:
        hannah = book.contacts.add("Hannah Wolf", today=today)
        anna = book.contacts.add("Anna Berg", today=today)
        book.interactions.log(hannah.id, "referral_received", "2026-10-01", referred_contact_id=anna.id, today=today)
        book.interactions.log(anna.id, "purchase", "2026-10-05", amount="30", today=today)
        sheets = [book.status.plan_sheet(cid, today) for cid in (anna.id, hannah.id)]
    out = tmp_path / "plans.pdf"
    render_plans(sheets, out, business_name="Bloom & Stem", currency="EUR")
    anna_page, hannah_page = (" ".join(page.split()) for page in text_of(out))
    assert "Referred by Hannah Wolf on 1 Oct 2026" in anna_page
    assert "No referrals either way" not in anna_page
    assert "1 Oct 2026 · They referred Anna Berg to us · bought, 30.00 EUR" in hannah_page
    assert "Their leads have spent 30.00 EUR with us" in hannah_page
