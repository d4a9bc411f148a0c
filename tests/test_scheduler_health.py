"""Source health checks (pure): what makes a source 'in trouble'."""

from __future__ import annotations

from scheduler.health import RunFacts, check_run, level_of


def _run(run_id: int = 10, **kw) -> RunFacts:
    base = dict(source="s", status="ok", pages=20, articles=8, errors=0, with_title=8, with_date=8)
    base.update(kw)
    return RunFacts(run_id=run_id, **base)


def _checks(run: RunFacts, history: list[RunFacts] | None = None) -> set[str]:
    return {p.check for p in check_run(run, history or [])}


def test_healthy_run_has_no_problems():
    history = [_run(i) for i in (9, 8, 7)]
    assert check_run(_run(), history) == []
    assert level_of([]) == "ok"


def test_failed_and_timed_out_crawls_are_errors_but_an_operator_stop_is_not():
    problems = check_run(
        _run(status="failed", pages=0, articles=0, error_text="timeout: killed after 5 s\n..."), []
    )
    assert [(p.check, p.level) for p in problems] == [("crawl_failed", "error")]
    assert "killed after 5 s" in problems[0].message
    assert check_run(_run(status="aborted", pages=0, articles=0), []) == []


def test_error_rate_warns_then_fails():
    assert _checks(_run(errors=2, pages=2)) == set()  # too few errors to mean anything
    warn = check_run(_run(errors=6, pages=20), [])
    assert [(p.check, p.level) for p in warn] == [("error_rate", "warning")]
    assert level_of(check_run(_run(errors=30, pages=10), [])) == "error"


def test_source_that_suddenly_yields_nothing():
    busy = [_run(i, articles=5) for i in (9, 8, 7)]
    assert "no_items" in _checks(_run(articles=0, with_title=0, with_date=0), busy)
    # a quiet week after only two runs is not "sudden"
    assert "no_items" not in _checks(_run(articles=0, with_title=0, with_date=0), busy[:2])
    assert "no_pages" in _checks(_run(pages=0, articles=0, with_title=0, with_date=0))


def test_pages_losing_dates_or_titles_looks_like_a_redesign():
    history = [_run(i) for i in (9, 8, 7)]
    problems = check_run(_run(articles=10, with_title=10, with_date=2), history)
    assert [p.check for p in problems] == ["lost_dates"]
    assert "2 of 10" in problems[0].message
    assert "lost_titles" in _checks(_run(articles=10, with_title=0, with_date=10), history)
    # a site that never printed dates is not a redesign when it still prints none
    no_dates = [_run(i, with_date=0) for i in (9, 8, 7)]
    assert "lost_dates" not in _checks(_run(with_date=0), no_dates)


def test_trouble_is_told_when_it_starts_or_changes_not_on_every_run():
    from scheduler.health import Problem, should_notify

    down = [Problem("no_pages", "error", "fetched no pages at all")]
    assert should_notify(down, None)  # first run ever, already broken
    assert should_notify(down, [])  # was fine last time
    assert not should_notify(down, [Problem("no_pages", "error", "other wording")])  # still broken
    assert should_notify([Problem("error_rate", "warning", "x")], down)  # a different problem
    assert not should_notify([], down)  # recovery is not an alert


def test_pages_fetched_but_every_one_failing_stores_nothing_is_an_error():
    run = _run(
        pages=15,
        articles=0,
        errors=12,
        with_title=0,
        with_date=0,
        status="partial",
        error_text="http://x/1.htm: parse error: NameError: name 'X' is not defined\nhttp://x/2.htm: ...",
    )
    problems = check_run(run, [])
    assert ("nothing_stored", "error") in {(p.check, p.level) for p in problems}
    assert "first: http://x/1.htm: parse error: NameError" in next(
        p.message for p in problems if p.check == "nothing_stored"
    )
    # an incremental run with nothing new and two dead links is fine
    assert (
        check_run(
            _run(pages=3, articles=0, errors=2, with_title=0, with_date=0, status="partial"), []
        )
        == []
    )
