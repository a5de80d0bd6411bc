"""Pure rules of the transition form (overgangsskema), R11 and R12. No I/O; `today` is passed in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


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


def update_due_on(
    updated_on: date, today: date, months: Sequence[int], latest_referral_submitted_on: date | None
) -> date | None:
    """When the form's update is due (`transition_form.update_due`), or None when it is not.

    R11: not updated since the start of the current January or June/July window
    (`policy.transition_update_months`) → due on that window's first day.
    R12: updated before the latest referral's `submitted_on` → due on that day.
    The earlier of the two applies.
    """
    due: list[date] = []
    window = current_window_start(today, months)
    if updated_on < window:
        due.append(window)
    if latest_referral_submitted_on is not None and updated_on < latest_referral_submitted_on:
        due.append(latest_referral_submitted_on)
    return min(due) if due else None
