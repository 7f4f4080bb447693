"""Dependencies of the routes: the database session, the calling desk, the signed-in user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from packaging.version import InvalidVersion, Version
from sqlalchemy.orm import Session

from central.api.errors import ApiError
from central.api.state import AppState
from central.core import security
from central.db.tables import Desk
from central.services import accounts


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.fairdesk
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_db(state: StateDep) -> Iterator[Session]:
    with state.db.write_session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def desk_token(request: Request, body_token: str | None = None) -> str | None:
    """The device token: `X-Desk-Token`, else a bearer token of the desk kind."""
    token = request.headers.get("x-desk-token") or body_token
    if token:
        return token
    value = bearer(request)
    if value and value.startswith(security.DESK_TOKEN_PREFIX + "_"):
        return value
    return None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def desk_from_token(state: AppState, token: str | None) -> Desk:
    """The calling desk; 401 without a valid token, 403 when revoked (with the wipe order)."""
    with state.db.read() as session:
        return desk_in_session(session, token)


def desk_in_session(session: Session, token: str | None, *, lock: bool = False) -> Desk:
    """`desk_from_token` inside the caller's transaction (a push or pull reads it with the
    rest of its work instead of opening a transaction of its own); `lock` locks its row."""
    if not token:
        raise ApiError(401, "desk_token_required", "This needs an enrolled desk's token")
    desk = accounts.desk_for_token(session, token, lock=lock)
    if desk is None:
        raise ApiError(401, "bad_desk_token", "Unknown desk token")
    if desk.revoked:
        raise ApiError(
            403,
            "desk_revoked",
            "This desk is revoked",
            wipe=desk.wipe,
            replaced_by=str(desk.replaced_by) if desk.replaced_by else None,
        )
    return desk


def current_desk(request: Request, state: StateDep) -> Desk:
    return desk_from_token(state, desk_token(request))


CurrentDesk = Annotated[Desk, Depends(current_desk)]


def current_user(request: Request, state: StateDep) -> accounts.SignedIn:
    token = bearer(request)
    if not token or not token.startswith(security.SESSION_TOKEN_PREFIX + "_"):
        raise ApiError(401, "login_required", "Sign in first")
    with state.db.read() as session:
        signed_in = accounts.user_for_token(session, token)
    if signed_in is None:
        raise ApiError(
            401, "session_expired", "The session has expired or was ended: sign in again"
        )
    return signed_in


CurrentUser = Annotated[accounts.SignedIn, Depends(current_user)]


def require_roles(*roles: str) -> Callable[..., Any]:
    def _check(signed_in: CurrentUser) -> accounts.SignedIn:
        if signed_in.user.role not in roles:
            raise ApiError(403, "forbidden", "Your account may not do this")
        return signed_in

    return _check


def check_protocol(state: AppState, body: dict[str, Any]) -> None:
    """409 when the desk speaks another protocol or schema version, or runs a desk version
    older than `min_desk_version`: the answer names what is accepted and where the installer
    is, so the desk can tell its operator and keep its outbox until it is updated."""
    settings = state.settings
    protocol, schema = body.get("protocol"), body.get("schema")
    ok = (
        isinstance(protocol, int)
        and settings.protocol_min <= protocol <= settings.protocol_max
        and (
            schema is None
            or (isinstance(schema, int) and settings.schema_min <= schema <= settings.schema_max)
        )
    )
    if not ok:
        raise ApiError(
            409,
            "version_not_supported",
            "Update the desk: this service speaks another version",
            min=settings.protocol_min,
            max=settings.protocol_max,
            schema_min=settings.schema_min,
            schema_max=settings.schema_max,
            min_desk_version=settings.min_desk_version,
            installer_url=settings.installer_url,
        )
    minimum = settings.min_desk_version
    if minimum is None:
        return
    # Desks from before `desk_version` said their version only as `app_version`.
    claimed = body.get("desk_version", body.get("app_version"))
    if _recent_enough(claimed, Version(minimum)):
        return
    installer = settings.installer_url
    where_en = f" from {installer}" if installer else " (ask fair IT for the installer)"
    where_zh = f"，安装程序：{installer}" if installer else "（安装程序请向大会技术人员索取）"
    message_en = (
        f"This desk runs version {_shown(claimed)}; the service needs version {minimum} or "
        f"later. Install the new desk{where_en}. The commands waiting on this desk are kept "
        "and sent after the update."
    )
    message_zh = (
        f"本登记台的版本为 {_shown(claimed)}，服务要求 {minimum} 或更高版本。"
        f"请安装新版登记台{where_zh}。本登记台待提交的内容已保留，更新后自动发送。"
    )
    raise ApiError(
        409,
        "desk_too_old",
        message_en,
        message_en=message_en,
        message_zh=message_zh,
        desk_version=claimed if isinstance(claimed, str) else None,
        min_desk_version=minimum,
        installer_url=installer,
    )


def _recent_enough(claimed: object, minimum: Version) -> bool:
    """A desk that names no readable version cannot show it is recent enough."""
    if not isinstance(claimed, str):
        return False
    try:
        return Version(claimed) >= minimum
    except InvalidVersion:
        return False


def _shown(claimed: object) -> str:
    if isinstance(claimed, str) and claimed.strip():
        return claimed.strip()[:40]
    return "?"
