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

# The team, outside the ladder: no rung's colour, a pale neutral with dark text (13 : 1).
TEAM_COLOUR, TEXT_ON_TEAM = "#e4e2dc", "#1b1b1b"

# Text on a tier's colour: whichever of near-black or white reads better (WCAG contrast ≥ 4.5
# for every tier), so badges read the same on a light or a dark desktop.
TEXT_ON_TIER: dict[Tier, str] = {
    Tier.SUSPECT: "#1b1b1b",   # 6.5 : 1
    Tier.PROSPECT: "#1b1b1b",  # 5.1 : 1
    Tier.CUSTOMER: "#1b1b1b",  # 5.1 : 1
    Tier.CLIENT: "#1b1b1b",    # 6.2 : 1
    Tier.PARTNER: "#ffffff",   # 6.0 : 1
}
