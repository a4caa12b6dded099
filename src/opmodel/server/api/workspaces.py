"""Workspaces and their members."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Status

from opmodel.server.api.errors import ApiError
from opmodel.server.api.schemas import (
    MemberIn,
    MemberOut,
    RoleIn,
    WorkspaceIn,
    WorkspaceOut,
    answers,
)
from opmodel.server.audit.log import record
from opmodel.server.workspaces.access import membership, require, workspaces_of
from opmodel.server.workspaces.models import MemberRole, Membership, Workspace

router = Router(tags=["workspaces"])


@router.get("/workspaces", response=answers({200: list[WorkspaceOut]}))
def list_workspaces(request: HttpRequest) -> list[WorkspaceOut]:
    """The workspaces the caller belongs to."""
    return [WorkspaceOut(slug=w.slug, name=w.name, role=role)
            for w, role in workspaces_of(request.user)]


@router.post("/workspaces", response=answers({201: WorkspaceOut}, 409, 413, 422))
def create_workspace(request: HttpRequest, body: WorkspaceIn) -> Status[WorkspaceOut]:
    """A new workspace; the caller is its owner."""
    with transaction.atomic():
        if Workspace.objects.filter(slug=body.slug).exists():
            raise ApiError(409, "api.workspace_exists", slug=body.slug)
        workspace = Workspace.objects.create(slug=body.slug, name=body.name)
        Membership.objects.create(workspace=workspace, user=request.user, role=MemberRole.owner)
        record("workspace_created", request=request, workspace=workspace, target=body.slug)
    return Status(201, WorkspaceOut(slug=workspace.slug, name=workspace.name, role="owner"))


@router.get("/workspaces/{ws}", response=answers({200: WorkspaceOut}, 404))
def get_workspace(request: HttpRequest, ws: str) -> WorkspaceOut:
    """One workspace."""
    found = membership(request.user, ws)
    return WorkspaceOut(slug=found.workspace.slug, name=found.workspace.name, role=found.role)


@router.get("/workspaces/{ws}/members", response=answers({200: list[MemberOut]}, 404))
def list_members(request: HttpRequest, ws: str) -> list[MemberOut]:
    """Who belongs to the workspace, and their roles."""
    workspace = require(request.user, ws)
    return [MemberOut(username=m.user.get_username(), role=m.role)
            for m in workspace.members.select_related("user").order_by("user__username")]


def _user(username: str):  # type: ignore[no-untyped-def]
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ApiError(404, "api.no_user", username=username)
    return user


@router.post("/workspaces/{ws}/members",
             response=answers({201: MemberOut}, 403, 404, 413, 422))
def add_member(request: HttpRequest, ws: str, body: MemberIn) -> Status[MemberOut]:
    """Give a user a role in the workspace (owners only)."""
    workspace = require(request.user, ws, MemberRole.owner)
    user = _user(body.username)
    with transaction.atomic():
        _, created = Membership.objects.update_or_create(
            workspace=workspace, user=user, defaults={"role": body.role})
        record("member_added" if created else "member_role_changed", request=request,
               workspace=workspace, target=body.username, role=body.role)
    return Status(201, MemberOut(username=body.username, role=body.role))


def _owners_left(workspace: Workspace, without: object) -> int:
    return workspace.members.filter(role=MemberRole.owner).exclude(user=without).count()


@router.patch("/workspaces/{ws}/members/{username}",
              response=answers({200: MemberOut}, 403, 404, 409, 413, 422))
def change_role(request: HttpRequest, ws: str, username: str, body: RoleIn) -> MemberOut:
    """Change a member's role (owners only; a workspace keeps at least one owner)."""
    workspace = require(request.user, ws, MemberRole.owner)
    user = _user(username)
    with transaction.atomic():
        found = workspace.members.select_for_update().filter(user=user).first()
        if found is None:
            raise ApiError(404, "api.not_a_member", username=username)
        if found.role == MemberRole.owner and body.role != MemberRole.owner \
                and _owners_left(workspace, user) == 0:
            raise ApiError(409, "api.last_owner")
        found.role = body.role
        found.save(update_fields=["role"])
        record("member_role_changed", request=request, workspace=workspace, target=username,
               role=body.role)
    return MemberOut(username=username, role=body.role)


@router.delete("/workspaces/{ws}/members/{username}",
               response=answers({204: None}, 403, 404, 409))
def remove_member(request: HttpRequest, ws: str, username: str) -> Status[None]:
    """Take a member out of the workspace (owners only; the last owner stays)."""
    workspace = require(request.user, ws, MemberRole.owner)
    user = _user(username)
    with transaction.atomic():
        found = workspace.members.select_for_update().filter(user=user).first()
        if found is None:
            raise ApiError(404, "api.not_a_member", username=username)
        if found.role == MemberRole.owner and _owners_left(workspace, user) == 0:
            raise ApiError(409, "api.last_owner")
        found.delete()
        record("member_removed", request=request, workspace=workspace, target=username)
    return Status(204, None)
