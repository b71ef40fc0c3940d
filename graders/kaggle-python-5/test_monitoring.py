"""Hidden graders for kaggle-python-5 (loops and list comprehensions on vital signs and dosing).

Oracles: numpy (counts, cumulative maxima, first index above a level), itertools.groupby (runs),
and small loops written here differently from the solution. Inputs are seeded, realistic series
(heart rate, temperature, troponin, base excess, lactate, drug levels) plus held-back edge cases:
empty lists, readings exactly on a limit, a run that lasts to the last reading.
"""

import itertools

import numpy as np
import pytest

from autograde.checks import call_checked, check, expect_list, expect_number, expect_type, fail


def _avoiding(values, *levels, step=0.1):
    """Nudge readings that sit exactly on a limit, so a random test checks only the counting."""
    return [v + step if any(v == level for level in levels) else v for v in values]


# --- count_abnormal ---------------------------------------------------------------------------

VITALS = [  # (what, mean, sd, decimals, low, high)
    ("heart rate", 85, 20, 0, 60, 100),
    ("systolic blood pressure", 125, 25, 0, 90, 140),
    ("respiratory rate", 18, 5, 0, 12, 20),
    ("temperature", 37.2, 0.8, 1, 36.0, 38.0),
    ("SpO2", 95, 3, 0, 94, 100),
]


def _series(rng, mean, sd, decimals, n):
    values = rng.normal(mean, sd, n).round(decimals)
    return [int(v) for v in values] if decimals == 0 else [float(v) for v in values]


def _count_oracle(readings, low, high):
    a = np.asarray(readings, dtype=float)
    return int(np.count_nonzero((a < low) | (a > high)))


def _check_count(function, readings, low, high, *, what):
    got = expect_type(function(list(readings), low, high), int, name=f"count_abnormal for {what}")
    check(got == _count_oracle(readings, low, high), f"count_abnormal is wrong for {what}")


@pytest.mark.grade(2, "Add 1 for every reading below low or above high.", uses=["count_abnormal"])
def test_count_abnormal_random_series(count_abnormal, rng):
    for what, mean, sd, decimals, low, high in VITALS:
        n = int(rng.integers(8, 40))
        readings = _avoiding(_series(rng, mean, sd, decimals, n), low, high, step=1 if decimals == 0 else 0.1)
        _check_count(count_abnormal, readings, low, high, what=f"a {what} series of {n} readings")


@pytest.mark.grade(1, "A reading exactly equal to low or to high is normal: compare strictly.", uses=["count_abnormal"])
def test_count_abnormal_limits_are_normal(count_abnormal, rng):
    _check_count(count_abnormal, [60, 100, 60, 100], 60, 100, what="readings all on the limits")
    for what, mean, sd, decimals, low, high in VITALS:
        readings = _series(rng, mean, sd, decimals, 12) + [low, high, low]
        order = rng.permutation(len(readings))
        _check_count(count_abnormal, [readings[i] for i in order], low, high,
                     what=f"a {what} series with readings on the limits")


@pytest.mark.grade(1, "An empty list has no abnormal readings; return the int 0.", uses=["count_abnormal"])
def test_count_abnormal_empty_and_single(count_abnormal):
    _check_count(count_abnormal, [], 60, 100, what="an empty list")
    _check_count(count_abnormal, [130], 60, 100, what="a single abnormal reading")
    _check_count(count_abnormal, [36.4], 36.0, 38.0, what="a single normal reading")


@pytest.mark.grade(1, "Count without changing the caller's list (no sort or remove on it).", uses=["count_abnormal"])
def test_count_abnormal_leaves_readings_unchanged(count_abnormal, rng):
    readings = _series(rng, 85, 20, 0, 20) + [60, 100, 59, 101]
    got = call_checked(count_abnormal, readings, 60, 100, name="count_abnormal", unchanged=True)
    got = expect_type(got, int, name="count_abnormal for a heart-rate series")
    check(got == _count_oracle(readings, 60, 100), "count_abnormal is wrong for a heart-rate series")


# --- fever_flags ------------------------------------------------------------------------------


def _check_flags(flags, temps, threshold, *, what):
    got = expect_list(flags, name=f"fever_flags for {what}", length=len(temps), item=bool)
    want = (np.asarray(temps, dtype=float) >= threshold).tolist()
    wrong = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]
    check(not wrong, f"fever_flags is wrong for {what} ({len(wrong)} of {len(temps)} flags, first at index {wrong[0] if wrong else 0})")


def _temperatures(rng, n, *exact):
    temps = [float(t) for t in rng.uniform(35.5, 40.5, n).round(1)] + list(exact)
    return [temps[i] for i in rng.permutation(len(temps))]


@pytest.mark.grade(2, "One bool per temperature, True when temp >= threshold (38.0 °C unless told otherwise).", uses=["fever_flags"])
def test_fever_flags_default_threshold(fever_flags, rng):
    for k in range(6):
        temps = _temperatures(rng, int(rng.integers(5, 30)), 38.0, 37.9)
        _check_flags(fever_flags(list(temps)), temps, 38.0, what=f"series {k + 1} with the default threshold")


@pytest.mark.grade(1, "Use the threshold argument you are given instead of a fixed 38.0.", uses=["fever_flags"])
def test_fever_flags_custom_threshold(fever_flags, rng):
    for threshold in (38.3, 37.5, 38.5):
        temps = _temperatures(rng, 20, threshold, round(threshold - 0.1, 1), 38.0)
        _check_flags(fever_flags(list(temps), threshold), temps, threshold, what=f"threshold {threshold} °C")
        _check_flags(fever_flags(list(temps), threshold=threshold), temps, threshold,
                     what=f"threshold={threshold} passed by keyword")


@pytest.mark.grade(1, "An empty list of temperatures gives an empty list of flags.", uses=["fever_flags"])
def test_fever_flags_empty_and_single(fever_flags):
    _check_flags(fever_flags([]), [], 38.0, what="an empty list")
    _check_flags(fever_flags([39.1]), [39.1], 38.0, what="a single fever")


@pytest.mark.grade(1, "Build a new list of flags; leave the list of temperatures as it is.", uses=["fever_flags"])
def test_fever_flags_new_list(fever_flags, rng):
    temps = _temperatures(rng, 15, 38.0, 37.9)
    flags = call_checked(fever_flags, temps, name="fever_flags", new_object=True, unchanged=True)
    _check_flags(flags, temps, 38.0, what="a series of 17 temperatures")


# --- running_max ------------------------------------------------------------------------------


def _check_running_max(function, values, *, what):
    name = f"running_max for {what}"
    items = expect_list(function(list(values)), name=name, length=len(values))
    got = [expect_number(item, name=f"{name}[{i}]") for i, item in enumerate(items)]
    want = np.maximum.accumulate(np.asarray(values, dtype=float)).tolist() if values else []
    wrong = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]
    check(not wrong, f"running_max is wrong for {what} (first wrong element at index {wrong[0] if wrong else 0})")


@pytest.mark.grade(2, "Keep the largest value seen so far and append it after every reading.", uses=["running_max"])
def test_running_max_troponin(running_max, rng):
    for k in range(6):
        n = int(rng.integers(4, 25))
        troponin = [int(v) for v in np.exp(rng.normal(3.5, 1.0, n)).round()]  # ng/L
        _check_running_max(running_max, troponin, what=f"troponin series {k + 1}")


@pytest.mark.grade(1, "Values can be negative: start from the first reading (or -infinity), not from 0.", uses=["running_max"])
def test_running_max_negative_values(running_max, rng):
    _check_running_max(running_max, [-6.0, -8.5, -3.2, -4.0], what="base excess -6.0, -8.5, -3.2, -4.0")
    for k in range(4):
        base_excess = [float(v) for v in rng.normal(-7.0, 2.5, int(rng.integers(3, 15))).round(1)]  # mmol/L
        base_excess = [min(v, -0.1) for v in base_excess]
        _check_running_max(running_max, base_excess, what=f"base excess series {k + 1} (all negative)")


@pytest.mark.grade(1, "An empty series gives a new []; one reading gives a new list with that reading.", uses=["running_max"])
def test_running_max_empty_and_single(running_max):
    for values, what in (([], "an empty list"), ([27], "a single reading")):
        peaks = call_checked(running_max, list(values), name=f"running_max for {what}", new_object=True)
        _check_running_max(lambda _: peaks, values, what=what)


@pytest.mark.grade(1, "Append to a new list; do not overwrite the readings in the caller's list.", uses=["running_max"])
def test_running_max_new_list(running_max, rng):
    troponin = [int(v) for v in np.exp(rng.normal(3.5, 1.0, 12)).round()]
    peaks = call_checked(running_max, troponin, name="running_max", new_object=True, unchanged=True)
    _check_running_max(lambda values: peaks, troponin, what="a troponin series")


@pytest.mark.grade(1, "Each element is one of the readings: keep them as they are (an int stays an int).", uses=["running_max"])
def test_running_max_keeps_the_readings(running_max, rng):
    for k in range(3):
        values = [int(v) if i % 2 else float(v) for i, v in enumerate(rng.choice(np.arange(5, 200), 10, replace=False))]
        got = running_max(list(values))
        _check_running_max(lambda _: got, values, what=f"mixed int/float series {k + 1}")
        want = list(itertools.accumulate(values, max))
        wrong = [i for i, (g, w) in enumerate(zip(got, want)) if type(g) is not type(w)]
        check(not wrong, f"running_max for mixed int/float series {k + 1}: element {wrong[0] if wrong else 0} "
                         "is not the reading itself (its type was changed)")


# --- first_time_above -------------------------------------------------------------------------


def _check_first_time(function, times, values, threshold, *, what):
    got = function(list(times), list(values), threshold)
    above = np.flatnonzero(np.asarray(values, dtype=float) > threshold)
    if above.size == 0:
        check(got is None, f"first_time_above for {what}: no reading is above the threshold, so the answer is None")
        return
    if got is None:
        fail(f"first_time_above for {what} returned None, but a reading is above the threshold")
    value = expect_number(got, name=f"first_time_above for {what}")
    check(value == times[int(above[0])], f"first_time_above is wrong for {what}")


def _lactate(rng, n):
    return [float(v) for v in rng.lognormal(np.log(1.6), 0.45, n).round(1)]  # mmol/L


@pytest.mark.grade(2, "zip(times_h, values) and return the time of the first reading above the threshold.", uses=["first_time_above"])
def test_first_time_above_random(first_time_above, rng):
    for k in range(8):
        n = int(rng.integers(4, 16))
        if k % 2:
            times = [2 * i for i in range(n)]
        else:
            times = [float(t) for t in np.cumsum(rng.uniform(0.5, 4.0, n)).round(2)]
        values = _avoiding(_lactate(rng, n), 2.0)
        values[int(rng.integers(n // 2, n))] = 3.4  # at least one reading is above 2.0 mmol/L
        _check_first_time(first_time_above, times, values, 2.0, what=f"lactate series {k + 1}")
    _check_first_time(first_time_above, [0, 2, 4], [4.4, 1.2, 2.9], 2.0, what="a series that starts above the threshold")


@pytest.mark.grade(1, "A reading exactly equal to the threshold is not above it.", uses=["first_time_above"])
def test_first_time_above_equal_is_not_above(first_time_above, rng):
    _check_first_time(first_time_above, [0, 2, 4, 6], [1.5, 2.0, 2.0, 2.4], 2.0, what="readings equal to 2.0 before 2.4")
    for k in range(4):
        n = int(rng.integers(5, 12))
        times = [2 * i for i in range(n)]
        values = [min(v, 3.9) for v in _lactate(rng, n)]
        values[int(rng.integers(0, n))] = 4.0
        _check_first_time(first_time_above, times, values, 4.0, what=f"series {k + 1} with a reading equal to 4.0")


@pytest.mark.grade(1, "When no reading is above the threshold (or the lists are empty), return None.", uses=["first_time_above"])
def test_first_time_above_never_is_none(first_time_above, rng):
    _check_first_time(first_time_above, [], [], 2.0, what="empty lists")
    values = [min(v, 1.9) for v in _lactate(rng, 10)]
    _check_first_time(first_time_above, [2 * i for i in range(10)], values, 2.0, what="a series that stays below 2.0")
    # and one series that crosses, so that returning None every time earns nothing
    _check_first_time(first_time_above, [0, 2, 4, 6], [1.2, 1.9, 2.5, 3.1], 2.0, what="a series that rises above 2.0")


@pytest.mark.grade(1, "Return the element of times_h itself: an int time stays an int, a float stays a float.", uses=["first_time_above"])
def test_first_time_above_returns_the_time_as_given(first_time_above, rng):
    for k, kind in enumerate((int, float, int, float)):
        times = [kind(2 * i) for i in range(8)]
        values = [1.2] * 8
        index = int(rng.integers(0, 8))
        values[index] = 3.1
        got = first_time_above(list(times), list(values), 2.0)
        _check_first_time(lambda *_: got, times, values, 2.0, what=f"series {k + 1}")
        check(type(got) is kind, f"first_time_above for series {k + 1}: return the time as it is in times_h "
                                 f"(it is {'an int' if kind is int else 'a float'} there)")


@pytest.mark.grade(1, "Loop over the lists without changing them (no pop or sort).", uses=["first_time_above"])
def test_first_time_above_leaves_lists_unchanged(first_time_above, rng):
    times, values = [2 * i for i in range(10)], [min(v, 1.9) for v in _lactate(rng, 10)]
    values[int(rng.integers(3, 10))] = 2.8
    got = call_checked(first_time_above, times, values, 2.0, name="first_time_above", unchanged=True)
    _check_first_time(lambda *_: got, times, values, 2.0, what="a lactate series")


# --- longest_run_above ------------------------------------------------------------------------


def _check_run(function, values, threshold, *, what):
    got = expect_type(function(list(values), threshold), int, name=f"longest_run_above for {what}")
    runs = [len(list(group)) for above, group in itertools.groupby(values, key=lambda v: v > threshold) if above]
    check(got == max(runs, default=0), f"longest_run_above is wrong for {what}")


@pytest.mark.grade(2, "Count readings above the threshold in a row, restart the count at 0 after one that is not, keep the longest.", uses=["longest_run_above"])
def test_longest_run_random(longest_run_above, rng):
    for k in range(10):
        n = int(rng.integers(10, 60))
        heart_rate = _avoiding([int(v) for v in (95 + np.cumsum(rng.normal(0, 6, n))).round()], 100, step=1)
        _check_run(longest_run_above, heart_rate, 100, what=f"heart-rate series {k + 1}")


@pytest.mark.grade(1, "A run can last until the last reading: it must still be counted.", uses=["longest_run_above"])
def test_longest_run_at_the_end(longest_run_above, rng):
    _check_run(longest_run_above, [104, 90, 120, 118, 131, 125], 100, what="a run of 4 at the end")
    _check_run(longest_run_above, [101, 102, 103], 100, what="every reading above 100")
    for k in range(4):
        head = [int(v) for v in rng.integers(70, 115, int(rng.integers(4, 12)))]
        tail = [int(v) for v in rng.integers(101, 140, len(head) + 2)]
        _check_run(longest_run_above, head + [85] + tail, 100, what=f"series {k + 1} ending in its longest run")


@pytest.mark.grade(1, "A reading equal to the threshold ends a run; no reading above it (or no readings) gives 0.", uses=["longest_run_above"])
def test_longest_run_boundary_and_empty(longest_run_above):
    _check_run(longest_run_above, [101, 100, 101, 102, 100, 103], 100, what="runs broken by readings equal to 100")
    _check_run(longest_run_above, [88, 100, 96], 100, what="no reading above 100")
    _check_run(longest_run_above, [], 100, what="an empty list")


@pytest.mark.grade(1, "Count the runs without changing the caller's list.", uses=["longest_run_above"])
def test_longest_run_leaves_values_unchanged(longest_run_above, rng):
    heart_rate = _avoiding([int(v) for v in (95 + np.cumsum(rng.normal(0, 6, 30))).round()], 100, step=1)
    heart_rate[10:14] = [105, 110, 108, 103]
    got = call_checked(longest_run_above, heart_rate, 100, name="longest_run_above", unchanged=True)
    _check_run(lambda *_: got, heart_rate, 100, what="a heart-rate series")


# --- dose_clock_hours -------------------------------------------------------------------------


def _clock_oracle(start, interval):
    hours, elapsed = [], 0
    while elapsed < 24:
        hours.append((start + elapsed) % 24)
        elapsed += interval
    return hours


def _check_clock(function, start, interval):
    want = _clock_oracle(start, interval)
    got = expect_list(function(start, interval), name=f"dose_clock_hours({start}, {interval})", length=len(want), item=int)
    check(got == want, f"dose_clock_hours({start}, {interval}) has the right number of doses but wrong hours")


def _check_clock_any_length(function, start, interval):
    got = expect_list(function(start, interval), name=f"dose_clock_hours({start}, {interval})")
    if len(got) != len(_clock_oracle(start, interval)):
        fail(f"dose_clock_hours({start}, {interval}) has {len(got)} doses: count the doses given less than 24 h after the first")
    _check_clock(function, start, interval)


@pytest.mark.grade(2, "range(start_hour, start_hour + 24, interval_hours), each hour % 24.", uses=["dose_clock_hours"])
def test_dose_clock_hours_standard_intervals(dose_clock_hours, rng):
    for interval in (4, 6, 8, 12, 24):
        for start in rng.choice(24, size=3, replace=False):
            _check_clock_any_length(dose_clock_hours, int(start), interval)


@pytest.mark.grade(1, "When the interval does not divide 24, the last dose still comes less than 24 h after the first.", uses=["dose_clock_hours"])
def test_dose_clock_hours_uneven_interval(dose_clock_hours, rng):
    for interval in (5, 7, 9, 10, 16, 18):
        _check_clock_any_length(dose_clock_hours, int(rng.integers(0, 24)), interval)


# --- half_lives_until_safe --------------------------------------------------------------------


def _half_lives_oracle(level, safe):
    return next(k for k in range(2000) if level / 2**k <= safe)


def _check_half_lives(function, level, safe, *, what):
    got = expect_type(function(level, safe), int, name=f"half_lives_until_safe for {what}")
    check(got == _half_lives_oracle(level, safe), f"half_lives_until_safe is wrong for {what}")


@pytest.mark.grade(2, "Halve the level in a while loop, counting, until it is <= the safe level.", uses=["half_lives_until_safe"])
def test_half_lives_random(half_lives_until_safe, rng):
    for k in range(10):
        safe = round(float(rng.uniform(0.5, 20.0)), 1)  # mg/L
        level = round(safe * float(rng.uniform(1.1, 300.0)), 1)
        _check_half_lives(half_lives_until_safe, level, safe, what=f"level {k + 1}")


@pytest.mark.grade(1, "Stop as soon as the level equals the safe level: <= includes equality.", uses=["half_lives_until_safe"])
def test_half_lives_exact_boundary(half_lives_until_safe, rng):
    _check_half_lives(half_lives_until_safe, 40.0, 10.0, what="40 mg/L down to 10 mg/L")
    for k in range(1, 7):
        safe = round(float(rng.uniform(0.5, 5.0)), 2)
        _check_half_lives(half_lives_until_safe, safe * 2**k, safe, what=f"a level exactly {2**k} times the safe level")


@pytest.mark.grade(1, "A level already at or below the safe level needs 0 half-lives.", uses=["half_lives_until_safe"])
def test_half_lives_already_safe(half_lives_until_safe):
    _check_half_lives(half_lives_until_safe, 0.8, 1.0, what="a level below the safe level")
    _check_half_lives(half_lives_until_safe, 1.0, 1.0, what="a level equal to the safe level")
    # and one level that is not yet safe, so that returning 0 every time earns nothing
    _check_half_lives(half_lives_until_safe, 1.6, 1.0, what="a level just above the safe level")
