"""The failover test's count (ungeapi_dev.failover.figures): what it calls found, duplicated,
missing from the feed and recovered, on made-up loads; so `make ha-test` can fail."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ungeapi_dev import ha
from ungeapi_dev.failover import Ack, Load, figures, passed


def event(n: int, youth_id: str, version: int) -> dict[str, Any]:
    return {"id": n, "resource_type": "youth", "resource_id": youth_id, "version": version}


def load_of(*acks: Ack, seen: list[dict[str, Any]] | None = None) -> Load:
    load = Load(acks=list(acks), feed_seen=seen or [])
    load.statuses.update({201: 1, 200: 1})
    load.figures.update({"200 replica": 3, "200 primary (replica-unavailable)": 1, "503 primary (lag)": 1})
    load.kill_at, load.recovered_at = 100.0, 112.5
    return load


CREATE = Ack("create", "y1", "W0x0", 1, "W0x0")
CHANGE = Ack("change", "y1", "W0x0p", 2, "W0x0")
EVENTS = [event(1, "y1", 1), event(2, "y1", 2)]


def test_everything_acknowledged_found_and_in_the_feed_passes() -> None:
    result = figures(
        load_of(CREATE, CHANGE, seen=EVENTS), {"y1": ("W0x0p", 2)}, Counter(W0x0=1), EVENTS, Counter({1: 1, 2: 1})
    )
    assert result["writes_acknowledged"] == result["writes_found"] == 2
    assert (result["duplicates"], result["feed_gaps"], result["seconds_to_recover"]) == (0, 0, 12.5)
    assert passed(result, max_recovery=60)
    assert not passed(result, max_recovery=10)


def test_a_change_acknowledged_but_not_stored_is_not_found() -> None:
    result = figures(load_of(CREATE, CHANGE, seen=EVENTS), {"y1": ("W0x0", 1)}, Counter(W0x0=1), EVENTS, Counter())
    assert result["writes_found"] == 1 and not passed(result, max_recovery=60)


def test_a_youth_missing_altogether_loses_both_writes() -> None:
    result = figures(load_of(CREATE, CHANGE, seen=EVENTS), {}, Counter(), EVENTS, Counter({1: 1, 2: 1}))
    assert result["writes_found"] == 0


def test_two_rows_of_one_marker_are_a_duplicate() -> None:
    result = figures(
        load_of(CREATE, seen=EVENTS[:1]), {"y1": ("W0x0", 1)}, Counter(W0x0=2), EVENTS[:1], Counter({1: 1})
    )
    assert result["duplicates"] == 1 and not passed(result, max_recovery=60)


def test_an_acknowledged_write_without_its_event_and_an_event_the_reader_missed_are_gaps() -> None:
    only_create = [EVENTS[0]]
    result = figures(
        load_of(CREATE, CHANGE, seen=[]), {"y1": ("W0x0p", 2)}, Counter(W0x0=1), only_create, Counter({1: 1})
    )
    assert result["feed_gaps"] == 2  # the change's event is missing; the reader never saw the create's


def test_a_500_or_no_recovery_fails() -> None:
    load = load_of(CREATE, seen=EVENTS[:1])
    load.statuses[500] += 1
    stored, markers = {"y1": ("W0x0", 1)}, Counter(W0x0=1)
    assert not passed(figures(load, stored, markers, EVENTS[:1], Counter({1: 1})), max_recovery=60)
    load = load_of(CREATE, seen=EVENTS[:1])
    load.recovered_at = None
    assert not passed(figures(load, stored, markers, EVENTS[:1], Counter({1: 1})), max_recovery=60)


def passing() -> dict[str, Any]:
    return figures(
        load_of(CREATE, CHANGE, seen=EVENTS), {"y1": ("W0x0p", 2)}, Counter(W0x0=1), EVENTS, Counter({1: 1, 2: 1})
    )


def test_a_statistics_read_answered_500_fails_the_run() -> None:
    result = passing()
    assert result["statistics_5xx_not_503"] == 0 and passed(result, max_recovery=60)
    load = load_of(CREATE, CHANGE, seen=EVENTS)
    load.figures["500 replica"] = 1
    failed = figures(load, {"y1": ("W0x0p", 2)}, Counter(W0x0=1), EVENTS, Counter({1: 1, 2: 1}))
    assert failed["statistics_5xx_not_503"] == 1 and not passed(failed, max_recovery=60)


def test_statistics_never_read_from_a_replica_fail_the_run() -> None:
    """The cluster's standbys are the replica URL: a run whose figures all came from the primary
    did not use them."""
    load = load_of(CREATE, CHANGE, seen=EVENTS)
    del load.figures["200 replica"]
    result = figures(load, {"y1": ("W0x0p", 2)}, Counter(W0x0=1), EVENTS, Counter({1: 1, 2: 1}))
    assert not passed(result, max_recovery=60)


def test_the_clusters_replica_url_names_every_node_and_asks_for_a_standby() -> None:
    cluster = ha.Cluster(Path("/nonexistent"))
    assert cluster.url("db").endswith("&target_session_attrs=read-write")
    assert cluster.replica_url("db") == cluster.url("db").replace("=read-write", "=standby")
    assert all(f"host=127.0.0.1:{port}" in cluster.replica_url() for port in ha.NODES.values())
