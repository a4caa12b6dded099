"""Monte Carlo schedule and cost risk: percentiles, criticality, drivers and convergence.

Iterations are processed in chunks (bounded memory); within a chunk everything is numpy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.costs import plan_start
from opmodel.engines.planning.montecarlo.network import Network, network_of, working_calendar
from opmodel.engines.planning.montecarlo.propagation import critical, propagate
from opmodel.engines.planning.montecarlo.sampling import (
    Floats,
    Sampler,
    correlate,
    generator,
    quantile_table,
    table_quantile,
    table_variance,
)
from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.knowledge.texts import message

STAGE = "risk"  # the stage the simulation reports its progress under
PERCENTILES = (10, 50, 80, 90)
CURVE = tuple(range(0, 101, 5))  # the S-curve's percentiles
CELLS_PER_CHUNK = 8_000_000  # initiatives × iterations held at once (32 MB in float32)
CHUNK_MOST = 100_000  # iterations per chunk at most: progress shows and a stop is heard
CONVERGENCE_TOLERANCE = 0.01  # P80 within 1% of its final value
BLOCK_CELLS = 1 << 18  # durations compared and summed this many at a time (cache-sized)


class Percentiles(BaseModel):
    """P10/P50/P80/P90 and the mean of a simulated quantity."""

    p10: float
    p50: float
    p80: float
    p90: float
    mean: float

    def at(self, percentile: int) -> float:
        """The value at one of the reported percentiles."""
        return float(getattr(self, f"p{percentile}"))


class CurvePoint(BaseModel):
    """One point of the S-curves: completion and cost that ``percentile`` % of the iterations
    stay within."""

    percentile: int
    weeks: float
    cost: float
    date: dt.date | None = None


class InitiativeRisk(BaseModel):
    """One initiative's share of the schedule risk."""

    id: str
    criticality: float = Field(description="Share of iterations on a critical path.")
    correlation: float = Field(description="Correlation of its duration with completion.")
    low: float = Field(description="Mean completion when its duration is at or below its P10.")
    high: float = Field(description="Mean completion when its duration is at or above its P90.")


class Checkpoint(BaseModel):
    """P80 of completion after the first ``iterations``."""

    iterations: int
    p80: float


class MonteCarloResult(BaseModel):
    """Completion (weeks from the plan start) and cost risk of a roadmap."""

    iterations: int
    seed: int
    distribution: str
    correlation: float
    completion: Percentiles
    completion_dates: dict[str, dt.date] = Field(default_factory=dict)
    cost: Percentiles
    cost_percentiles: dict[int, float] = Field(
        default_factory=dict, description="Cost at every requested percentile.")
    curve: list[CurvePoint] = Field(
        default_factory=list, description="Completion and cost at every 5th percentile (the "
                                          "S-curves); empty without iterations.")
    initiatives: list[InitiativeRisk]
    drivers: list[str] = Field(description="Initiative ids by |correlation|, largest first.")
    convergence: list[Checkpoint]
    stable_at: int | None = Field(description="Iterations after which P80 stays within 1%.")
    stopped: bool = False


def one_blas_thread() -> Any:
    """A context in which BLAS runs on the calling thread only.

    The products here are one pass over memory each: a second thread saves little time and
    spins on a core that other work needs (CPU time counts on a shared machine).
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def chunk_size(initiatives: int, iterations: int) -> int:
    """Iterations per chunk: one array holds at most about CELLS_PER_CHUNK numbers.

    Chunks are as large as that allows and of equal size: each costs a fixed number of numpy
    calls per level and per critical initiative, so a short last chunk would cost as much.
    """
    most = min(CHUNK_MOST, max(256, CELLS_PER_CHUNK // max(1, initiatives)))
    return max(1, -(-iterations // -(-iterations // most))) if iterations > 0 else 1


def _percentiles(values: Floats) -> Percentiles:
    import numpy as np

    if values.size == 0:
        return Percentiles(p10=0, p50=0, p80=0, p90=0, mean=0)
    q = np.percentile(values, PERCENTILES)
    return Percentiles(p10=float(q[0]), p50=float(q[1]), p80=float(q[2]), p90=float(q[3]),
                       mean=float(values.mean()))


def _convergence(completion: Floats) -> tuple[list[Checkpoint], int | None]:
    import numpy as np

    n = completion.size
    marks, k = [], 100
    while k < n:
        marks.append(k)
        k *= 2
    marks.append(n)
    points = [Checkpoint(iterations=m, p80=float(np.percentile(completion[:m], 80)))
              for m in marks if m > 0]
    if not points:
        return [], None
    final = points[-1].p80
    stable = None
    for p in reversed(points):
        if abs(p.p80 - final) > CONVERGENCE_TOLERANCE * max(abs(final), 1e-9):
            break
        stable = p.iterations
    return points, stable


class _Sums:
    """Running sums that give correlations and tornado bars without keeping the samples."""

    def __init__(self, rows: int, cut_low: Floats, cut_high: Floats, var_d: Floats) -> None:
        import numpy as np

        z = np.zeros
        self.d, self.dc = z(rows), z(rows)
        self.var_d = var_d  # known from the distribution: no pass over the samples needed
        self.c = self.cc = 0.0
        self.crit = z(rows)
        self.low_sum, self.low_n, self.high_sum, self.high_n = z(rows), z(rows), z(rows), z(rows)
        self.cut_low = cut_low.astype(np.float32)[:, None]
        self.cut_high = cut_high.astype(np.float32)[:, None]
        self.mask, self.flags = np.empty(0, dtype=np.float32), np.empty(0, dtype=np.bool_)

    def add(self, dur: Floats, completion: Floats, crit: Any) -> None:
        import numpy as np

        self.c += float(completion.sum(dtype=np.float64))
        self.cc += float(np.dot(completion.astype(np.float64), completion))
        rows = np.flatnonzero(crit.any(axis=1))  # most rows are never critical
        self.crit[rows] += crit[rows].view(np.uint8).sum(axis=1, dtype=np.int64)
        # a few rows at a time, so the masks stay in the CPU cache between the passes;
        # matrix-vector products (in BLAS) rather than reductions along rows
        ones = np.ones_like(completion)
        step = max(16, BLOCK_CELLS // max(1, dur.shape[1]))
        if self.mask.size < step * dur.shape[1]:
            self.mask = np.empty(step * dur.shape[1], dtype=np.float32)
            self.flags = np.empty(step * dur.shape[1], dtype=np.bool_)
        for a in range(0, dur.shape[0], step):
            block = dur[a:a + step]
            self.d[a:a + step] += block @ ones
            self.dc[a:a + step] += block @ completion
            mask = self.mask[:block.size].reshape(block.shape)
            flags = self.flags[:block.size].reshape(block.shape)
            for cut, total, count, compare in (
                    (self.cut_low, self.low_sum, self.low_n, np.less_equal),
                    (self.cut_high, self.high_sum, self.high_n, np.greater_equal)):
                compare(block, cut[a:a + step], out=flags)
                np.copyto(mask, flags)  # a 0/1 float mask so that the products run in BLAS
                total[a:a + step] += mask @ completion
                count[a:a + step] += mask @ ones

    def correlations(self, n: int) -> Floats:
        import numpy as np

        cov = self.dc / n - (self.d / n) * (self.c / n)
        var_d = self.var_d
        var_c = max(self.cc / n - (self.c / n) ** 2, 0)
        denom = np.sqrt(var_d * var_c)
        out: Floats = np.where(denom > 1e-12, cov / np.where(denom > 1e-12, denom, 1), 0.0)
        return out


def simulate_network(net: Network, *, iterations: int = 10_000, seed: int = 0,
                     distribution: str = "pert", correlation: float = 0.0,
                     chunk: int | None = None, extra_percentiles: Collection[int] = (),
                     progress: ProgressCallback = no_progress,
                     should_stop: StopCheck = never_stop) -> MonteCarloResult:
    """Simulate ``iterations`` runs of the network; same inputs and seed, same answer.

    ``should_stop()`` is asked after each chunk: the figures are those of the iterations
    done so far. ``progress`` hears after each chunk (stage ``risk``).
    """
    import numpy as np

    rng = generator(seed)
    table = quantile_table(net.low, net.mode, net.high, distribution)
    cost_table = quantile_table(net.cost_low, net.cost_mode, net.cost_high, "triangular")
    durations, costs_of = Sampler(table), Sampler(cost_table)
    size = chunk or chunk_size(net.size, iterations)
    completions, costs = [], []
    # tornado bars split each initiative's duration at its own P10 and P90
    sums = _Sums(net.size, table_quantile(table, 0.1), table_quantile(table, 0.9),
                 table_variance(table))
    # flat buffers: a shorter last chunk still gets C-contiguous arrays
    dur_flat = np.empty(net.size * size, dtype=np.float32)
    times_flat = np.empty(2 * net.size * size, dtype=np.float32)
    done, stopped = 0, False
    with one_blas_thread():
        while done < iterations:
            if done > 0 and should_stop():
                stopped = True
                break
            cols = min(size, iterations - done)
            dur = durations.sample(rng, cols, dur_flat[:net.size * cols].reshape(net.size, cols))
            if correlation > 0:  # the copula reorders whole rows: hold the cost samples
                cost = costs_of.sample(rng, cols)
                dur, cost = correlate(rng, [dur, cost], correlation)
                cost_total = cost.sum(axis=0)
            else:
                cost_total = costs_of.total(rng, cols)
            times = times_flat[:2 * net.size * cols].reshape(2 * net.size, cols)
            times, completion = propagate(net, dur, times)
            crit = critical(net, times, completion)
            sums.add(dur, completion, crit)
            completions.append(completion)
            costs.append(cost_total + net.fixed_cost)
            done += cols
            progress(Progress(STAGE, done / iterations,
                              message("plan.progress.risk", done=done, iterations=iterations)))
    completion_all = (np.concatenate(completions).astype(np.float64) if completions
                      else np.zeros(0))
    cost_all = np.concatenate(costs) if costs else np.zeros(0)
    n = max(done, 1)
    corr = sums.correlations(n)
    risks = [InitiativeRisk(id=k, criticality=float(sums.crit[i] / n),
                            correlation=float(corr[i]),
                            low=float(sums.low_sum[i] / max(sums.low_n[i], 1)),
                            high=float(sums.high_sum[i] / max(sums.high_n[i], 1)))
             for i, k in enumerate(net.ids)]
    points, stable = _convergence(completion_all)
    wanted = sorted(set(PERCENTILES) | set(extra_percentiles))
    spread = ({p: float(v) for p, v in zip(wanted, np.percentile(cost_all, wanted), strict=True)}
              if cost_all.size else {})
    curve = ([CurvePoint(percentile=p, weeks=float(w), cost=float(c)) for p, w, c in zip(
        CURVE, np.percentile(completion_all, CURVE), np.percentile(cost_all, CURVE),
        strict=True)] if completion_all.size else [])
    return MonteCarloResult(
        cost_percentiles=spread, curve=curve,
        iterations=done, seed=seed, distribution=distribution, correlation=correlation,
        completion=_percentiles(completion_all), cost=_percentiles(cost_all),
        initiatives=risks,
        drivers=[r.id for r in sorted(risks, key=lambda r: (-abs(r.correlation), r.id))],
        convergence=points, stable_at=stable, stopped=stopped)


def simulate(model: OperatingModel, selected: Collection[str] | None = None, *,
             iterations: int = 10_000, seed: int = 0, distribution: str = "pert",
             correlation: float = 0.0, start: dt.date | None = None,
             extra_percentiles: Collection[int] = (), planned: Mapping[str, float] | None = None,
             progress: ProgressCallback = no_progress,
             should_stop: StopCheck = never_stop) -> MonteCarloResult:
    """Schedule and cost risk of the selected initiatives (all when None).

    With ``planned`` start weeks (from the schedule) no initiative starts before its plan.
    """
    start = start or plan_start(model)
    net = network_of(model, selected, start, planned)
    result = simulate_network(net, iterations=iterations, seed=seed, distribution=distribution,
                              correlation=correlation, extra_percentiles=extra_percentiles,
                              progress=progress, should_stop=should_stop)
    if start is not None:
        # the last working day of the working weeks, as the schedule dates its finishes
        calendar = working_calendar(model, start)

        def finish(weeks: float) -> dt.date:
            return calendar.day(max(math.ceil(weeks * calendar.per_week - 1e-6) - 1, 0))

        result.completion_dates = {f"p{p}": finish(result.completion.at(p))
                                   for p in PERCENTILES}
        for point in result.curve:
            point.date = finish(point.weeks)
    return result
