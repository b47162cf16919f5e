"""Facts the rules, plans and checklist all read off one contact's evidence on one day.

Computed once per evaluation so that every rule sees the same window and the same dates.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from core.domain import Answer, ContactKind, Evidence, Question, Settings


def window_phrase(days: int) -> str:
    """How the window W reads in a sentence: "the last 12 months" for the default 365 days."""
    if days % 365 == 0:
        months = 12 * days // 365
        return f"the last {months} months"
    return f"the last {days} days"


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})
_BUSINESS_MARKS = frozenset({"&", "and", "ltd", "ltd.", "inc", "inc.", "llc", "gmbh", "co", "co.", "sa", "sarl", "bv",
                             "hotel", "café", "cafe", "restaurant", "studio", "shop", "the", "bakery", "bar"})


@lru_cache(maxsize=8192)
def window_span(days: int) -> str:
    """W as a length: "12 months" for the default 365 days."""
    return f"{12 * days // 365} months" if days % 365 == 0 else f"{days} days"


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
    if any(ch.isdigit() for ch in name):
        return name  # "Customer 00017" from a till's log: the number is what tells them apart
    return words[0]


@dataclass(frozen=True)
class Facts:
    """Evidence seen from ``today`` with window W: only dates on or before today count.

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

    @classmethod
    def of(cls, evidence: Evidence, settings: Settings, today: date) -> Facts:
        def past(days: tuple[date, ...]) -> tuple[date, ...]:
            return tuple(sorted(d for d in days if d <= today))

        return cls(
            evidence=evidence, settings=settings, today=today,
            purchases=past(evidence.purchases), inquiries=past(evidence.inquiries),
            referrals_received=past(evidence.referrals_received), referrals_given=past(evidence.referrals_given),
            joint_campaigns=past(evidence.joint_campaigns), referred_on=past(evidence.referred_on),
        )

    @property
    def window_start(self) -> date:
        """The first day inside W."""
        return self.today - timedelta(days=self.settings.window_days - 1)

    def within(self, day: date | None) -> bool:
        return day is not None and self.window_start <= day <= self.today

    def last_within(self, days: tuple[date, ...]) -> date | None:
        return days[-1] if days and self.within(days[-1]) else None

    def leaves_window(self, day: date) -> date:
        """The first day on which evidence dated ``day`` no longer counts."""
        return day + timedelta(days=self.settings.window_days)

    @property
    def name(self) -> str:
        contact = self.evidence.contact
        if contact.kind == ContactKind.ORGANISATION:
            return contact.name  # "Greenleaf Growers", never "Greenleaf" as if a first name
        return short_name(contact.name, contact.organisation)

    # ---- the criteria, each a plain yes/no
    @property
    def repeat_purchases(self) -> bool:
        """Purchases on at least N different days (one visit a day), one of them within W."""
        return len(self.visit_days) >= self.settings.client_min_purchases and self.last_within(self.purchases) is not None

    @property
    def past_exchange(self) -> bool:
        """Value once flowed between us (a referral either way, a joint campaign), however long ago."""
        return bool(self.referrals_received or self.referrals_given or self.joint_campaigns)

    def fresh_yes(self, question: Question) -> bool:
        answer = self.evidence.answers.get(question)
        return (answer is not None and answer.answer is Answer.YES and answer.answered_on <= self.today
                and self.within(answer.answered_on))

    @property
    def questions_not_yes(self) -> tuple[Question, ...]:
        return tuple(q for q in Question if not self.fresh_yes(q))

    @property
    def two_way(self) -> bool:
        return self.last_within(self.referrals_received) is not None and self.last_within(self.referrals_given) is not None

    @property
    def joint_campaign(self) -> bool:
        return self.last_within(self.joint_campaigns) is not None

    @property
    def partner_expiry(self) -> date | None:
        """The day the partner evidence leaves W if nothing new happens (None: not a partner)."""
        expiries = []
        if self.two_way:
            expiries.append(self.leaves_window(min(self.referrals_received[-1], self.referrals_given[-1])))
        if self.joint_campaign:
            expiries.append(self.leaves_window(self.joint_campaigns[-1]))
        return max(expiries) if expiries else None

    @property
    def visit_days(self) -> tuple[date, ...]:
        """Distinct purchase days: several purchases on one day are one visit."""
        return tuple(sorted(set(self.purchases)))

    @property
    def median_gap(self) -> float | None:
        days = self.visit_days
        if len(days) < 2:
            return None
        return statistics.median((b - a).days for a, b in zip(days, days[1:]))

    @property
    def slipping(self) -> bool:
        """A regular (≥ N purchases) whose absence exceeds max(factor × median gap, median gap + grace)."""
        gap = self.median_gap
        if len(self.visit_days) < self.settings.slipping_min_purchases or gap is None:
            return False
        limit = max(self.settings.slipping_gap_factor * gap, gap + self.settings.slipping_grace_days)
        return (self.today - self.purchases[-1]).days > limit
