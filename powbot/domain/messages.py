"""The channel-neutral message model: what the bot says to a person (text, buttons, an image
or a chart, a document) and the button data it gets back. Renderers in the transport turn a Reply into
Telegram calls or terminal output; the domain writes Replies to the outbox."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from powbot.domain.ids import parse_id

# Set in the flow data of someone in a conversation when a question is pushed to them (a
# check-in, a coach's message), so only their next message looks whether it answers that
# (conversation/registry.py: PushedReply).
PUSHED_MARK = "pushed"


def mark_pushed(user: Any) -> None:
    """Mark a user who is in a conversation: their next message may answer this push."""
    if user.flow:
        user.flow_data = {**user.flow_data, PUSHED_MARK: True}


MAX_CALLBACK_BYTES = 64


@dataclass(frozen=True)
class Button:
    label: str
    data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Chart:
    """A bar chart the transport draws when it sends the reply (rows: label, colour)."""

    title: str
    rows: tuple[tuple[str, str], ...]
    legend: tuple[str, ...]  # labels for green, orange, red

    def to_payload(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "rows": [list(r) for r in self.rows],
            "legend": list(self.legend),
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Chart:
        rows = tuple((str(label), str(color)) for label, color in payload["rows"])
        return cls(str(payload["title"]), rows, tuple(str(x) for x in payload["legend"]))


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    image: bytes | None = None  # PNG, sent as a photo with the text as caption
    chart: Chart | None = None  # drawn when sent, then like image
    document: tuple[str, bytes] | None = None  # (file name, content)

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "text": self.text,
            "buttons": [[[b.label, b.data, b.url] for b in row] for row in self.buttons],
        }
        if self.image is not None:
            payload["image"] = base64.b64encode(self.image).decode()
        if self.chart is not None:
            payload["chart"] = self.chart.to_payload()
        if self.document is not None:
            payload["document"] = [self.document[0], base64.b64encode(self.document[1]).decode()]
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Reply:
        document = payload.get("document")
        return cls(
            text=payload["text"],
            buttons=[[Button(*b) for b in row] for row in payload.get("buttons", [])],
            image=base64.b64decode(payload["image"]) if payload.get("image") else None,
            chart=Chart.from_payload(payload["chart"]) if payload.get("chart") else None,
            document=(document[0], base64.b64decode(document[1])) if document else None,
        )


@dataclass(frozen=True)
class Callback:
    """Button data: 'flow:action:arg:screen'. An empty screen means not bound to a step."""

    flow: str
    action: str
    arg: str = ""
    screen: int | None = None

    def encode(self) -> str:
        screen = "" if self.screen is None else str(self.screen)
        data = f"{self.flow}:{self.action}:{self.arg}:{screen}"
        if len(data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def decode(cls, data: str | None) -> Callback | None:
        """None for anything we did not make ourselves."""
        if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
            return None
        parts = data.split(":")
        if len(parts) != 4 or not parts[0] or not parts[1]:
            return None
        flow, action, arg, screen = parts
        number = parse_id(screen, low=0) if screen else None
        if screen and number is None:
            return None
        return cls(flow, action, arg, number)
