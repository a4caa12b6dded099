"""Revisions of a large model: change sets and three-way merges against whole copies.

Builds the large model of ``benchmarks/load.py`` (10,000 applications, 2,000 initiatives,
300 KPIs, 500 stakeholders …) and makes 100 single-field edits, each on a different entity
(25 application names, 25 cost amounts, 25 initiative deadlines, 25 application owners, a
reference), each a new document sharing what it does not change with its parent, as the
server's documents will. For each edit it measures, against its parent:

- the size of its change set as JSON (target: median and max <= 2 KB), beside the size of a
  full copy of the document as JSON;
- the time of computing the change set and applying it to the parent (target: median
  <= 50 ms), against storing and restoring a whole copy (``model_dump_json`` then
  ``model_validate_json``) measured side by side;

then the time of ``merge3`` of two branches of 50 edits each from the same base (target
<= 200 ms), against dumping both branches and the result and validating the result again
(the least a merge of whole copies costs). It also prints, for information, the time of a
change set when the edited document arrives whole (read anew, sharing nothing).

Run: .venv/bin/python benchmarks/revisions.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from load import generate  # the large model of the load benchmark
from opmodel.document import OperatingModel, validate_data
from opmodel.document.changes import apply, changes
from opmodel.document.comparison import equivalent
from opmodel.document.merge import merge3


def timed(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest of ``repeat`` wall-clock runs of ``fn`` in seconds, and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def replaced(node: Any, steps: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``node`` with the value at ``steps`` (attribute names and list positions)
    replaced, sharing everything else: how an editor changes one field of a document."""
    if not steps:
        return value
    head, rest = steps[0], steps[1:]
    if isinstance(head, int):
        items = list(node)
        items[head] = replaced(node[head], rest, value)
        return items
    return node.model_copy(update={head: replaced(getattr(node, head), rest, value)})


def edits(model: OperatingModel, seed: int = 11) -> list[tuple[tuple[Any, ...], Any]]:
    """100 single-field edits, each on a different entity: (steps, new value)."""
    rng = random.Random(seed)
    apps = rng.sample(range(len(model.design.technology.applications)), 50)  # type: ignore[union-attr]
    inits = rng.sample(range(len(model.roadmap.initiatives)), 50)  # type: ignore[union-attr]
    units = [u.id for u in model.design.organization.units]  # type: ignore[union-attr]
    app, ini = ("design", "technology", "applications"), ("roadmap", "initiatives")
    found = [((*app, i, "name"), f"Renamed application {i}") for i in apps[:25]]
    found += [((*app, i, "owner"), rng.choice(units)) for i in apps[25:]]
    found += [((*ini, i, "costs", 0, "amount"), float(rng.randint(1, 900) * 1000))
              for i in inits[:25]]
    found += [((*ini, i, "deadline"), dt.date(2028, 1, 1) + dt.timedelta(days=rng.randrange(700)))
              for i in inits[25:]]
    rng.shuffle(found)
    return found


def chain(base: OperatingModel, steps: list[tuple[tuple[Any, ...], Any]]) -> list[OperatingModel]:
    """The documents after each edit in turn, the base first."""
    docs = [base]
    for path, value in steps:
        docs.append(replaced(docs[-1], path, value))
    return docs


def main(argv: list[str] | None = None) -> int:
    """Build the model, measure, print the figures; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    data = generate()
    base = validate_data(data)
    full = len(base.model_dump_json(by_alias=True, exclude_unset=True).encode())
    steps = edits(base)
    docs = chain(base, steps)

    sizes, times = [], []
    for parent, child in itertools.pairwise(docs):
        change_set = changes(parent, child)
        assert len(change_set.operations) == 1 and apply(change_set, parent) == child
        sizes.append(len(change_set.to_json().encode()))
        seconds, _ = timed(args.repeat, lambda p=parent, c=child: apply(changes(p, c), p))
        times.append(seconds)

    def whole_copy(doc: OperatingModel) -> OperatingModel:
        return OperatingModel.model_validate_json(doc.model_dump_json(by_alias=True,
                                                                      exclude_unset=True))

    baseline = statistics.median(timed(1, lambda d=d: whole_copy(d))[0]
                                 for d in docs[1:1 + args.repeat])
    arrived = whole_copy(docs[1])
    whole_changes, found = timed(args.repeat, lambda: changes(docs[0], arrived))
    assert len(found.operations) == 1

    ours, theirs = chain(base, steps[:50])[-1], chain(base, steps[50:])[-1]
    merge_time, result = timed(args.repeat, lambda: merge3(base, ours, theirs))
    assert result.merged is not None and equivalent(result.merged, docs[-1])

    def merge_baseline() -> object:
        ours.model_dump(), theirs.model_dump()
        return OperatingModel.model_validate(result.merged.model_dump())

    merge_base, _ = timed(1, merge_baseline)

    size_median, size_max, median = statistics.median(sizes), max(sizes), statistics.median(times)
    print(f"document: {len(base.design.technology.applications):,} applications, "  # type: ignore[union-attr]
          f"{len(base.roadmap.initiatives):,} initiatives; full copy as JSON: "  # type: ignore[union-attr]
          f"{full / 1e6:.1f} MB")
    print(f"change set of one edit (JSON):   median {size_median:.0f} B, max {size_max} B "
          f"(target <= 2048 B); {full / size_median:,.0f}x smaller than a full copy")
    print(f"change set + apply, per edit:    median {median * 1000:.2f} ms, max "
          f"{max(times) * 1000:.2f} ms (best of {args.repeat}; target <= 50 ms)")
    print(f"whole copy (dump + validate):    median {baseline * 1000:.0f} ms "
          f"({args.repeat} edits); ratio {baseline / median:,.0f}x")
    print(f"merge3 of 2 x 50 edits:          {merge_time * 1000:.1f} ms (best of {args.repeat};"
          f" target <= 200 ms)")
    print(f"whole copies (3 dumps + validate): {merge_base * 1000:.0f} ms; ratio "
          f"{merge_base / merge_time:,.0f}x")
    print(f"for information: change set when the edited document arrives whole (nothing "
          f"shared): {whole_changes * 1000:.0f} ms")
    met = size_max <= 2048 and median <= 0.050 and merge_time <= 0.200
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
