"""Small builders of Evidence for the ladder tests: a day is "N days before TODAY"."""

from __future__ import annotations

from datetime import date, timedelta

from core.domain import Answer, ClientTestAnswer, Contact, Evidence, Question, Settings, Tier

TODAY = date(2026, 11, 24)  # a Tuesday
SETTINGS = Settings()
W = SETTINGS.window_days


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def answers(days_ago: int = 10, yes: int = 4, answer: Answer = Answer.NO) -> dict[Question, ClientTestAnswer]:
    """``yes`` questions answered yes (in Question order), the rest answered ``answer``."""
    return {
        q: ClientTestAnswer(contact_id=1, question=q, answer=Answer.YES if i < yes else answer, answered_on=ago(days_ago))
        for i, q in enumerate(Question)
    }


def evidence(
    name: str = "Maria Lopez",
    label: Tier | None = None,
    purchases: tuple[int, ...] = (),
    inquiries: tuple[int, ...] = (),
    received: tuple[int, ...] = (),
    given: tuple[int, ...] = (),
    joint: tuple[int, ...] = (),
    referred: tuple[int, ...] = (),
    answered: dict | None = None,
    phone: str = "+34 600 000 001",
    contact_id: int = 1,
    created: int = 800,
) -> Evidence:
    def days(values: tuple[int, ...]) -> tuple[date, ...]:
        return tuple(sorted(ago(v) for v in values))

    everything = purchases + inquiries + received + given + joint
    last = ago(min(v for v in everything if v >= 0)) if any(v >= 0 for v in everything) else None
    return Evidence(
        contact=Contact(id=contact_id, name=name, label=label, phones=(phone,), created_on=ago(created)),
        purchases=days(purchases), inquiries=days(inquiries), referrals_received=days(received),
        referrals_given=days(given), joint_campaigns=days(joint), referred_on=days(referred),
        last_interaction=last, answers=answered or {},
    )
