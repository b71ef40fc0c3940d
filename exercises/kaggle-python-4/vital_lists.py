"""A patient's charted vital signs as Python lists (Kaggle Learn, Python, lesson 4: Lists).

A chart is a list of readings, oldest first and the latest last: heart rates in beats/min
(ints), temperatures in °C (floats with 1 decimal), SpO2 in %, and so on. Indexing
(`readings[-1]` is the latest), slicing, `len`, `sorted`, `min`/`max`, `sum`, `set` and
list concatenation with `+` answer most bedside questions.

One rule holds for every function here: the chart you are given must not change. A function
that sorts or appends in place (`readings.sort()`, `readings.append(x)`) silently rewrites the
patient's history for every later reader; `sorted(readings)` and `readings + [x]` make new
lists instead. Each function returns a NEW list (or a number), never the argument itself.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations


def last_n(readings: list, n: int) -> list:
    """The n most recent readings, oldest first: the end of the chart.

    If the chart has fewer than n readings, all of them; if n is 0, an empty list. Careful:
    readings[-0:] is the WHOLE list, because -0 == 0.

    Args:
        readings: the chart, oldest first (a list of ints or floats, possibly empty).
        n: how many readings to keep, n >= 0.

    Returns:
        A new list.

    Example:
        >>> last_n([72, 75, 88, 104, 112], 3)
        [88, 104, 112]
    """
    raise NotImplementedError


def change_from_previous(readings: list) -> int | float | None:
    """The latest reading minus the one before it (the last change on the chart).

    Args:
        readings: the chart, oldest first.

    Returns:
        readings[-1] - readings[-2]: an int for a chart of ints, a float for floats; None (not
        0) when the chart has fewer than two readings, since there is no change to report.

    Example:
        >>> change_from_previous([72, 75, 88, 104, 112])
        8
        >>> change_from_previous([98]) is None
        True
    """
    raise NotImplementedError


def sorted_readings(readings: list, descending: bool = False) -> list:
    """The readings in ascending order (descending=True: highest first), as a new list.

    The chart itself stays in time order.

    Example:
        >>> sorted_readings([37.2, 38.4, 36.9])
        [36.9, 37.2, 38.4]
        >>> sorted_readings([37.2, 38.4, 36.9], descending=True)
        [38.4, 37.2, 36.9]
    """
    raise NotImplementedError


def distinct_sorted(readings: list) -> list:
    """Each value that occurs on the chart, once, in ascending order.

    A reading charted twice (by the nurse and the monitor) appears once.

    Example:
        >>> distinct_sorted([96, 94, 94, 97, 96, 92])
        [92, 94, 96, 97]
    """
    raise NotImplementedError


def median_reading(readings: list) -> float:
    """The median of a non-empty chart: the middle value once sorted.

    With an odd number of readings, the middle one; with an even number, the mean of the two
    middle ones. Sort a copy (sorted), not the chart.

    Returns:
        The median as a float (also for a chart of ints).

    Example:
        >>> median_reading([88, 72, 104, 75])      # sorted: 72, 75, 88, 104
        81.5
    """
    raise NotImplementedError


def first_abnormal_index(readings: list, low: float, high: float) -> int | None:
    """The index of the first reading outside the normal range [low, high], or None.

    The range includes both ends: a reading equal to low or to high is normal; one below low
    or above high is abnormal. Walk the indices with `for i in range(len(readings)):` (loops
    are the subject of lesson 5) and return at the first abnormal one.

    Args:
        readings: the chart, oldest first (possibly empty).
        low, high: the normal range, low <= high (same units as the readings).

    Returns:
        An int index into readings, or None (not -1) if every reading is normal.

    Example:
        >>> first_abnormal_index([84, 90, 95, 88, 112], 51, 90)   # 95 > 90, at index 2
        2
    """
    raise NotImplementedError


def add_reading(readings: list, value: int | float, max_len: int) -> list:
    """A bedside monitor's buffer after a new reading: value appended at the end, then only the
    last max_len readings kept (the oldest are dropped).

    Do not append to the list you are given: build a new one (readings + [value]).

    Args:
        readings: the current buffer, oldest first.
        value: the new reading.
        max_len: the buffer's capacity, >= 1.

    Returns:
        A new list of at most max_len readings, ending with value.

    Example:
        >>> add_reading([72, 75, 88], 104, 3)
        [75, 88, 104]
    """
    raise NotImplementedError


def chart_review(readings: list, n: int, low: float, high: float) -> list:
    """The summary a doctor reads on the ward round, as a list of three items, in this order:

        [last_n(readings, n), median_reading(readings), first_abnormal_index(readings, low, high)]

    Use your own three functions. If one of them changed the chart (a sort in place), the items
    computed after it would describe a different, re-ordered chart.

    Args:
        readings: a non-empty chart, oldest first.
        n, low, high: as in last_n and first_abnormal_index.

    Returns:
        A list [list, float, int or None].

    Example:
        >>> chart_review([84, 90, 95, 88, 112], 2, 51, 90)
        [[88, 112], 90.0, 2]
    """
    raise NotImplementedError
