"""Compiled kernels of the schedule-generation core (numba): the serial schedule generation
scheme over an activity list, double justification and the activity-list genetic operators.

Imported only by ``genetic.py``, inside the function that needs it: numba takes a moment
to import, and the machine code is cached on disk after the first compilation.
"""

from __future__ import annotations

import heapq

import numpy as np
from numba import njit

# Arrays shared by every kernel (``Arrays`` in genetic.py): dur, release, deadline (-1: none),
# the predecessors and successors in compressed rows (ptr, idx, lag), demand[n, R] and the
# capacity cap[R, H] at each time unit. ``used`` is a work array shaped like ``cap``.

SCALE = 1 << 20  # fitness = makespan * SCALE + total lateness (capped below SCALE)


@njit(cache=True, nogil=True)
def _last_conflict(used, cap, demand, j, t, d):
    """The last time in [t, t+d) at which task j does not fit, or -1 when it fits."""
    for u in range(t + d - 1, t - 1, -1):
        for r in range(demand.shape[1]):
            q = demand[j, r]
            if q > 0 and used[r, u] + q > cap[r, u]:
                return u
    return -1


@njit(cache=True, nogil=True)
def _first_conflict(used, cap, demand, j, t, d):
    """The first time in [t, t+d) at which task j does not fit, or -1 when it fits."""
    for u in range(t, t + d):
        for r in range(demand.shape[1]):
            q = demand[j, r]
            if q > 0 and used[r, u] + q > cap[r, u]:
                return u
    return -1


@njit(cache=True, nogil=True)
def _book(used, demand, j, t, d, sign):
    for r in range(demand.shape[1]):
        q = demand[j, r]
        if q > 0:
            for u in range(t, t + d):
                used[r, u] += sign * q


@njit(cache=True, nogil=True)
def serial(order, dur, release, pptr, pidx, plag, demand, cap, used, starts):
    """Schedule the tasks in list order, each at its earliest precedence- and
    resource-feasible start; the makespan, or -1 when a task never fits."""
    used[:, :] = 0
    limit = cap.shape[1]
    span = 0
    for j in order:
        t = release[j]
        for e in range(pptr[j], pptr[j + 1]):
            t = max(t, starts[pidx[e]] + plag[e])
        d = dur[j]
        if d > 0:
            while True:
                if t + d > limit:
                    return -1
                u = _last_conflict(used, cap, demand, j, t, d)
                if u < 0:
                    break
                t = u + 1
            _book(used, demand, j, t, d, 1)
        starts[j] = t
        span = max(span, t + d)
    return span


@njit(cache=True, nogil=True)
def justify(starts, dur, release, pptr, pidx, plag, sptr, sidx, slag, demand, cap, used):
    """Double justification of a feasible schedule, in place: every task as late as it can
    go (latest finish first), then every task as early as it can (earliest start first).
    Each move keeps the schedule feasible, so the makespan never grows; returns it."""
    n = dur.shape[0]
    used[:, :] = 0
    span = 0
    for j in range(n):
        _book(used, demand, j, starts[j], dur[j], 1)
        span = max(span, starts[j] + dur[j])
    for j in np.argsort(-(starts + dur), kind="mergesort"):
        d = dur[j]
        latest = span - d
        for e in range(sptr[j], sptr[j + 1]):
            latest = min(latest, starts[sidx[e]] - slag[e])
        if latest <= starts[j]:
            continue
        _book(used, demand, j, starts[j], d, -1)
        t = latest
        while t > starts[j]:
            u = _first_conflict(used, cap, demand, j, t, d)
            if u < 0:
                break
            t = u - d
        t = max(t, starts[j])  # where it was still fits: the others were placed around it
        _book(used, demand, j, t, d, 1)
        starts[j] = t
    for j in np.argsort(starts, kind="mergesort"):
        d = dur[j]
        earliest = release[j]
        for e in range(pptr[j], pptr[j + 1]):
            earliest = max(earliest, starts[pidx[e]] + plag[e])
        if earliest >= starts[j]:
            continue
        _book(used, demand, j, starts[j], d, -1)
        t = earliest
        while t < starts[j]:
            u = _last_conflict(used, cap, demand, j, t, d)
            if u < 0:
                break
            t = u + 1
        t = min(t, starts[j])
        _book(used, demand, j, t, d, 1)
        starts[j] = t
    span = 0
    for j in range(n):
        span = max(span, starts[j] + dur[j])
    return span


@njit(cache=True, nogil=True)
def fitness(starts, span, dur, deadline):
    """Makespan first, total lateness past the deadlines second, as one number."""
    late = 0
    for j in range(dur.shape[0]):
        if deadline[j] >= 0 and starts[j] + dur[j] > deadline[j]:
            late += starts[j] + dur[j] - deadline[j]
    return span * SCALE + min(late, SCALE - 1)


@njit(cache=True, nogil=True)
def topological(key, pptr, sptr, sidx, out):
    """The precedence-feasible list closest to ascending ``key`` (ties by index) into out."""
    n = key.shape[0]
    waiting = np.empty(n, np.int64)
    heap = [(np.int64(0), np.int64(0))]
    heap.pop()
    for j in range(n):
        waiting[j] = pptr[j + 1] - pptr[j]
        if waiting[j] == 0:
            heapq.heappush(heap, (key[j], np.int64(j)))
    at = 0
    while heap:
        _, j = heapq.heappop(heap)
        out[at] = j
        at += 1
        for e in range(sptr[j], sptr[j + 1]):
            k = sidx[e]
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(heap, (key[k], np.int64(k)))


@njit(cache=True, nogil=True)
def sampled_list(late, pptr, sptr, sidx, out):
    """A random precedence-feasible list, biased towards early latest finish (regret-based
    biased random sampling on the LFT rule)."""
    n = late.shape[0]
    waiting = np.empty(n, np.int64)
    eligible = np.empty(n, np.int64)
    count = 0
    for j in range(n):
        waiting[j] = pptr[j + 1] - pptr[j]
        if waiting[j] == 0:
            eligible[count] = j
            count += 1
    for at in range(n):
        worst = late[eligible[0]]
        for e in range(count):
            worst = max(worst, late[eligible[e]])
        total = 0.0
        for e in range(count):
            total += worst - late[eligible[e]] + 1.0
        pick = np.random.random() * total
        chosen = count - 1
        for e in range(count):
            pick -= worst - late[eligible[e]] + 1.0
            if pick < 0:
                chosen = e
                break
        j = eligible[chosen]
        eligible[chosen] = eligible[count - 1]
        count -= 1
        out[at] = j
        for e in range(sptr[j], sptr[j + 1]):
            k = sidx[e]
            waiting[k] -= 1
            if waiting[k] == 0:
                eligible[count] = k
                count += 1


@njit(cache=True, nogil=True)
def crossover(mother, father, child, taken):
    """Two-point crossover of activity lists (Hartmann): the mother's head, then the father's
    tasks in his order up to the second point, then the mother's rest; keeps the order
    precedence-feasible."""
    n = mother.shape[0]
    q1 = np.random.randint(0, n + 1)
    q2 = np.random.randint(0, n + 1)
    if q1 > q2:
        q1, q2 = q2, q1
    taken[:] = False
    at = 0
    for source, stop in ((mother, q1), (father, q2), (mother, n)):
        for j in source:
            if at >= stop:
                break
            if not taken[j]:
                taken[j] = True
                child[at] = j
                at += 1


@njit(cache=True, nogil=True)
def mutate(order, rate, sptr, sidx):
    """Swap neighbours with probability ``rate`` each when no precedence links them."""
    for at in range(order.shape[0] - 1):
        if np.random.random() < rate:
            i, j = order[at], order[at + 1]
            linked = False
            for e in range(sptr[i], sptr[i + 1]):
                if sidx[e] == j:
                    linked = True
                    break
            if not linked:
                order[at], order[at + 1] = j, i


@njit(cache=True, nogil=True)
def seed_random(seed):
    """Seed numba's own generator (the one the kernels draw from)."""
    np.random.seed(seed)


@njit(cache=True, nogil=True)
def evaluate(order, dur, release, deadline, pptr, pidx, plag, sptr, sidx, slag, demand, cap,
             used, starts):
    """Decode a list (serial scheme, then double justification) into ``starts``; re-encode
    the list as the justified schedule's order; its fitness, or -1 when a task never fits."""
    span = serial(order, dur, release, pptr, pidx, plag, demand, cap, used, starts)
    if span < 0:
        return -1
    while True:  # justify again while it still shortens the schedule
        shorter = justify(starts, dur, release, pptr, pidx, plag, sptr, sidx, slag, demand,
                          cap, used)
        if shorter >= span:
            break
        span = shorter
    topological(starts, pptr, sptr, sidx, order)
    return fitness(starts, span, dur, deadline)


@njit(cache=True, nogil=True)
def breed(pop, fit, kids, kid_fit, rate, best, dur, release, deadline, pptr, pidx, plag,
          sptr, sidx, slag, demand, cap, used, starts, taken):
    """One generation of children: parents by binary tournament, crossover, mutation,
    decoding. ``best`` holds the best fitness so far and its starts (updated in place)."""
    size = pop.shape[0]
    for c in range(kids.shape[0]):
        a, b = np.random.randint(size), np.random.randint(size)
        mother = a if fit[a] <= fit[b] else b
        a, b = np.random.randint(size), np.random.randint(size)
        father = a if fit[a] <= fit[b] else b
        crossover(pop[mother], pop[father], kids[c], taken)
        mutate(kids[c], rate, sptr, sidx)
        value = evaluate(kids[c], dur, release, deadline, pptr, pidx, plag, sptr, sidx, slag,
                         demand, cap, used, starts)
        kid_fit[c] = value if value >= 0 else np.iinfo(np.int64).max
        if 0 <= value < best[0]:
            best[0] = value
            best[1:] = starts
