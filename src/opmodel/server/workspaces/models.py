"""Workspaces and their members; models as named lines of immutable revisions."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import models


class MemberRole(StrEnum):
    """What a member may do in a workspace."""

    owner = "owner"
    editor = "editor"
    viewer = "viewer"


class Workspace(models.Model):
    """One organisation: its models, measurements, members and audit log."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class Membership(models.Model):
    """A user's role in a workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    role = models.CharField(max_length=10, choices=[(r.value, r.value) for r in MemberRole])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "user"],
                                               name="one_membership_per_user")]


class ModelLine(models.Model):
    """A named model of a workspace (current, target, a scenario): a chain of revisions."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="models")
    name = models.SlugField(max_length=120)
    head = models.ForeignKey("Revision", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    branched_from = models.ForeignKey("Revision", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="branches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"],
                                               name="one_model_per_name")]

    def __str__(self) -> str:
        return f"{self.workspace.slug}/{self.name}"


class Revision(models.Model):
    """One saved state of a model: the change set from its parent, and a whole copy at the
    start of a line and whenever the change sets since the last copy add up to
    ``OPMODEL_SNAPSHOT_SHARE`` of its size (or number ``OPMODEL_SNAPSHOT_EVERY``), so that a
    read applies a bounded amount of change. Never changed once written."""

    line = models.ForeignKey(ModelLine, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    message = models.CharField(max_length=500, blank=True)
    changes = models.TextField(blank=True, help_text="The change set from the parent, as JSON.")
    snapshot = models.TextField(null=True, blank=True,
                                help_text="The whole document as JSON, every few revisions.")
    depth = models.PositiveIntegerField(default=0, help_text="Change sets since the snapshot.")
    content_hash = models.CharField(max_length=64)
    restored_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")

    class Meta:
        ordering = ["line", "number"]
        constraints = [models.UniqueConstraint(fields=["line", "number"],
                                               name="one_revision_per_number")]

    def __str__(self) -> str:
        return f"{self.line}@{self.number}"
