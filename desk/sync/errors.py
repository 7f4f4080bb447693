"""Typed errors of the sync layer. The views turn them into words; nothing here is for people."""

from __future__ import annotations

from typing import Any


class SyncError(Exception):
    """Base of every sync failure; `code` is stable, `transient` says whether to retry."""

    transient = False

    def __init__(self, code: str, message: str = "", **details: Any) -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
        self.details = details


class Offline(SyncError):
    """The service could not be reached, or the answer was cut or garbled: try again later."""

    transient = True


class ServerError(SyncError):
    """The service answered with a 5xx: try again later."""

    transient = True


class RateLimited(SyncError):
    transient = True


class AuthError(SyncError):
    """The device token is unknown or the desk was revoked (`code` says which): stop
    syncing and keep the outbox."""


class ClientNotOwned(AuthError):
    """The service says a client id we send under belongs to another desk (an imported
    outbox whose desk was not marked replaced)."""


class LoginRefused(SyncError):
    """Wrong username or password, or an operator not allowed at this desk."""


class VersionNotSupported(SyncError):
    """The service speaks another protocol or schema version (`version_not_supported`), or
    needs a newer desk (`desk_too_old`): the desk must be updated. `min_desk_version` (None
    when the service named none) and `installer_url` (empty when unknown) say to what and
    from where; the outbox waits for the update."""

    def __init__(
        self,
        code: str,
        message: str = "",
        *,
        min_desk_version: str | None = None,
        installer_url: str = "",
        **details: Any,
    ) -> None:
        super().__init__(
            code,
            message,
            min_desk_version=min_desk_version,
            installer_url=installer_url,
            **details,
        )
        self.min_desk_version = min_desk_version
        self.installer_url = installer_url


class RequestRefused(SyncError):
    """A 4xx the desk did not expect: a bug on one side. Not retried in a tight loop."""

    transient = True


class ReplicaRestored(SyncError):
    """The service has answered more commands of our client id than we ever allocated:
    this replica was restored from a copy. Stop; re-enroll with a new client id."""


class NotEnrolled(SyncError):
    """The replica has no device token yet."""


class Blocked(SyncError):
    """Syncing is stopped until someone acts (`code` says why)."""


class ReplicaLocked(SyncError):
    """The replica's data cannot be read yet (or any more): nobody has signed in to open it
    (`locked`), the key does not open it (`wrong_key`), it has no key slots (`no_key_slots`),
    it predates encryption (`plaintext_replica`), or it was wiped (`wiped`)."""
