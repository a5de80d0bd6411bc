"""Pure rules of the transition form (overgangsskema), R10-R12. No I/O; `today` is passed in."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ungeapi.youth.rules import date_turning

# R10: the open cases whose expectation of support after 18 calls for a transition form.
FORM_CASE_KINDS = ("disability", "placement")
ADULT_AGE = 18


@dataclass(frozen=True)
class SupportCase:
    """What R10 reads of a case: its kind, period and expected support after 18."""

    kind: str
    opened_on: date
    closed_on: date | None
    support_after_18_expected: bool
    support_hours_after_18: float | None


def calls_for_form(case: SupportCase, today: date, hours_threshold: float) -> bool:
    """R10: an open disability or placement case that expects support after 18 above the
    threshold (`transition_hours_threshold`, strictly above). Expected support whose hours are
    not yet estimated counts: the form is where the estimate is made, and a forgotten case is
    exactly what R10's reminder is for (S4)."""
    open_today = case.opened_on <= today and (case.closed_on is None or case.closed_on > today)
    return (
        open_today
        and case.kind in FORM_CASE_KINDS
        and case.support_after_18_expected
        and (case.support_hours_after_18 is None or case.support_hours_after_18 > hours_threshold)
    )


def form_due_on(
    *,
    birth_date: date,
    today: date,
    cases: Iterable[SupportCase],
    has_form: bool,
    form_age: int,
    hours_threshold: float,
) -> date | None:
    """R10 `transition_form.due`: from the `form_age` (14) birthday until the 18th, while an open
    disability or placement case expects support after 18 above the threshold and the youth has
    no transition form. Due on the `form_age` birthday or the first such case's opening, the
    later; None when not due."""
    if has_form:
        return None
    starts = date_turning(birth_date, form_age)
    if not starts <= today < date_turning(birth_date, ADULT_AGE):
        return None
    opened = [c.opened_on for c in cases if calls_for_form(c, today, hours_threshold)]
    if not opened:
        return None
    return max(starts, min(opened))


def update_windows(months: Sequence[int]) -> list[tuple[int, ...]]:
    """The update windows of R11: runs of consecutive months (e.g. [1, 6, 7] → (1,), (6, 7)).

    A run may wrap the turn of the year ([12, 1] is one window starting in December).
    """
    ordered = sorted(set(months))
    runs: list[list[int]] = []
    for month in ordered:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    if len(runs) > 1 and runs[0][0] == 1 and runs[-1][-1] == 12:
        runs[0] = runs.pop() + runs[0]
    return [tuple(run) for run in runs]


def current_window_start(today: date, months: Sequence[int]) -> date:
    """R11: the first day of the latest update window that has begun on or before `today`."""
    starts = [run[0] for run in update_windows(months)]
    candidates = [date(today.year - back, month, 1) for back in (0, 1) for month in starts]
    return max(day for day in candidates if day <= today)


def window_end(start: date, months: Sequence[int]) -> date:
    """R11: the last day of the update window that begins on `start` (31 January, 31 July for
    the default [1, 6, 7]; a window wrapping the turn of the year ends in the next year)."""
    for run in update_windows(months):
        if run[0] == start.month:
            last = date(start.year + (1 if run[-1] < run[0] else 0), run[-1], 1)
            return last.replace(day=calendar.monthrange(last.year, last.month)[1])
    raise ValueError(f"{start} does not begin an update window of {list(months)}")


def window_starts(after: date, until: date, months: Sequence[int]) -> list[date]:
    """R11: the first days of the update windows beginning after `after` and on or before `until`."""
    starts = {run[0] for run in update_windows(months)}
    found: list[date] = []
    year, month = after.year, after.month
    while True:
        first = date(year, month, 1)
        if first > until:
            return found
        if first > after and month in starts:
            found.append(first)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def needs_form_on(case: SupportCase, day: date) -> bool:
    """R11: a case that needs the transition form kept up to date on `day`: an open disability or
    placement case that expects support after 18 (whatever the hours: the adult area's forecast
    reads every expected need, not only those above R10's threshold)."""
    return (
        case.opened_on <= day
        and (case.closed_on is None or case.closed_on > day)
        and case.kind in FORM_CASE_KINDS
        and case.support_after_18_expected
    )


def update_due_dates(
    *,
    updated_on: date,
    today: date,
    months: Sequence[int],
    birth_date: date,
    cases: Iterable[SupportCase],
    latest_referral_submitted_on: date | None,
) -> list[date]:
    """When the youth's newest transition form owes an update (`transition_form.update_due`),
    one date per obligation, earliest first; [] when nothing is owed.

    R11: every update window (`policy.transition_update_months`, January and June/July) that
    began after the form's last update (`updated_on`) and on or before `today` opens an
    obligation on its first day, due on its last day (31 January, 31 July) and overdue after
    it. An update inside the window closes it in time; an update after its end closes it late
    (the window then lies before `updated_on`, so it is no longer listed). A window opens only
    while the youth is under 18 and has a case that needs the form (`needs_form_on`) on its
    first day; a window missed before that stays, overdue (§8.2).
    R12: updated before the latest referral's `submitted_on` → due on that day.
    Only the youth's newest form is asked about: an older form owes nothing of its own."""
    held = list(cases)
    adult = date_turning(birth_date, ADULT_AGE)
    due = {
        window_end(start, months)
        for start in window_starts(updated_on, today, months)
        if start < adult and any(needs_form_on(c, start) for c in held)
    }
    if latest_referral_submitted_on is not None and updated_on < latest_referral_submitted_on <= today:
        due.add(latest_referral_submitted_on)
    return sorted(due)


def windows_closed_late(previous: date, updated_on: date, months: Sequence[int]) -> list[date]:
    """R11 statistics: the windows (by first day) an update on `updated_on` closed late, the
    previous update having been on `previous`: they began after it and ended before this one."""
    return [s for s in window_starts(previous, updated_on, months) if window_end(s, months) < updated_on]


# The forecast's small-cell suppression: a sum to which fewer youth contribute is not published.
SMALL_CELL = 5


def is_small_cell(contributors: int, k: int = SMALL_CELL) -> bool:
    """A sum that 1 to k-1 youth contribute to would let a reader infer one youth's cost; a sum
    nobody contributes to (0) reveals nothing."""
    return 0 < contributors < k


def suppressed_categories(
    contributors: Mapping[str, int], small_union: int, total_published: bool, k: int = SMALL_CELL
) -> set[str]:
    """The year's cost categories whose sums are suppressed.

    Primary: categories with 1 to k-1 contributing youth. Secondary: the published year total
    minus the published categories is the suppressed categories' combined sum, so when the
    youth contributing to those (`small_union`, distinct) are fewer than k, the smallest other
    category with contributors is suppressed too (it has at least k, so the combined sum then
    covers at least k youth). Ties are broken by name, so the answer is stable."""
    primary = {c for c, n in contributors.items() if is_small_cell(n, k)}
    if primary and total_published and small_union < k:
        others = sorted((n, c) for c, n in contributors.items() if c not in primary and n > 0)
        if others:
            primary.add(others[0][1])
    return primary
