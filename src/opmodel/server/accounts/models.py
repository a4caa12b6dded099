"""API tokens: a secret shown once to its owner, kept only as a hash, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "opm_"


def token_hash(secret: str) -> str:
    """The stored form of a token (tokens are long random strings: one SHA-256 is enough)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A user's token for the REST API."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The start of the token, to tell it apart.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @classmethod
    def issue(cls, user: object, name: str) -> tuple[ApiToken, str]:
        """A new token for ``user`` and its secret (the only time the secret is known)."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name[:100], prefix=secret[:12],
                                   digest=token_hash(secret))
        return token, secret

    @classmethod
    def find(cls, secret: str) -> ApiToken | None:
        """The live token a secret belongs to, if any."""
        if not secret.startswith(PREFIX):
            return None
        return (cls.objects.select_related("user")
                .filter(digest=token_hash(secret), revoked_at__isnull=True).first())

    def revoke(self) -> None:
        """Stop the token from working, for good."""
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
