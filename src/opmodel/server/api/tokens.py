"""The caller's API tokens: create one (its secret shown once), list them, revoke one."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from opmodel.server.accounts.models import ApiToken
from opmodel.server.api.errors import ApiError
from opmodel.server.api.schemas import NewTokenOut, RowId, TokenIn, TokenOut, answers
from opmodel.server.audit.log import record

router = Router(tags=["tokens"])


def _out(token: ApiToken) -> TokenOut:
    return TokenOut(id=token.pk, name=token.name, prefix=token.prefix,
                    created_at=token.created_at, last_used_at=token.last_used_at,
                    revoked=token.revoked_at is not None)


@router.get("/tokens", response=answers({200: list[TokenOut]}))
def list_tokens(request: HttpRequest) -> list[TokenOut]:
    """The caller's tokens (never their secrets)."""
    return [_out(t) for t in ApiToken.objects.filter(user=request.user)]


@router.post("/tokens", response=answers({201: NewTokenOut}, 413, 422))
def create_token(request: HttpRequest, body: TokenIn) -> Status[NewTokenOut]:
    """A new token for the caller; its secret is in this answer and nowhere else."""
    token, secret = ApiToken.issue(request.user, body.name)
    record("token_created", request=request, target=token.prefix, name=body.name)
    return Status(201, NewTokenOut(**_out(token).model_dump(), token=secret))


@router.delete("/tokens/{token_id}", response=answers({204: None}, 404, 422))
def revoke_token(request: HttpRequest, token_id: RowId) -> Status[None]:
    """Revoke one of the caller's tokens, for good."""
    token = ApiToken.objects.filter(user=request.user, pk=token_id).first()
    if token is None:
        raise ApiError(404, "api.no_token", id=token_id)
    if token.revoked_at is None:
        token.revoke()
        record("token_revoked", request=request, target=token.prefix)
    return Status(204, None)
