"""Facts the rules, plans and checklist all read off one contact's evidence on one day.

Computed once per evaluation so that every rule sees the same window and the same dates.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Generic, TypeVar

from core.domain import Answer, Closure, ContactKind, Evidence, Question, Settings
from core.i18n import _, keeps_words, ngettext


def window_phrase(days: int) -> str:
    """How the window W reads in a sentence: "the last 12 months" for the default 365 days."""
    if days % 365 == 0:
        months = 12 * days // 365
        return ngettext("the last month", "the last {count} months", months).format(count=months)
    return ngettext("the last day", "the last {count} days", days).format(count=days)


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})
_BUSINESS_MARKS = frozenset({"&", "and", "ltd", "ltd.", "inc", "inc.", "llc", "gmbh", "co", "co.", "sa", "sarl", "bv",
                             "hotel", "café", "cafe", "restaurant", "studio", "shop", "the", "bakery", "bar"})


@keeps_words
@lru_cache(maxsize=8192)
def window_span(days: int) -> str:
    """W as a length: "12 months" for the default 365 days."""
    if days % 365 == 0:
        months = 12 * days // 365
        return ngettext("{count} month", "{count} months", months).format(count=months)
    return ngettext("{count} day", "{count} days", days).format(count=days)


def short_name(name: str, organisation: str = "") -> str:
    """The name a shop owner would use in a to-do: the first name for a person, all of a business.

    A business (its name is its organisation, or it looks like one: &, Ltd, Café, Hotel…) and
    a one-word name stay whole: "Refer a customer to Wedding Bells Planning", not "to Wedding".
    """
    if organisation and organisation.strip().casefold() == name.strip().casefold():
        return name
    words = name.split()
    if len(words) >= 2 and words[0].lower().rstrip(".") in _TITLES:
        return f"{words[0]} {words[-1]}"  # "Dr. Okafor", never just "Dr."
    if len(words) <= 1 or any(w.lower().strip(",") in _BUSINESS_MARKS for w in words):
        return name
    if any(map(str.isdigit, name)):  # each character asked in C, not through a generator
        return name  # "Customer 00017" from a till's log: the number is what tells them apart
    return words[0]


_T = TypeVar("_T")


class once(Generic[_T]):
    """A fact worked out on first use and kept on the instance, like ``functools.cached_property``
    without its lock: on Python 3.11 that lock cost a quarter of re-tiering a book. A Facts is made
    and read by one thread, so the lock bought nothing here."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> _T:
        if instance is None:
            return self  # type: ignore[return-value]  # the class attribute, as for any descriptor
        value = self.compute(instance)
        instance.__dict__[self.name] = value  # a frozen dataclass's fields are guarded, its __dict__ is not
        return value


QUESTIONS = tuple(Question)  # iterating an Enum builds a generator each time: the rules do it per contact


def complaint_days(evidence: Evidence, settings: Settings) -> list[date]:
    """The days a complaint can change a verdict: the day it was resolved, the day that resolution
    leaves W, and, for a Trust ever answered yes, the day a complaint has been open longer than the
    client cadence (that yes back in question; the tier's history replays answers since changed).
    Without a yes the day changes nothing, so a new client cadence need not reach whoever complained
    (``settings_reach``)."""
    answers = evidence.answer_history or tuple(evidence.answers.values())
    trusted = any(answer.question is Question.TRUST and answer.answer is Answer.YES for answer in answers)
    too_long = timedelta(days=settings.client_cadence_days + 1) if trusted else None
    days = [made + too_long for made in evidence.open_complaints] if too_long else []
    for made, resolved in evidence.resolved_complaints:
        days += [resolved, resolved + timedelta(days=settings.window_days)]
        if too_long and made + too_long <= resolved:
            days.append(made + too_long)
    return days


def _median(values: list[int]) -> float:
    """``statistics.median`` of a few gaps, without its checks and conversions: twice a verdict."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def rhythm_of(visit_days: tuple[date, ...], settings: Settings) -> int | None:
    """A buyer's own rhythm in days (DESIGN, "their own rhythm": anniversary roses every May), or None.

    It is their usual gap between visits (the median), when a visit on that rhythm, made as late as
    the grace period allows, would come after their last visit has left W: W alone would drop them
    once a year and raise them again. Shorter rhythms are held by W as it is."""
    if len(visit_days) < 2:
        return None
    gap = round(_median([(b - a).days for a, b in zip(visit_days, visit_days[1:])]))
    return gap if gap + settings.rhythm_grace_days >= settings.window_days else None


YEARLY = range(330, 401)  # a usual gap this long is a yearly habit: the same day next year


def next_on_rhythm(last: date, rhythm: int, leap_day_on_28: bool = True) -> date:
    """The next visit a rhythm expects: a yearly one on the same day a year after the last (13 Feb
    stays 13 Feb across a leap year, where 365 or 366 days would drift), else the last plus the gap."""
    if rhythm not in YEARLY:
        return last + timedelta(days=rhythm)
    try:
        return last.replace(year=last.year + 1)
    except ValueError:  # 29 February: where the owner's settings put it in other years
        return date(last.year + 1, 2, 28) if leap_day_on_28 else date(last.year + 1, 3, 1)


def every_words(days: float) -> str:
    """A gap as an owner says it: "12 months", "3 weeks", "5 days"."""
    if days >= 56:
        months = round(days / 30.4)
        return ngettext("{count} month", "{count} months", months).format(count=months)
    if days >= 14:
        weeks = round(days / 7)
        return ngettext("{count} week", "{count} weeks", weeks).format(count=weeks)
    return ngettext("{count} day", "{count} days", round(days)).format(count=round(days))


def first_day_of_window(today: date, window_days: int) -> date:
    """The first day inside W: evidence dated this day or later, up to ``today``, counts. Written
    once, here: the rules, the revenue within W and the buyers of W all start it on this day."""
    return today - timedelta(days=window_days - 1)


@dataclass(frozen=True)
class Facts:
    """Evidence seen from ``today`` with window W: only dates on or before today count.

    Every derived fact is worked out once (``once``): the rules, the plan and the next
    change ask for the same slip day or visit days several times per contact.

    "Within W" means ``today - W < date <= today``: an event exactly W days ago has aged out.
    """

    evidence: Evidence
    settings: Settings
    today: date
    purchases: tuple[date, ...]
    inquiries: tuple[date, ...]
    referrals_received: tuple[date, ...]
    referrals_given: tuple[date, ...]
    joint_campaigns: tuple[date, ...]
    referred_on: tuple[date, ...]
    touches: tuple[date, ...]
    open_complaints: tuple[date, ...]

    @classmethod
    def of(cls, evidence: Evidence, settings: Settings, today: date) -> Facts:
        # The verdict, the plan, the week's section and the next change each read the same facts
        # of one contact in turn: the last ones made are handed back rather than made four times.
        last = _LAST[0]
        if last is not None and last.evidence is evidence and last.settings is settings and last.today == today:
            return last

        def past(days: tuple[date, ...]) -> tuple[date, ...]:
            # Evidence holds its days in order (Evidence's promise): the past is a prefix of them.
            if not days or days[-1] <= today:
                return days  # empty for most kinds, or all of it in the past: as it is
            return days[:bisect_right(days, today)]

        facts = cls(
            evidence=evidence, settings=settings, today=today,
            purchases=past(evidence.purchases), inquiries=past(evidence.inquiries),
            referrals_received=past(evidence.referrals_received), referrals_given=past(evidence.referrals_given),
            joint_campaigns=past(evidence.joint_campaigns), referred_on=past(evidence.referred_on),
            touches=past(evidence.touches), open_complaints=past(evidence.open_complaints),
        )
        _LAST[0] = facts
        return facts

    @once
    def window_start(self) -> date:
        """The first day inside W."""
        return first_day_of_window(self.today, self.settings.window_days)

    def within(self, day: date | None) -> bool:
        return day is not None and self.window_start <= day <= self.today

    def age_words(self, day: date) -> str:
        """How old a day that has left W is: "over 12 months", or "12 months" when exactly W old."""
        span = window_span(self.settings.window_days)
        return _("over {span}").format(span=span) if (self.today - day).days > self.settings.window_days else span

    def last_within(self, days: tuple[date, ...]) -> date | None:
        return days[-1] if days and self.within(days[-1]) else None

    def leaves_window(self, day: date) -> date:
        """The first day on which evidence dated ``day`` no longer counts."""
        return day + timedelta(days=self.settings.window_days)

    @once
    def name(self) -> str:
        contact = self.evidence.contact
        if contact.kind == ContactKind.ORGANISATION:
            return contact.name  # "Greenleaf Growers", never "Greenleaf" as if a first name
        return short_name(contact.name, contact.organisation)

    # ---- the criteria, each a plain yes/no
    @once
    def repeat_purchases(self) -> bool:
        """Purchases on at least N different days (one visit a day), one of them within W, or kept by
        the buyer's own rhythm."""
        return len(self.visit_days) >= self.settings.client_min_purchases and self.recent_visit

    @once
    def recent_visit(self) -> bool:
        """The last visit still counts: within W, or a buyer on their own rhythm not yet late by the grace."""
        held = self.rhythm_holds_until
        return self.last_within(self.purchases) is not None or (held is not None and self.today <= held)

    @once
    def rhythm(self) -> int | None:
        """Their own rhythm in days, longer than W can hold (``rhythm_of``), or None."""
        return rhythm_of(self.visit_days, self.settings)

    @once
    def rhythm_next(self) -> date | None:
        """When their rhythm expects the next visit (``next_on_rhythm``)."""
        return None if self.rhythm is None else next_on_rhythm(self.purchases[-1], self.rhythm,
                                                                self.settings.leap_day_on_28)

    @once
    def rhythm_holds_until(self) -> date | None:
        """The last day their rhythm keeps the last visit counting: the next visit due, plus the grace."""
        expected = self.rhythm_next
        return None if expected is None else expected + timedelta(days=self.settings.rhythm_grace_days)

    @once
    def past_exchange(self) -> bool:
        """Value once flowed between us (a referral either way, a joint campaign), however long ago."""
        return bool(self.referrals_received or self.referrals_given or self.joint_campaigns)

    def fresh_yes(self, question: Question) -> bool:
        answer = self.evidence.answers.get(question)
        if question is Question.TRUST and answer is not None and self.trust_shaken_by is not None:
            _made, resolved, _by = self.trust_shaken_by
            if resolved is None or answer.answered_on < resolved:
                return False  # a yes from before the long complaint was put right is back in question
        return (answer is not None and answer.answer is Answer.YES and answer.answered_on <= self.today
                and self.within(answer.answered_on))

    @once
    def trust_shaken_by(self) -> tuple[date, date | None, int] | None:
        """The latest complaint open longer than the client cadence (DESIGN, "complaints and trust":
        seed 004's eroded trust): (made on, resolved on or None while open, days it was open)."""
        shaken: tuple[date, date | None, int] | None = None
        spans: list[tuple[date, date | None]] = [(made, None) for made in self.open_complaints]
        spans += [(made, fixed if fixed <= self.today else None)
                  for made, fixed in self.evidence.resolved_complaints if made <= self.today]
        for made, fixed in spans:
            days = ((fixed or self.today) - made).days
            if days > self.settings.client_cadence_days and (shaken is None or made > shaken[0]):
                shaken = (made, fixed, days)
        return shaken

    @once
    def trust_in_question(self) -> bool:
        """Trust was a yes, and a long complaint put it back in question."""
        answer = self.evidence.answers.get(Question.TRUST)
        return (self.trust_shaken_by is not None and answer is not None and answer.answer is Answer.YES
                and self.within(answer.answered_on) and not self.fresh_yes(Question.TRUST))

    @once
    def questions_not_yes(self) -> tuple[Question, ...]:
        return tuple(q for q in QUESTIONS if not self.fresh_yes(q))

    @once
    def two_way(self) -> bool:
        return self.last_within(self.referrals_received) is not None and self.last_within(self.referrals_given) is not None

    @once
    def joint_campaign(self) -> bool:
        return self.last_within(self.joint_campaigns) is not None

    @once
    def partner_expiry(self) -> date | None:
        """The day the partner evidence leaves W if nothing new happens (None: not a partner)."""
        expiries = []
        if self.two_way:
            expiries.append(self.leaves_window(min(self.referrals_received[-1], self.referrals_given[-1])))
        if self.joint_campaign:
            expiries.append(self.leaves_window(self.joint_campaigns[-1]))
        return max(expiries) if expiries else None

    @once
    def visit_days(self) -> tuple[date, ...]:
        """Distinct purchase days: several purchases on one day are one visit."""
        return tuple(sorted(set(self.purchases)))

    @once
    def median_gap(self) -> float | None:
        days = self.visit_days
        if len(days) < 2:
            return None
        return _median([(b - a).days for a, b in zip(days, days[1:])])

    @once
    def slip_day(self) -> date | None:
        """The first day a regular (visits on ≥ N days) counts as slipping away, if they do not come back.

        Slipping means the days since the last visit exceed max(factor × median gap, median gap + grace).
        """
        gap = self.median_gap
        if len(self.visit_days) < self.settings.slipping_min_purchases or gap is None:
            return None
        limit = max(self.settings.slipping_gap_factor * gap, gap + self.settings.slipping_grace_days)
        return self.purchases[-1] + timedelta(days=int(limit) + 1)

    @once
    def slipping(self) -> bool:
        day = self.slip_day
        return day is not None and day <= self.today and self.closure is not Closure.GONE and not self.lapsed

    @once
    def lapsed(self) -> bool:
        """Off the Monday page: a buyer whose last visit has left W (and no rhythm of their own holds it),
        with nothing else between us within W (a customer of 2019 from a till's log is not due today),
        or a slipping regular who did not answer the tries."""
        if not self.purchases or self.closure is Closure.GONE:
            return False
        day = self.slip_day
        if day is not None and day <= self.today:  # a regular: their own rhythm of visits decides
            return not self.recent_visit or self.tries_since(self.purchases[-1]) >= self.settings.max_follow_ups
        if not self.recent_visit:
            others = (self.inquiries, self.referrals_received, self.referrals_given, self.joint_campaigns)
            return not any(self.last_within(days) for days in others)
        return False

    # ---- touches, tries and loops the owner closed
    @once
    def last_touch(self) -> date | None:
        return self.touches[-1] if self.touches else None

    def tries_since(self, day: date) -> int:
        """Days with a logged touch after ``day``: follow-ups that got no answer (an answer is new evidence)."""
        return sum(1 for touched in self.touches if touched > day)

    @once
    def hand_raised_on(self) -> date | None:
        """The last time they raised a hand: an inquiry, or someone referred them to us."""
        raised = self.inquiries[-1:] + self.referred_on[-1:]
        return max(raised) if raised else None

    @once
    def closure(self) -> Closure | None:
        """The loop the owner closed by hand, unless evidence came in after it (which reopens it)."""
        contact = self.evidence.contact
        if contact.closed_as is None or contact.closed_on is None or contact.closed_on > self.today:
            return None
        reopening = {
            Closure.NOT_A_FIT: self.inquiries + self.purchases + self.referrals_received + self.joint_campaigns,
            Closure.GONE: self.purchases + self.inquiries,
            Closure.KEEP_CUSTOMER: self.referrals_received + self.referrals_given + self.joint_campaigns,
        }[contact.closed_as]
        return None if any(day > contact.closed_on for day in reopening) else contact.closed_as

    @once
    def follow_up_base(self) -> date | None:
        """What a prospect's follow-ups answer: the raised hand, or the last exchange of a former partner."""
        days = [d for d in (self.hand_raised_on, *self.referrals_received[-1:], *self.referrals_given[-1:],
                            *self.joint_campaigns[-1:]) if d is not None]
        return max(days) if days else None

    @once
    def went_quiet(self) -> bool:
        """A prospect who did not answer the follow-ups, or whose inquiry is older than W."""
        base = self.follow_up_base
        if base is None:
            return False
        if self.tries_since(base) >= self.settings.max_follow_ups:
            return True
        return not self.past_exchange and self.hand_raised_on is not None and not self.within(self.hand_raised_on)

    @once
    def owes_favour(self) -> bool:
        """They sent us business within W and we have sent none back: one step from partner."""
        return self.last_within(self.referrals_received) is not None and self.last_within(self.referrals_given) is None

    @once
    def test_ages_out_on(self) -> date | None:
        """The day the first of four fresh yes answers leaves W (None: the test is not all yes)."""
        if self.questions_not_yes:
            return None
        return self.leaves_window(min(self.evidence.answers[q].answered_on for q in QUESTIONS))

    @once
    def test_aged_out_on(self) -> date | None:
        """The day the first of the answers that aged out turned W old (None: none did)."""
        if not self.test_aged_out:
            return None
        return self.leaves_window(min(self.evidence.answers[q].answered_on for q in self.questions_not_yes))

    @once
    def test_aged_out(self) -> bool:
        """Every answer that is not yes today was a yes that simply turned W old."""
        stale = self.questions_not_yes
        answers = self.evidence.answers
        return bool(stale) and all(q in answers and answers[q].answer is Answer.YES
                                   and answers[q].answered_on < self.window_start for q in stale)

    def done_since(self, key: str, since: date) -> bool:
        """Whether the owner ticked the step ``key`` on or after ``since``."""
        done = self.evidence.done_steps.get(key)
        return done is not None and since <= done <= self.today


_LAST: list[Facts | None] = [None]  # the facts made last (read once into a local: safe across threads)
