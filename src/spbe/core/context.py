"""Who is acting, and through which entry point: read by the audit trail.

Middleware, commands and tasks set it; a plain shell falls back to entry point "shell".
The actor is resolved lazily from the request so that API token authentication, which
happens inside the view, is still seen.
"""

import contextlib
import contextvars
import uuid
from dataclasses import dataclass, field
from typing import Any

from .choices import EntryPoint


@dataclass
class ActionContext:
    entry_point: str = EntryPoint.SHELL
    request: Any = None
    user: Any = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])

    @property
    def actor(self):
        user = self.user
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return user
        return None


_current: contextvars.ContextVar[ActionContext | None] = contextvars.ContextVar("spbe_action", default=None)


def current() -> ActionContext:
    ctx = _current.get()
    return ctx if ctx is not None else ActionContext()


@contextlib.contextmanager
def acting(*, entry_point: str, user=None, request=None, request_id: str | None = None):
    ctx = ActionContext(entry_point=entry_point, user=user, request=request)
    if request_id:
        ctx.request_id = request_id
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
