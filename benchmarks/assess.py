"""Assessment scoring benchmark: 2,000 respondents × 120 questions (240,000 answers).

Times opmodel's `assess(model)` (per-question medians and dispersion, component and overall
scores, gaps, strengths and weaknesses, respondent and group disagreements) against a
straightforward pandas baseline over the same answers: build a frame from the model's
answers, then groupby question for median/std/min/max/count and a weighted mean per
component. Both start from the same validated OperatingModel, in the same process.

Run: .venv/bin/python benchmarks/assess.py [--respondents 2000 --questions 120 --repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

COMPONENTS = ["governance", "organization", "process", "technology", "sourcing"]


def build_model(n_respondents: int, n_questions: int) -> Any:
    """A model whose assessment uses the whole bank plus custom questions up to n_questions."""
    from opmodel.document.model import OperatingModel
    from opmodel.knowledge.questions import question_bank

    rng = random.Random(42)
    bank = [q.id for q in question_bank().questions][:n_questions]
    custom = [{"id": f"custom-{i:03d}", "component": COMPONENTS[i % 5], "text": f"Q{i}"}
              for i in range(n_questions - len(bank))]
    ids = bank + [c["id"] for c in custom]
    respondents = []
    for r in range(n_respondents):
        bias = rng.choice([-1, 0, 0, 1])
        answers = []
        for q in ids:
            if rng.random() < 0.05:
                answers.append({"question": q, "dont_know": True})
            else:
                answers.append({"question": q,
                                "level": min(5, max(0, round(rng.gauss(2.5, 1.1)) + bias))})
        respondents.append({"id": f"r{r:05d}", "group": rng.choice(["it", "business"]),
                            "employment": rng.choice(["internal", "outsourced"]),
                            "answers": answers})
    targets = {c: {"target": 4, "importance": 1 + i % 3} for i, c in enumerate(COMPONENTS)}
    return OperatingModel.model_validate({
        "apiVersion": "opmodel/v1", "kind": "OperatingModel", "metadata": {"name": "bench"},
        "assessment": {"questions": custom, "respondents": respondents, "targets": targets}})


def pandas_baseline(model: Any) -> Any:
    """Per-question median, std, min, max, count, then an importance-weighted mean per component."""
    import pandas as pd

    from opmodel.knowledge.questions import question_bank

    a = model.assessment
    meta = {q.id: (q.component, q.importance) for q in question_bank().questions}
    meta.update({q.id: (q.component.value, q.importance) for q in a.questions})
    rows = [(r.id, ans.question, ans.level) for r in a.respondents for ans in r.answers
            if ans.level is not None]
    frame = pd.DataFrame(rows, columns=["respondent", "question", "level"])
    per_q = frame.groupby("question")["level"].agg(["median", "std", "min", "max", "count"])
    per_q["component"] = [meta[q][0] for q in per_q.index]
    per_q["importance"] = [meta[q][1] for q in per_q.index]
    per_q["weighted"] = per_q["median"] * per_q["importance"]
    sums = per_q.groupby("component")[["weighted", "importance"]].sum()
    return sums["weighted"] / sums["importance"]


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from opmodel.engines.assessment.scoring import assess

    model = build_model(args.respondents, args.questions)
    answers = sum(len(r.answers) for r in model.assessment.respondents)
    assess(model)  # warm the question bank cache and imports, as pandas is warmed below
    pandas_baseline(model)
    ours, result = best_of(lambda: assess(model), args.repeat)
    base, frame = best_of(lambda: pandas_baseline(model), args.repeat)
    for component in COMPONENTS:  # both compute the same component scores
        assert abs(result.components[component].score - frame[component]) < 0.01, component
    print(f"answers: {answers:,} ({args.respondents} respondents × {args.questions} questions)")
    print(f"opmodel assess: {ours * 1000:.0f} ms (best of {args.repeat}); "
          f"{len(result.disagreements)} disagreements found")
    print(f"pandas groupby baseline: {base * 1000:.0f} ms")
    print(f"ratio (pandas / opmodel): {base / ours:.2f}x "
          f"({'faster' if ours <= base else 'slower'} than the baseline)")
    print(f"median of per-question dispersion: "
          f"{statistics.median(q.dispersion or 0 for q in result.questions):.2f}")


if __name__ == "__main__":
    main()
