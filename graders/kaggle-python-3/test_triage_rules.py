"""Hidden graders for kaggle-python-3 (booleans and conditionals: qSOFA, SIRS, BP categories, triage).

Oracles are written here independently of the reference solution: qSOFA and SIRS as lists of
criteria, the ACC/AHA categories as the worse of a systolic and a diastolic level, the triage
colours as a table of rules. Hidden patients come from autograde.datasets.vitals (seeded
emergency-department patients and clinic readings, with integer vitals so that exact
thresholds occur), plus hand-made boundary cases: each threshold, one step either side.
"""

import pytest

from autograde.checks import check, expect_choice, expect_type
from autograde.datasets.vitals import clinic_blood_pressure, ed_patient

BP_LABELS = ("normal", "elevated", "stage 1", "stage 2", "crisis")
COLOURS = ("red", "orange", "yellow", "green")


# --- oracles --------------------------------------------------------------------------------------


def qsofa_oracle(rr, sbp, gcs):
    return sum([rr >= 22, sbp <= 100, gcs < 15])


def sirs_oracle(temp_c, heart_rate, resp_rate, wbc, paco2=None, bands_pct=None):
    criteria = [
        temp_c > 38.0 or temp_c < 36.0,
        heart_rate > 90,
        resp_rate > 20 or (paco2 is not None and paco2 < 32),
        wbc > 12.0 or wbc < 4.0 or (bands_pct is not None and bands_pct > 10),
    ]
    return sum(criteria)


def bp_oracle(sbp, dbp):
    systolic = 4 if sbp > 180 else 3 if sbp >= 140 else 2 if sbp >= 130 else 1 if sbp >= 120 else 0
    diastolic = 4 if dbp > 120 else 3 if dbp >= 90 else 2 if dbp >= 80 else 0
    return BP_LABELS[max(systolic, diastolic)]


def triage_oracle(sbp, hr, rr, spo2, gcs):
    rules = [
        ("red", [gcs <= 8, spo2 < 85, sbp < 80, rr >= 30]),
        ("orange", [qsofa_oracle(rr, sbp, gcs) >= 2, spo2 < 92, sbp < 90, hr > 130]),
        ("yellow", [hr > 110, rr > 24, gcs < 15]),
    ]
    for colour, criteria in rules:
        if any(criteria):
            return colour
    return "green"


def patients(rng, n):
    return [ed_patient(rng=rng) for _ in range(n)]


# --- qSOFA -------------------------------------------------------------------------------------


def check_qsofa(score, rr, sbp, gcs):
    what = f"qsofa_score({rr}, {sbp}, {gcs})"
    got = expect_type(score(rr, sbp, gcs), int, name=what)
    check(got == qsofa_oracle(rr, sbp, gcs), f"{what} is not the right score")


@pytest.mark.grade(2, "qSOFA points: RR >= 22 (22 counts), SBP <= 100 (100 counts), GCS < 15 (15 does not).", uses=["qsofa_score"])
def test_qsofa_boundaries(qsofa_score):
    for rr, sbp, gcs in [(22, 120, 15), (21, 120, 15), (16, 100, 15), (16, 101, 15), (16, 120, 14),
                         (16, 120, 15), (22, 100, 14), (21, 101, 15), (35, 70, 3)]:
        check_qsofa(qsofa_score, rr, sbp, gcs)


@pytest.mark.grade(2, "Add up the three criteria as ints: int(resp_rate >= 22) + ...", uses=["qsofa_score"])
def test_qsofa_ed_patients(qsofa_score, rng):
    for p in patients(rng, 40):
        check_qsofa(qsofa_score, p["resp_rate"], p["sbp"], p["gcs"])


@pytest.mark.grade(2, "qsofa_positive is a bool: True from a score of 2 (2 included), False below.", uses=["qsofa_positive"])
def test_qsofa_positive(qsofa_positive, rng):
    cases = [(22, 100, 15), (22, 120, 15), (16, 100, 14), (16, 120, 14), (30, 90, 10), (14, 130, 15)]
    cases += [(p["resp_rate"], p["sbp"], p["gcs"]) for p in patients(rng, 20)]
    for rr, sbp, gcs in cases:
        what = f"qsofa_positive({rr}, {sbp}, {gcs})"
        got = expect_type(qsofa_positive(rr, sbp, gcs), bool, name=what)
        check(got == (qsofa_oracle(rr, sbp, gcs) >= 2), f"{what} is wrong")


# --- SIRS -------------------------------------------------------------------------------------------


def check_sirs(sirs, *args, **kwargs):
    shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
    what = f"sirs_count({shown})"
    got = expect_type(sirs(*args, **kwargs), int, name=what)
    check(got == sirs_oracle(*args, **kwargs), f"{what} is not the right count")


@pytest.mark.grade(1, "Temperature counts above 38.0 or below 36.0 °C; exactly 38.0 or 36.0 does not.", uses=["sirs_count"])
def test_sirs_temperature(sirs_count):
    for temp in (38.0, 38.1, 36.0, 35.9, 37.2, 39.6, 34.8):
        check_sirs(sirs_count, temp, 80, 16, 8.0)


@pytest.mark.grade(1, "Heart rate counts above 90 beats/min; exactly 90 does not.", uses=["sirs_count"])
def test_sirs_heart_rate(sirs_count):
    for hr in (90, 91, 72, 128):
        check_sirs(sirs_count, 37.0, hr, 16, 8.0)


@pytest.mark.grade(1, "RR > 20, or PaCO2 < 32 mmHg when a blood gas was taken (paco2 is not None); both together count once.", uses=["sirs_count"])
def test_sirs_respiratory(sirs_count):
    for rr, paco2 in ((20, None), (21, None), (16, 31.9), (16, 32.0), (16, 40.5), (26, 27.0), (20, 32.0), (20, 31.0)):
        if paco2 is None:
            check_sirs(sirs_count, 37.0, 80, rr, 8.0)
        else:
            check_sirs(sirs_count, 37.0, 80, rr, 8.0, paco2=paco2)
    check_sirs(sirs_count, 37.0, 80, 24, 8.0, 29.5)  # paco2 given by position


@pytest.mark.grade(1, "WBC > 12.0 or < 4.0, or bands > 10 % when a differential was done; several together count once.", uses=["sirs_count"])
def test_sirs_white_cells(sirs_count):
    for wbc, bands in ((12.0, None), (12.1, None), (4.0, None), (3.9, None), (8.0, 10), (8.0, 11), (8.0, 0),
                       (15.2, 18), (2.1, 25), (12.0, 10)):
        if bands is None:
            check_sirs(sirs_count, 37.0, 80, 16, wbc)
        else:
            check_sirs(sirs_count, 37.0, 80, 16, wbc, bands_pct=bands)
    check_sirs(sirs_count, 37.0, 80, 16, 8.0, None, 14)  # bands given by position, no blood gas


@pytest.mark.grade(2, "Count each of the four criteria once; paco2 and bands_pct may be None (test not done).", uses=["sirs_count"])
def test_sirs_ed_patients(sirs_count, rng):
    for i, p in enumerate(patients(rng, 40)):
        base = (p["temp_c"], p["heart_rate"], p["resp_rate"], p["wbc"])
        if i % 3 == 0:
            check_sirs(sirs_count, *base, p["paco2"], p["bands_pct"])
        else:
            optional = {k: v for k, v in (("paco2", p["paco2"]), ("bands_pct", p["bands_pct"])) if v is not None}
            check_sirs(sirs_count, *base, **optional)


# --- blood-pressure categories ---------------------------------------------------------------------


def check_bp(category, sbp, dbp):
    what = f"bp_category({sbp}, {dbp})"
    got = expect_choice(category(sbp, dbp), BP_LABELS, name=what)
    check(got == bp_oracle(sbp, dbp), f"{what} is the wrong category")


@pytest.mark.grade(2, "Systolic: 120 is elevated, 130 stage 1, 140 stage 2, above 180 (not 180) crisis.", uses=["bp_category"])
def test_bp_category_systolic_thresholds(bp_category):
    for sbp in (100, 119, 120, 129, 130, 139, 140, 160, 180, 181, 205):
        check_bp(bp_category, sbp, 70)


@pytest.mark.grade(1, "The diastolic alone can raise the category (118/92 is stage 2); an 'elevated' reading needs a diastolic below 80.", uses=["bp_category"])
def test_bp_category_diastolic_alone(bp_category):
    for sbp, dbp in ((110, 79), (110, 80), (110, 89), (110, 90), (110, 120), (110, 121), (125, 85), (125, 79),
                     (135, 95), (128, 80), (150, 125)):
        check_bp(bp_category, sbp, dbp)


@pytest.mark.grade(1, "Check the most severe category first, with `or` between systolic and diastolic.", uses=["bp_category"])
def test_bp_category_clinic_readings(bp_category, rng):
    for sbp, dbp in clinic_blood_pressure(40, rng=rng):
        check_bp(bp_category, sbp, dbp)


# --- triage colours ----------------------------------------------------------------------------------

NORMAL = {"sbp": 128, "heart_rate": 80, "resp_rate": 16, "spo2": 97, "gcs": 15}


def check_triage(triage, **changes):
    vitals = {**NORMAL, **changes}
    shown = ", ".join(f"{k}={v}" for k, v in vitals.items())
    what = f"triage_colour({shown})"
    got = expect_choice(triage(**vitals), COLOURS, name=what)
    check(got == triage_oracle(vitals["sbp"], vitals["heart_rate"], vitals["resp_rate"], vitals["spo2"], vitals["gcs"]),
          f"{what} is the wrong colour")


@pytest.mark.grade(1, "Red: GCS <= 8, SpO2 < 85, systolic < 80 or RR >= 30 — mind which side of each threshold counts.", uses=["triage_colour"])
def test_triage_red(triage_colour):
    for change in ({"gcs": 8}, {"gcs": 9}, {"spo2": 84}, {"spo2": 85}, {"sbp": 79}, {"sbp": 80},
                   {"resp_rate": 30}, {"resp_rate": 29}, {"gcs": 3}):
        check_triage(triage_colour, **change)


@pytest.mark.grade(1, "Orange: qSOFA >= 2 (your qsofa_positive), SpO2 < 92, systolic < 90 or heart rate > 130.", uses=["triage_colour"])
def test_triage_orange(triage_colour):
    for change in ({"resp_rate": 22, "sbp": 100}, {"resp_rate": 22, "gcs": 14}, {"spo2": 91}, {"spo2": 92},
                   {"sbp": 89}, {"sbp": 90}, {"heart_rate": 131}, {"heart_rate": 130}, {"sbp": 101, "resp_rate": 22}):
        check_triage(triage_colour, **change)


@pytest.mark.grade(1, "Yellow: heart rate > 110, RR > 24 or GCS < 15, when nothing red or orange applies.", uses=["triage_colour"])
def test_triage_yellow_and_green(triage_colour):
    for change in ({"heart_rate": 111}, {"heart_rate": 110}, {"resp_rate": 25}, {"resp_rate": 24}, {"gcs": 14},
                   {}, {"sbp": 95}, {"spo2": 92, "heart_rate": 105}):
        check_triage(triage_colour, **change)


@pytest.mark.grade(1, "Check the colours in order, red first: a patient who meets several rules gets the most urgent colour.", uses=["triage_colour"])
def test_triage_most_urgent_rule_wins(triage_colour):
    for change in ({"gcs": 7, "resp_rate": 24, "sbp": 95}, {"spo2": 80, "heart_rate": 140}, {"resp_rate": 32, "sbp": 85},
                   {"heart_rate": 135, "gcs": 13}, {"spo2": 90, "resp_rate": 26}, {"sbp": 75, "heart_rate": 120}):
        check_triage(triage_colour, **change)


@pytest.mark.grade(1, "Every emergency patient gets exactly one colour, from the rules in order.", uses=["triage_colour"])
def test_triage_ed_patients(triage_colour, rng):
    for p in patients(rng, 40):
        check_triage(triage_colour, **{k: p[k] for k in NORMAL})
