"""Who is acting, from where, and why: set once per request, command or job, read by every
audit entry written while it lasts. No entry is written without one."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from samenspel.audit.models import Channel

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class AuditContext:
    channel: str
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    source_address: str | None = None
    request: HttpRequest | None = None  # the user is read from it late (API auth runs in the view)
    actor: Any = None  # explicit actor for commands and jobs
    actor_label: str = ""
    purpose: str = ""


_current: ContextVar[AuditContext | None] = ContextVar("samenspel_audit_context", default=None)


def current() -> AuditContext:
    context = _current.get()
    if context is None:
        # Code running outside a request, command or job context still gets logged.
        return AuditContext(channel=Channel.COMMAND, actor_label="system")
    return context


@contextlib.contextmanager
def use(context: AuditContext) -> Iterator[AuditContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


@contextlib.contextmanager
def as_command(name: str, actor: Any = None) -> Iterator[AuditContext]:
    """For management commands: entries name the command as the source."""
    with use(AuditContext(channel=Channel.COMMAND, actor=actor, actor_label=actor.email if actor else name)) as ctx:
        yield ctx


@contextlib.contextmanager
def as_task(name: str) -> Iterator[AuditContext]:
    with use(AuditContext(channel=Channel.TASK, actor_label=name)) as ctx:
        yield ctx


@contextlib.contextmanager
def purpose(value: str) -> Iterator[None]:
    """Narrow the purpose (triage, meeting, case work, access request, ...) for a block."""
    token = _current.set(replace(current(), purpose=value))
    try:
        yield
    finally:
        _current.reset(token)
