"""Occasions (DESIGN, "Occasions"): floating days by country against a table written by hand from
published calendars (not from the code), year-less and leap-day days, lead times across month and
year ends, stopped occasions never shown, and the Monday page's new first section."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from core import ladder
from core.cli import run
from core.errors import ValidationError
from core.occasions import Occasion, OccasionKind, fathers_day, headline, mothers_day, next_on
from core.store import Book
from tests.ladder_factories import SETTINGS, evidence

YEARS = range(2024, 2034)
# Mother's Day, second Sunday of May (US, Canada, Germany, Italy…).
SECOND_SUNDAY_OF_MAY = ["2024-05-12", "2025-05-11", "2026-05-10", "2027-05-09", "2028-05-14", "2029-05-13",
                        "2030-05-12", "2031-05-11", "2032-05-09", "2033-05-08"]
# Mothering Sunday (UK): three weeks before Easter (Easter 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28,
# 2028-04-16, 2029-04-01, 2030-04-21, 2031-04-13, 2032-03-28, 2033-04-17).
MOTHERING_SUNDAY = ["2024-03-10", "2025-03-30", "2026-03-15", "2027-03-07", "2028-03-26", "2029-03-11",
                    "2030-03-31", "2031-03-23", "2032-03-07", "2033-03-27"]
# Fête des mères: the last Sunday of May (none of these years falls on Pentecost).
FETE_DES_MERES = ["2024-05-26", "2025-05-25", "2026-05-31", "2027-05-30", "2028-05-28", "2029-05-27",
                  "2030-05-26", "2031-05-25", "2032-05-30", "2033-05-29"]
# Vatertag: Ascension Day.
VATERTAG = ["2024-05-09", "2025-05-29", "2026-05-14", "2027-05-06", "2028-05-25", "2029-05-10", "2030-05-30",
            "2031-05-22", "2032-05-06", "2033-05-26"]
# Father's Day, third Sunday of June (US, UK, Canada, France).
THIRD_SUNDAY_OF_JUNE = ["2024-06-16", "2025-06-15", "2026-06-21", "2027-06-20", "2028-06-18", "2029-06-17",
                        "2030-06-16", "2031-06-15", "2032-06-20", "2033-06-19"]


@pytest.mark.parametrize("country, rule, table", [
    ("US", mothers_day, SECOND_SUNDAY_OF_MAY), ("DE", mothers_day, SECOND_SUNDAY_OF_MAY),
    ("IT", mothers_day, SECOND_SUNDAY_OF_MAY), ("CA", mothers_day, SECOND_SUNDAY_OF_MAY),
    ("GB", mothers_day, MOTHERING_SUNDAY), ("FR", mothers_day, FETE_DES_MERES),
    ("DE", fathers_day, VATERTAG), ("US", fathers_day, THIRD_SUNDAY_OF_JUNE), ("GB", fathers_day, THIRD_SUNDAY_OF_JUNE),
    ("FR", fathers_day, THIRD_SUNDAY_OF_JUNE),
])
def test_floating_days_for_ten_years(country: str, rule, table: list[str]) -> None:
    assert [rule(year, country).isoformat() for year in YEARS] == table


def test_the_fete_des_meres_moves_to_june_when_the_last_sunday_of_may_is_pentecost() -> None:
    assert mothers_day(2004, "FR") == date(2004, 6, 6)  # Pentecost 2004 was Sunday 30 May
    assert (fathers_day(2026, "IT"), mothers_day(2026, "ES")) == (date(2026, 3, 19), date(2026, 5, 3))


def test_a_year_less_birthday_a_leap_day_and_a_lead_across_the_year_end() -> None:
    mei = Occasion(contact_id=1, kind=OccasionKind.BIRTHDAY, day="--02-29", for_whom="his wife Mei")
    assert next_on(mei, date(2026, 12, 4), "GB") == date(2027, 2, 28)  # not a leap year: the 28th
    assert next_on(mei, date(2026, 12, 4), "GB", leap_day_on_28=False) == date(2027, 3, 1)
    assert next_on(mei, date(2027, 12, 4), "GB") == date(2028, 2, 29)
    new_year = Occasion(contact_id=1, kind=OccasionKind.BIRTHDAY, day="1961-01-02", lead_days=7)
    assert next_on(new_year, date(2026, 12, 28), "GB") == date(2027, 1, 2)
    assert headline(new_year, "Anna", date(2027, 1, 2)) == "Anna's 66th birthday on Sat 2 Jan"
    assert headline(mei, "Wei", date(2027, 2, 28)) == "his wife Mei's birthday on Sun 28 Feb"


def test_a_stopped_occasion_has_no_next_day() -> None:
    gone = Occasion(contact_id=1, kind=OccasionKind.BIRTHDAY, day="--05-12", stopped_on=date(2026, 1, 3),
                    stopped_why="passed away")
    assert next_on(gone, date(2026, 5, 1), "GB") is None


# ---------------------------------------------------------------- the Monday page
MONDAY, THURSDAY = date(2026, 5, 25), date(2026, 5, 28)


def week(ev, today: date = MONDAY) -> dict[str, list[tuple[str, str]]]:
    result = ladder.evaluate(ev, SETTINGS, today)
    checklist = ladder.build_checklist([(ev, result)], SETTINGS, MONDAY, today=today)
    return {s.key: [(e.why, e.step) for e in s.entries] for s in checklist.sections if s.entries}


def anniversary(lead: int = 7, stopped: bool = False, day: str = "2001-05-31") -> Occasion:
    return Occasion(contact_id=1, kind=OccasionKind.ANNIVERSARY, day=day, lead_days=lead,
                    stopped_on=date(2026, 1, 1) if stopped else None)


def with_occasions(*occasions: Occasion, **kwargs):
    from dataclasses import replace

    ev = evidence(name="Wei Zhang", **kwargs)
    return replace(ev, occasions=occasions)


def test_the_occasion_wins_over_a_cadence_line_and_the_contact_appears_once() -> None:
    regular = dict(purchases=(200, 240, 280), received=(190,))  # in May: "One step from partner"
    assert list(week(with_occasions(**regular))) == ["one_step_from_partner"]
    assert week(with_occasions(anniversary(), **regular)) == {"occasions": [(
        "Wei's 25th wedding anniversary on Sun 31 May", "Call Wei by Fri 29 May")]}


def test_the_line_shows_from_the_monday_of_the_week_its_lead_starts_and_not_after_the_day() -> None:
    assert "occasions" in week(with_occasions(anniversary(lead=4, day="2001-06-04")))  # lead starts Sun 31 May
    assert "occasions" not in week(with_occasions(anniversary(lead=3, day="2001-06-04")))  # starts Mon 1 Jun
    assert "occasions" not in week(with_occasions(anniversary(day="2001-05-24")))  # the day has passed


def test_a_stopped_occasion_is_never_on_the_page_nor_in_the_plan() -> None:
    ev = with_occasions(anniversary(stopped=True))
    assert "occasions" not in week(ev)
    plan = ladder.plan_for(ev, ladder.evaluate(ev, SETTINGS, MONDAY), SETTINGS, MONDAY)
    assert not any(step.key.startswith("occasion:") for step in plan.steps)


def test_the_section_ranks_by_the_day() -> None:
    from dataclasses import replace

    soon = replace(with_occasions(anniversary(day="2001-05-27")), contact=replace(
        evidence().contact, id=2, name="Ana Soon"))
    later = with_occasions(anniversary())
    checklist = ladder.build_checklist([(e, ladder.evaluate(e, SETTINGS, MONDAY)) for e in (later, soon)], SETTINGS,
                                       MONDAY, today=MONDAY)
    [section] = [s for s in checklist.sections if s.key == "occasions"]
    assert [e.name for e in section.entries] == ["Ana Soon", "Wei Zhang"]


# ---------------------------------------------------------------- the book and the command line
def cli(path: Path, today: str, *args: str) -> str:
    out = io.StringIO()
    assert run(["--book", str(path), "--today", today, *args], out=out) == 0, out.getvalue()
    return out.getvalue()


def test_occasions_through_the_command_line_stop_and_undo(tmp_path: Path) -> None:
    path = tmp_path / "shop.rapport"
    cli(path, "2026-05-20", "add", "Wei Zhang")
    assert cli(path, "2026-05-20", "occasion", "add", "1", "anniversary", "31 May 2001", "--note", "red roses") == \
        "Wei Zhang: wedding anniversary, next on 31 May 2026, 7 days' notice: red roses.\n"
    assert cli(path, "2026-05-20", "occasion", "add", "1", "mothers-day", "--for", "his mother") == \
        "Wei Zhang: Mother's Day (for his mother), next on 9 May 2027, 7 days' notice.\n"
    assert "Occasions:\n  1. wedding anniversary, next on 31 May 2026" in cli(path, "2026-05-20", "show", "1")
    week_text = cli(path, "2026-05-25", "checklist")
    assert "Why: Wei's 25th wedding anniversary on Sun 31 May\n      Step: Call Wei by Fri 29 May (red roses)" \
        in week_text
    cli(path, "2026-05-25", "occasion", "stop", "1", "1", "--why", "passed away")
    assert "Wei Zhang" not in cli(path, "2026-05-25", "occasion", "list")
    assert "anniversary" not in cli(path, "2026-05-25", "checklist")
    cli(path, "2026-05-25", "occasion", "stop", "1", "1", "--undo")
    assert "31 May 2026  Wei Zhang: wedding anniversary" in cli(path, "2026-05-25", "occasion", "list")


def test_an_imported_birthday_is_an_occasion_and_a_stopped_one_stays_stopped(tmp_path: Path) -> None:
    card = tmp_path / "anna.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nBDAY:--06-12\r\nEND:VCARD\r\n", encoding="utf-8")
    path = tmp_path / "shop.rapport"
    cli(path, "2026-06-01", "import", str(card))
    assert " 12 Jun 2026  Anna Berg: birthday" in cli(path, "2026-06-01", "occasion", "list")
    with Book.open(path, backup_daily=False) as book:
        [anna] = book.contacts.find_by_name("Anna Berg")
        book.occasions.stop(anna.id, 1, "passed away", today=date(2026, 6, 1))
        assert book.occasions.of(anna.id) == [] and book.occasions.coming(date(2026, 6, 1)) == []
        assert book.contacts.get(anna.id).birthday == "--06-12", "kept, never shown"


def test_an_occasion_needs_a_day_unless_it_floats(book: Book) -> None:
    wei = book.contacts.add("Wei Zhang")
    with pytest.raises(ValidationError, match="a birthday needs a day"):
        book.occasions.add(wei.id, "birthday")
    added = book.occasions.add(wei.id, "shop opening", "3 Sep")
    assert (added.kind, added.label, added.day) == (OccasionKind.OTHER, "shop opening", "--09-03")


@pytest.mark.parametrize("n, said", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (100, "100th"),
                                     (101, "101st"), (111, "111th"), (112, "112th")])
def test_ordinals(n: int, said: str) -> None:
    from core.occasions import ordinal

    assert ordinal(n) == said


def test_fixed_and_other_countries_floating_days() -> None:
    from core.occasions import on_in_year

    def on(kind: OccasionKind, year: int = 2026, country: str = "GB", day: str = "") -> date | None:
        return on_in_year(Occasion(1, kind, day), year, country)

    assert (on(OccasionKind.VALENTINES), on(OccasionKind.CHRISTMAS), on(OccasionKind.NEW_YEAR)) == (
        date(2026, 2, 14), date(2026, 12, 25), date(2026, 1, 1))
    assert on(OccasionKind.BIRTHDAY) is None, "no day known"
    assert on(OccasionKind.MOTHERS_DAY, country="IE") == date(2026, 3, 15)
    assert on(OccasionKind.FATHERS_DAY, country="AU") == date(2026, 9, 6)
    assert on(OccasionKind.FATHERS_DAY, country="NZ") == date(2026, 9, 6)
    assert on(OccasionKind.FATHERS_DAY, country="AT") == date(2026, 5, 14)
    assert on(OccasionKind.FATHERS_DAY, country="PT") == date(2026, 3, 19)
    assert on(OccasionKind.FATHERS_DAY, country="ES") == date(2026, 3, 19)
    assert on(OccasionKind.FATHERS_DAY, country="") == date(2026, 6, 21)
    assert on(OccasionKind.MEMORIAL, 2027, day="1990-03-01") == date(2027, 3, 1)
    assert on_in_year(Occasion(1, OccasionKind.BIRTHDAY, "--02-29"), 2027, "GB", leap_day_on_28=False) == \
        date(2027, 3, 1)


def test_an_occasion_today_is_today_and_a_floating_one_follows_the_country() -> None:
    today = date(2026, 3, 15)
    assert next_on(Occasion(1, OccasionKind.BIRTHDAY, "--03-15"), today, "GB") == today
    assert next_on(Occasion(1, OccasionKind.MOTHERS_DAY), today, "GB") == today  # Mothering Sunday 2026
    assert next_on(Occasion(1, OccasionKind.MOTHERS_DAY), today, "US") == date(2026, 5, 10)


def test_what_an_occasion_is_called() -> None:
    assert Occasion(1, OccasionKind.OTHER, "--09-03", label="shop opening").what() == "shop opening"
    assert Occasion(1, OccasionKind.OTHER, "--09-03").what() == "occasion"
    assert Occasion(1, OccasionKind.BIRTHDAY, "--09-03", label="ignored").what() == "birthday"
    memorial = Occasion(1, OccasionKind.MEMORIAL, "1990-09-03")
    assert headline(memorial, "Ana", date(2026, 9, 3)) == "Ana's memorial day on Thu 3 Sep"  # no "36th"
    mothers = Occasion(1, OccasionKind.MOTHERS_DAY, for_whom="his mother")
    assert headline(mothers, "Wei", date(2026, 5, 10)) == "Mother's Day (for his mother) on Sun 10 May"
    assert headline(Occasion(1, OccasionKind.VALENTINES), "Wei", date(2027, 2, 14)) == "Valentine's Day on Sun 14 Feb"
    born = Occasion(1, OccasionKind.BIRTHDAY, "2026-05-31")
    assert headline(born, "Baby Li", date(2026, 5, 31)) == "Baby Li's birthday on Sun 31 May"  # the day itself


def test_two_occasions_each_its_step_soonest_first_and_a_tick_ends_this_years() -> None:
    from dataclasses import replace

    from core.domain import Kind

    later = anniversary(day="2001-05-31")
    not_yet = Occasion(1, OccasionKind.BIRTHDAY, "--08-01")
    sooner = Occasion(1, OccasionKind.BIRTHDAY, "1961-05-27", for_whom="his wife Mei")
    ev = with_occasions(not_yet, later, sooner)
    plan = ladder.plan_for(ev, ladder.evaluate(ev, SETTINGS, MONDAY), SETTINGS, MONDAY)
    steps = [(s.text, s.key, s.kind) for s in plan.steps if s.key.startswith("occasion:")]
    assert steps == [
        ("his wife Mei's 65th birthday on Wed 27 May: call Wei by Mon 25 May", "occasion:birthday:his wife Mei:2026-05-27",
         Kind.CONVERSATION),
        ("Wei's 25th wedding anniversary on Sun 31 May: call Wei by Fri 29 May", "occasion:anniversary::2026-05-31",
         Kind.CONVERSATION)]
    ticked = replace(ev, done_steps={"occasion:birthday:his wife Mei:2026-05-27": date(2026, 5, 25)})
    plan = ladder.plan_for(ticked, ladder.evaluate(ticked, SETTINGS, MONDAY), SETTINGS, MONDAY)
    assert [s.key for s in plan.steps if s.key.startswith("occasion:")] == ["occasion:anniversary::2026-05-31"]
    last_year = replace(ev, done_steps={"occasion:birthday:his wife Mei:2026-05-27": date(2025, 5, 25)})
    plan = ladder.plan_for(last_year, ladder.evaluate(last_year, SETTINGS, MONDAY), SETTINGS, MONDAY)
    assert len([s for s in plan.steps if s.key.startswith("occasion:")]) == 2, "last year's tick is last year's"
    edge = replace(ev, done_steps={"occasion:birthday:his wife Mei:2026-05-27": date(2026, 2, 26)})  # 90 days before
    plan = ladder.plan_for(edge, ladder.evaluate(edge, SETTINGS, MONDAY), SETTINGS, MONDAY)
    assert len([s for s in plan.steps if s.key.startswith("occasion:")]) == 1
    before = replace(ev, done_steps={"occasion:birthday:his wife Mei:2026-05-27": date(2026, 2, 25)})  # 91 days
    plan = ladder.plan_for(before, ladder.evaluate(before, SETTINGS, MONDAY), SETTINGS, MONDAY)
    assert len([s for s in plan.steps if s.key.startswith("occasion:")]) == 2


def test_a_floating_occasion_in_the_plan_follows_the_books_country() -> None:
    from dataclasses import replace

    ev = with_occasions(Occasion(1, OccasionKind.MOTHERS_DAY, for_whom="his mother"))
    british = replace(SETTINGS, country="GB")
    today = date(2026, 3, 9)  # Mothering Sunday is 15 Mar in the UK, 10 May in the US
    plan = ladder.plan_for(ev, ladder.evaluate(ev, british, today), british, today)
    assert plan.steps[0].text == "Mother's Day (for his mother) on Sun 15 Mar: call Wei by Fri 13 Mar"
    plan = ladder.plan_for(ev, ladder.evaluate(ev, SETTINGS, today), SETTINGS, today)
    assert not any(s.key.startswith("occasion:") for s in plan.steps)


def test_a_leap_day_birthday_falls_where_the_owner_chose(book: Book) -> None:
    wei = book.contacts.add("Wei Zhang", today=date(2027, 2, 20))
    book.occasions.add(wei.id, "birthday", "29 Feb", for_whom="his wife Mei", today=date(2027, 2, 20))
    [(on, _, _, _)] = book.occasions.coming(date(2027, 2, 20))
    assert on == date(2027, 2, 28)
    book.update_settings(today=date(2027, 2, 20), leap_day="1 Mar")
    [(on, _, _, _)] = book.occasions.coming(date(2027, 2, 20))
    assert on == date(2027, 3, 1)
    step = next(s for s in book.status.plan(wei.id, date(2027, 2, 23)).steps if s.key.startswith("occasion:"))
    assert step.text == "his wife Mei's birthday on Mon 1 Mar: call Wei by Sat 27 Feb"
    with pytest.raises(ValidationError, match="28 Feb or 1 Mar"):
        book.update_settings(today=date(2027, 2, 20), leap_day="2 Mar")


def test_the_calendar_follows_the_leap_day_choice() -> None:
    import vobject

    from core.interchange.export import calendar

    mei = [(8, "Wei", Occasion(8, OccasionKind.BIRTHDAY, "--02-29"))]
    on_first = vobject.readOne(calendar([], mei, "Bloom & Stem", leap_day_on_28=False))
    assert on_first.vevent.rrule.value == "FREQ=YEARLY;BYYEARDAY=60"


def test_whoever_has_a_day_on_the_card_is_found_off_an_index(book) -> None:
    from core.store.occasions import WITH_DAYS_ON_THE_CARD

    plan = " ".join(row[3] for row in book.conn.execute(f"EXPLAIN QUERY PLAN {WITH_DAYS_ON_THE_CARD}"))
    assert "USING INDEX contacts_with_days" in plan, plan


def test_a_contact_in_the_trash_has_no_occasion_coming_until_restored(book) -> None:
    today = date(2026, 5, 20)
    anna = book.contacts.add("Anna Berg", birthday="--05-24", today=today)  # on the card
    wei = book.contacts.add("Wei Zhang", today=today)
    book.occasions.add(wei.id, "anniversary", "31 May 2001", today=today)  # a row of its own
    assert [(c.name, c.occasion.kind.value) for c in book.occasions.coming(today)] == [
        ("Anna Berg", "birthday"), ("Wei Zhang", "anniversary")]
    for contact in (anna, wei):
        book.contacts.delete(contact.id, today=today)
    assert book.occasions.coming(today) == [] and book.occasions.mark_coming(today) == 0
    assert book.occasions.reminders(today) == []
    book.contacts.restore(wei.id, today=today)
    assert [c.name for c in book.occasions.coming(today)] == ["Wei Zhang"]


def test_the_occasion_line_says_the_occasion_step_even_when_another_step_is_more_urgent() -> None:
    """A slipping regular's call is due today, before the anniversary's; the occasions line still
    names the anniversary's step, not the most urgent one."""
    ev = with_occasions(anniversary(), purchases=(300, 330, 360, 20))
    plan = ladder.plan_for(ev, ladder.evaluate(ev, SETTINGS, MONDAY), SETTINGS, MONDAY)
    assert ladder.next_step(plan).key == "slipping"
    assert week(ev) == {"occasions": [("Wei's 25th wedding anniversary on Sun 31 May", "Call Wei by Fri 29 May")]}
