"""Schedules from govwatch.toml become APScheduler triggers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
    assert trigger_for("every 2s", where="t").interval == timedelta(seconds=2)
    assert trigger_for("every 1.5m", where="t").interval == timedelta(seconds=90)


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


def _config(tmp_path, scheduler: str = ""):
    from scheduler_helpers import write_config

    from pipelines.config import load_config

    path = write_config(
        tmp_path / "govwatch.toml",
        sources={"alpha": "10 */4 * * *", "beta": "every 30s"},
        scheduler=scheduler,
    )
    return load_config(path)


def test_scheduler_has_one_job_per_source_with_single_instance_coalesce_and_grace(tmp_path):
    from scheduler.daemon import build_scheduler
    from scheduler.jobs import WorkContext

    cfg = _config(tmp_path)
    jobs = {j.id: j for j in build_scheduler(WorkContext(config=cfg, db_path=cfg.db)).get_jobs()}
    assert set(jobs) == {"crawl:alpha", "crawl:beta"}  # digest follows each crawl: no own job
    for job in jobs.values():
        assert job.max_instances == 1 and job.coalesce is True
        assert job.misfire_grace_time == 30
    fields = {f.name: str(f) for f in jobs["crawl:alpha"].trigger.fields}
    assert (fields["minute"], fields["hour"], fields["second"]) == ("10", "*/4", "0")


def test_digest_schedule_adds_a_digest_job_and_sources_can_be_narrowed(tmp_path):
    from scheduler.daemon import build_scheduler
    from scheduler.jobs import WorkContext

    cfg = _config(tmp_path, scheduler='digest_schedule = "0 8 * * 1-5"')
    sched = build_scheduler(WorkContext(config=cfg, db_path=cfg.db), ["beta"])
    assert {j.id for j in sched.get_jobs()} == {"crawl:beta", "digest"}
