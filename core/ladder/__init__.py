"""The ladder: pure rules from evidence to tiers, plans and the weekly checklist."""

from core.ladder.changes import NEVER, next_change
from core.ladder.checklist import (build_checklist, cap_checklist, may_list, section_this_week, section_title,
                                  week_of)
from core.ladder.plans import next_step, plan_for, yearly_order_offer
from core.ladder.history import moves_since, tier_on, tier_since
from core.ladder.tiers import change_reason, evaluate

__all__ = ["NEVER", "next_change", "build_checklist", "cap_checklist", "may_list", "change_reason", "evaluate", "moves_since", "tier_on", "next_step", "plan_for", "yearly_order_offer", "section_this_week", "section_title", "tier_since",
           "week_of"]
