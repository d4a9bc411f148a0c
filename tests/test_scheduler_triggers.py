"""Schedules from govwatch.toml become APScheduler triggers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.config import ConfigError
from scheduler.daemon import _crontab_weekdays, trigger_for

T0 = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)  # a Monday


def _next(schedule: str, now: datetime = T0) -> datetime:
    trigger = trigger_for(schedule, where="test", timezone=UTC)
    return trigger.get_next_fire_time(None, now)


def test_five_field_crontab_fires_on_the_minute():
    assert _next("30 */6 * * *") == datetime(2026, 11, 23, 12, 30, tzinfo=UTC)


def test_six_field_cron_has_seconds_first():
    assert _next("*/5 * * * * *", T0.replace(second=1)) == T0.replace(second=5)


def test_every_interval():
    nxt = _next("every 2s")
    assert (nxt - T0).total_seconds() == pytest.approx(2.0)


def test_crontab_weekday_numbers_mean_what_cron_means():
    # crontab: 0 = Sunday, 1-5 = Monday..Friday; APScheduler 3 counts Monday as 0.
    assert _crontab_weekdays("1-5") == "mon,tue,wed,thu,fri"
    assert _crontab_weekdays("0") == "sun"
    assert _crontab_weekdays("7") == "sun"
    assert _crontab_weekdays("mon-fri") == "mon-fri"
    sunday = _next("0 8 * * 0")
    assert sunday.weekday() == 6 and sunday.hour == 8


@pytest.mark.parametrize("bad", ["", "every", "* * *", "61 * * * *", "every 0s", "0 0 * * 9"])
def test_bad_schedule_is_a_config_error_naming_the_setting(bad):
    with pytest.raises(ConfigError, match=r"^\[sources\.x\] schedule = "):
        trigger_for(bad, where="[sources.x] schedule")
