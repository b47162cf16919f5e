"""The domain types of Rapport, shared by the store, the ladder rules, the printouts and the GUI.

They are plain frozen dataclasses and string enums so that they cross thread boundaries
safely, compare by value in tests, and carry no database or Qt state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Mapping

from core.i18n import C_, N_, _, pgettext
from core.occasions import Occasion
from core.settings import Settings  # noqa: F401 - the ladder's numbers, part of the domain's words


class Kind(StrEnum):
    """What happened between the owner and a contact (DESIGN.md, "Interaction kinds")."""

    INQUIRY = "inquiry"
    PURCHASE = "purchase"
    CONVERSATION = "conversation"
    ADVICE = "advice"
    REFERRAL_RECEIVED = "referral_received"
    REFERRAL_GIVEN = "referral_given"
    JOINT_CAMPAIGN = "joint_campaign"
    TESTIMONIAL = "testimonial"
    COMPLAINT = "complaint"
    NOTE = "note"
    REFUND = "refund"  # money given back (a till's refund): revenue subtracts it; never a visit

    @property
    def label(self) -> str:
        """The kind as an owner reads it: "Referral received"."""
        return _(_KIND_LABELS[self])

    @property
    def is_referral(self) -> bool:
        return self in (Kind.REFERRAL_RECEIVED, Kind.REFERRAL_GIVEN)


_KIND_LABELS = {
    Kind.INQUIRY: N_("Inquiry"),
    Kind.PURCHASE: N_("Purchase"),
    Kind.CONVERSATION: N_("Conversation"),
    Kind.ADVICE: N_("Advice given"),
    Kind.REFERRAL_RECEIVED: N_("Referral received"),
    Kind.REFERRAL_GIVEN: N_("Referral given"),
    Kind.JOINT_CAMPAIGN: N_("Joint campaign"),
    Kind.TESTIMONIAL: N_("Testimonial"),
    Kind.COMPLAINT: N_("Complaint"),
    Kind.NOTE: N_("Note"),
    Kind.REFUND: N_("Refund"),
}


class Tier(StrEnum):
    """A rung of the ladder. Compare rungs with ``rank``, never with the string value."""

    SUSPECT = "suspect"
    PROSPECT = "prospect"
    CUSTOMER = "customer"
    CLIENT = "client"
    PARTNER = "partner"

    @property
    def rank(self) -> int:
        return _TIER_RANK[self]

    @property
    def label(self) -> str:
        """Singular, capitalised, in the owner's language: "Client"."""
        return _(_TIER_LABELS[self])

    @property
    def plural(self) -> str:
        """"Clients", as a heading or a count names them."""
        return _(_TIER_PLURALS[self])

    @property
    def noun(self) -> str:
        """The rung as a sentence names it: "become a partner", "Not yet a client"."""
        return pgettext("rung", self.value)

    @property
    def nouns(self) -> str:
        """Several on the rung, as a sentence counts them: "4 partners"."""
        return pgettext("rungs", _TIER_NOUNS_PLURAL[self])

    def next(self) -> Tier | None:
        """The rung above, or None for Partner."""
        return _TIER_ABOVE[self]


_TIER_LABELS = {Tier.SUSPECT: N_("Suspect"), Tier.PROSPECT: N_("Prospect"), Tier.CUSTOMER: N_("Customer"),
                Tier.CLIENT: N_("Client"), Tier.PARTNER: N_("Partner")}
_TIER_PLURALS = {Tier.SUSPECT: N_("Suspects"), Tier.PROSPECT: N_("Prospects"), Tier.CUSTOMER: N_("Customers"),
                 Tier.CLIENT: N_("Clients"), Tier.PARTNER: N_("Partners")}
# The rungs as sentences name them, for the catalog (``Tier.noun``): pgettext("rung", "suspect")…
_TIER_NOUNS = (C_("rung", "suspect"), C_("rung", "prospect"), C_("rung", "customer"), C_("rung", "client"),
               C_("rung", "partner"))
_TIER_NOUNS_PLURAL = {Tier.SUSPECT: C_("rungs", "suspects"), Tier.PROSPECT: C_("rungs", "prospects"),
                      Tier.CUSTOMER: C_("rungs", "customers"), Tier.CLIENT: C_("rungs", "clients"),
                      Tier.PARTNER: C_("rungs", "partners")}
_TIER_ORDER = [Tier.SUSPECT, Tier.PROSPECT, Tier.CUSTOMER, Tier.CLIENT, Tier.PARTNER]
# Looked up, not searched: the rules ask for a rung's rank and the rung above for every contact.
_TIER_RANK = {tier: rank for rank, tier in enumerate(_TIER_ORDER)}
_TIER_ABOVE: dict[Tier, Tier | None] = {tier: above for tier, above in zip(_TIER_ORDER, [*_TIER_ORDER[1:], None])}


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """"Yes", "No", "Unknown" in the owner's language."""
        return {Answer.YES: _("Yes"), Answer.NO: _("No"), Answer.UNKNOWN: _("Unknown")}[self]


class Question(StrEnum):
    """The four client-test questions of seed 004."""

    NEEDS = "needs"
    REFERRAL = "referral"
    REFERENCE = "reference"
    TRUST = "trust"

    @property
    def title(self) -> str:  # type: ignore[override]  # a question's title ("Needs"), not str.title()
        return _(_QUESTION_TITLES[self])

    @property
    def text(self) -> str:
        """The full question as the owner answers it."""
        return _(_QUESTION_TEXTS[self])


QUESTIONS: tuple[Question, ...] = tuple(Question)

_QUESTION_TITLES = {
    Question.NEEDS: N_("Needs"),
    Question.REFERRAL: N_("Referral"),
    Question.REFERENCE: N_("Reference"),
    Question.TRUST: N_("Trust"),
}
_QUESTION_TEXTS = {
    Question.NEEDS: N_("I know exactly what else they need from me and which problem it solves."),
    Question.REFERRAL: N_("I'd be comfortable asking them for a referral, a testimonial or a recommendation."),
    Question.REFERENCE: N_("I'd use them as a reference without asking first, because I know what they'd say."),
    Question.TRUST: N_("I know, without a doubt, that they trust and respect me."),
}


class ContactKind(StrEnum):
    """People and organisations climb the ladder differently (joint promotions are for businesses)."""

    PERSON = "person"
    ORGANISATION = "organisation"

    @property
    def label(self) -> str:
        return _("Person") if self is ContactKind.PERSON else _("Organisation")


class Role(StrEnum):
    """Where a contact stands beside the ladder (DESIGN.md, "outside the ladder"): a customer climbs
    it; a supplier (we buy from them) is never a suspect to invite, their path is partner; the team
    (co-owner, staff, family) is outside it: no tier, no steps, no warnings, not counted."""

    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    TEAM = "team"

    @property
    def label(self) -> str:
        return {Role.CUSTOMER: _("Customer"), Role.SUPPLIER: _("Supplier"), Role.TEAM: _("Team")}[self]


class Closure(StrEnum):
    """A loop the owner closed by hand (DESIGN.md, "Closing the loop"); new evidence reopens it."""

    NOT_A_FIT = "not-a-fit"
    KEEP_CUSTOMER = "keep-customer"
    GONE = "gone"

    @property
    def label(self) -> str:
        """As the reasons say it: "not a fit"."""
        return _(_CLOSURE_LABELS[self])


_CLOSURE_LABELS = {Closure.NOT_A_FIT: N_("not a fit"), Closure.KEEP_CUSTOMER: N_("keep as a customer"),
                   Closure.GONE: N_("gone")}


@dataclass(frozen=True)
class Contact:
    """A person or business in the book. ``label`` is what the owner calls them, not the evidence.

    ``source`` is the list they came from ("Bridal fair 2026"); ``external_id`` is their number
    in another system (the till), so that a re-imported sales log finds them again.
    ``phone_labels`` runs parallel to ``phones`` ("mobile", "work", or "").
    """

    name: str
    id: int | None = None
    organisation: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    address: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    how_met: str = ""
    label: Tier | None = None
    created_on: date | None = None
    deleted_on: date | None = None
    kind: ContactKind = ContactKind.PERSON
    title: str = ""
    source: str = ""
    birthday: str = ""  # "1980-03-22", or "--03-22" when the year is not known
    anniversary: str = ""
    phone_labels: tuple[str, ...] = ()
    external_id: str = ""
    closed_as: Closure | None = None
    closed_on: date | None = None
    role: Role = Role.CUSTOMER
    pinned: tuple[str, ...] = ()  # notes never to miss ("allergic to lilies"): on the card, the list, every printout

    @property
    def phone(self) -> str:
        """The first phone number, the one printed on the checklist."""
        return self.phones[0] if self.phones else ""


@dataclass(frozen=True)
class Interaction:
    """One thing that happened with one contact. Money is integer cents, never a float."""

    contact_id: int
    kind: Kind
    occurred_on: date
    note: str = ""
    amount_cents: int | None = None
    referred_contact_id: int | None = None
    id: int | None = None
    step_key: str = ""  # the plan step this records as done ("question:needs"), "" when none
    resolved_on: date | None = None  # a complaint's resolution day; None while it is open


@dataclass(frozen=True)
class ClientTestAnswer:
    contact_id: int
    question: Question
    answer: Answer
    answered_on: date
    id: int | None = None


@dataclass(frozen=True)
class TierChange:
    """One move on the ladder, up or down, with the reason the evidence gave."""

    contact_id: int
    changed_on: date
    from_tier: Tier | None
    to_tier: Tier
    reason: str
    contact_name: str = ""
    id: int | None = None

    @property
    def is_promotion(self) -> bool:
        return self.from_tier is None or self.to_tier.rank > self.from_tier.rank


@dataclass
class Changes:
    """What one transaction did: whose rows or verdicts changed (``touched``: what the window reads
    again) and who moved on the ladder (``moves``; a contact's entry into the book is not a move).
    Filled as the transaction runs; complete once it has committed."""

    touched: set[int] = field(default_factory=set)
    moves: list[TierChange] = field(default_factory=list)
    rewritten: set[int] = field(default_factory=set)  # whose history was replayed from the evidence
    whole_book: bool = False  # too much to name (an import, the Trash emptied): read everything again


@dataclass(frozen=True)
class Evidence:
    """Everything the ladder rules may look at for one contact, gathered by the book.

    Dates are sorted ascending. ``referred_on`` holds the dates on which some other contact
    referred this one to us (a ``referral_received`` logged elsewhere naming them).
    ``touches`` are the distinct days of every logged touch (anything but a note or a
    complaint; a complaint's resolution is one), and ``last_interaction`` is the latest.
    ``done_steps`` maps a plan step's key to the last day the owner ticked it.
    ``leads`` are the contacts this one sent us who have bought: (id, name, first purchase day).
    ``resolved_complaints`` keep a put-right complaint visible: a quick, professional resolution
    is part of the relationship, not something to forget.
    """

    contact: Contact
    purchases: tuple[date, ...] = ()
    inquiries: tuple[date, ...] = ()
    referrals_received: tuple[date, ...] = ()
    referrals_given: tuple[date, ...] = ()
    joint_campaigns: tuple[date, ...] = ()
    referred_on: tuple[date, ...] = ()
    last_interaction: date | None = None
    answers: Mapping[Question, ClientTestAnswer] = field(default_factory=dict)
    touches: tuple[date, ...] = ()
    open_complaints: tuple[date, ...] = ()
    resolved_complaints: tuple[tuple[date, date], ...] = ()  # (made on, resolved on), by resolution
    testimonials: tuple[date, ...] = ()
    advice: tuple[date, ...] = ()
    done_steps: Mapping[str, date] = field(default_factory=dict)
    leads: tuple[tuple[int, str, date], ...] = ()
    answer_history: tuple[ClientTestAnswer, ...] = ()  # every answer, by day: the history replays them
    occasions: tuple[Occasion, ...] = ()  # live and stopped: the rules leave the stopped ones out


@dataclass(frozen=True)
class TierResult:
    """Where a contact stands and why, in words an owner reads."""

    tier: Tier
    reasons: tuple[str, ...]
    also: Tier | None = None  # hybrid: a partner who also buys ("Partner · also Client")
    label_warning: str | None = None
    due_on: date | None = None  # next keep-in-touch date by the tier's cadence
    due: bool = False
    slipping: bool = False
    at_risk: bool = False  # partner whose two-way exchange is ageing out of W
    state: str = ""  # where the loop stands when it has ended: "went quiet", "lapsed", "not a fit", "gone"…
    open_complaint: bool = False
    referrer: bool = False  # sent us business within W and we owe them a favour: one step from partner
    aged_out: str = ""  # the exchange that made them a partner and has left W, named for a drop's reason
    role: Role = Role.CUSTOMER  # the team is outside the ladder: ``tier`` is then a placeholder nobody reads
    missing: str = ""  # what the rung above asks for that the evidence lacks: the last reason says it

    @property
    def outside(self) -> bool:
        """The team: no tier, no steps, no warnings, in no count of the ladder."""
        return self.role is Role.TEAM

    @property
    def display(self) -> str:
        if self.outside:
            return Role.TEAM.label
        shown = _("{tier} · also {also}").format(tier=self.tier.label, also=self.also.label) if self.also \
            else self.tier.label
        if self.role is Role.SUPPLIER:
            shown = _("{shown} · supplier").format(shown=shown)
        return f"{shown} · {_(self.state)}" if self.state else shown


@dataclass(frozen=True)
class PlanStep:
    """One concrete action; ticking it logs ``kind`` (or records ``question``) for the contact."""

    text: str
    due_on: date
    kind: Kind | None = None
    question: Question | None = None
    key: str = ""  # stable across days and names ("follow-up", "question:trust"): what a tick marks done
    dated: bool = True  # False: nothing waits on the owner (a suspect, a supplier): shown and stored with no day


@dataclass(frozen=True)
class Plan:
    contact: Contact
    result: TierResult
    next_tier: Tier | None
    steps: tuple[PlanStep, ...]


@dataclass(frozen=True)
class ChecklistEntry:
    contact_id: int
    name: str
    phone: str
    why: str
    step: str
    tier: Tier
    pinned: tuple[str, ...] = ()  # printed in red on the line: "allergic to lilies"


@dataclass(frozen=True)
class ChecklistSection:
    key: str
    title: str
    purpose: str
    entries: tuple[ChecklistEntry, ...]
    more: int = 0  # entries left off so the page fits on paper ("and 12 more: see “This week”")


@dataclass(frozen=True)
class Checklist:
    business_name: str
    week_start: date  # a Monday
    week_end: date  # the Sunday after
    sections: tuple[ChecklistSection, ...]
    summary: str = ""  # the book in one line, on the first page ("12 clients, 5 partners · 2 moved up…")


@dataclass(frozen=True)
class ReferralLine:
    """One row of a contact's referral ledger: who sent business to whom, and when."""

    occurred_on: date
    direction: Kind  # REFERRAL_RECEIVED (they sent to us) or REFERRAL_GIVEN (we sent to them)
    other_contact_id: int | None
    other_name: str  # the referred contact's name, or "" when none was named
    note: str = ""
    bought: bool = False  # the referred contact has made a purchase since
    spent_cents: int = 0  # what the referred contact has spent with us since the referral


@dataclass(frozen=True)
class PlanSheet:
    """Everything one printed cultivation-plan page shows about one contact."""

    plan: Plan
    answers: Mapping[Question, ClientTestAnswer]
    recent: tuple[Interaction, ...]  # newest first, at most ten
    referrals: tuple[ReferralLine, ...]
    referred_by: tuple[tuple[int, str, date], ...] = ()  # who sent them to us: (id, name, day), as the pane shows
