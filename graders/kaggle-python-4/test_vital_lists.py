"""Hidden graders for kaggle-python-4 (lists of vital-sign readings).

Oracles, written independently of the reference solution: slicing by explicit start index,
sorted / set for ordering and de-duplication, statistics.median, a generator expression for the
first reading outside [low, high]. Charts come from autograde.datasets.vitals.charted_series
(seeded random walks with deterioration and double-charted duplicates; ints for heart rate, RR,
SBP and SpO2, 1-decimal floats for temperature).

Every chart is handed to the learner as a fresh copy. Non-mutation is scored twice over: through
returned data (a second call on the same list, chart_review's later items), and by comparing the
list afterwards with the copy the grader made before the call.
"""

import statistics

import pytest

from autograde.checks import assert_close, call_checked, check, expect_list, expect_number, expect_type, fail
from autograde.datasets.vitals import NORMAL_RANGES, charted_series

VITALS = tuple(NORMAL_RANGES)


def same_items(a, b):
    """Two lists of plain numbers hold the same values of the same types, in the same order."""
    return len(a) == len(b) and all(type(x) is type(y) and x == y for x, y in zip(a, b))


def expect_list_equal(value, expected, *, name):
    """Exactly a list (not a tuple), with exactly the expected items: values and int/float types."""
    items = expect_list(value, name=name)
    check(len(items) == len(expected), f"{name} should have {len(expected)} readings, got {len(items)}")
    for i, (got, want) in enumerate(zip(items, expected)):
        expect_type(got, type(want), name=f"{name}[{i}]", hint="the same type as the readings")
    check(same_items(items, expected), f"{name} does not hold the right readings in the right order")


def expect_unchanged(chart, before, *, what):
    """The list the learner was given still equals the copy taken before the call."""
    check(type(chart) is list and same_items(chart, before),
          f"{what} changed the chart it was given: work on a new list (sorted(...), readings + [x]), not in place")


def expect_index(value, expected, *, name):
    expect_type(value, (int, type(None)), name=name)
    if expected is None:
        check(value is None, f"{name} should be None: every reading is within the range")
    else:
        check(value is not None, f"{name} is None, but a reading is outside the range")
        check(value == expected, f"{name} is not the index of the first reading outside the range")


def chart(rng, vital=None, n=None, **options):
    vital = vital or VITALS[int(rng.integers(len(VITALS)))]
    n = int(rng.integers(8, 30)) if n is None else n
    return vital, charted_series(vital, n, rng=rng, **options)


def first_outside(readings, low, high):
    return next((i for i, r in enumerate(readings) if not low <= r <= high), None)


# --- slicing --------------------------------------------------------------------------------------


@pytest.mark.grade(2, "The most recent readings are at the END of the chart: slice from len(readings) - n.", uses=["last_n"])
def test_last_n(last_n, rng):
    for _ in range(8):
        vital, readings = chart(rng)
        n = int(rng.integers(1, len(readings)))
        expect_list_equal(last_n(list(readings), n), readings[len(readings) - n:], name=f"last_n(<{len(readings)} {vital} readings>, {n})")


@pytest.mark.grade(1, "n = 0 gives [] (readings[-0:] is the whole list!); n larger than the chart gives the whole chart.", uses=["last_n"])
def test_last_n_zero_and_more_than_charted(last_n, rng):
    _, readings = chart(rng, "heart_rate", 6)
    for n, expected in ((0, []), (6, readings), (9, readings)):
        expect_list_equal(last_n(list(readings), n), expected, name=f"last_n(<6 readings>, {n})")
    expect_list_equal(last_n([], 3), [], name="last_n([], 3)")


@pytest.mark.grade(1, "Return a new list even when the whole chart is asked for (a slice makes one), never the chart itself.", uses=["last_n"])
def test_last_n_returns_a_new_list(last_n, rng):
    vital, readings = chart(rng, n=int(rng.integers(5, 12)))
    for n in (len(readings), len(readings) + 4, 3):
        what = f"last_n(<{len(readings)} {vital} readings>, {n})"
        got = call_checked(last_n, list(readings), n, name=what, new_object=True, unchanged=True)
        expect_list_equal(got, readings[max(len(readings) - n, 0):], name=what)


@pytest.mark.grade(1, "readings[-1] is the latest reading and readings[-2] the one before it.", uses=["change_from_previous"])
def test_change_from_previous(change_from_previous, rng):
    for vital in VITALS:
        _, readings = chart(rng, vital)
        got = change_from_previous(list(readings))
        expected = readings[len(readings) - 1] - readings[len(readings) - 2]
        what = f"change_from_previous(<{len(readings)} {vital} readings>)"
        expect_type(got, type(expected), name=what, hint="the same type as the readings")
        assert_close(got, expected, name=what, rtol=0, atol=1e-9)


@pytest.mark.grade(1, "With fewer than two readings there is no change: return None (not 0).", uses=["change_from_previous"])
@pytest.mark.parametrize(("readings", "change"), [([], None), ([98], None), ([37.4], None), ([120, 111], -9)],
                         ids=["empty", "one-int", "one-float", "two-readings"])  # the last: doing nothing earns nothing
def test_change_from_previous_short_chart(change_from_previous, readings, change):
    got = change_from_previous(list(readings))
    if change is None:
        check(got is None, f"change_from_previous({readings}) should be None")
    else:
        check(expect_number(got, name="change_from_previous of two readings") == change,
              "change_from_previous of two readings should be the latest minus the previous reading")


# --- sorting and de-duplication ---------------------------------------------------------------------


@pytest.mark.grade(1, "sorted(readings, reverse=descending) returns a new sorted list.", uses=["sorted_readings"])
def test_sorted_readings(sorted_readings, rng):
    for _ in range(4):
        vital, readings = chart(rng)
        expect_list_equal(sorted_readings(list(readings)), sorted(readings), name=f"sorted_readings(<{vital} readings>)")
        expect_list_equal(sorted_readings(list(readings), descending=True), sorted(readings)[::-1],
                          name=f"sorted_readings(<{vital} readings>, descending=True)")
        expect_list_equal(sorted_readings(list(readings), False), sorted(readings), name=f"sorted_readings(<{vital} readings>, False)")


@pytest.mark.grade(1, "Sorting must not reorder the patient's chart: use sorted(readings), not readings.sort().", uses=["sorted_readings"])
def test_sorted_readings_leaves_chart_unchanged(sorted_readings, rng):
    vital, readings = chart(rng, "heart_rate", 20, deteriorate_after=10)
    given, before = list(readings), list(readings)
    expect_list_equal(sorted_readings(given, descending=True), sorted(before, reverse=True), name="sorted_readings(<chart>, descending=True)")
    expect_unchanged(given, before, what="sorted_readings")
    ordered = sorted(before)  # a chart already in order: still a new list, not the chart itself
    got = call_checked(sorted_readings, list(ordered), name="sorted_readings(<a chart already in order>)", new_object=True, unchanged=True)
    expect_list_equal(got, ordered, name="sorted_readings(<a chart already in order>)")


@pytest.mark.grade(2, "Each value once, ascending: a set drops the repeats, sorted() orders what is left.", uses=["distinct_sorted"])
def test_distinct_sorted(distinct_sorted, rng):
    for _ in range(5):
        vital, readings = chart(rng, duplicate_rate=0.4)
        given, before = list(readings), list(readings)
        expect_list_equal(distinct_sorted(given), sorted(set(readings)), name=f"distinct_sorted(<{vital} readings with repeats>)")
        expect_unchanged(given, before, what="distinct_sorted")
    expect_list_equal(distinct_sorted([]), [], name="distinct_sorted([])")


# --- median -------------------------------------------------------------------------------------------


@pytest.mark.grade(2, "Sort a copy; odd count: the middle value; even count: the mean of the two middle values.", uses=["median_reading"])
def test_median_odd_and_even(median_reading, rng):
    lengths = [1, 2, 7, 8] + [int(rng.integers(3, 30)) for _ in range(6)]
    for n in lengths:
        vital, readings = chart(rng, n=n, deteriorate_after=n // 2)
        what = f"median_reading(<{n} {vital} readings>)"
        got = expect_type(median_reading(list(readings)), float, name=what)
        assert_close(got, float(statistics.median(readings)), name=what, rtol=0, atol=1e-9)


@pytest.mark.grade(1, "Finding the median must not sort the chart itself: sorted(readings) makes a sorted copy.", uses=["median_reading"])
def test_median_leaves_chart_unchanged(median_reading, rng):
    _, readings = chart(rng, "temp_c", 15, deteriorate_after=5)
    given, before = list(readings), list(readings)
    first = median_reading(given)
    assert_close(first, float(statistics.median(before)), name="median_reading(<chart>)", rtol=0, atol=1e-9)
    expect_unchanged(given, before, what="median_reading")


# --- the first abnormal reading -------------------------------------------------------------------


@pytest.mark.grade(2, "Go through the indices in order and return the first i whose reading is below low or above high.", uses=["first_abnormal_index"])
def test_first_abnormal_index(first_abnormal_index, rng):
    for vital in VITALS:
        low, high = NORMAL_RANGES[vital]
        _, readings = chart(rng, vital, 30, deteriorate_after=int(rng.integers(5, 20)), duplicate_rate=0.05)
        expect_index(first_abnormal_index(list(readings), low, high), first_outside(readings, low, high),
                     name=f"first_abnormal_index(<{vital} chart>, {low}, {high})")


@pytest.mark.grade(1, "The normal range includes its ends: a reading equal to low or high is normal.", uses=["first_abnormal_index"])
@pytest.mark.parametrize("readings, low, high", [
    ([90, 51, 90, 91, 120], 51, 90), ([96, 100, 96, 95], 96, 100), ([36.1, 38.0, 38.1], 36.1, 38.0),
    ([50, 72, 95], 51, 90), ([88, 90, 89, 50, 95], 51, 90),
], ids=["heart-rate-1", "spo2", "temperature", "heart-rate-2", "heart-rate-3"])
def test_first_abnormal_index_boundaries(first_abnormal_index, readings, low, high):
    expect_index(first_abnormal_index(list(readings), low, high), first_outside(readings, low, high),
                 name=f"first_abnormal_index({readings}, {low}, {high})")


@pytest.mark.grade(1, "When every reading is normal (or there are none) return None, not -1 or False.", uses=["first_abnormal_index"])
def test_first_abnormal_index_none(first_abnormal_index, rng):
    cases = [([], 51, 90), ([51, 90, 72, 51], 51, 90)]
    for _ in range(3):
        _, readings = chart(rng, "heart_rate", 12)
        cases.append((readings, min(readings), max(readings)))
    for readings, low, high in cases:
        expect_index(first_abnormal_index(list(readings), low, high), None, name=f"first_abnormal_index(<{len(readings)} readings>, {low}, {high})")
    # and one chart with an abnormal reading, so that returning None every time earns nothing
    expect_index(first_abnormal_index([72, 51, 95, 60], 51, 90), 2, name="first_abnormal_index(<4 readings>, 51, 90)")


# --- a rolling buffer ----------------------------------------------------------------------------------


@pytest.mark.grade(1, "readings + [value], then keep the last max_len with a slice.", uses=["add_reading"])
def test_add_reading(add_reading, rng):
    for length, max_len in ((3, 5), (4, 5), (5, 5), (12, 5), (0, 3), (6, 1)):
        _, readings = chart(rng, "spo2", length)
        value = int(rng.integers(85, 101))
        expected = (readings + [value])[max(length + 1 - max_len, 0):]
        expect_list_equal(add_reading(list(readings), value, max_len), expected, name=f"add_reading(<{length} readings>, {value}, {max_len})")


@pytest.mark.grade(1, "Build a new list: appending to the buffer you were given changes it for every later reading.", uses=["add_reading"])
def test_add_reading_leaves_buffer_unchanged(add_reading, rng):
    _, readings = chart(rng, "heart_rate", 4)
    given, before = list(readings), list(readings)
    add_reading(given, 101, 10)
    second = add_reading(given, 97, 10)  # what the monitor shows after the next reading, from the same buffer
    expect_list_equal(second, before + [97], name="add_reading(buffer, 97, 10) after add_reading(buffer, 101, 10)")
    expect_unchanged(given, before, what="add_reading")


# --- putting it together --------------------------------------------------------------------------------


def chart_that_sorting_would_change(rng, vital):
    """A deteriorating chart (and an n) whose last n readings and first abnormal index both differ
    once the chart is sorted: a function that sorts it in place shows in chart_review's answer."""
    low, high = NORMAL_RANGES[vital]
    for _ in range(200):
        _, readings = chart(rng, vital, 24, deteriorate_after=int(rng.integers(6, 16)))
        n = int(rng.integers(2, 8))
        ordered = sorted(readings)
        if (ordered[len(ordered) - n:] != readings[len(readings) - n:]
                and first_outside(ordered, low, high) != first_outside(readings, low, high)):
            return readings, n
    raise AssertionError(f"grader invariant: no {vital} chart that sorting would change was drawn")


@pytest.mark.grade(2, "Return [last_n(...), median_reading(...), first_abnormal_index(...)], none of which may change the chart.", uses=["chart_review"])
def test_chart_review(chart_review, rng):
    for vital in ("spo2", "heart_rate", "sbp", "temp_c"):
        low, high = NORMAL_RANGES[vital]
        readings, n = chart_that_sorting_would_change(rng, vital)
        given, before = list(readings), list(readings)
        what = f"chart_review(<{vital} chart>, {n}, {low}, {high})"
        result = chart_review(given, n, low, high)
        if type(result) is not list or len(result) != 3:
            fail(f"{what} should be a list of 3 items [last n readings, median, first abnormal index]")
        expect_list_equal(result[0], before[len(before) - n:], name=f"the last {n} readings in {what}")
        expect_type(result[1], float, name=f"the median in {what}")
        assert_close(result[1], float(statistics.median(before)), name=f"the median in {what}", rtol=0, atol=1e-9)
        expect_index(result[2], first_outside(before, low, high), name=f"the first abnormal index in {what}")
        expect_unchanged(given, before, what="chart_review")
