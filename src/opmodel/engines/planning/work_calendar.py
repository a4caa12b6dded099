"""Working weeks of a roadmap calendar: week k is the k-th run of working days after the start,
so holidays push later dates back rather than shrinking a week's capacity."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Collection


class WorkCalendar:
    """Maps dates to working-week numbers and back, from a start date."""

    def __init__(self, start: dt.date, working_days: Collection[int],
                 holidays: Collection[dt.date] = ()) -> None:
        self.start = start
        self.weekdays = frozenset(working_days)
        if not self.weekdays:
            raise ValueError("no working days")
        self.per_week = len(self.weekdays)
        self.holidays = frozenset(holidays)
        self._days: list[dt.date] = []
        self._next = start

    def _is_working(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays

    def day(self, index: int) -> dt.date:
        """The working day with this number (0 is the first working day from the start)."""
        while len(self._days) <= index:
            if self._is_working(self._next):
                self._days.append(self._next)
            self._next += dt.timedelta(days=1)
        return self._days[max(index, 0)]

    def days_before(self, date: dt.date) -> int:
        """How many working days lie from the start up to, not including, ``date``."""
        if date <= self.start:
            return 0
        while self._next < date:
            self.day(len(self._days))
        return bisect.bisect_left(self._days, date)

    def week_starting(self, date: dt.date) -> int:
        """The first week that begins on or after ``date`` (earliest starts)."""
        return -(-self.days_before(date) // self.per_week)

    def weeks_through(self, date: dt.date) -> int:
        """How many whole weeks end on or before ``date`` (deadlines)."""
        return self.days_before(date + dt.timedelta(days=1)) // self.per_week

    def week_of(self, date: dt.date) -> tuple[int, bool]:
        """The week ``date`` falls in, and whether it is the first day of that week."""
        before = self.days_before(date)
        return before // self.per_week, before % self.per_week == 0

    def start_date(self, week: int) -> dt.date:
        """The first working day of ``week``."""
        return self.day(week * self.per_week)

    def finish_date(self, start_week: int, finish_week: int) -> dt.date:
        """The last working day of work occupying weeks start_week .. finish_week-1."""
        if finish_week <= start_week:
            return self.start_date(start_week)
        return self.day(finish_week * self.per_week - 1)
