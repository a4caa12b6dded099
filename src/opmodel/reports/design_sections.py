"""The report's design section (governance, organisation, sourcing) and change section
(stakeholders, communication, training, adoption, risks), with names for ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.knowledge.texts import Message
from opmodel.reports.contents import ReportFigure, ReportLabel, ReportSection
from opmodel.reports.plan_sections import columns, table

if TYPE_CHECKING:
    from opmodel.document.model import OperatingModel
    from opmodel.engines.change.report import ChangeReport
    from opmodel.engines.design.review import DesignReview
    from opmodel.reports.contents import Cell


def _label(kind: str, value: str | None) -> ReportLabel | None:
    return ReportLabel(kind=kind, value=value) if value else None


def design_section(model: OperatingModel, review: DesignReview) -> ReportSection | None:
    """The chosen structure, decision rights, organisation units and sourcing per capability;
    None when the document has no design."""
    design = model.design
    if design is None:
        return None
    names, gov, src = review.names, review.governance, review.sourcing
    choice = design.model
    org = design.organization
    figures = [f for f in (
        ReportFigure(key="chosen_structure",
                     value=_label("structure", choice.structure if choice else None)),
        ReportFigure(key="chosen_sourcing",
                     value=_label("sourcing_stance", choice.sourcing if choice else None)),
        ReportFigure(key="decisions", value=len(gov.decisions), format="integer"),
        ReportFigure(key="teams", value=len(org.teams) if org else 0, format="integer"),
        ReportFigure(key="people", format="integer",
                     value=sum(t.size or 0 for t in org.teams) if org else 0),
        ReportFigure(key="vendor_concentration", value=_label("concentration_band", src.concentration)),
    ) if f.value is not None]
    notes: list[Cell] = [choice.rationale] if choice and choice.rationale else []
    notes += [Message(code=f"matrix_issue.{i.kind}", params={"detail": i.detail})
              for i in gov.issues]
    decisions: list[list[Cell]] = [
        [names.decisions.get(d.decision, d.name or d.decision), _label("decision_domain", d.domain),
         [names.holder(h) for h in d.accountable], [names.holder(h) for h in d.responsible],
         _label("archetype", d.derived)] for d in gov.decisions]
    units = {u.id: u.name or u.id for u in org.units} if org else {}
    teams: list[list[Cell]] = [
        [t.name or t.id, units.get(t.unit or "", t.unit), t.size,
         names.vendors.get(t.vendor, t.vendor) if t.vendor else None]
        for t in (org.teams if org else [])]
    sourcing: list[list[Cell]] = [
        [names.capabilities.get(c.capability, c.name or c.capability),
         _label("sourcing_option", c.planned), _label("sourcing_option", c.recommended),
         c.agrees, [names.vendors.get(v, v) for v in c.vendors]] for c in src.capabilities]
    tables = [t for t in (
        table("decision_rights", columns("decision", "domain", "accountable", "responsible",
                                         "archetype"), decisions),
        table("teams", columns("team", "unit", ("size", "number"), "vendor"), teams),
        table("sourcing", columns("capability", "planned", "recommended", "agrees", "vendors"),
              sourcing),
    ) if t.rows]
    if not tables and not figures:
        return None
    return ReportSection(key="design", figures=figures, notes=notes, tables=tables)


def change_section(report: ChangeReport) -> ReportSection | None:
    """Engagement gaps, the communication plan, training, adoption and the risk register;
    None when the document plans no change."""
    names = report.names
    st, cal, tr = report.stakeholders, report.calendar, report.training
    if not (st.positions or cal.series or tr.needs or report.risks.risks):
        return None
    figures = [ReportFigure(key="stakeholders", value=len(st.positions), format="integer"),
               ReportFigure(key="communication_events", value=cal.events, format="integer"),
               ReportFigure(key="people_to_train", value=tr.people_to_train, format="integer"),
               ReportFigure(key="training_cost", value=tr.total_cost, format="money"),
               ReportFigure(key="adoption_target", value=report.adoption.target,
                            format="percent")]

    def group(key: str | None) -> Cell:
        return names.groups.get(key, key) if key else None

    gaps: list[list[Cell]] = [
        [p.name or p.stakeholder, group(p.group), ReportLabel(kind="quadrant", value=p.quadrant),
         ReportLabel(kind="stance", value=p.stance),
         ReportLabel(kind="stance", value=p.desired_stance), p.gap] for p in st.gaps]
    series: list[list[Cell]] = [
        [names.communications.get(s.communication, s.communication),
         ReportLabel(kind="frequency", value=s.frequency), s.first, s.until, s.events]
        for s in cal.series]
    courses: list[list[Cell]] = [[c.name or c.course, c.demand, c.seats, c.shortfall, c.cost]
                                 for c in tr.courses]
    adoption: list[list[Cell]] = [
        [group(g.group), g.adoption, _label("adkar_element", g.weakest),
         ReportLabel(kind="resistance_level", value=g.resistance_level)]
        for g in report.adoption.groups]
    risks: list[list[Cell]] = [
        [r.title or r.id, r.likelihood, r.impact, r.score,
         ReportLabel(kind="risk_level", value=r.level),
         ReportLabel(kind="risk_status", value=r.status), r.owner]
        for r in sorted(report.risks.risks, key=lambda r: (-r.score, r.id))]
    tables = [t for t in (
        table("engagement_gaps", columns("stakeholder", "group", "engagement", "stance",
                                         "desired_stance", ("gap", "integer")), gaps),
        table("communications", columns("message", "frequency", ("first", "date"),
                                        ("until", "date"), ("events", "integer")), series),
        table("courses", columns("course", ("demand", "integer"), ("seats", "integer"),
                                 ("shortfall", "integer"), ("cost", "money")), courses),
        table("adoption", columns("group", ("adoption", "percent"), "weakest", "resistance"),
              adoption),
        table("risk_register", columns("risk", ("likelihood", "integer"), ("impact", "integer"),
                                       ("score", "integer"), "level", "status", "owner"), risks),
    ) if t.rows]
    return ReportSection(key="change", figures=figures, tables=tables,
                         notes=list(cal.notes))
