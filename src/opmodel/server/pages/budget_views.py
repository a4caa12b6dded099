"""The budget of a plan (step 4), read from the plan job's result: cost by fiscal year and
category with the hidden transition costs (training, lost productivity, parallel running,
contingency) as bars of their own, the limits, NPV, payback and the cumulative cash."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.pages.plan_views import plan_of
from opmodel.server.pages.views import lang_of


@login_required
def budget(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The plan's budget as charts and tables, in the document's currency."""
    from opmodel.engines.planning.costs import HIDDEN
    from opmodel.knowledge.texts import fiscal_year_label, label
    from opmodel.reports.naming import named

    plan = plan_of(request, ws, name)
    context = plan.context
    if plan.result is None:
        return render(request, "pages/budget.html", context)
    lang = lang_of(request)
    result = plan.result.budget
    hidden = [c.value for c in HIDDEN]
    used = {c for year in result.by_year for c, amount in year.categories.items() if amount}
    categories = [c for c in result.by_category if c not in hidden] \
        + [c for c in hidden if c in used or result.by_category.get(c)]
    years = [fiscal_year_label(y.fiscal_year, lang) for y in result.by_year]
    context.update(
        budget=result, categories=categories, hidden=hidden,
        years=[(year, y, [y.categories.get(c, 0.0) for c in categories])
               for year, y in zip(years, result.by_year, strict=True)],
        totals=[result.by_category.get(c, 0.0) for c in categories],
        by_year={"kind": "stacked", "currency": result.currency, "decimals": result.decimals,
                 "years": years,
                 "series": [{"name": label("cost_category", c, lang), "hidden": c in hidden,
                             "values": [y.categories.get(c, 0.0) for y in result.by_year]}
                            for c in categories]},
        cash={"kind": "cash", "currency": result.currency, "decimals": result.decimals,
              "years": [fiscal_year_label(c.fiscal_year, lang) for c in result.cash],
              "names": {"net": _say("page.budget.net", lang),
                        "cumulative": _say("page.budget.cumulative", lang),
                        "discounted": _say("page.budget.discounted", lang)},
              "net": [c.net for c in result.cash], "cumulative": [c.cumulative for c in result.cash],
              "discounted": [c.discounted for c in result.cash]},
        warnings=[named(w, plan.names or {}).text(lang) for w in result.warnings])
    return render(request, "pages/budget.html", context)


def _say(code: str, lang: str) -> str:
    from opmodel.knowledge.texts import render as say

    return say(code, {}, lang)
