"""The main menu, help and stop: always reachable, whatever the conversation."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS, MENU, Feature, MenuItem
from powbot.domain.messages import Callback


def menu_items(ctx: Ctx) -> list:
    return [item for item in MENU if ctx.user.role in item.roles]


async def show_menu(ctx: Ctx, intro_key: str = "menu.title") -> None:
    buttons = [
        [ctx.button(ctx.t(item.label_key), "menu", "go", item.id, bound=False)]
        for item in menu_items(ctx)
    ]
    # An audience's own wording where the catalog has one ("u" for employers).
    own_key = f"{intro_key}_{ctx.user.role}"
    ctx.say(ctx.t(own_key if ctx.content.catalog.has(own_key) else intro_key), buttons)


async def show_help(ctx: Ctx) -> None:
    role = ctx.user.role or "none"
    ctx.say(ctx.t(f"menu.help_{role}") + "\n\n" + ctx.t("menu.help_common"))


async def stop(ctx: Ctx) -> None:
    """Leave the current conversation; anything with progress keeps it for later."""
    running = bool(ctx.user.flow) and ctx.user.flow != "menu"
    flow = FLOWS.get(ctx.user.flow or "")
    on_stop = getattr(flow, "on_stop", None)
    if on_stop is not None:
        await on_stop(ctx)
    ctx.set_state(None)
    # Only say something was stopped when something was running.
    await show_menu(ctx, "menu.stopped" if running else "menu.title")


async def open_item(ctx: Ctx, item: MenuItem) -> None:
    """Start a menu item: it leaves the previous conversation (kept if paused)."""
    if ctx.user.flow and ctx.user.flow != "menu":
        flow = FLOWS.get(ctx.user.flow)
        on_stop = getattr(flow, "on_stop", None)
        if on_stop is not None:
            await on_stop(ctx)
    ctx.set_state(None)
    await item.entry(ctx)


class MenuFlow:
    name = "menu"
    roles: frozenset[str | None] = frozenset({"seeker", "employer", "coach", "admin"})
    unbound_actions: frozenset[str] = frozenset({"go"})

    async def on_text(self, ctx: Ctx, text: str) -> None:  # menu is not a conversation
        await show_menu(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        item = next((i for i in menu_items(ctx) if i.id == callback.arg), None)
        if callback.action != "go" or item is None:
            ctx.toast = ctx.t("common.button_unknown")
            return
        await open_item(ctx, item)

    async def resume(self, ctx: Ctx) -> None:
        await show_menu(ctx)


FEATURE = Feature(name="menu", flows=(MenuFlow(),))
