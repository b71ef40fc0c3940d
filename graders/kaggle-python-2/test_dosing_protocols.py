"""Hidden graders for kaggle-python-2 (functions, default arguments, round, functions as arguments).

Oracles, written independently of the reference solution: the built-in round (the contract of
dose_volume_ml), exact fractions for "nearest step, halves up", math.sqrt and the published BSA
formulas (Mosteller, Du Bois, Haycock), and the 4-2-1 rule as an if/elif table. dose_by_bsa is
given the grader's own formulas as arguments and is scored on the dose it returns.
"""

import math
from fractions import Fraction

import pytest

from autograde.checks import assert_close, expect_number, expect_type, fail

STEPS_MG = (0.5, 1, 2.5, 5, 10, 25, 50)


def a_number(value, *, name):
    """A real number (int or float), None named as a missing return."""
    if value is None:
        fail(f"{name} returned None: `return` the answer instead of printing it")
    return expect_number(value, name=name)


def weight(rng, low=3.0, high=140.0):
    return round(float(rng.uniform(low, high)), 1)


def height_for(rng, weight_kg):
    return round(float(rng.uniform(60.0, 150.0) if weight_kg < 35 else rng.uniform(145.0, 200.0)), 1)


def mosteller_oracle(w, h):
    return math.sqrt(w * h) / 60.0


def du_bois_oracle(w, h):
    return 0.007184 * math.exp(0.425 * math.log(w) + 0.725 * math.log(h))


def haycock(w, h):
    """Haycock et al. (1978), common in paediatric oncology."""
    return 0.024265 * w**0.5378 * h**0.3964


def capped_mosteller(w, h):
    """A protocol that caps the BSA at 2.0 m² for obese adults."""
    return min(mosteller_oracle(w, h), 2.0)


# --- default arguments ------------------------------------------------------------------------


@pytest.mark.grade(1, "Called with the weight alone, the defaults apply: 15 mg/kg, at most 1000 mg.", uses=["weight_based_dose"])
def test_weight_based_dose_defaults(weight_based_dose, rng):
    for w in [10.0, 66.6, 66.7, 90.0] + [weight(rng) for _ in range(8)]:
        got = a_number(weight_based_dose(w), name=f"weight_based_dose({w})")
        assert_close(got, min(w * 15.0, 1000.0), name=f"weight_based_dose({w})", rtol=1e-12)


@pytest.mark.grade(2, "Use the arguments mg_per_kg and max_mg, not the numbers 15 and 1000: callers override the defaults.", uses=["weight_based_dose"])
def test_weight_based_dose_arguments_override_defaults(weight_based_dose, rng):
    for _ in range(4):
        w = weight(rng, 10.0, 120.0)
        calls = [
            (f"weight_based_dose({w}, mg_per_kg=10.0, max_mg=400.0)", weight_based_dose(w, mg_per_kg=10.0, max_mg=400.0), min(w * 10.0, 400.0)),
            (f"weight_based_dose({w}, 25.0, 1500.0)", weight_based_dose(w, 25.0, 1500.0), min(w * 25.0, 1500.0)),
            (f"weight_based_dose({w}, mg_per_kg=7.5)", weight_based_dose(w, mg_per_kg=7.5), min(w * 7.5, 1000.0)),
            (f"weight_based_dose({w}, max_mg=500.0)", weight_based_dose(w, max_mg=500.0), min(w * 15.0, 500.0)),
        ]
        for what, got, expected in calls:
            assert_close(a_number(got, name=what), expected, name=what, rtol=1e-12)


@pytest.mark.grade(1, "Return a float even for int arguments: min(20 * 15, 1000) is the int 300, float() makes it 300.0.", uses=["weight_based_dose"])
def test_weight_based_dose_is_float(weight_based_dose, rng):
    for args in ((20,), (90,), (int(rng.integers(5, 40)), 10, 400)):
        what = f"weight_based_dose{args}".replace(",)", ")")
        got = expect_type(weight_based_dose(*args), float, name=what)
        assert_close(got, float(min(args[0] * (args[1] if len(args) > 1 else 15), args[2] if len(args) > 2 else 1000)), name=what)


# --- round(x, ndigits) ------------------------------------------------------------------------


@pytest.mark.grade(1, "volume = dose / concentration, then round(volume, 1) by default.", uses=["dose_volume_ml"])
def test_dose_volume_default_one_decimal(dose_volume_ml, rng):
    for _ in range(10):
        dose, concentration = round(float(rng.uniform(20.0, 1000.0)), 1), float(rng.choice([24.0, 40.0, 50.0, 100.0, 8.0]))
        what = f"dose_volume_ml({dose}, {concentration})"
        assert_close(expect_type(dose_volume_ml(dose, concentration), float, name=what), round(dose / concentration, 1), name=what, rtol=0, atol=1e-9)


@pytest.mark.grade(1, "Pass ndigits on to round(volume, ndigits): 2, 0 and even -1 (tens of mL) are allowed.", uses=["dose_volume_ml"])
def test_dose_volume_ndigits(dose_volume_ml, rng):
    for _ in range(4):
        dose, concentration = round(float(rng.uniform(100.0, 3000.0)), 1), float(rng.choice([2.0, 5.0, 24.0, 6.4]))
        for ndigits in (2, 0, -1):
            what = f"dose_volume_ml({dose}, {concentration}, ndigits={ndigits})"
            got = expect_type(dose_volume_ml(dose, concentration, ndigits=ndigits), float, name=what)
            assert_close(got, round(dose / concentration, ndigits), name=what, rtol=0, atol=1e-9)
        what = f"dose_volume_ml({dose}, {concentration}, 2)"
        assert_close(expect_type(dose_volume_ml(dose, concentration, 2), float, name=what), round(dose / concentration, 2), name=what, rtol=0, atol=1e-9)


@pytest.mark.grade(1, "Round the volume with round(volume, ndigits) itself: an exact half goes to the EVEN neighbour (11.25 mL -> 11.2), as help(round) says.", uses=["dose_volume_ml"])
def test_dose_volume_exact_halves_as_round_does(dose_volume_ml, rng):
    cases = [(270.0, 24.0, 1)]  # the docstring's example
    for _ in range(3):
        m, concentration = int(rng.integers(1, 40)), float(rng.choice([8.0, 24.0, 40.0]))
        cases += [((m + 0.25) * concentration, concentration, 1),      # x.25 mL: the tenths digit is even
                  ((2 * m + 0.5) * concentration, concentration, 0),   # an even number of mL and a half
                  ((20 * m + 5) * concentration, concentration, -1)]   # an even number of tens of mL and 5 mL
    for dose, concentration, ndigits in cases:
        what = f"dose_volume_ml({dose}, {concentration}, {ndigits})"
        got = expect_type(dose_volume_ml(dose, concentration, ndigits), float, name=what)
        assert_close(got, round(dose / concentration, ndigits), name=what, rtol=0, atol=1e-9)


# --- nearest step, halves up -----------------------------------------------------------------


def nearest_step_half_up(dose, step):
    """Exact: floor(dose / step + 1/2) steps, on the exact binary values."""
    return float(math.floor(Fraction(dose) / Fraction(step) + Fraction(1, 2)) * Fraction(step))


@pytest.mark.grade(2, "Divide by the step, round to a whole number of steps, multiply back by the step.", uses=["round_dose"])
def test_round_dose_nearest_step(round_dose, rng):
    checked = 0
    while checked < 12:
        step = float(rng.choice(STEPS_MG))
        dose = round(float(rng.uniform(1.0, 40.0)) * step, 1)
        if (Fraction(dose) / Fraction(step)) % 1 == Fraction(1, 2):
            continue  # halves have their own test
        what = f"round_dose({dose}, {step})"
        assert_close(a_number(round_dose(dose, step), name=what), nearest_step_half_up(dose, step), name=what, rtol=1e-12)
        checked += 1


@pytest.mark.grade(1, "Exactly halfway rounds UP here; round() rounds halves to the even neighbour (see help(round)).", uses=["round_dose"])
@pytest.mark.parametrize(
    "dose, step",
    [(12.5, 5.0), (225.0, 50.0), (1.25, 0.5), (62.5, 25.0), (0.25, 0.5), (45.0, 10.0)],
    ids=["12.5-by-5", "225-by-50", "1.25-by-0.5", "62.5-by-25", "0.25-by-0.5", "45-by-10"],
)
def test_round_dose_halves_round_up(round_dose, dose, step):
    what = f"round_dose({dose}, {step})"
    assert_close(a_number(round_dose(dose, step), name=what), nearest_step_half_up(dose, step), name=what, rtol=1e-12)


@pytest.mark.grade(1, "Return a float even for int arguments (250.0, not 250).", uses=["round_dose"])
def test_round_dose_is_float(round_dose, rng):
    for dose, step in ((237, 50), (int(rng.integers(11, 99)), 5), (3, 2)):
        what = f"round_dose({dose}, {step})"
        assert_close(expect_type(round_dose(dose, step), float, name=what), nearest_step_half_up(dose, step), name=what, rtol=1e-12)


@pytest.mark.grade(1, "A dose below half a step rounds to 0 steps: return 0.0, not one step.", uses=["round_dose"])
def test_round_dose_below_half_a_step_is_zero(round_dose, rng):
    cases = [(0.2, 0.5), (2.4, 5.0), (12.0, 25.0)]
    for _ in range(4):
        step = float(rng.choice(STEPS_MG))
        cases.append((round(float(rng.uniform(0.05, 0.45)) * step, 3), step))
    for dose, step in cases:
        what = f"round_dose({dose}, {step})"
        assert_close(expect_type(round_dose(dose, step), float, name=what), nearest_step_half_up(dose, step), name=what, rtol=0, atol=0)


# --- functions as arguments ----------------------------------------------------------------------


@pytest.mark.grade(1, "Mosteller: (height_cm * weight_kg / 3600) ** 0.5.", uses=["mosteller"])
def test_mosteller(mosteller, rng):
    for _ in range(8):
        w = weight(rng)
        h = height_for(rng, w)
        assert_close(expect_type(mosteller(w, h), float, name=f"mosteller({w}, {h})"), mosteller_oracle(w, h), name=f"mosteller({w}, {h})", rtol=1e-9)


@pytest.mark.grade(1, "Du Bois: 0.007184 * weight_kg ** 0.425 * height_cm ** 0.725 (weight gets the smaller exponent).", uses=["du_bois"])
def test_du_bois(du_bois, rng):
    for _ in range(8):
        w = weight(rng)
        h = height_for(rng, w)
        assert_close(expect_type(du_bois(w, h), float, name=f"du_bois({w}, {h})"), du_bois_oracle(w, h), name=f"du_bois({w}, {h})", rtol=1e-9)


@pytest.mark.grade(1, "Without a formula argument, dose_by_bsa uses its default, mosteller: mg_per_m2 * mosteller(weight, height).", uses=["dose_by_bsa"])
def test_dose_by_bsa_default_is_mosteller(dose_by_bsa, rng):
    for _ in range(6):
        w = weight(rng, 30.0, 140.0)
        h, mg_per_m2 = height_for(rng, w), float(rng.choice([75.0, 100.0, 175.0, 1000.0]))
        what = f"dose_by_bsa({mg_per_m2}, {w}, {h})"
        assert_close(expect_type(dose_by_bsa(mg_per_m2, w, h), float, name=what), mg_per_m2 * mosteller_oracle(w, h), name=what, rtol=1e-9)


@pytest.mark.grade(2, "Call the bsa_formula you are given, bsa_formula(weight_kg, height_cm), instead of a formula of your own.", uses=["dose_by_bsa"])
def test_dose_by_bsa_calls_the_given_formula(dose_by_bsa, rng):
    for formula in (du_bois_oracle, haycock, capped_mosteller):
        for i in range(3):
            w = weight(rng, 8.0, 150.0)
            h, mg_per_m2 = height_for(rng, w), float(rng.choice([75.0, 100.0, 175.0]))
            what = f"dose_by_bsa({mg_per_m2}, {w}, {h}, {formula.__name__.replace('_oracle', '')})"
            got = dose_by_bsa(mg_per_m2, w, h, formula) if i % 2 else dose_by_bsa(mg_per_m2, w, h, bsa_formula=formula)
            assert_close(expect_type(got, float, name=what), mg_per_m2 * formula(w, h), name=what, rtol=1e-9)


def flat_capped_bsa(w, h):
    """A protocol that caps the BSA at 2 m², written with the int 2 (so it may return an int)."""
    return min(mosteller_oracle(w, h), 2)


@pytest.mark.grade(1, "Return the dose as a float even when mg_per_m2 and the formula's BSA are ints: float(...) of the product.", uses=["dose_by_bsa"])
def test_dose_by_bsa_is_float(dose_by_bsa, rng):
    for _ in range(3):
        w = int(rng.integers(110, 160))
        h, mg_per_m2 = int(rng.integers(180, 200)), int(rng.choice([75, 100, 175]))
        what = f"dose_by_bsa({mg_per_m2}, {w}, {h}, a formula capped at the int 2)"
        got = expect_type(dose_by_bsa(mg_per_m2, w, h, flat_capped_bsa), float, name=what)
        assert_close(got, mg_per_m2 * flat_capped_bsa(w, h), name=what, rtol=1e-12)


# --- the 4-2-1 rule -----------------------------------------------------------------------------


def four_two_one(w):
    if w <= 10:
        return 4.0 * w
    elif w <= 20:
        return 40.0 + 2.0 * (w - 10)
    else:
        return 60.0 + (w - 20)


def check_fluids(fluids, weights):
    for w in weights:
        what = f"maintenance_fluid_ml_per_h({w})"
        assert_close(a_number(fluids(w), name=what), four_two_one(w), name=what, rtol=1e-12, atol=1e-9)


@pytest.mark.grade(1, "Up to 10 kg: 4 mL/h for each kg (10 kg exactly: 40 mL/h).", uses=["maintenance_fluid_ml_per_h"])
def test_maintenance_fluids_up_to_10_kg(maintenance_fluid_ml_per_h, rng):
    check_fluids(maintenance_fluid_ml_per_h, [10.0, 0.8] + [round(float(rng.uniform(1.0, 10.0)), 2) for _ in range(5)])


@pytest.mark.grade(1, "From 10 to 20 kg: 40 mL/h plus 2 mL/h for each kg above 10 (20 kg exactly: 60 mL/h).", uses=["maintenance_fluid_ml_per_h"])
def test_maintenance_fluids_10_to_20_kg(maintenance_fluid_ml_per_h, rng):
    check_fluids(maintenance_fluid_ml_per_h, [20.0, 10.5] + [round(float(rng.uniform(10.0, 20.0)), 2) for _ in range(5)])


@pytest.mark.grade(1, "Above 20 kg: 60 mL/h plus 1 mL/h for each kg above 20.", uses=["maintenance_fluid_ml_per_h"])
def test_maintenance_fluids_above_20_kg(maintenance_fluid_ml_per_h, rng):
    check_fluids(maintenance_fluid_ml_per_h, [20.5, 70.0] + [round(float(rng.uniform(20.0, 130.0)), 1) for _ in range(5)])


@pytest.mark.grade(1, "Return a float even for an int weight: float(...) of the sum.", uses=["maintenance_fluid_ml_per_h"])
def test_maintenance_fluids_is_float(maintenance_fluid_ml_per_h, rng):
    for w in (5, 15, 25, int(rng.integers(30, 100))):
        what = f"maintenance_fluid_ml_per_h({w})"
        assert_close(expect_type(maintenance_fluid_ml_per_h(w), float, name=what), four_two_one(w), name=what, rtol=1e-12)
