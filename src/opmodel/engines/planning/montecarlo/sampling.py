"""Sampling three-point estimates many iterations at once: quantile tables, inverse-transform
sampling in cache-sized blocks, and rank correlation between rows."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

    Floats = NDArray[np.floating[Any]]
    Bools = NDArray[np.bool_]
    Ints = NDArray[np.intp]
else:
    Floats = Bools = Ints = ArrayLike = Any


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
