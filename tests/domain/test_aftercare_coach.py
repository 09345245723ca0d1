"""What the coach's views take from aftercare: one row per client, resolved alerts gone,
digest days, and future placements phrased as such."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from powbot.domain.aftercare_coach import (
    WEEKDAYS,
    digest_due_on,
    next_digest_day,
    one_row_per_client,
    parse_digest_days,
    placement_date_key,
)
from powbot.storage.models_aftercare import Alert

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def alert(seeker: int, minutes_ago: int, kind: str = "risk", status: str = "open") -> Alert:
    return Alert(
        seeker_id=seeker,
        coach_id=1,
        kind=kind,
        reasons=["low_mood"] if kind == "risk" else [],
        status=status,
        created_at=NOW - timedelta(minutes=minutes_ago),
    )


def test_two_open_alerts_of_one_client_are_one_row_and_done_ones_are_gone() -> None:
    rows = one_row_per_client(
        [
            alert(10, 30),
            alert(10, 5, kind="no_answer"),
            alert(11, 1, status="contacted"),  # ✅ Contact opgenomen: not listed again
            alert(12, 60, kind="no_answer", status="closed"),  # answered late: resolved
            alert(13, 90, kind="urgent"),
        ],
        NOW,
    )
    assert [row.seeker_id for row in rows] == [13, 10]  # urgent first
    assert rows[1].reasons == ["no_answer", "low_mood"]


def test_a_snoozed_alert_returns_when_its_time_has_come() -> None:
    snoozed = alert(10, 30, status="snoozed")
    snoozed.snoozed_until = NOW + timedelta(hours=1)
    assert one_row_per_client([snoozed], NOW) == []
    assert [r.seeker_id for r in one_row_per_client([snoozed], NOW + timedelta(hours=2))] == [10]


def test_digests_go_out_on_weekdays_by_default() -> None:
    saturday = date(2026, 12, 12)
    assert not digest_due_on(saturday) and digest_due_on(date(2026, 12, 14))
    assert next_digest_day(date(2026, 12, 11)) == date(2026, 12, 14)  # Friday -> Monday
    assert parse_digest_days("ma-vr") == WEEKDAYS == parse_digest_days("mon-fri")
    assert parse_digest_days("ma,wo,vr") == frozenset({0, 2, 4})
    assert parse_digest_days("za-ma") == frozenset({5, 6, 0})
    with pytest.raises(ValueError, match="not a day"):
        parse_digest_days("maandag-vrijdagavond, xyz")


def test_a_future_placement_starts_rather_than_is_since() -> None:
    assert placement_date_key(date(2026, 12, 14), date(2026, 12, 7)) == "starts"
    assert placement_date_key(date(2026, 12, 7), date(2026, 12, 7)) == "since"
