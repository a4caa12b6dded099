"""The dependency network as arrays, sampled and propagated over many iterations at once.

Rows are initiatives, columns are iterations; the only Python loops run over initiatives
(in topological order) or dependencies, never over iterations.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from opmodel.document.model import OperatingModel
from opmodel.engines.budget_costs import plan_start
from opmodel.engines.prioritisation import expected_weeks

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    Floats = NDArray[np.float64]
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
    earliest: list[float]  # weeks after the plan start
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
               start: dt.date | None = None) -> Network:
    """The network of the selected initiatives (all when None); others' edges are dropped."""
    all_ini = model.roadmap.initiatives if model.roadmap else []
    wanted = None if selected is None else set(selected)
    chosen = {i.id: i for i in all_ini if wanted is None or i.id in wanted}
    order = topological(list(chosen), {k: [d.initiative for d in v.depends_on]
                                       for k, v in chosen.items()})
    row = {k: n for n, k in enumerate(order)}
    start = start or plan_start(model)
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
        if start is not None and ini.earliest_start is not None:
            early = max(0.0, (ini.earliest_start - start).days / 7)
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


BLOCK_CELLS = 1 << 16  # transform samples in blocks of rows that stay in the CPU cache
PERT_POINTS = 512  # points of each PERT quantile table


def _triangular_block(u: Floats, low: Floats, mode: Floats, high: Floats, tmp: Floats,
                      left: Bools) -> None:
    """Uniforms ``u`` → triangular samples in place (inverse CDF)."""
    import numpy as np

    span = high - low
    cut = (mode - low) / np.maximum(span, 1e-300)
    np.less(u, cut, out=left)
    np.multiply(u, span * (mode - low), out=tmp)
    np.subtract(1.0, u, out=u)
    np.multiply(u, span * (high - mode), out=u)
    np.copyto(u, tmp, where=left)
    np.sqrt(u, out=u)
    np.copyto(tmp, high)
    np.copyto(tmp, low, where=left)
    np.add(tmp, u, out=tmp, where=left)
    np.subtract(tmp, u, out=tmp, where=~left)
    np.copyto(u, tmp)


def pert_table(low: ArrayLike, mode: ArrayLike, high: ArrayLike) -> Floats:
    """Quantiles of each row's PERT-beta distribution at PERT_POINTS evenly spaced levels.

    PERT: Beta(1 + 4(m−o)/(p−o), 1 + 4(p−m)/(p−o)) on [o, p]; its CDF is integrated
    numerically (the shape parameters are at least 1, so the density is bounded).
    """
    import numpy as np

    lo, mo, hi = (np.asarray(v, dtype=float).reshape(-1, 1) for v in (low, mode, high))
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    a = 1 + 4 * (mo - lo) / safe
    b = 1 + 4 * (hi - mo) / safe
    grid = np.linspace(0.0, 1.0, 2049)
    inner = np.clip(grid, 1e-12, 1 - 1e-12)
    logpdf = (a - 1) * np.log(inner) + (b - 1) * np.log1p(-inner)
    pdf = np.exp(logpdf - logpdf.max(axis=1, keepdims=True))
    cdf = np.zeros_like(pdf)
    np.cumsum((pdf[:, 1:] + pdf[:, :-1]) / 2, axis=1, out=cdf[:, 1:])
    cdf /= cdf[:, -1:]
    levels = np.linspace(0.0, 1.0, PERT_POINTS)
    table = np.empty((lo.shape[0], PERT_POINTS))
    for i in range(lo.shape[0]):
        table[i] = np.interp(levels, cdf[i], grid)
    out: Floats = lo + table * np.where(span > 0, span, 0.0)
    return out


def _pert_block(u: Floats, table: Floats, tmp: Floats, idx: Any) -> None:
    """Uniforms ``u`` → PERT samples in place, by linear interpolation in the table."""
    import numpy as np

    last = table.shape[1] - 1
    np.multiply(u, last, out=u)
    np.floor(u, out=tmp)
    np.minimum(tmp, last - 1, out=tmp)
    np.subtract(u, tmp, out=u)  # u is now the fraction between two table points
    idx[...] = tmp
    idx += np.arange(table.shape[0])[:, None] * table.shape[1]
    flat = table.ravel()
    np.take(flat, idx, out=tmp)
    idx += 1
    right = np.take(flat, idx)
    right -= tmp
    right *= u
    np.add(tmp, right, out=u)


def sample(rng: Any, low: list[float], mode: list[float], high: list[float], columns: int,
           distribution: str, table: Floats | None = None) -> Floats:
    """Samples (rows × columns) of three-point estimates: triangular or PERT-beta."""
    import numpy as np

    rows = len(low)
    out: Floats = rng.random((rows, columns))
    if rows == 0 or columns == 0:
        return out
    lo = np.asarray(low, dtype=float)[:, None]
    mo = np.asarray(mode, dtype=float)[:, None]
    hi = np.asarray(high, dtype=float)[:, None]
    if distribution != "triangular" and table is None:
        table = pert_table(lo, mo, hi)
    step = max(1, BLOCK_CELLS // columns)
    tmp = np.empty((min(step, rows), columns))
    left = np.empty((min(step, rows), columns), dtype=bool)
    idx = np.empty((min(step, rows), columns), dtype=np.intp)
    for r in range(0, rows, step):
        k = min(step, rows - r)
        block = out[r:r + k]
        if distribution == "triangular":
            _triangular_block(block, lo[r:r + k], mo[r:r + k], hi[r:r + k], tmp[:k], left[:k])
        else:
            assert table is not None
            _pert_block(block, table[r:r + k], tmp[:k], idx[:k])
    return out


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


def propagate(net: Network, durations: Floats) -> tuple[Floats, Floats, Floats]:
    """Start and finish of every initiative and the completion, per iteration (column)."""
    import numpy as np

    start = np.empty_like(durations)
    finish = np.empty_like(durations)
    for i in range(net.size):
        s = start[i]
        s.fill(net.earliest[i])
        for p, ss, lag in net.preds[i]:
            np.maximum(s, (start[p] if ss else finish[p]) + lag, out=s)
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
