"""Communication calendar benchmark: many recurring messages expanded to events and .ics.

opmodel's plan_communications (anchors, recurrence, working-day shifts) and the .ics export,
against python-dateutil's rrule expanding the same recurrences (no working-day logic) as
the baseline, side by side in one run.

Run: .venv/bin/python benchmarks/change_calendar.py [--messages 300 --years 3 --repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from typing import Any

FREQS = ["weekly", "biweekly", "monthly", "daily", "quarterly", "weekly"]


def model_data(n_messages: int, years: int) -> dict[str, Any]:
    """A document with one phase per year and ``n_messages`` recurring messages."""
    start = dt.date(2026, 4, 1)
    phases = [{"id": f"phase-{y}", "start": str(start.replace(year=start.year + y)),
               "end": str(start.replace(year=start.year + y + 1) - dt.timedelta(days=1))}
              for y in range(years)]
    groups = [f"group-{g}" for g in range(20)]
    stakeholders = [{"id": f"sh-{k}", "group": groups[k % 20], "headcount": 5} for k in range(100)]
    messages = [{"id": f"msg-{k}", "message": f"お知らせ {k}", "frequency": FREQS[k % len(FREQS)],
                 "groups": [groups[k % 20]], "owner": f"sh-{k % 100}", "channel": "email",
                 "start": {"phase": "phase-0", "offset_days": k % 7},
                 "end": {"phase": f"phase-{years - 1}", "edge": "end"},
                 **({"time": "10:00:00"} if k % 2 else {})}
                for k in range(n_messages)]
    return {"apiVersion": "opmodel/v1", "kind": "OperatingModel",
            "metadata": {"name": "bench", "language": "ja"},
            "roadmap": {"phases": phases, "calendar": {"holidays": ["2026-05-04", "2027-01-01"]}},
            "change": {"timezone": "Asia/Tokyo",
                       "groups": [{"id": g, "name": f"グループ {g}"} for g in groups],
                       "stakeholders": stakeholders,
                       "communications": messages}}


def dateutil_events(model: Any, plan: Any) -> int:
    """Expand the same series with dateutil.rrule (the baseline)."""
    from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule

    rules = {"daily": (DAILY, 1), "weekly": (WEEKLY, 1), "biweekly": (WEEKLY, 2),
             "monthly": (MONTHLY, 1), "quarterly": (MONTHLY, 3)}
    count = 0
    for series in plan.series:
        if series.first is None:
            continue
        if series.frequency.value == "once":
            count += 1
            continue
        freq, interval = rules[series.frequency.value]
        start = dt.datetime.combine(series.first, dt.time())
        until = dt.datetime.combine(series.until, dt.time())
        count += sum(1 for _ in rrule(freq, interval=interval, dtstart=start, until=until))
    return count


def best(fn: Any, repeat: int) -> tuple[float, Any]:
    """Median seconds of ``repeat`` runs and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    """Time the plan, the export and the baseline; print figures and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from opmodel.document import validate_data
    from opmodel.engines.change.communication import plan_communications
    from opmodel.interop.icalendar_export import to_ics
    from opmodel.services.change import calendar

    model = validate_data(model_data(args.messages, args.years))
    plan_s, plan = best(lambda: plan_communications(model), args.repeat)
    base_s, base_n = best(lambda: dateutil_events(model, plan), args.repeat)
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    export = calendar(model)
    ics_s, data = best(lambda: to_ics(export, "ja", stamp), max(1, args.repeat - 1))
    n = len(plan.events)
    print(f"messages={args.messages} years={args.years} events={n} (dateutil: {base_n})")
    print(f"plan_communications: {plan_s:.3f} s ({n / plan_s:,.0f} events/s)")
    print(f"dateutil rrule baseline: {base_s:.3f} s; ratio {plan_s / base_s:.1f}x")
    print(f"to_ics: {ics_s:.3f} s ({n / ics_s:,.0f} events/s, {len(data) / 1e6:.1f} MB); "
          f"ratio to the plan {ics_s / plan_s:.1f}x")


if __name__ == "__main__":
    main()
