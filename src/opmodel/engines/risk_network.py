"""The dependency network as arrays, sampled and propagated over many iterations at once.

Rows are initiatives, columns are iterations; the only Python loops run over initiatives
(in topological order) or dependencies, never over iterations.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from opmodel.document.model import OperatingModel
from opmodel.engines.budget_costs import plan_start
from opmodel.engines.prioritisation import expected_weeks
from opmodel.engines.work_calendar import WorkCalendar

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    Floats = NDArray[np.floating[Any]]
    Bools = NDArray[np.bool_]
else:
    Floats = Bools = ArrayLike = Any


@dataclass
class Network:
    """Initiatives in topological order with three-point durations, edges and cost ranges."""

    ids: list[str]
    low: list[float]
    mode: list[float]
    high: list[float]
    earliest: list[float]  # working weeks after the plan start
    # preds[i] = (predecessor row, start-to-start?, lag in weeks)
    preds: list[list[tuple[int, bool, float]]] = field(default_factory=list)
    cost_low: list[float] = field(default_factory=list)  # one entry per uncertain cost item
    cost_mode: list[float] = field(default_factory=list)
    cost_high: list[float] = field(default_factory=list)
    fixed_cost: float = 0.0

    @property
    def size(self) -> int:
        """Number of initiatives."""
        return len(self.ids)


def topological(ids: list[str], preds: dict[str, list[str]]) -> list[str]:
    """``ids`` ordered so every initiative comes after its predecessors (stable, Kahn)."""
    indeg = {i: 0 for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for i in ids:
        for p in preds.get(i, []):
            if p in indeg:
                indeg[i] += 1
                succs[p].append(i)
    ready = deque(i for i in ids if indeg[i] == 0)
    out = []
    while ready:
        node = ready.popleft()
        out.append(node)
        for s in succs[node]:
            indeg[s] -= 1
            if indeg[s] == 0:
                ready.append(s)
    if len(out) != len(ids):
        raise ValueError("the dependencies form a cycle")  # the document check reports it first
    return out


def network_of(model: OperatingModel, selected: Collection[str] | None = None,
               start: dt.date | None = None,
               planned: Mapping[str, float] | None = None) -> Network:
    """The network of the selected initiatives (all when None); others' edges are dropped.

    ``planned`` gives start weeks from a resource-levelled schedule: an initiative starts
    no earlier than planned (the teams are busy until then), or later when its
    predecessors run late.
    """
    all_ini = model.roadmap.initiatives if model.roadmap else []
    wanted = None if selected is None else set(selected)
    chosen = {i.id: i for i in all_ini if wanted is None or i.id in wanted}
    order = topological(list(chosen), {k: [d.initiative for d in v.depends_on]
                                       for k, v in chosen.items()})
    row = {k: n for n, k in enumerate(order)}
    start = start or plan_start(model)
    calendar = working_calendar(model, start) if start else None
    net = Network(ids=order, low=[], mode=[], high=[], earliest=[])
    for k in order:
        ini = chosen[k]
        if ini.duration is not None:
            d = ini.duration
            net.low.append(d.optimistic)
            net.mode.append(d.most_likely)
            net.high.append(d.pessimistic)
        else:
            w = expected_weeks(ini)
            net.low.append(w)
            net.mode.append(w)
            net.high.append(w)
        early = 0.0
        if calendar is not None and ini.earliest_start is not None:
            early = calendar.days_before(ini.earliest_start) / calendar.per_week
        if planned is not None and k in planned:
            early = max(early, planned[k])
        net.earliest.append(early)
        net.preds.append([(row[d.initiative], d.type.value == "ss", d.lag)
                          for d in ini.depends_on if d.initiative in row])
        for c in ini.costs:
            lo = c.amount if c.low is None else c.low
            hi = c.amount if c.high is None else c.high
            if hi > lo:
                net.cost_low.append(lo)
                net.cost_mode.append(c.amount)
                net.cost_high.append(hi)
            else:
                net.fixed_cost += c.amount
    return net


BLOCK_CELLS = 1 << 16  # samples are made in blocks of rows that stay in the CPU cache
INTERVAL_BITS = 9  # of the 32 random bits of a sample, these pick the table interval
TABLE_POINTS = (1 << INTERVAL_BITS) + 1  # levels of each quantile table


def quantile_table(low: ArrayLike, mode: ArrayLike, high: ArrayLike,
                   distribution: str = "pert") -> Floats:
    """Each row's quantiles at TABLE_POINTS evenly spaced levels from 0 to 1.

    Triangular: the closed-form inverse CDF. PERT: Beta(1 + 4(m−o)/(p−o), 1 + 4(p−m)/(p−o))
    on [o, p], its CDF integrated numerically (both shapes are at least 1: a bounded density).
    """
    import numpy as np

    lo, mo, hi = (np.asarray(v, dtype=float).reshape(-1, 1) for v in (low, mode, high))
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    levels = np.linspace(0.0, 1.0, TABLE_POINTS)[None, :]
    if distribution == "triangular":
        cut = (mo - lo) / safe
        left = lo + np.sqrt(levels * safe * (mo - lo))
        right = hi - np.sqrt((1 - levels) * safe * (hi - mo))
        tri: Floats = np.where(span > 0, np.where(levels < cut, left, right), lo)
        return tri
    # PERT shapes always sum to 6, so the standard quantiles depend on the mode's position
    # r = (m − o) / (p − o) alone: interpolate between precomputed rows of r
    shapes = _pert_standard()
    r = np.clip((mo - lo) / safe, 0.0, 1.0)[:, 0] * (shapes.shape[0] - 1)
    j = np.minimum(r.astype(np.intp), shapes.shape[0] - 2)
    w = (r - j)[:, None]
    standard = shapes[j] * (1 - w) + shapes[j + 1] * w
    out: Floats = lo + standard * np.where(span > 0, span, 0.0)
    return out


@cache
def _pert_standard(modes: int = 257) -> Floats:
    """Quantiles of Beta(1 + 4r, 1 + 4(1 − r)) for ``modes`` values of r from 0 to 1.

    The CDF is integrated numerically on a fine grid (both shapes are at least 1, so the
    density is bounded) and inverted at TABLE_POINTS evenly spaced levels.
    """
    import numpy as np

    r = np.linspace(0.0, 1.0, modes)[:, None]
    a, b = 1 + 4 * r, 1 + 4 * (1 - r)
    grid = np.linspace(0.0, 1.0, 4097)
    inner = np.clip(grid, 1e-12, 1 - 1e-12)
    logpdf = (a - 1) * np.log(inner) + (b - 1) * np.log1p(-inner)
    pdf = np.exp(logpdf - logpdf.max(axis=1, keepdims=True))
    cdf = np.zeros_like(pdf)
    np.cumsum((pdf[:, 1:] + pdf[:, :-1]) / 2, axis=1, out=cdf[:, 1:])
    cdf /= cdf[:, -1:]
    levels = np.linspace(0.0, 1.0, TABLE_POINTS)
    out: Floats = np.stack([np.interp(levels, cdf[k], grid) for k in range(modes)])
    out.flags.writeable = False
    return out


def table_quantile(table: Floats, level: float) -> Floats:
    """Each row's quantile at ``level``, interpolated in its table as samples are."""
    import numpy as np

    pos = level * (table.shape[1] - 1)
    j = min(int(np.floor(pos)), table.shape[1] - 2)
    out: Floats = table[:, j] + (pos - j) * (table[:, j + 1] - table[:, j])
    return out


def table_variance(table: Floats) -> Floats:
    """The variance of each row's distribution as sampled (piecewise-linear quantiles)."""
    a, b = table[:, :-1], table[:, 1:]
    mean = ((a + b) / 2).mean(axis=1)
    second = ((a * a + a * b + b * b) / 3).mean(axis=1)
    out: Floats = (second - mean * mean).clip(min=0)
    return out


def working_calendar(model: OperatingModel, start: dt.date) -> WorkCalendar:
    """The roadmap's working weeks from ``start`` (the scheduler counts weeks the same way)."""
    cal = model.roadmap.calendar if model.roadmap else None
    return WorkCalendar(start, cal.working_days if cal else range(5), cal.holidays if cal else ())


def _blocks(rng: Any, table: Floats, columns: int, out: Floats | None = None
            ) -> Iterator[tuple[int, Floats]]:
    """Inverse-transform samples of ``table``'s rows, a cache-sized block of rows at a time.

    Random bits are drawn block by block (rows in order) straight from the bit generator.
    """
    import numpy as np

    rows, points = table.shape
    # each table point holds (value, step to the next value) as one 8-byte item: one gather
    pairs = np.empty((rows, points, 2), dtype=np.float32)
    pairs[:, :, 0] = table
    pairs[:, :-1, 1] = np.diff(table, axis=1)
    pairs[:, -1, 1] = 0.0
    flat = pairs.view(np.float64).reshape(-1)
    # 32 random bits per sample: the top ones pick the table interval, the rest the fraction
    if points != TABLE_POINTS:
        raise ValueError(f"a quantile table has {TABLE_POINTS} points, not {points}")
    low_bits = 32 - INTERVAL_BITS
    bits = rng.bit_generator
    step = max(1, BLOCK_CELLS // max(columns, 1))
    base = (np.arange(step, dtype=np.intp) * points)[:, None]
    for r in range(0, rows, step):
        k = min(step, rows - r)
        cells = k * columns
        raw = bits.random_raw((cells + 1) // 2).view(np.uint32)[:cells].reshape(k, columns)
        idx = (raw >> low_bits).astype(np.intp)
        idx += base[:k] + r * points
        frac = (raw & ((1 << low_bits) - 1)).astype(np.float32)
        frac *= np.float32(2.0**-low_bits)
        got = flat.take(idx).view(np.float32)
        value, slope = got[:, 0::2], got[:, 1::2]
        np.multiply(slope, frac, out=frac)
        target = frac if out is None else out[r:r + k]
        np.add(frac, value, out=target)
        yield r, target


def sample(rng: Any, table: Floats, columns: int, out: Floats | None = None) -> Floats:
    """Samples (rows × columns) of each row's distribution, by inverse transform.

    Single precision (weeks to about a minute): half the memory traffic of double.
    """
    import numpy as np

    if out is None:
        out = np.empty((table.shape[0], columns), dtype=np.float32)
    for _ in _blocks(rng, table, columns, out):
        pass
    return out


def sample_total(rng: Any, table: Floats, columns: int) -> Floats:
    """Per column, the sum of one sample of every row (the matrix is never held whole)."""
    import numpy as np

    total: Floats = np.zeros(columns)
    for _, block in _blocks(rng, table, columns):
        total += block.sum(axis=0, dtype=np.float64)
    return total


def correlate(rng: Any, samples: list[Floats], rho: float) -> list[Floats]:
    """Reorder each row so rows share a Gaussian one-factor rank correlation ``rho``.

    Iman–Conover: the marginals stay exactly as sampled, only their order changes.
    """
    import numpy as np

    if rho <= 0 or not samples:
        return samples
    columns = samples[0].shape[1]
    common = rng.standard_normal(columns)
    out = []
    for block in samples:
        z = np.sqrt(rho) * common + np.sqrt(1 - rho) * rng.standard_normal(block.shape)
        ranks = np.argsort(np.argsort(z, axis=1), axis=1)
        out.append(np.take_along_axis(np.sort(block, axis=1), ranks, axis=1))
    return out


def propagate(net: Network, durations: Floats, start: Floats | None = None,
              finish: Floats | None = None) -> tuple[Floats, Floats, Floats]:
    """Start and finish of every initiative and the completion, per iteration (column).

    ``start`` and ``finish`` may be given as buffers of the same shape, to be reused.
    """
    import numpy as np

    start = np.empty_like(durations) if start is None else start
    finish = np.empty_like(durations) if finish is None else finish
    for i in range(net.size):
        s = start[i]
        preds = net.preds[i]
        if not preds:
            s.fill(net.earliest[i])
        for k, (p, ss, lag) in enumerate(preds):
            source = start[p] if ss else finish[p]
            if k == 0:
                np.add(source, lag, out=s) if lag else np.copyto(s, source)
            elif lag:
                np.maximum(s, source + lag, out=s)
            else:
                np.maximum(s, source, out=s)
        if preds and net.earliest[i] > 0:
            np.maximum(s, net.earliest[i], out=s)
        np.add(s, durations[i], out=finish[i])
    completion: Floats = finish.max(axis=0) if net.size else np.zeros(durations.shape[1])
    return start, finish, completion


def critical(net: Network, start: Floats, finish: Floats, completion: Floats) -> Bools:
    """Whether each initiative is on a critical path, per iteration.

    An initiative finishing at the completion is critical; walking back, a predecessor is
    critical where its edge set the critical successor's start (ties mark both).
    """

    crit: Bools = finish == completion[None, :]
    for i in range(net.size - 1, -1, -1):
        if not net.preds[i]:
            continue
        here = crit[i]
        if not here.any():
            continue
        for p, ss, lag in net.preds[i]:
            edge = (start[p] if ss else finish[p]) + lag
            crit[p] |= here & (edge == start[i])
    return crit
