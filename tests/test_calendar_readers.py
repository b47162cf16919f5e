"""The calendar export, read back by two independent readers (icalendar and vobject), as a phone's
calendar would read it: each occasion a yearly event with an alarm its lead time before, floating
days on their own dates, stopped occasions nowhere."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import vobject

from tests.test_cli import rapport


def _calendar(book_path: Path, tmp_path: Path) -> str:
    assert rapport(book_path, "add", "Wei Zhang")[0] == 0
    for args in (("anniversary", "31 May 2001", "--note", "red roses"),
                 ("birthday", "--12-01", "--for", "his wife Mei", "--lead", "10"),
                 ("mothers-day", "--for", "his mother"),
                 ("memorial", "3 Jan", "--for", "his father")):
        code, _, err = rapport(book_path, "occasion", "add", "1", *args)
        assert code == 0, err
    code, _, err = rapport(book_path, "occasion", "stop", "1", "4", "--why", "no more reminders")
    assert code == 0, err
    target = tmp_path / "wei.ics"
    assert rapport(book_path, "export", "--format", "ics", "--out", str(target))[0] == 0
    return target.read_text(encoding="utf-8")


def test_icalendar_reads_yearly_events_with_their_alarms(book_path: Path, tmp_path: Path) -> None:
    read = icalendar.Calendar.from_ical(_calendar(book_path, tmp_path))
    events = {str(e["SUMMARY"]): e for e in read.walk("VEVENT")}
    assert not [s for s in events if "father" in s or "Memorial" in s], "a stopped occasion is left out"
    anniversary = events["Wedding anniversary: Wei Zhang"]
    assert anniversary.decoded("DTSTART") == date(2001, 5, 31)
    assert anniversary["RRULE"]["FREQ"] == ["YEARLY"]
    [alarm] = anniversary.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=7)
    mei = events["Birthday: Wei Zhang (for his wife Mei)"]
    assert (mei.decoded("DTSTART").month, mei.decoded("DTSTART").day) == (12, 1)
    assert mei.walk("VALARM")[0].decoded("TRIGGER") == -timedelta(days=10)
    # Mother's Day has no rule a calendar knows: one event a year, on the US date (second Sunday of
    # May; from timeanddate.com's table: 9 May 2027, 14 May 2028, 13 May 2029, 12 May 2030).
    mothers = sorted(e.decoded("DTSTART") for e in read.walk("VEVENT") if "Mother" in str(e["SUMMARY"]))
    assert mothers == [date(2026, 5, 10), date(2027, 5, 9), date(2028, 5, 14), date(2029, 5, 13), date(2030, 5, 12)]


def test_vobject_expands_the_yearly_rule_to_the_next_days(book_path: Path, tmp_path: Path) -> None:
    read = vobject.readOne(_calendar(book_path, tmp_path))
    by_summary = {e.summary.value: e for e in read.vevent_list}
    anniversary = by_summary["Wedding anniversary: Wei Zhang"]
    days = [d.date() if isinstance(d, datetime) else d for d in anniversary.getrruleset().between(
        datetime(2026, 11, 24), datetime(2029, 1, 1))]
    assert days == [date(2027, 5, 31), date(2028, 5, 31)]
    assert anniversary.valarm.trigger.value == -timedelta(days=7)
    assert all("father" not in summary for summary in by_summary)
