"""The printouts: the weekly checklist and cultivation plans as PDFs (reportlab)."""

from core.printing.checklist_pdf import render_checklist
from core.printing.plan_pdf import render_plans

__all__ = ["render_checklist", "render_plans"]
