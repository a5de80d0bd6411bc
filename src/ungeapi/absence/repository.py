"""Every query about absence records, scoped through the youth they belong to."""

from __future__ import annotations

from ungeapi.access import YouthRecords
from ungeapi.models import AbsenceRecord

RESOURCE = "absence"


RECORDS = YouthRecords(AbsenceRecord, RESOURCE, opened_by=RESOURCE, locked_writable=True)
visible, get, find, read_one = RECORDS.visible, RECORDS.get, RECORDS.find, RECORDS.read_one
PAGE = RECORDS.page(
    AbsenceRecord.period_from,
    equal={"school_name": AbsenceRecord.school_name},
)
