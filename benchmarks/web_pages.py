"""The survey answers the pages of ``benchmarks/web.py`` read: fifty respondents who answered
every bank question through survey links (what the assessment page scores and compares)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

RESPONDENTS = 50
UNITS = ("sales", "plants", "finance", "it", "logistics")


def answered_survey(workspace: Any, line: Any) -> str:
    """The path of a live survey link, after the links of fifty respondents stored their
    answers to every bank question of ``line``."""
    from django.utils import timezone

    from opmodel.knowledge.questions import question_bank
    from opmodel.server.surveys.models import AssessmentAnswer, SurveyToken

    rng = random.Random(11)
    now = timezone.now()
    secret = ""
    answers = []
    for n in range(RESPONDENTS):
        token, secret = SurveyToken.issue(
            workspace=workspace, line=line, respondent=f"r-{n:03d}", role=f"role {n % 7}",
            business_unit=UNITS[n % len(UNITS)], group="it" if n % 3 else "business",
            employment="internal" if n % 4 else "outsourced", language="ja",
            expires_at=now + dt.timedelta(days=30))
        answers += [AssessmentAnswer(token=token, line=line, question=q.id,
                                     level=rng.randint(0, 5), answered_at=now)
                    for q in question_bank().questions]
    AssessmentAnswer.objects.bulk_create(answers, batch_size=2000)
    return f"/s/{secret}/"
