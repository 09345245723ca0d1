"""The per-update context of a conversation: who wrote, what to reply, which buttons go stale.

Flows are plain async Python. They never see aiogram; the transport turns a Telegram update
into a call on a flow and the flow's replies back into Bot API calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.config import Settings
from powbot.domain.messages import Button, Callback, Chart, Reply
from powbot.domain.unit import Services
from powbot.knowledge.content import Content
from powbot.storage.models import User

# Flow-data key of the last screen's buttons, kept while no conversation runs.
SCREEN_BUTTONS = "screen_buttons"


class Ctx(Services):
    """The context of one incoming update from one user."""

    def __init__(
        self,
        session: AsyncSession | Callable[[], AsyncSession],
        settings: Settings,
        content: Content,
        now: datetime,
        user: User,
    ) -> None:
        super().__init__(session, settings, content, now)
        self.user = user
        # When they last wrote before this update (None: never): "welcome back" or just "hi".
        self.last_active_at: datetime | None = None
        self.replies: list[Reply] = []
        self.toast: str | None = None  # short text on the pressed button's spinner
        # A step says it did not understand the text (its reply may not say so in words).
        self.not_understood = False
        # A message whose buttons are used up; the transport removes them.
        self.tidy_message_id: int | None = None
        self._screen_bumped = False
        # The state of a flow with an `on_stop` hook that this update left (see settle()).
        self._left: tuple[str, str | None, dict[str, Any]] | None = None
        self._settling = False

    @property
    def lang(self) -> str:
        return self.lang_of(self.user)

    def t(self, key: str, **values: Any) -> str:
        return self.text(self.lang, key, **values)

    def t_role(self, key: str, **values: Any) -> str:
        """The role's own wording where the catalog has it (`<key>_employer` says "u")."""
        own = f"{key}_{self.user.role}"
        return self.t(own if self.content.catalog.has(own) else key, **values)

    def say(
        self,
        text: str,
        buttons: list[list[Button]] | None = None,
        *,
        chart: Chart | None = None,
        document: tuple[str, bytes] | None = None,
    ) -> Reply:
        reply = Reply(text=text, buttons=buttons or [], chart=chart, document=document)
        self.replies.append(reply)
        return reply

    def button(
        self, label: str, flow: str, action: str, arg: str = "", *, bound: bool = True
    ) -> Button:
        """A button. Bound buttons belong to the screen shown now and go stale after it."""
        screen = self._next_screen() if bound else None
        return Button(label=label, data=Callback(flow, action, arg, screen).encode())

    def _next_screen(self) -> int:
        if not self._screen_bumped:
            self.user.screen += 1
            self._screen_bumped = True
        return self.user.screen

    def set_state(self, flow: str | None, step: str | None = None, **data: Any) -> None:
        """Move the conversation. Leaving a flow that keeps progress (it has `on_stop`) never
        drops what was given: its state is remembered here and `settle()` saves it before the
        commit, whichever command, button or flow caused the move."""
        current = self.user.flow
        if current and current != flow and self._left is None and not self._settling:
            self._left = (current, self.user.step, dict(self.user.flow_data))
        self.user.flow = flow
        self.user.step = step
        self.user.flow_data = dict(data)

    def subject_of(self, user_id: int) -> int | None:
        """A message to someone else is caused by this user: it is about them (export and
        erase of this user cover it), unless it goes to this user themselves."""
        return None if user_id == self.user.id else self.user.id

    def update_state(self, step: str | None = None, **data: Any) -> None:
        if step is not None:
            self.user.step = step
        self.user.flow_data = {**self.user.flow_data, **data}

    async def settle(self, flows: Mapping[str, Any]) -> None:
        """Before the commit: let a flow this update left save its progress (`on_stop`),
        unless the update ended back in that same flow (which then owns its state)."""
        self._keep_screen_buttons()
        left, self._left = self._left, None
        if left is None or left[0] == self.user.flow:
            return
        on_stop = getattr(flows.get(left[0]), "on_stop", None)
        if on_stop is None:
            return
        now = (self.user.flow, self.user.step, self.user.flow_data)
        self._settling = True
        try:
            self.user.flow, self.user.step, self.user.flow_data = left
            await on_stop(self)
        finally:
            self.user.flow, self.user.step, self.user.flow_data = now
            self._settling = False

    def _keep_screen_buttons(self) -> None:
        """Outside a conversation, the buttons this update showed (label and data) are kept in
        the otherwise empty flow data, so their words typed can press them later
        (features/understanding/screen_buttons.py); replies without buttons forget them."""
        if self.user.flow is not None or not self.replies:
            return
        buttons = {
            b.data: b.label for r in self.replies for row in r.buttons for b in row if b.data
        }
        if self.user.flow_data.get(SCREEN_BUTTONS, {}) != buttons:
            kept = {k: v for k, v in self.user.flow_data.items() if k != SCREEN_BUTTONS}
            self.user.flow_data = {**kept, SCREEN_BUTTONS: buttons} if buttons else kept


class Flow(Protocol):
    name: str
    roles: frozenset[str | None]

    async def on_text(self, ctx: Ctx, text: str) -> None: ...

    async def on_button(self, ctx: Ctx, callback: Callback) -> None: ...

    async def resume(self, ctx: Ctx) -> None: ...
