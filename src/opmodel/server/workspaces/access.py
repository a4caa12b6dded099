"""Who may do what in a workspace: owner > editor > viewer; anyone else sees nothing (a
workspace a user does not belong to answers as if it did not exist)."""

from __future__ import annotations

from typing import Any

from opmodel.server.workspaces.models import MemberRole, Membership, Workspace

RANK = {MemberRole.viewer: 0, MemberRole.editor: 1, MemberRole.owner: 2}


class NoAccess(LookupError):
    """The user is not a member of the workspace, or it does not exist (the same to them)."""


class NotAllowed(PermissionError):
    """The user is a member, but their role does not allow this."""


def membership(user: Any, slug: str) -> Membership:
    """``user``'s membership of the workspace ``slug``; NoAccess when there is none."""
    if user is None or not user.is_authenticated:
        raise NoAccess(slug)
    found = (Membership.objects.select_related("workspace")
             .filter(workspace__slug=slug, user=user).first())
    if found is None:
        raise NoAccess(slug)
    return found


def require(user: Any, slug: str, role: MemberRole = MemberRole.viewer) -> Workspace:
    """The workspace, when ``user`` holds at least ``role`` in it."""
    found = membership(user, slug)
    if RANK[MemberRole(found.role)] < RANK[role]:
        raise NotAllowed(f"{slug}: needs {role.value}")
    return found.workspace


def workspaces_of(user: Any) -> list[tuple[Workspace, str]]:
    """The workspaces ``user`` belongs to, with their role."""
    if user is None or not user.is_authenticated:
        return []
    return [(m.workspace, m.role) for m in
            Membership.objects.select_related("workspace").filter(user=user)
            .order_by("workspace__slug")]
