"""The right-hand panel: everything about the selected contact."""

from ui.detail.panel import ContactPanel

__all__ = ["ContactPanel"]
