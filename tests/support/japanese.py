"""Codes a Japanese reader of `opmodel check` and `opmodel design` must never see where the
catalogue has a name for them, and a finder for them in a text."""

from __future__ import annotations

import re

RAW = ("in_house", "co_source", "outsource", "outsourced", "hybrid", "tolerate", "invest",
       "migrate", "eliminate", "executive", "business_unit", "sole_outsourcer",
       "application_vendor", "long_contract", "moderate", "high", "low", "it-principles",
       "it-architecture", "it-infrastructure", "business-application-needs", "it-investment",
       "federal", "feudal", "it-monarchy", "it-duopoly", "business-monarchy", "anarchy",
       "strategic-differentiation", "knowledge-loss-risk", "data-sensitivity", "derived",
       "planned", "error", "warning", "info", "Accountable", "Responsible", "共同調達")


def raw_values(text: str) -> list[str]:
    """Codes standing alone (not inside an id such as dec-investment or a path)."""
    return [code for code in RAW if re.search(rf"(?<![\w\-.\[]){re.escape(code)}(?![\w\-\]])",
                                              text)]
