"""Hidden graders for kaggle-python-7 (math, datetime, collections, statistics and numpy).

Oracles, each computed differently from the solution: numpy (log, mean, median, std with
ddof=1, comparisons), date ordinals and minute counts instead of timedelta arithmetic, counting
with a plain dict and a stable sort by count. Return types are checked exactly: the unit is
about knowing what a library gives back (a Counter is not a dict, numpy.float64 is not float).
"""

import datetime

import numpy as np
import pytest

from autograde.checks import (
    assert_array_close, call_checked, assert_close, check, expect_array, expect_dict, expect_list, expect_raises, expect_tuple, expect_type,
    fail,
)

# --- a Python float close to the oracle's -----------------------------------------------------

FLOAT_HINT = "convert it to a Python float with float()"


def _close(value, expected, *, name, rtol=1e-9, atol=1e-9):
    assert_close(expect_type(value, float, name=name, hint=FLOAT_HINT), expected, name=name, rtol=rtol, atol=atol)


# --- elimination_rate_per_h -------------------------------------------------------------------


@pytest.mark.grade(2, "k = ln(C1 / C2) / hours, with the natural log: math.log(x), not math.log10(x).", uses=["elimination_rate_per_h"])
def test_elimination_rate_random(elimination_rate_per_h, rng):
    for k in range(10):
        level_1 = round(float(rng.uniform(4.0, 40.0)), 1)  # mg/L, e.g. a peak
        level_2 = round(level_1 * float(rng.uniform(0.05, 0.9)), 2)
        hours = round(float(rng.uniform(2.0, 24.0)), 1)
        _close(elimination_rate_per_h(level_1, level_2, hours), float(np.log(level_1 / level_2) / hours),
               name=f"elimination_rate_per_h for levels {k + 1}")


@pytest.mark.grade(1, "A level that halves in t hours has k = ln 2 / t (0.693 / t): check your logarithm.", uses=["elimination_rate_per_h"])
def test_elimination_rate_half_life(elimination_rate_per_h, rng):
    for half_life in (2.0, 6.0, 36.0):  # e.g. gentamicin, vancomycin, digoxin (h)
        level = round(float(rng.uniform(1.0, 30.0)), 1)
        _close(elimination_rate_per_h(level, level / 2, half_life), float(np.log(2.0) / half_life),
               name=f"k for a level that halves in {half_life:g} h")


# --- dose_dates -------------------------------------------------------------------------------


def _dates_oracle(first, interval, n):
    start = datetime.date.fromisoformat(first).toordinal()
    return [datetime.date.fromordinal(start + i * interval).strftime("%Y-%m-%d") for i in range(n)]


def _check_dates(function, first, interval, n):
    call = f"dose_dates({first!r}, {interval}, {n})"
    got = expect_list(function(first, interval, n), name=call)
    if len(got) != n:
        fail(f"{call} should have {n} dates, got {len(got)}")
    for i, item in enumerate(got):
        expect_type(item, str, name=f"{call}[{i}]", hint="use .isoformat() for a 'YYYY-MM-DD' string")
    want = _dates_oracle(first, interval, n)
    wrong = [i for i in range(n) if got[i] != want[i]]
    check(not wrong, f"{call} is wrong from dose {wrong[0] + 1 if wrong else 0} on")


def _random_date(rng):
    return datetime.date.fromordinal(datetime.date(2023, 1, 1).toordinal() + int(rng.integers(0, 900))).isoformat()


@pytest.mark.grade(2, "date.fromisoformat(first_dose) + i * timedelta(days=interval_days), then .isoformat().", uses=["dose_dates"])
def test_dose_dates_courses(dose_dates, rng):
    for interval in (1, 2, 7, 14, 21, 28):
        _check_dates(dose_dates, _random_date(rng), interval, int(rng.integers(2, 13)))


@pytest.mark.grade(1, "Let datetime handle month ends and leap years (29 February 2024, not 2023).", uses=["dose_dates"])
def test_dose_dates_month_ends_and_leap_years(dose_dates):
    _check_dates(dose_dates, "2024-02-26", 7, 4)   # through 29 Feb 2024
    _check_dates(dose_dates, "2023-02-27", 1, 4)   # 2023 has no 29 Feb
    _check_dates(dose_dates, "2024-12-24", 3, 5)   # into the new year
    _check_dates(dose_dates, "2024-01-31", 28, 3)


@pytest.mark.grade(1, "One dose is just the first date; zero doses is an empty list.", uses=["dose_dates"])
def test_dose_dates_zero_and_one_dose(dose_dates):
    _check_dates(dose_dates, "2024-05-06", 7, 0)
    _check_dates(dose_dates, "2024-05-06", 7, 1)


# --- hours_between ----------------------------------------------------------------------------


def _stamp(minutes_since_2024):
    moment = datetime.datetime(2024, 1, 1) + datetime.timedelta(minutes=int(minutes_since_2024))
    return moment.strftime("%Y-%m-%dT%H:%M")


def _check_hours(function, start_min, end_min, *, what):
    start, end = _stamp(start_min), _stamp(end_min)
    _close(function(start, end), (end_min - start_min) / 60, name=f"hours_between({start!r}, {end!r}) ({what})")


@pytest.mark.grade(1, "Subtract the two datetimes; a timedelta's total_seconds() / 3600 gives hours.", uses=["hours_between"])
def test_hours_between_within_a_day(hours_between, rng):
    for _ in range(6):
        start = int(rng.integers(0, 500 * 1440))
        _check_hours(hours_between, start, start + int(rng.integers(1, 1440)), what="less than a day apart")


@pytest.mark.grade(2, "timedelta.seconds ignores whole days: use total_seconds() for gaps longer than 24 h.", uses=["hours_between"])
def test_hours_between_over_a_day(hours_between, rng):
    _check_hours(hours_between, 0, 30 * 60 + 15, what="30 h 15 min")
    for _ in range(6):
        start = int(rng.integers(0, 500 * 1440))
        _check_hours(hours_between, start, start + int(rng.integers(1441, 20 * 1440)), what="more than a day apart")


@pytest.mark.grade(1, "An end before the start gives a negative number of hours.", uses=["hours_between"])
def test_hours_between_negative(hours_between, rng):
    for _ in range(4):
        start = int(rng.integers(3 * 1440, 500 * 1440))
        _check_hours(hours_between, start, start - int(rng.integers(1, 3 * 1440)), what="end before start")
    _check_hours(hours_between, 720, 720, what="the same time")


# --- diagnosis_counts and top_diagnoses -------------------------------------------------------

CODES = ["I10", "E11.9", "J18.9", "N39.0", "I50.9", "J44.1", "N17.9", "I48.91", "A41.9", "I21.4", "E87.1", "L03.90"]
WEIGHTS = np.array([14, 11, 10, 8, 8, 7, 6, 6, 5, 4, 3, 3], dtype=float)


def _messy_codes(rng, n, *, blanks=True):
    codes = []
    for i in rng.choice(len(CODES), size=n, p=WEIGHTS / WEIGHTS.sum()):
        code = CODES[int(i)]
        code = code.lower() if rng.random() < 0.3 else code
        codes.append(str(rng.choice(["", " ", "  ", "\t"])) + code + str(rng.choice(["", " ", "\n"])))
        if blanks and rng.random() < 0.05:
            codes.append(str(rng.choice(["", "  ", "\t"])))
    return codes


def _counts_oracle(codes):
    counts = {}
    for code in codes:
        key = code.strip().upper()
        if key:
            counts[key] = counts.get(key, 0) + 1
    return counts


def _check_counts(function, codes, *, what):
    got = expect_dict(function(list(codes)), name=f"diagnosis_counts for {what}", keys=str, values=int,
                      hint="convert it to a plain dict with dict(...)")
    want = _counts_oracle(codes)
    extra = [k for k in got if k not in want]
    if extra:
        fail(f"diagnosis_counts for {what} has key(s) {extra[:3]}: strip and upper-case the codes, skip blank ones")
    check(set(got) == set(want), f"diagnosis_counts for {what} misses some codes")
    wrong = [k for k in want if got[k] != want[k]]
    check(not wrong, f"diagnosis_counts for {what}: the count of {wrong[0] if wrong else ''} is wrong")


@pytest.mark.grade(2, "Count with collections.Counter, then return dict(counter).", uses=["diagnosis_counts"])
def test_diagnosis_counts_random(diagnosis_counts, rng):
    for k in range(6):
        codes = [CODES[int(i)] for i in rng.choice(len(CODES), size=int(rng.integers(5, 80)), p=WEIGHTS / WEIGHTS.sum())]
        _check_counts(diagnosis_counts, codes, what=f"discharge list {k + 1}")


@pytest.mark.grade(1, "' i10' and 'I10 ' are the same code: strip() and upper() first; skip codes that are blank.", uses=["diagnosis_counts"])
def test_diagnosis_counts_cleans_codes(diagnosis_counts, rng):
    _check_counts(diagnosis_counts, ["I10", "i10 ", " I10", "e11.9", "  ", ""], what="['I10', 'i10 ', ' I10', 'e11.9', '  ', '']")
    for k in range(4):
        _check_counts(diagnosis_counts, _messy_codes(rng, int(rng.integers(10, 60))), what=f"messy discharge list {k + 1}")


@pytest.mark.grade(1, "No codes (or only blank ones) give an empty dict {}.", uses=["diagnosis_counts"])
def test_diagnosis_counts_empty(diagnosis_counts):
    _check_counts(diagnosis_counts, [], what="an empty list")
    _check_counts(diagnosis_counts, [" ", ""], what="only blank codes")


@pytest.mark.grade(1, "Clean copies of the codes; do not write the cleaned codes back into the caller's list.", uses=["diagnosis_counts"])
def test_diagnosis_counts_leaves_codes_unchanged(diagnosis_counts, rng):
    codes = _messy_codes(rng, 30)
    got = call_checked(diagnosis_counts, codes, name="diagnosis_counts", unchanged=True)
    _check_counts(lambda _: got, codes, what="a messy discharge list")


def _top_oracle(codes, n):
    counts = _counts_oracle(codes)  # insertion order = order of first appearance
    return sorted(counts.items(), key=lambda item: -item[1])[:n]  # sorted() is stable


def _check_top(function, codes, n, *, what):
    got = expect_list(function(list(codes), n), name=f"top_diagnoses for {what}")
    want = _top_oracle(codes, n)
    if len(got) != len(want):
        fail(f"top_diagnoses(codes, {n}) for {what} should have {len(want)} entries, got {len(got)}")
    for i, item in enumerate(got):
        code, count = expect_tuple(item, name=f"entry {i} (code, count) of top_diagnoses for {what}", length=2)
        expect_type(code, str, name=f"the code in entry {i} of top_diagnoses for {what}")
        expect_type(count, int, name=f"the count in entry {i} of top_diagnoses for {what}")
    wrong = [i for i in range(len(want)) if got[i] != want[i]]
    check(not wrong, f"top_diagnoses(codes, {n}) for {what} is wrong from entry {wrong[0] if wrong else 0} on")


@pytest.mark.grade(2, "Counter(...).most_common(n) gives (code, count) pairs, most common first.", uses=["top_diagnoses"])
def test_top_diagnoses_random(top_diagnoses, rng):
    for k in range(6):
        _check_top(top_diagnoses, _messy_codes(rng, int(rng.integers(20, 120))), int(rng.integers(1, 6)),
                   what=f"discharge list {k + 1}")


@pytest.mark.grade(1, "Equal counts keep the order in which the codes first appear (do not sort them alphabetically).", uses=["top_diagnoses"])
def test_top_diagnoses_ties_first_seen(top_diagnoses, rng):
    _check_top(top_diagnoses, ["N39.0", "J18.9", "I10", "J18.9", "N39.0", "I10", "A41.9"], 3, what="three codes tied at 2")
    for k in range(3):
        chosen = [CODES[int(i)] for i in rng.choice(len(CODES), size=5, replace=False)]
        codes = chosen * 2 + chosen[:2]
        _check_top(top_diagnoses, [codes[int(i)] for i in rng.permutation(len(codes))], 4, what=f"tied codes {k + 1}")


@pytest.mark.grade(1, "n = 0 gives []; n larger than the number of different codes lists them all.", uses=["top_diagnoses"])
def test_top_diagnoses_n_edges(top_diagnoses, rng):
    codes = _messy_codes(rng, 30, blanks=False)
    _check_top(top_diagnoses, codes, 0, what="n = 0")
    _check_top(top_diagnoses, codes, 50, what="n larger than the number of codes")
    _check_top(top_diagnoses, [], 3, what="no codes")


@pytest.mark.grade(1, "Clean copies of the codes; do not write the cleaned codes back into the caller's list.", uses=["top_diagnoses"])
def test_top_diagnoses_leaves_codes_unchanged(top_diagnoses, rng):
    codes = _messy_codes(rng, 40)
    got = call_checked(top_diagnoses, codes, 3, name="top_diagnoses", unchanged=True)
    _check_top(lambda *_: got, codes, 3, what="a messy discharge list")


# --- lab_summary ------------------------------------------------------------------------------


def _check_summary(function, values, *, what):
    got = expect_dict(function(list(values)), name=f"lab_summary for {what}")
    if set(got) != {"mean", "median", "stdev"}:
        fail(f"lab_summary for {what} should have exactly the keys 'mean', 'median', 'stdev', got {sorted(map(str, got))}")
    a = np.asarray(values, dtype=float)
    _close(got["mean"], float(a.mean()), name=f"the mean for {what}")
    _close(got["median"], float(np.median(a)), name=f"the median for {what}")
    _close(got["stdev"], float(a.std(ddof=1)), name=f"the standard deviation for {what} (sample: divide by n - 1)")


@pytest.mark.grade(2, "statistics.mean, statistics.median and statistics.stdev (the sample SD, n - 1), each as float.", uses=["lab_summary"])
def test_lab_summary_random(lab_summary, rng):
    for k in range(6):
        potassium = [float(v) for v in rng.normal(4.3, 0.6, int(rng.integers(2, 25))).round(1)]  # mmol/L
        _check_summary(lab_summary, potassium, what=f"potassium series {k + 1}")


@pytest.mark.grade(1, "statistics.mean([4, 5, 6]) is the int 5: wrap each statistic in float().", uses=["lab_summary"])
def test_lab_summary_integer_values(lab_summary, rng):
    _check_summary(lab_summary, [4, 5, 6], what="[4, 5, 6]")
    for k in range(3):
        sodium = [int(v) for v in rng.integers(128, 150, 2 * int(rng.integers(1, 8)) + 1)]  # mmol/L, odd length
        _check_summary(lab_summary, sodium, what=f"whole-number sodium values {k + 1}")


@pytest.mark.grade(1, "A standard deviation needs at least 2 values: raise ValueError for fewer.", uses=["lab_summary"])
def test_lab_summary_too_few_values(lab_summary):
    expect_raises(lambda: lab_summary([]), ValueError, what="lab_summary([])")
    expect_raises(lambda: lab_summary([4.1]), ValueError, what="lab_summary([4.1])")


@pytest.mark.grade(1, "statistics.median sorts a copy for you: do not sort the caller's list in place.", uses=["lab_summary"])
def test_lab_summary_leaves_values_unchanged(lab_summary, rng):
    potassium = [float(v) for v in rng.normal(4.3, 0.6, 11).round(1)]
    got = call_checked(lab_summary, potassium, name="lab_summary", unchanged=True)
    _check_summary(lambda _: got, potassium, what="a potassium series")


# --- hourly_means -----------------------------------------------------------------------------


def _cgm(rng, n):
    trend = 7.0 + np.cumsum(rng.normal(0, 0.25, n))
    return np.clip(trend, 2.2, 22.0).round(1)  # mmol/L


def _check_hourly(function, readings, per_hour, *, what, keyword=True):
    got = function(readings.copy(), per_hour=per_hour) if keyword else function(readings.copy())
    hours = len(readings) // per_hour
    array = expect_array(got, name=f"hourly_means for {what}", shape=(hours,), kind="f")
    want = np.array([readings[h * per_hour:(h + 1) * per_hour].mean() for h in range(hours)])
    assert_array_close(array, want, name=f"hourly_means for {what}", rtol=1e-9)


@pytest.mark.grade(2, "readings.reshape(-1, per_hour) has one ROW per hour: average along axis=1.", uses=["hourly_means"])
def test_hourly_means_cgm(hourly_means, rng):
    for hours in (1, 3, 8, 24):
        _check_hourly(hourly_means, _cgm(rng, 12 * hours), 12, what=f"{hours} h of 5-minute readings", keyword=False)


@pytest.mark.grade(1, "Use the per_hour you are given (4 readings an hour every 15 min), not a fixed 12.", uses=["hourly_means"])
def test_hourly_means_other_rate(hourly_means, rng):
    for per_hour, hours in ((4, 6), (6, 5), (60, 2)):
        _check_hourly(hourly_means, _cgm(rng, per_hour * hours), per_hour, what=f"{hours} h at {per_hour} readings/h")


@pytest.mark.grade(1, "An incomplete last hour (length not a multiple of per_hour) must raise ValueError.", uses=["hourly_means"])
def test_hourly_means_incomplete_hour_raises(hourly_means, rng):
    for n in (13, 30, 5):
        readings = _cgm(rng, n)
        expect_raises(lambda: hourly_means(readings.copy()), ValueError, what=f"hourly_means of {n} readings at 12/h")


@pytest.mark.grade(1, "No readings (0 hours) give an empty float array of hourly means.", uses=["hourly_means"])
def test_hourly_means_no_readings(hourly_means, rng):
    _check_hourly(hourly_means, np.array([], dtype=float), 12, what="no readings", keyword=False)
    _check_hourly(hourly_means, _cgm(rng, 8), 4, what="2 h at 4 readings/h")


@pytest.mark.grade(1, "reshape returns a new view: do not change the shape or values of the caller's array.", uses=["hourly_means"])
def test_hourly_means_leaves_readings_unchanged(hourly_means, rng):
    readings = _cgm(rng, 36)
    got = call_checked(hourly_means, readings, 6, name="hourly_means", unchanged=True, new_object=True)
    _check_hourly(lambda *_, **__: got, readings, 6, what="6 h at 6 readings/h")


# --- time_in_range ----------------------------------------------------------------------------


def _check_tir(got, glucose, low, high, *, what):
    inside = sum(1 for g in glucose.tolist() if low <= g <= high)
    value = expect_type(got, float, name=f"time_in_range for {what}", hint=FLOAT_HINT)
    check(0.0 <= value <= 100.0, f"time_in_range for {what} should be a percentage between 0 and 100")
    assert_close(value, 100.0 * inside / len(glucose), name=f"time_in_range for {what}", rtol=1e-9)


@pytest.mark.grade(2, "(glucose >= low) & (glucose <= high) is an array of bools; its share times 100, as a float.", uses=["time_in_range"])
def test_time_in_range_random(time_in_range, rng):
    for k in range(6):
        glucose = _cgm(rng, 288)  # one day at 5-minute readings
        glucose[(glucose == 3.9) | (glucose == 10.0)] += 0.05
        _check_tir(time_in_range(glucose.copy()), glucose, 3.9, 10.0, what=f"day {k + 1} of monitoring")


@pytest.mark.grade(1, "Readings equal to 3.9 or to 10.0 are in range: use >= and <=.", uses=["time_in_range"])
def test_time_in_range_limits_included(time_in_range, rng):
    glucose = np.array([3.9, 10.0, 3.8, 10.1, 6.0])
    _check_tir(time_in_range(glucose.copy()), glucose, 3.9, 10.0, what="readings on the limits")
    glucose = _cgm(rng, 96)
    glucose[rng.choice(96, size=20, replace=False)] = rng.choice([3.9, 10.0], size=20)
    _check_tir(time_in_range(glucose.copy()), glucose, 3.9, 10.0, what="a day with many readings on the limits")


@pytest.mark.grade(1, "Use the low and high you are given (pregnancy target 3.5-7.8 mmol/L).", uses=["time_in_range"])
def test_time_in_range_custom_target(time_in_range, rng):
    for k in range(3):
        glucose = _cgm(rng, 288)
        got = time_in_range(glucose.copy(), 3.5, 7.8) if k % 2 else time_in_range(glucose.copy(), low=3.5, high=7.8)
        _check_tir(got, glucose, 3.5, 7.8, what=f"a pregnancy target, day {k + 1}")


@pytest.mark.grade(1, "With no readings there is no percentage: raise ValueError.", uses=["time_in_range"])
def test_time_in_range_empty_raises(time_in_range):
    expect_raises(lambda: time_in_range(np.array([], dtype=float)), ValueError, what="time_in_range of no readings")


@pytest.mark.grade(1, "Compare the readings without changing the caller's array (no sort, no in-place clipping).", uses=["time_in_range"])
def test_time_in_range_leaves_readings_unchanged(time_in_range, rng):
    glucose = _cgm(rng, 96)
    got = call_checked(time_in_range, glucose, name="time_in_range", unchanged=True)
    _check_tir(got, glucose, 3.9, 10.0, what="a day of monitoring")


# --- aki_flags --------------------------------------------------------------------------------


def _aki_oracle(values):
    flags, lowest = [], float("inf")
    for v in values.tolist():
        lowest = min(lowest, v)
        flags.append(v >= 1.5 * lowest)
    return np.array(flags, dtype=bool)


def _check_aki(function, creatinine, *, what):
    got = expect_array(function(creatinine.copy()), name=f"aki_flags for {what}", shape=creatinine.shape, kind="b")
    wrong = np.flatnonzero(got != _aki_oracle(creatinine))
    check(wrong.size == 0, f"aki_flags is wrong for {what} ({wrong.size} readings, first at index {wrong[0] if wrong.size else 0})")


def _creatinine(rng, n):
    series = 80.0 * np.exp(np.cumsum(rng.normal(0, 0.18, n)))
    return np.clip(series, 35.0, 900.0).round(0)  # umol/L


@pytest.mark.grade(2, "Compare the whole array with 1.5 x np.minimum.accumulate(creatinine): the result is a bool array.", uses=["aki_flags"])
def test_aki_flags_random(aki_flags, rng):
    for k in range(8):
        _check_aki(aki_flags, _creatinine(rng, int(rng.integers(3, 30))), what=f"creatinine series {k + 1}")


@pytest.mark.grade(1, "The baseline is the LOWEST value so far, not the first: a fall then a rise can be AKI.", uses=["aki_flags"])
def test_aki_flags_baseline_is_lowest_so_far(aki_flags, rng):
    _check_aki(aki_flags, np.array([140.0, 110.0, 70.0, 95.0, 112.0, 130.0]), what="a fall to 70 then a rise to 112")
    for k in range(3):
        fall = np.linspace(float(rng.uniform(150, 250)), float(rng.uniform(50, 80)), 4).round(0)
        rise = (fall[-1] * np.array([1.2, 1.6, 2.1])).round(0)
        _check_aki(aki_flags, np.concatenate([fall, rise]), what=f"a fall then a rise {k + 1}")


@pytest.mark.grade(1, "Exactly 1.5 x the baseline is AKI: use >=.", uses=["aki_flags"])
def test_aki_flags_exactly_one_and_a_half(aki_flags, rng):
    _check_aki(aki_flags, np.array([90.0, 80.0, 110.0, 120.0, 95.0]), what="80 then exactly 120")
    for k in range(3):
        baseline = 2.0 * float(rng.integers(25, 60))  # even, so 1.5 x baseline is a whole number
        _check_aki(aki_flags, np.array([baseline + 10, baseline, 1.5 * baseline, 1.5 * baseline - 1]),
                   what=f"a rise to exactly 1.5 x baseline {k + 1}")


@pytest.mark.grade(1, "Compute the running minimum into a new array (no out= on the caller's series).", uses=["aki_flags"])
def test_aki_flags_leaves_creatinine_unchanged(aki_flags, rng):
    creatinine = _creatinine(rng, 20)
    creatinine[12] = 2.0 * creatinine[:12].min()  # at least one AKI flag
    got = call_checked(aki_flags, creatinine, name="aki_flags", unchanged=True, new_object=True)
    _check_aki(lambda _: got, creatinine, what="a creatinine series")
