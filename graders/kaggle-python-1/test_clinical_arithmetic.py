"""Hidden graders for kaggle-python-1 (variables and arithmetic at the bedside).

Oracles: the standard library, written independently of the reference solution:
math.sqrt for Mosteller's BSA, exact fractions (fractions.Fraction) for rounding vial counts
up, datetime + timedelta for the 24-hour clock. Patients are drawn from the seeded `rng` with
realistic magnitudes (children and adults).
"""

import math
from datetime import datetime, timedelta
from fractions import Fraction

import pytest

from autograde.checks import assert_close, check, expect_number, expect_tuple, expect_type

# Molar masses (g/mol) of analytes the learner is not given as constants: the conversion must
# use its argument, not a hard-coded glucose constant.
MOLAR_MASS = {
    "glucose": 180.16, "cholesterol": 386.65, "triglycerides": 885.7,
    "creatinine": 113.12, "urea": 60.06, "uric acid": 168.11,
}
VIAL_SIZES_MG = (50, 100, 200, 250, 500, 1000)


def patients(rng, n):
    """(weight_kg, height_cm) pairs: children and adults, ints and 1-decimal floats mixed."""
    people = []
    for i in range(n):
        if i % 3 == 0:  # a child
            weight, height = rng.uniform(3.0, 40.0), rng.uniform(50.0, 150.0)
        else:
            weight, height = rng.uniform(42.0, 160.0), rng.uniform(145.0, 200.0)
        if i % 2:
            people.append((int(round(weight)), int(round(height))))
        else:
            people.append((round(float(weight), 1), round(float(height), 1)))
    return people


# --- BMI and BSA ---------------------------------------------------------------------------


@pytest.mark.grade(2, "BMI = weight in kg / (height in METRES) squared: divide the centimetres by 100 first.", uses=["bmi"])
def test_bmi(bmi, rng):
    for weight, height in patients(rng, 12):
        got = expect_type(bmi(weight, height), float, name=f"bmi({weight}, {height})")
        assert_close(got, weight / (height / 100.0) ** 2, name=f"bmi({weight}, {height})", rtol=1e-9)


@pytest.mark.grade(2, "Mosteller: (height_cm * weight_kg / 3600) ** 0.5 — parentheses first, because ** binds tighter than /.", uses=["bsa_mosteller"])
def test_bsa_mosteller(bsa_mosteller, rng):
    for weight, height in patients(rng, 12):
        got = expect_type(bsa_mosteller(weight, height), float, name=f"bsa_mosteller({weight}, {height})")
        assert_close(got, math.sqrt(weight * height) / 60.0, name=f"bsa_mosteller({weight}, {height})", rtol=1e-9)


# --- a capped weight-based dose --------------------------------------------------------------


@pytest.mark.grade(1, "Below the maximum the dose is simply weight_kg * mg_per_kg.", uses=["capped_dose_mg"])
def test_capped_dose_below_the_cap(capped_dose_mg, rng):
    for _ in range(8):
        weight = round(float(rng.uniform(3.0, 60.0)), 1)
        mg_per_kg = float(rng.choice([10.0, 12.5, 15.0]))
        max_dose = 1000.0
        assert weight * mg_per_kg < max_dose, "grader invariant: the dose is below the cap"
        got = expect_number(capped_dose_mg(weight, mg_per_kg, max_dose), name=f"capped_dose_mg({weight}, {mg_per_kg}, {max_dose})")
        assert_close(got, weight * mg_per_kg, name=f"the dose for {weight} kg at {mg_per_kg} mg/kg", rtol=1e-12)


@pytest.mark.grade(1, "Above the maximum single dose the answer is the maximum itself; a dose exactly at the maximum stays.", uses=["capped_dose_mg"])
def test_capped_dose_at_and_above_the_cap(capped_dose_mg, rng):
    cases = [(50.0, 20.0, 1000.0), (40.0, 25.0, 1000.0), (80.0, 12.5, 1000.0)]  # exactly at the cap
    for _ in range(6):
        cases.append((round(float(rng.uniform(70.0, 150.0)), 1), 15.0, float(rng.choice([1000.0, 650.0, 800.0]))))
    for weight, mg_per_kg, max_dose in cases:
        expected = min(weight * mg_per_kg, max_dose)
        got = expect_number(capped_dose_mg(weight, mg_per_kg, max_dose), name=f"capped_dose_mg({weight}, {mg_per_kg}, {max_dose})")
        assert_close(got, expected, name=f"the dose for {weight} kg at {mg_per_kg} mg/kg (max {max_dose} mg)", rtol=1e-12)


@pytest.mark.grade(1, "Return a float even when weight, mg/kg and maximum are all ints: float(...) converts.", uses=["capped_dose_mg"])
def test_capped_dose_is_float_for_int_arguments(capped_dose_mg, rng):
    for weight, mg_per_kg, max_dose in ((20, 15, 1000), (90, 15, 1000), (int(rng.integers(5, 30)), 10, 500)):
        got = expect_type(capped_dose_mg(weight, mg_per_kg, max_dose), float, name=f"capped_dose_mg({weight}, {mg_per_kg}, {max_dose})")
        assert_close(got, float(min(weight * mg_per_kg, max_dose)), name=f"capped_dose_mg({weight}, {mg_per_kg}, {max_dose})")


# --- vials ------------------------------------------------------------------------------------


@pytest.mark.grade(2, "A partly used vial must still be opened: the count rounds UP (450 mg from 200 mg vials is 3).", uses=["vials_needed"])
def test_vials_round_up(vials_needed, rng):
    for _ in range(12):
        vial = int(rng.choice(VIAL_SIZES_MG))
        dose = round(float(rng.uniform(0.2, 9.8)) * vial, 1)
        if dose % vial == 0:
            dose += 0.5
        expected = math.ceil(Fraction(dose) / Fraction(vial))
        got = expect_number(vials_needed(dose, vial), name=f"vials_needed({dose}, {vial})")
        check(got == expected, f"vials_needed({dose}, {vial}) is not the right number of vials")


@pytest.mark.grade(1, "An exact multiple needs exactly that many vials (400 mg from 200 mg vials: 2, not 3).", uses=["vials_needed"])
def test_vials_exact_multiple(vials_needed, rng):
    cases = [(400, 200), (1000.0, 250), (7.5, 2.5), (0.5, 0.25)]
    for _ in range(6):
        vial = int(rng.choice(VIAL_SIZES_MG))
        count = int(rng.integers(1, 9))
        cases.append((float(count * vial) if count % 2 else count * vial, vial))
    for dose, vial in cases:
        got = expect_number(vials_needed(dose, vial), name=f"vials_needed({dose}, {vial})")
        check(got == Fraction(dose) / Fraction(vial), f"vials_needed({dose}, {vial}) is not the right number of vials")


@pytest.mark.grade(1, "A count of vials is an int: // on floats gives a float such as 3.0, so convert with int().", uses=["vials_needed"])
def test_vials_count_is_int(vials_needed, rng):
    for dose, vial in ((450.0, 200.0), (round(float(rng.uniform(101.0, 999.0)), 1), 100.0), (250.0, 250)):
        got = expect_type(vials_needed(dose, vial), int, name=f"vials_needed({dose}, {vial})")
        check(got == math.ceil(Fraction(dose) / Fraction(vial)), f"vials_needed({dose}, {vial}) is not the right number of vials")


# --- unit conversions -----------------------------------------------------------------------


@pytest.mark.grade(1, "mg/dL → mmol/L: multiply by 10 (dL to L), then divide by the molar mass you are given.", uses=["mg_dl_to_mmol_l"])
def test_mg_dl_to_mmol_l(mg_dl_to_mmol_l, rng):
    for analyte, mass in MOLAR_MASS.items():
        value = round(float(rng.uniform(5.0, 400.0)), 1)
        got = expect_type(mg_dl_to_mmol_l(value, mass), float, name=f"mg_dl_to_mmol_l({value}, {mass}) for {analyte}")
        assert_close(got, value * 10.0 / mass, name=f"{value} mg/dL of {analyte} in mmol/L", rtol=1e-9)


@pytest.mark.grade(1, "mmol/L → mg/dL: multiply by the molar mass you are given, then divide by 10.", uses=["mmol_l_to_mg_dl"])
def test_mmol_l_to_mg_dl(mmol_l_to_mg_dl, rng):
    for analyte, mass in MOLAR_MASS.items():
        value = round(float(rng.uniform(0.5, 25.0)), 2)
        got = expect_type(mmol_l_to_mg_dl(value, mass), float, name=f"mmol_l_to_mg_dl({value}, {mass}) for {analyte}")
        assert_close(got, value * mass / 10.0, name=f"{value} mmol/L of {analyte} in mg/dL", rtol=1e-9)


# The thresholds clinicians quote in both unit systems, converted with the molar masses the file
# gives (the docstrings' examples use those constants, so they must keep their values).
GIVEN_MOLAR_MASSES = (
    ("GLUCOSE_G_PER_MOL", 180.16, 126.0),        # fasting glucose: diabetes from 126 mg/dL (7.0 mmol/L)
    ("CHOLESTEROL_G_PER_MOL", 386.65, 200.0),    # total cholesterol: desirable below 200 mg/dL
    ("TRIGLYCERIDE_G_PER_MOL", 885.7, 150.0),    # triglycerides: normal below 150 mg/dL
)


@pytest.mark.grade(1, "Keep the molar-mass constants at the top of the file as they are: the examples convert lab thresholds with them.",
                   uses=["mg_dl_to_mmol_l", "GLUCOSE_G_PER_MOL", "CHOLESTEROL_G_PER_MOL", "TRIGLYCERIDE_G_PER_MOL"])
def test_conversions_with_the_given_molar_masses(mg_dl_to_mmol_l, GLUCOSE_G_PER_MOL, CHOLESTEROL_G_PER_MOL,
                                                 TRIGLYCERIDE_G_PER_MOL):
    given = {"GLUCOSE_G_PER_MOL": GLUCOSE_G_PER_MOL, "CHOLESTEROL_G_PER_MOL": CHOLESTEROL_G_PER_MOL,
             "TRIGLYCERIDE_G_PER_MOL": TRIGLYCERIDE_G_PER_MOL}
    for constant, mass, threshold in GIVEN_MOLAR_MASSES:
        value = expect_type(given[constant], float, name=constant)
        check(value == mass, f"{constant} is not the molar mass the file gives: keep the constant as it was")
        got = expect_type(mg_dl_to_mmol_l(threshold, value), float, name=f"mg_dl_to_mmol_l({threshold}, {constant})")
        assert_close(got, threshold * 10.0 / mass, name=f"{threshold} mg/dL converted with {constant}", rtol=1e-9)


# --- the 24-hour clock -----------------------------------------------------------------------


def clock_oracle(hour, minute, minutes_later):
    end = datetime(2024, 3, 1, hour, minute) + timedelta(minutes=minutes_later)
    return end.hour, end.minute


def check_clock(clock_after, hour, minute, minutes_later):
    what = f"clock_after({hour}, {minute}, {minutes_later})"
    pair = expect_tuple(clock_after(hour, minute, minutes_later), name=what, length=2)
    end_hour = expect_type(pair[0], int, name=f"the hour of {what}")
    end_minute = expect_type(pair[1], int, name=f"the minute of {what}")
    check((end_hour, end_minute) == clock_oracle(hour, minute, minutes_later), f"{what} is not the right time")


@pytest.mark.grade(1, "Count everything in minutes since midnight, then // 60 gives hours and % 60 the minutes.", uses=["clock_after"])
def test_clock_same_day(clock_after, rng):
    check_clock(clock_after, 8, 0, 0)
    for _ in range(8):
        hour, minute = int(rng.integers(0, 12)), int(rng.integers(0, 60))
        check_clock(clock_after, hour, minute, int(rng.integers(1, (23 - hour) * 60)))


@pytest.mark.grade(1, "After 23:59 comes 00:00: the hour wraps around with % 24, and the minutes carry into the hour.", uses=["clock_after"])
def test_clock_past_midnight(clock_after, rng):
    check_clock(clock_after, 22, 40, 150)
    check_clock(clock_after, 23, 59, 1)
    for _ in range(6):
        hour, minute = int(rng.integers(18, 24)), int(rng.integers(0, 60))
        to_midnight = (24 - hour) * 60 - minute
        check_clock(clock_after, hour, minute, to_midnight + int(rng.integers(0, 23 * 60)))


@pytest.mark.grade(1, "A long infusion can last several days: the clock wraps around every 24 hours.", uses=["clock_after"])
def test_clock_several_days(clock_after, rng):
    check_clock(clock_after, 6, 15, 3 * 24 * 60)
    for _ in range(6):
        check_clock(clock_after, int(rng.integers(0, 24)), int(rng.integers(0, 60)), int(rng.integers(24 * 60, 6 * 24 * 60)))
