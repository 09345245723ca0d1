"""aiogram with its Telegram types built on first use instead of at import.

aiogram declares its ~450 types with pydantic's ``defer_build``, then ends
``aiogram/types/__init__.py`` with a loop that calls ``model_rebuild()`` on every one of
them, which builds them all anyway: about 2 s of CPU and over 100 MB at every start of the
bot and the local chat, although an update only ever touches a few. Here that loop only
collects the namespace it passes (the names of all types, to resolve their forward
references); a type (or a Bot API method, which holds types) is built the first time it is
used, with that same namespace, into exactly the schema the loop would have built (and so is
a Bot API answer, ``Response[Message]``). `Update`, with every type it can hold, takes about
0.2 s on first use.

``load()`` (called by ``powbot/bot/__init__.py``) imports nothing: it puts a hook on the
import of ``aiogram.types`` and ``aiogram.methods.base``, so a command that never imports
aiogram (``powbot tick``) pays nothing. If aiogram was imported already, nothing changes.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from pydantic import BaseModel

_namespace: dict[str, Any] = {}
_ORIGINAL = BaseModel.__dict__["model_rebuild"]
_rebuild = _ORIGINAL.__func__


def _deferring(
    cls: type[BaseModel],
    *,
    force: bool = False,
    raise_errors: bool = True,
    _parent_namespace_depth: int = 2,
    _types_namespace: Any = None,
) -> bool | None:
    if _types_namespace is not None and not force and cls.__module__.startswith("aiogram.types."):
        _namespace.update(_types_namespace)  # aiogram's loop: remember, build on first use
        return None
    return _rebuild(
        cls,
        force=force,
        raise_errors=raise_errors,
        _parent_namespace_depth=_parent_namespace_depth + 1,
        _types_namespace=_types_namespace,
    )


def _resolving(
    cls: type[BaseModel],
    *,
    force: bool = False,
    raise_errors: bool = True,
    _parent_namespace_depth: int = 2,
    _types_namespace: Any = None,
) -> bool | None:
    # A first use (pydantic's deferred build) resolves names as aiogram's loop would.
    return _rebuild(
        cls,
        force=force,
        raise_errors=raise_errors,
        _parent_namespace_depth=_parent_namespace_depth + 1,
        _types_namespace=(_namespace or None) if _types_namespace is None else _types_namespace,
    )


@contextmanager
def _deferred() -> Iterator[None]:
    BaseModel.model_rebuild = classmethod(_deferring)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        BaseModel.model_rebuild = _ORIGINAL  # type: ignore[method-assign]


def _after_types(module: ModuleType) -> None:
    if _namespace:  # the loop ran through us (another aiogram: it built its types as before)
        module.base.TelegramObject.model_rebuild = classmethod(_resolving)


def _after_methods_base(module: ModuleType) -> None:
    # Whichever of the two loads first: the namespace is read at the first use. `Response`
    # too: the session parses every Bot API answer as `Response[<type>]`, a class made on
    # the fly that holds a type (Message, a list of Update) and must resolve its names.
    module.TelegramMethod.model_rebuild = classmethod(_resolving)
    module.Response.model_rebuild = classmethod(_resolving)


class _Hook(importlib.abc.MetaPathFinder):
    """Wraps the loading of the two aiogram modules; removes itself when both are done."""

    def __init__(self) -> None:
        self.pending: dict[str, tuple[bool, Callable[[ModuleType], None]]] = {
            "aiogram.types": (True, _after_types),
            "aiogram.methods.base": (False, _after_methods_base),
        }

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> Any:
        step = self.pending.pop(fullname, None)
        if step is None:
            return None
        if not self.pending and self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = None
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    break
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        defer, after = step
        exec_module = spec.loader.exec_module

        def wrapped(module: ModuleType) -> None:
            if defer:
                with _deferred():
                    exec_module(module)
            else:
                exec_module(module)
            after(module)

        spec.loader.exec_module = wrapped  # type: ignore[method-assign]
        return spec


def load() -> None:
    if "aiogram.types" in sys.modules or any(isinstance(f, _Hook) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Hook())
