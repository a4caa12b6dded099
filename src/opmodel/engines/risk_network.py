"""The dependency network as arrays, sampled and propagated over many iterations at once.

Rows are initiatives, columns are iterations; Python loops run over levels of the network,
initiatives or dependencies, never over iterations.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, cast

from opmodel.document.model import OperatingModel
from opmodel.engines.budget_costs import plan_start
from opmodel.engines.prioritisation import expected_weeks
from opmodel.engines.work_calendar import WorkCalendar

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    Floats = NDArray[np.floating[Any]]
    Bools = NDArray[np.bool_]
    Ints = NDArray[np.intp]
else:
    Floats = Bools = Ints = ArrayLike = Any


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

    @cached_property
    def levels(self) -> list[Level]:
        """The propagation plan (built once; the network is not changed after building)."""
        return levels(self)


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


class Sampler:
    """Inverse-transform samples of a quantile table's rows (the table is prepared once).

    Each table point holds (value − step, step to the next value) as one 8-byte item, so a
    sample is one gather and one multiply-add: 32 random bits a sample, the top ones pick
    the interval and the other 23 become a float in [1, 2) by setting its exponent bits.
    """

    def __init__(self, table: Floats) -> None:
        import numpy as np

        rows, points = table.shape
        if points != TABLE_POINTS:
            raise ValueError(f"a quantile table has {TABLE_POINTS} points, not {points}")
        step = np.diff(table, axis=1)
        pairs = np.zeros((rows, points, 2), dtype=np.float32)
        pairs[:, :-1, 0] = table[:, :-1] - step
        pairs[:, :-1, 1] = step
        pairs[:, -1, 0] = table[:, -1]
        self.rows = rows
        self.flat = pairs.view(np.float64).reshape(-1)

    def blocks(self, rng: Any, columns: int, out: Floats | None = None
               ) -> Iterator[tuple[int, Floats]]:
        """Samples a cache-sized block of rows at a time (random bits drawn in row order)."""
        import numpy as np

        low_bits = 32 - INTERVAL_BITS
        bits = rng.bit_generator
        step = max(1, BLOCK_CELLS // max(columns, 1))
        base = (np.arange(step, dtype=np.intp) * TABLE_POINTS)[:, None]
        for r in range(0, self.rows, step):
            k = min(step, self.rows - r)
            cells = k * columns
            raw = bits.random_raw((cells + 1) // 2).view(np.uint32)[:cells].reshape(k, columns)
            idx = (raw >> low_bits).astype(np.intp)
            idx += base[:k] + r * TABLE_POINTS
            raw &= (1 << low_bits) - 1
            raw |= 0x3F800000  # the bits of 1.0 in float32: now 1 + fraction
            frac = raw.view(np.float32)
            got = self.flat.take(idx).view(np.float32)
            np.multiply(got[:, 1::2], frac, out=frac)
            target = frac if out is None else out[r:r + k]
            np.add(frac, got[:, 0::2], out=target)
            yield r, target

    def sample(self, rng: Any, columns: int, out: Floats | None = None) -> Floats:
        """Samples (rows × columns) of each row's distribution, in single precision.

        Single precision (weeks to about a minute): half the memory traffic of double.
        """
        import numpy as np

        if out is None:
            out = np.empty((self.rows, columns), dtype=np.float32)
        for _ in self.blocks(rng, columns, out):
            pass
        return out

    def total(self, rng: Any, columns: int) -> Floats:
        """Per column, the sum of one sample of every row (the matrix is never held whole)."""
        import numpy as np

        total: Floats = np.zeros(columns)
        for _, block in self.blocks(rng, columns):
            total += block.sum(axis=0, dtype=np.float64)
        return total


def sample(rng: Any, table: Floats, columns: int, out: Floats | None = None) -> Floats:
    """Samples (rows × columns) of each row of ``table``, by inverse transform."""
    return Sampler(table).sample(rng, columns, out)


def generator(seed: int) -> Any:
    """The random generator of a simulation: SFC64, the fastest of numpy's bit generators."""
    import numpy as np

    return np.random.Generator(np.random.SFC64(seed))


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


@dataclass(frozen=True)
class Level:
    """Initiatives ``first``–``last`` (no predecessor among them) and the edges into them.

    Edges come slot by slot: slot j holds the j-th predecessor of the first ``slots[j]``
    initiatives taken by number of predecessors (``order``), so the latest of them is a
    running maximum over contiguous blocks, a handful of numpy calls per level.
    """

    first: int
    last: int
    sources: Ints  # per edge: the predecessor's row in the stacked [starts; finishes]
    lags: Floats | None  # per edge (a float32 column), None when all are zero
    slots: tuple[int, ...]
    order: Ints | None  # position of each row's result in the slot order; None if in order
    earliest: Floats | None  # a float32 column in slot order, None when it cannot bind


def levels(net: Network) -> list[Level]:
    """The network cut into levels (longest chain of predecessors), rows contiguous.

    ``topological`` (Kahn, first in first out) already orders rows by level; a network
    built otherwise is rejected rather than propagated wrongly.
    """
    import numpy as np

    depth: list[int] = []
    for i, preds in enumerate(net.preds):
        depth.append(max((depth[p] + 1 for p, _, _ in preds if p < i), default=0))
        if any(p >= i for p, _, _ in preds) or (i and depth[i] < depth[i - 1]):
            raise ValueError("initiatives must come level by level (see topological)")
    out, n, first = [], net.size, 0
    clamp_all = any(e < 0 for e in net.earliest)
    while first < n:
        last = first
        while last < n and depth[last] == depth[first]:
            last += 1
        rows = sorted(range(first, last), key=lambda i: -len(net.preds[i]))
        slots = tuple(sum(1 for i in rows if len(net.preds[i]) > j)
                      for j in range(len(net.preds[rows[0]])))
        edges = [net.preds[i][j] for j, m in enumerate(slots) for i in rows[:m]]
        lags = np.array([lag for _, _, lag in edges], dtype=np.float32)[:, None]
        early = np.array([net.earliest[i] for i in rows], dtype=np.float32)[:, None]
        # the earliest start binds only if above 0, the least an edge gives without a lead
        # (negative lag) or a start before the plan's
        binds = clamp_all or bool((early > 0).any() or (lags < 0).any())
        in_order = rows == list(range(first, last))
        out.append(Level(
            first, last, np.array([p if ss else n + p for p, ss, _ in edges], dtype=np.intp),
            lags if lags.any() else None, slots,
            None if in_order else np.argsort(np.array(rows) - first).astype(np.intp),
            early if binds else None))
        first = last
    return out


def propagate(net: Network, durations: Floats, times: Floats | None = None
              ) -> tuple[Floats, Floats]:
    """Start and finish of every initiative, and the completion, per iteration (column).

    Returns ``times`` (2 × initiatives rows: the starts, then the finishes) and the
    completion; ``times`` may be given as a C-contiguous buffer to be reused.
    """
    import numpy as np

    n, cols = durations.shape
    sf = np.empty((2 * n, cols), dtype=durations.dtype) if times is None else times
    plan = net.levels
    work = np.empty((max((len(lv.sources) for lv in plan), default=0), cols), sf.dtype)
    for lv in plan:
        a, b = lv.first, lv.last
        here = sf[a:b]
        if not lv.slots:  # no predecessors: start at the earliest
            here[...] = np.asarray(net.earliest[a:b], dtype=sf.dtype)[:, None]
        else:
            g = work[:len(lv.sources)]
            np.take(sf, lv.sources, axis=0, out=g, mode="clip")  # clip: unbuffered
            if lv.lags is not None:
                g += lv.lags
            latest, at = g[:lv.slots[0]], lv.slots[0]
            for m in lv.slots[1:]:
                np.maximum(latest[:m], g[at:at + m], out=latest[:m])
                at += m
            if lv.earliest is not None:
                np.maximum(latest, lv.earliest, out=latest)
            if lv.order is None:
                here[...] = latest
            else:
                np.take(latest, lv.order, axis=0, out=here, mode="clip")
        np.add(here, durations[a:b], out=sf[n + a:n + b])
    completion: Floats = sf[n:].max(axis=0) if n else np.zeros(cols, dtype=durations.dtype)
    return sf, completion


def critical(net: Network, times: Floats, completion: Floats) -> Bools:
    """Whether each initiative is on a critical path, per iteration.

    ``times`` holds the starts, then the finishes (as ``propagate`` returns them). An
    initiative finishing at the completion is critical; walking back level by level, a
    predecessor is critical where its edge set the critical successor's start (ties mark
    both). Rows never critical in this chunk (most of them) cost nothing.
    """
    import numpy as np

    n = net.size
    crit: Bools = np.equal(times[n:], completion[None, :])
    active = cast(list[bool], crit.any(axis=1).tolist())
    for lv in reversed(net.levels):
        rows, dest, lags, preds = [], [], [], []
        for i in range(lv.first, lv.last) if lv.slots else ():
            if not active[i]:
                continue
            edges = net.preds[i]
            if len(edges) == 1 and lv.earliest is None:  # its one edge alone set its start
                p = edges[0][0]
                np.logical_or(crit[p], crit[i], out=crit[p])
                active[p] = True
                continue
            for p, ss, lag in edges:
                rows.append(p if ss else n + p)
                dest.append(i)
                lags.append(lag)
                preds.append(p)
        if not rows:
            continue
        # all the level's edges into critical initiatives at once
        tight = times.take(rows, axis=0)
        if any(lags):
            tight += np.array(lags, dtype=np.float32)[:, None]
        hit: Bools = np.equal(tight, times.take(dest, axis=0))
        hit &= crit.take(dest, axis=0)
        found = cast(list[bool], hit.any(axis=1).tolist())
        for p, tied, flags in zip(preds, found, hit, strict=True):
            if tied:
                np.logical_or(crit[p], flags, out=crit[p])
                active[p] = True
    return crit
