"""Survey links (a respondent's token, kept only as a hash) and the answers they collect."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from opmodel.server.accounts.models import token_hash

PREFIX = "ops_"  # tells a survey link from an API token (opm_) at a glance


class SurveyToken(models.Model):
    """One respondent's link to answer the assessment of one model, until it expires."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE,
                                  related_name="survey_tokens")
    line = models.ForeignKey("workspaces.ModelLine", on_delete=models.CASCADE,
                             related_name="survey_tokens")
    respondent = models.CharField(max_length=120, help_text="The respondent's id (a slug).")
    role = models.CharField(max_length=200, blank=True)
    business_unit = models.CharField(max_length=200, blank=True)
    group = models.CharField(max_length=10, blank=True, help_text="it or business.")
    employment = models.CharField(max_length=10, default="internal",
                                  help_text="internal or outsourced.")
    language = models.CharField(max_length=2, default="ja")
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["line", "respondent"])]

    @classmethod
    def issue(cls, **fields: Any) -> tuple[SurveyToken, str]:
        """A new link and its secret (the only time the secret is known)."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(prefix=secret[:12], digest=token_hash(secret), **fields)
        return token, secret

    @classmethod
    def find(cls, secret: str) -> SurveyToken | None:
        """The link a secret belongs to, live or not (None when there is none)."""
        if not secret.startswith(PREFIX):
            return None
        return (cls.objects.select_related("line__head", "workspace")
                .filter(digest=token_hash(secret)).first())

    def expired(self) -> bool:
        """Whether the link is past its expiry."""
        return timezone.now() >= self.expires_at


class AssessmentAnswer(models.Model):
    """One answer given through a link: a level 0–5, or "don't know", with a note."""

    token = models.ForeignKey(SurveyToken, on_delete=models.CASCADE, related_name="answers")
    line = models.ForeignKey("workspaces.ModelLine", on_delete=models.CASCADE,
                             related_name="+", help_text="The token's model, for per-model queries.")
    question = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["answered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["token", "question"],
                                               name="one_answer_per_token_question")]
        indexes = [models.Index(fields=["line", "question"])]
