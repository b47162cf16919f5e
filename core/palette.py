"""One colour per tier, used by the GUI and the printouts alike.

The colours differ in lightness as well as hue, so a black-and-white printout still tells
the tiers apart; the printouts also always print the tier's name beside its colour.
"""

from __future__ import annotations

from core.domain import Tier

TIER_COLOURS: dict[Tier, str] = {
    Tier.SUSPECT: "#9aa0a6",   # grey: in the book, nothing more
    Tier.PROSPECT: "#4f8fd6",  # blue: raised a hand
    Tier.CUSTOMER: "#2e9e6b",  # green: bought
    Tier.CLIENT: "#d98a1c",    # amber: repeat buyer who passes the client test
    Tier.PARTNER: "#8e3fb5",   # purple: value flows both ways
}

TEXT_ON_TIER = "#ffffff"
