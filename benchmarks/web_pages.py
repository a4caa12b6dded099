"""The pages in ``benchmarks/web.py``: a session to read them as
the benchmark's user, fifty respondents who answered every bank question through survey
links (what the assessment page scores and compares), and the page requests of a round."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

RESPONDENTS = 50
UNITS = ("sales", "plants", "finance", "it", "logistics")


def prepare_pages(workspace: Any, user: Any, line: Any) -> dict[str, str]:
    """The session cookie of ``user`` and the path of a live survey link, after the links of
    fifty respondents stored their answers to every bank question of ``line``."""
    from importlib import import_module

    from django.conf import settings
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
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    return {"cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}",
            "survey": f"/s/{secret}/"}


def page_requests(page: Callable[[str], tuple[int, bytes]],
                  pages: dict[str, str]) -> dict[str, Callable[[], None]]:
    """The pages of a round, by kind: each must answer 200."""
    model = "/w/bench/m/large"

    def expect(path: str) -> Callable[[], None]:
        def run() -> None:
            status, body = page(path)
            assert status == 200, (path, status, body[:300])
        return run

    design = {"page model": "/", "page governance": "/design/governance/",
              "page organisation": "/design/organisation/",
              "page processes": "/design/processes/", "page technology": "/design/technology/",
              "page sourcing": "/design/sourcing/", "page revisions": "/revisions/",
              "page compare": "/revisions/compare/"}
    return {**{kind: expect(model + path) for kind, path in design.items()},
            "page assessment": expect(f"{model}/assessment/?by=business_unit"),
            "page survey links": expect(f"{model}/surveys/"),
            "page respondent": expect(pages["survey"]),
            "page KPI upload": expect(f"{model}/kpis/upload/"),
            "page ITSM upload": expect(f"{model}/kpis/itsm/")}
