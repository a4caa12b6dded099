"""Propagating sampled durations through the network level by level: start and finish of
every initiative per iteration, and which initiatives are critical.

Rows are initiatives, columns are iterations; Python loops run over levels of the network,
initiatives or dependencies, never over iterations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from opmodel.engines.planning.montecarlo.network import Network

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    Floats = NDArray[np.floating[Any]]
    Bools = NDArray[np.bool_]
    Ints = NDArray[np.intp]
else:
    Floats = Bools = Ints = ArrayLike = Any


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


def level_plan(net: Network) -> list[Level]:
    """The propagation plan of ``net``, built once (the network is not changed after building)."""
    if net.level_cache is None:
        net.level_cache = levels(net)
    return net.level_cache


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
    plan = level_plan(net)
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
    for lv in reversed(level_plan(net)):
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
