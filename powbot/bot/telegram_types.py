"""Import aiogram with its Telegram types built on first use instead of at import.

aiogram declares its ~450 types with pydantic's ``defer_build``, then ends
``aiogram/types/__init__.py`` with a loop that calls ``model_rebuild()`` on every one of
them, which builds them all anyway: about 2 s of CPU and over 100 MB at every start of the
bot, the local chat and the tests, although an update only ever touches a few. Here that
loop only collects the namespace it passes (the names of all types, to resolve their
forward references); a type is built the first time it is used, with that same namespace,
into exactly the schema the loop would have built. `Update` (with every type it can hold)
takes about 0.2 s on first use.

``load()`` must run before anything imports ``aiogram``; ``powbot/bot/__init__.py`` calls
it, so every transport module gets it. If aiogram was imported already, nothing changes.
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import BaseModel

_PREFIX = "aiogram.types."
_namespace: dict[str, Any] = {}


def load() -> None:
    if "aiogram.types" in sys.modules:
        return
    original = BaseModel.__dict__["model_rebuild"]
    rebuild = original.__func__

    def deferring(
        cls: type[BaseModel],
        *,
        force: bool = False,
        raise_errors: bool = True,
        _parent_namespace_depth: int = 2,
        _types_namespace: Any = None,
    ) -> bool | None:
        if _types_namespace is not None and not force and cls.__module__.startswith(_PREFIX):
            _namespace.update(_types_namespace)  # aiogram's loop: remember, build later
            return None
        return rebuild(
            cls,
            force=force,
            raise_errors=raise_errors,
            _parent_namespace_depth=_parent_namespace_depth + 1,
            _types_namespace=_types_namespace,
        )

    BaseModel.model_rebuild = classmethod(deferring)  # type: ignore[method-assign,assignment]
    try:
        import aiogram.types  # noqa: F401
    finally:
        BaseModel.model_rebuild = original  # type: ignore[method-assign]
    if not _namespace:
        return  # another aiogram: it built its types as before
    from aiogram.methods.base import TelegramMethod
    from aiogram.types.base import TelegramObject

    def resolving(
        cls: type[BaseModel],
        *,
        force: bool = False,
        raise_errors: bool = True,
        _parent_namespace_depth: int = 2,
        _types_namespace: Any = None,
    ) -> bool | None:
        # A first use (pydantic's deferred build) resolves names as aiogram's loop would.
        return rebuild(
            cls,
            force=force,
            raise_errors=raise_errors,
            _parent_namespace_depth=_parent_namespace_depth + 1,
            _types_namespace=_namespace if _types_namespace is None else _types_namespace,
        )

    # The Bot API methods (SendMessage, ...) hold types, so they resolve the same names.
    for base in (TelegramObject, TelegramMethod):
        base.model_rebuild = classmethod(resolving)  # type: ignore[method-assign,assignment]
