"""A coach who opened the chat after a while got an urgent alert before the ordinary message
it followed up, because urgent rows jump the whole queue (tester). Urgent messages still go
before other people's messages, but one person's messages arrive in the order they were
written."""

from __future__ import annotations

from datetime import timedelta

from powbot.domain.messages import Reply
from powbot.storage.models import Outbox
from tests.clock_double import clock_now
from tests.conftest import Harness


async def test_regression_one_persons_messages_arrive_in_order_urgent_ones_first_overall(
    harness: Harness,
) -> None:
    start = clock_now()
    async with harness.runtime.db.transaction() as session:
        session.add(Outbox(user_id=5701, payload=Reply("1 gekoppeld").to_payload(), due_at=start))
        session.add(Outbox(user_id=5702, payload=Reply("ander bericht").to_payload(), due_at=start))
        session.add(
            Outbox(
                user_id=5701,
                payload=Reply("2 alarm").to_payload(),
                urgent=True,
                due_at=start + timedelta(minutes=5),
            )
        )
    await harness.runtime.sender.drain_outbox(now=start + timedelta(minutes=10))
    assert [sent.text for sent in harness.session.to(5701)] == ["1 gekoppeld", "2 alarm"]
    order = [sent.chat_id for sent in harness.session.sent]
    assert order.index(5701) < order.index(5702)  # the person with the urgent row goes first
