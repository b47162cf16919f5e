"""The book's settings: every number of the ladder and the shop's own words, in one type.

``Settings`` is what the book stores, what the settings dialog offers (its limits), what
``rapport settings`` lists and sets, and what checks a change (``with_changes``) for all three;
``LADDER`` names the settings a verdict depends on, which re-tier whom they reach when changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from core.errors import ValidationError
from core.i18n import _

if TYPE_CHECKING:
    from core.domain import Tier

# Which setting holds each tier's keep-in-touch cadence (suspects have none); read per contact.
_CADENCE_FIELDS = {"partner": "partner_cadence_days", "client": "client_cadence_days",
                   "customer": "customer_cadence_days", "prospect": "prospect_cadence_days"}

_SETTING_LIMITS: dict[str, tuple[float, float]] = {
    "checklist_pages": (0, 50),  # 0: print every line
    "slipping_gap_factor": (1.0, 10.0),  # away longer than the usual gap, at most ten times it
}


@dataclass(frozen=True)
class Settings:
    """Every number of the ladder, stored in the book so each shop can tune its own."""

    LADDER: ClassVar[tuple[str, ...]] = (
        "window_days", "client_min_purchases", "partner_cadence_days", "client_cadence_days",
        "customer_cadence_days", "prospect_cadence_days", "slipping_min_purchases", "slipping_gap_factor",
        "slipping_grace_days", "partner_risk_days", "max_follow_ups", "recheck_days", "rhythm_grace_days",
        "leap_day")
    """The settings a verdict depends on: changing one works out again every verdict it reaches."""

    business_name: str = "My business"
    currency: str = "EUR"
    paper_size: str = "A4"  # "A4" or "Letter"
    country: str = ""  # two letters ("ES"); phones typed without +code are read as from here
    number_locale: str = ""  # how amounts are typed: "en_GB" (1,000.50) or "de_DE" (1.000,50); "" = the system's
    window_days: int = 365
    client_min_purchases: int = 2
    partner_cadence_days: int = 14
    client_cadence_days: int = 30
    customer_cadence_days: int = 90
    prospect_cadence_days: int = 7
    slipping_min_purchases: int = 3
    slipping_gap_factor: float = 2.0
    slipping_grace_days: int = 30
    rhythm_grace_days: int = 30  # a buyer on their own, longer rhythm keeps their tier until this late
    leap_day: str = "28 Feb"  # where a 29 February occasion falls in other years: "28 Feb" or "1 Mar"
    partner_risk_days: int = 30  # a partner is "at risk" when its two-way evidence leaves W this soon
    max_follow_ups: int = 3  # unanswered tries before a prospect went quiet or a slipping regular lapsed
    recheck_days: int = 30  # client-test answers are re-asked this long before they leave W
    checklist_pages: int = 2  # the printed checklist fits on this many pages (0: print every line)
    # A forecast is fitted and shown only past these: with 50 to 100 buyers its parameters run away.
    forecast_min_buyers: int = 500
    forecast_min_repeat_buyers: int = 200

    @property
    def leap_day_on_28(self) -> bool:
        return self.leap_day != "1 Mar"

    def cadence_days(self, tier: Tier) -> int | None:
        """Keep-in-touch cadence for a tier; suspects have none."""
        field_name = _CADENCE_FIELDS.get(tier.value)
        return getattr(self, field_name) if field_name else None

    @staticmethod
    def limits(key: str) -> tuple[float, float]:
        """The lowest and highest value a number setting may take: the book refuses the others, and
        the settings dialog offers exactly these (one range for both, so neither changes the other's)."""
        return _SETTING_LIMITS.get(key, (1, 10_000))

    def with_changes(self, **changes: object) -> Settings:
        """These settings with ``changes`` made, each checked as typed ("30", "de-DE", " es "): a name
        that is no setting, a number out of its limits or a word not offered is refused in words
        that name it. The window, the command line and the book all change settings through here."""
        checked: dict[str, object] = {}
        for key, value in changes.items():
            checked[key] = _checked(key, value, self.value_of(key, value))
        return replace(self, **checked)  # type: ignore[arg-type]  # each value kept its field's type above

    def value_of(self, key: str, typed: object = "") -> object:
        """The setting named ``key``; a name that is no setting is refused with the list of those that are."""
        current = asdict(self)
        if key not in current:
            raise ValidationError(key, typed, _("not a setting of Rapport; the settings are {join}").format(join=', '.join(current)))
        return current[key]

    def ladder_changed(self, before: Settings) -> list[str]:
        """The ladder's settings that differ from ``before`` (whom they reach is re-tiered)."""
        return [key for key in self.LADDER if getattr(self, key) != getattr(before, key)]


def _checked(key: str, value: object, current: object) -> object:
    """Settings keep their type; numbers must be positive and sane."""
    if isinstance(current, str):
        return _checked_words(key, str(value).strip(), value)
    try:
        number = float(str(value)) if isinstance(current, float) else int(str(value))
    except (TypeError, ValueError):
        raise ValidationError(key, value, _("must be a number")) from None
    low, high = Settings.limits(key)
    if not low <= number <= high:
        if key == "checklist_pages":
            raise ValidationError(key, value, _("must be between 0 (every line) and 50 pages"))
        raise ValidationError(key, value, _("must be between {low:,} and {high:,}").format(low=low, high=high))
    return number


def _checked_words(key: str, text: str, value: object) -> str:
    if key == "paper_size" and text not in ("A4", "Letter"):
        raise ValidationError(key, value, _("paper size is A4 or Letter"))
    if key == "leap_day" and text not in ("28 Feb", "1 Mar"):
        raise ValidationError(key, value, _("a 29 February falls on 28 Feb or 1 Mar in other years"))
    if key == "currency" and not (1 <= len(text) <= 5):
        raise ValidationError(key, value, _("a currency is a short code such as EUR or $"))
    if key == "country" and text and not (len(text) == 2 and text.isalpha()):
        raise ValidationError(key, value, _("a country is two letters, such as ES, GB or US"))
    if key == "country":
        text = text.upper()
    if key == "number_locale" and text:
        from babel import Locale, UnknownLocaleError

        try:
            text = str(Locale.parse(text.replace("-", "_")))
        except (ValueError, UnknownLocaleError):
            raise ValidationError(key, value, _("a locale such as en_GB, de_DE or fr_FR")) from None
    if key == "business_name" and not text:
        raise ValidationError(key, value, _("the business needs a name"))
    return text
