"""Small builders of Evidence for the ladder tests: a day is "N days before TODAY"."""

from __future__ import annotations

from datetime import date, timedelta

from core.domain import Answer, ClientTestAnswer, Closure, Contact, ContactKind, Evidence, Question, Role, Settings, Tier

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
    kind: ContactKind = ContactKind.PERSON,
    touched: tuple[int, ...] = (),
    complaints: tuple[int, ...] = (),
    resolved: tuple[tuple[int, int], ...] = (),
    testimonials: tuple[int, ...] = (),
    done: dict[str, int] | None = None,
    leads: tuple[tuple[int, str, int], ...] = (),
    closed: tuple[Closure, int] | None = None,
    role: Role = Role.CUSTOMER,
) -> Evidence:
    """``touched`` are conversations (days ago); every other kind but a complaint is a touch too.
    ``resolved`` are complaints put right: (made, resolved), each in days ago."""

    def days(values: tuple[int, ...]) -> tuple[date, ...]:
        return tuple(sorted(ago(v) for v in values))

    touch_days = tuple(sorted({ago(v) for v in purchases + inquiries + received + given + joint + touched
                               + testimonials}))
    return Evidence(
        contact=Contact(id=contact_id, name=name, label=label, phones=(phone,), created_on=ago(created), kind=kind,
                        closed_as=closed[0] if closed else None, closed_on=ago(closed[1]) if closed else None,
                        role=role),
        purchases=days(purchases), inquiries=days(inquiries), referrals_received=days(received),
        referrals_given=days(given), joint_campaigns=days(joint), referred_on=days(referred),
        last_interaction=max((d for d in touch_days if d <= TODAY), default=None), answers=answered or {},
        touches=touch_days, open_complaints=days(complaints), testimonials=days(testimonials),
        done_steps={key: ago(v) for key, v in (done or {}).items()},
        leads=tuple((lead_id, lead_name, ago(first)) for lead_id, lead_name, first in leads),
        resolved_complaints=tuple(sorted(((ago(made), ago(fixed)) for made, fixed in resolved), key=lambda p: p[1])),
    )
