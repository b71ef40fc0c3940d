"""Hidden graders for project-1 (Framingham 10-year general CVD risk calculator).

Oracles: the paper's two worked examples (D'Agostino et al., Circulation 2008: a 61-year-old
woman, 10.48 %; a 53-year-old man, 15.62 %) and the unit's reference solution on seeded random
patients. The program itself is graded as a user would use it: `python framingham.py` in a
scratch folder, answers typed on standard input, the printed risk and heart age read back.
"""

import re

import pytest

from autograde.checks import assert_close, check, expect_bool, expect_number, expect_raises, expect_type, fail

SEXES = ("female", "male")
PROGRAM_TIMEOUT = 5.0

# The paper's worked examples: (sex, age, total chol, HDL, SBP, treated, smoker, diabetic), risk.
PUBLISHED = [
    (("female", 61, 180, 47, 124, False, True, False), 0.1048),
    (("male", 53, 161, 55, 125, True, False, True), 0.1562),
]

RISK_LINE = re.compile(r"10-year risk:\s*(-?[0-9]+(?:\.[0-9]+)?)\s*%", re.IGNORECASE)
HEART_AGE_LINE = re.compile(r"heart age:\s*(-?[0-9]+(?:\.[0-9]+)?)", re.IGNORECASE)


def random_patient(rng, sex=None):
    """A plausible primary-care patient inside the calculator's ranges (whole numbers, as typed)."""
    return (
        sex or SEXES[int(rng.integers(2))],
        int(rng.integers(30, 75)),   # years
        int(rng.integers(130, 320)), # total cholesterol, mg/dL
        int(rng.integers(25, 95)),   # HDL, mg/dL
        int(rng.integers(95, 195)),  # SBP, mmHg
        bool(rng.random() < 0.35),   # on antihypertensives
        bool(rng.random() < 0.3),    # smoker
        bool(rng.random() < 0.2),    # diabetic
    )


def describe(patient):
    sex, age, tc, hdl, sbp, treated, smoker, diabetic = patient
    return (
        f"a {age:g}-year-old {'woman' if sex == 'female' else 'man'} (total cholesterol {tc:.4g} mg/dL, "
        f"HDL {hdl:.4g} mg/dL, SBP {sbp:g} mmHg {'treated' if treated else 'untreated'}, {'smoker' if smoker else 'non-smoker'}, "
        f"{'diabetic' if diabetic else 'no diabetes'})"
    )


def yes_no(flag):
    return "yes" if flag else "no"


def answers_for(patient):
    """The eight answers of the dialogue, in the contract's order."""
    sex, age, tc, hdl, sbp, treated, smoker, diabetic = patient
    return [sex, str(age), str(tc), str(hdl), str(sbp), yes_no(treated), yes_no(smoker), yes_no(diabetic)]


def accepted(call, what):
    """The value of call(); a ValueError (or another exception) for a valid input is a failure, not a crash."""
    try:
        return call()
    except NotImplementedError:
        raise
    except Exception as exc:
        fail(f"{what} raised {type(exc).__name__}, but it is a valid answer")


def risk_of(function, patient, name="ten_year_risk"):
    return expect_number(function(*patient), name=f"{name} for {describe(patient)}")


# --- running the program ----------------------------------------------------------------------


def _run_dialogue(submission, answers):
    """Run framingham.py with these answer lines; a stub (NotImplementedError) counts as not attempted."""
    run = submission.run_program("framingham", stdin="".join(a + "\n" for a in answers), timeout=PROGRAM_TIMEOUT)
    if run.timed_out:
        fail(f"the program was still running after {PROGRAM_TIMEOUT:g} s: does it stop after printing the "
             "results, and does it read each answer with input() only once per question?")
    if run.returncode != 0:
        if "NotImplementedError" in run.stderr:
            raise NotImplementedError("main() or a function it calls still raises NotImplementedError")
        lines = run.stderr.strip().splitlines()
        last = lines[-1][:200] if lines else "(nothing on stderr)"
        if last.startswith("EOFError"):
            fail("the program wanted more answers than were typed (EOFError from input()): it rejected a valid "
                 "answer, or asks a question the dialogue does not have")
        fail(f"the program stopped with exit status {run.returncode} instead of printing the results: {last}")
    return run


def _printed(run, pattern, what, example):
    found = pattern.findall(run.stdout)
    if not found:
        fail(f"the program's output has no line like '{example}': print the {what} in exactly that format "
             "(and check that framingham.py calls main() under if __name__ == \"__main__\":)")
    if len(found) > 1:
        fail(f"the program printed the {what} {len(found)} times; print it once, at the end")
    return found[0]


def printed_risk_percent(run):
    return _printed(run, RISK_LINE, "10-year risk", "10-year risk: 12.3%")


def printed_heart_age(run):
    return _printed(run, HEART_AGE_LINE, "heart age", "Heart age: 67")


def invalid_messages(run):
    return len(re.findall(r"invalid", run.stdout, re.IGNORECASE))


def check_printed_risk(run, reference, patient, how):
    printed = printed_risk_percent(run)
    expected = 100 * reference.get("ten_year_risk")(*patient)
    check(abs(float(printed) - expected) <= 0.0501,
          f"{how}, the program printed '10-year risk: {printed}%' for {describe(patient)}, which is not the "
          "model's risk in percent rounded to one decimal")


def check_reasks(submission, reference, patient, bad):
    """Answer each question in `bad` (index -> wrong answers) wrongly first, then correctly."""
    answers = []
    for index, answer in enumerate(answers_for(patient)):
        answers += bad.get(index, []) + [answer]
    run = _run_dialogue(submission, answers)
    n_bad = sum(len(v) for v in bad.values())
    check_printed_risk(run, reference, patient, f"after {n_bad} rejected answer(s) and the right ones")
    shown = invalid_messages(run)
    check(shown == n_bad, f"{n_bad} answer(s) were rejected but the output contains the word 'invalid' {shown} "
                          "time(s): print exactly one line with 'Invalid' for each rejected answer")


# --- ten_year_risk ------------------------------------------------------------------------------


@pytest.mark.grade(2, hint="Follow the paper's worked examples term by term: the sum of beta * ln(x), then 1 - S0 ** exp(sum - mean).", uses=["ten_year_risk"])
@pytest.mark.parametrize("patient, published", PUBLISHED, ids=["woman", "man"])
def test_published_worked_examples(ten_year_risk, patient, published):
    assert_close(risk_of(ten_year_risk, patient), published, atol=6e-5, rtol=0,
                 name=f"the 10-year risk of the paper's example, {describe(patient)}")


@pytest.mark.grade(3, hint="Each sex has its own coefficients, baseline survival and mean linear predictor; ln is the natural log.", uses=["ten_year_risk"])
def test_risk_matches_model_on_random_patients(ten_year_risk, reference, rng):
    oracle = reference.get("ten_year_risk")
    for _ in range(40):
        patient = random_patient(rng)
        assert_close(risk_of(ten_year_risk, patient), oracle(*patient), rtol=1e-6, atol=1e-9,
                     name=f"the 10-year risk of {describe(patient)}")


@pytest.mark.grade(1, hint="Return a fraction between 0 and 1 (0.105), not a percentage (10.5), even at the edges of the ranges.", uses=["ten_year_risk"])
@pytest.mark.parametrize("patient", [
    ("female", 30, 100, 100, 90, False, False, False),   # as low as the ranges go
    ("male", 30, 100, 100, 90, False, False, False),
    ("female", 74, 405, 10, 200, True, True, True),      # as high as they go
    ("male", 74, 405, 10, 200, True, True, True),
], ids=["woman-lowest-factors", "man-lowest-factors", "woman-highest-factors", "man-highest-factors"])
def test_risk_is_a_fraction(ten_year_risk, patient):
    risk = risk_of(ten_year_risk, patient)
    check(0.0 < risk < 1.0, f"the 10-year risk of {describe(patient)} is not a fraction strictly between 0 and 1")


@pytest.mark.grade(2, hint="Risk must rise with age, cholesterol, SBP, smoking and diabetes, and fall as HDL (protective) rises.", uses=["ten_year_risk"])
def test_risk_moves_the_right_way(ten_year_risk, rng):
    for _ in range(8):
        base = random_patient(rng)
        sex, age, tc, hdl, sbp, treated, smoker, diabetic = base
        before = risk_of(ten_year_risk, base)
        changes = [
            ("10 years older", (sex, age + 10, tc, hdl, sbp, treated, smoker, diabetic), +1),
            ("40 mg/dL more total cholesterol", (sex, age, tc + 40, hdl, sbp, treated, smoker, diabetic), +1),
            ("20 mmHg higher SBP", (sex, age, tc, hdl, sbp + 20, treated, smoker, diabetic), +1),
            ("15 mg/dL more HDL", (sex, age, tc, hdl + 15, sbp, treated, smoker, diabetic), -1),
        ]
        if not smoker:
            changes.append(("a smoker", (sex, age, tc, hdl, sbp, treated, True, diabetic), +1))
        if not diabetic:
            changes.append(("diabetic", (sex, age, tc, hdl, sbp, treated, smoker, True), +1))
        for what, changed, direction in changes:
            after = risk_of(ten_year_risk, changed)
            check((after - before) * direction > 0,
                  f"the risk of {describe(base)} should {'rise' if direction > 0 else 'fall'} if the patient were "
                  f"{what}, but it does not")


@pytest.mark.grade(2, hint="A patient on blood-pressure medication uses the ln(SBP) coefficient for TREATED SBP, the others the untreated one.", uses=["ten_year_risk"])
def test_treated_sbp_coefficient(ten_year_risk, reference, rng):
    oracle = reference.get("ten_year_risk")
    for sex in SEXES:
        for _ in range(3):
            sex_, age, tc, hdl, sbp, _, smoker, diabetic = random_patient(rng, sex)
            treated = (sex, age, tc, hdl, sbp, True, smoker, diabetic)
            untreated = (sex, age, tc, hdl, sbp, False, smoker, diabetic)
            risk_treated = risk_of(ten_year_risk, treated)
            risk_untreated = risk_of(ten_year_risk, untreated)
            check(risk_treated > risk_untreated,
                  f"at the same SBP, treated hypertension should carry more risk than untreated ({describe(treated)})")
            assert_close(risk_treated, oracle(*treated), rtol=1e-6, name=f"the 10-year risk of {describe(treated)}")
            assert_close(risk_untreated, oracle(*untreated), rtol=1e-6, name=f"the 10-year risk of {describe(untreated)}")


@pytest.mark.grade(2, hint="Men and women differ in every coefficient AND in S0(10) and the mean linear predictor: pick all of them by sex.", uses=["ten_year_risk"])
def test_men_and_women(ten_year_risk, reference, rng):
    oracle = reference.get("ten_year_risk")
    for _ in range(4):
        _, *factors = random_patient(rng)
        woman, man = ("female", *factors), ("male", *factors)
        risk_woman, risk_man = risk_of(ten_year_risk, woman), risk_of(ten_year_risk, man)
        assert_close(risk_woman, oracle(*woman), rtol=1e-6, name=f"the 10-year risk of {describe(woman)}")
        assert_close(risk_man, oracle(*man), rtol=1e-6, name=f"the 10-year risk of {describe(man)}")


@pytest.mark.grade(1, hint="sex must be exactly 'female' or 'male': raise ValueError for anything else instead of guessing.", uses=["ten_year_risk", "heart_age"])
def test_unknown_sex_raises(ten_year_risk, heart_age):
    for sex in ("Female", "f", "other", ""):
        expect_raises(lambda: ten_year_risk(sex, 55, 200, 50, 130, False, False, False), ValueError,
                      what=f"ten_year_risk with sex={sex!r}")
        expect_raises(lambda: heart_age(sex, 0.1), ValueError, what=f"heart_age with sex={sex!r}")


# --- heart_age ---------------------------------------------------------------------------------


@pytest.mark.grade(3, hint="Invert the model: lp = mean + ln(ln(1 - risk) / ln(S0)); take away the normal factors' terms; divide by the ln(age) coefficient; exponentiate.", uses=["heart_age"])
def test_heart_age_inverts_model(heart_age, reference, rng):
    oracle = reference.get("heart_age")
    for sex in SEXES:
        for risk in (*rng.uniform(0.01, 0.6, size=5), 0.001, 0.9):
            risk = float(risk)
            got = expect_number(heart_age(sex, risk), name=f"heart_age({sex!r}, {risk:.4f})")
            assert_close(got, oracle(sex, risk), rtol=1e-6, name=f"the heart age of a {sex} patient with risk {risk:.4f}")


@pytest.mark.grade(1, hint="Someone whose risk factors are exactly the normal ones has a heart age equal to their own age.", uses=["heart_age"])
def test_heart_age_of_normal_profile_is_own_age(heart_age, reference, rng):
    oracle = reference.get("ten_year_risk")
    for sex in SEXES:
        for age in (30, 45, *rng.uniform(31, 73, size=3).round(1), 74):
            age = float(age)
            risk = oracle(sex, age, 180, 45, 125, False, False, False)
            assert_close(heart_age(sex, risk), age, rtol=1e-6,
                         name=f"the heart age of a {age:g}-year-old {sex} patient with normal risk factors")


@pytest.mark.grade(1, hint="Risk factors worse than normal make the heart older than the patient; better ones (low SBP, high HDL) make it younger.", uses=["heart_age"])
def test_heart_age_older_for_risky_younger_for_healthy(heart_age, reference, rng):
    oracle = reference.get("ten_year_risk")
    for sex in SEXES:
        age = int(rng.integers(40, 66))
        risky = (sex, age, 260, 35, 160, True, True, True)
        healthy = (sex, age, 160, 70, 110, False, False, False)
        older = expect_number(heart_age(sex, oracle(*risky)), name=f"the heart age of {describe(risky)}")
        younger = expect_number(heart_age(sex, oracle(*healthy)), name=f"the heart age of {describe(healthy)}")
        check(older > age + 10, f"the heart age of {describe(risky)} should be well above {age}")
        check(younger < age, f"the heart age of {describe(healthy)} should be below {age}")


@pytest.mark.grade(1, hint="A risk of 0 or 1 (or outside [0, 1]) has no heart age: raise ValueError before taking logarithms.", uses=["heart_age"])
def test_heart_age_rejects_impossible_risk(heart_age):
    for sex in SEXES:
        for risk in (0.0, 1.0, -0.05, 1.5, 12.3):
            expect_raises(lambda: heart_age(sex, risk), ValueError, what=f"heart_age({sex!r}, {risk})")


# --- parsing answers ----------------------------------------------------------------------------


@pytest.mark.grade(1, hint="Strip spaces and lower-case the answer; then f/female and m/male are accepted, nothing else.", uses=["parse_sex"])
def test_parse_sex(parse_sex):
    for text, expected in (("female", "female"), ("  Female ", "female"), ("F", "female"), ("f\n", "female"),
                           ("male", "male"), ("MALE", "male"), (" m", "male")):
        got = expect_type(accepted(lambda: parse_sex(text), f"parse_sex({text!r})"), str, name=f"parse_sex({text!r})",
                          hint=f"return the string '{expected}'")
        check(got == expected, f"parse_sex({text!r}) should give the string '{expected}'")
    for text in ("x", "", "fem", "woman", "mf", "1"):
        expect_raises(lambda: parse_sex(text), ValueError, what=f"parse_sex({text!r})")


@pytest.mark.grade(1, hint="Strip and lower-case the answer: yes/y is True, no/n is False.", uses=["parse_yes_no"])
@pytest.mark.parametrize("text, expected", [
    ("yes", True), ("Y", True), ("  YES ", True), ("y\n", True), ("no", False), ("N", False), (" No  ", False), ("n", False),
], ids=["yes", "Y", "YES-padded", "y-newline", "no", "N", "No-padded", "n"])
def test_parse_yes_no_accepts(parse_yes_no, text, expected):
    got = expect_bool(accepted(lambda: parse_yes_no(text), f"parse_yes_no({text!r})"), name=f"parse_yes_no({text!r})")
    check(got == expected, f"parse_yes_no({text!r}) should be {expected}")


@pytest.mark.grade(1, hint="Anything that is not yes/y/no/n must raise ValueError, so the program can ask again.", uses=["parse_yes_no"])
@pytest.mark.parametrize("text", ["maybe", "", "   ", "1", "0", "yes please", "nope", "true"],
                         ids=["maybe", "empty", "blank", "1", "0", "yes-please", "nope", "true"])
def test_parse_yes_no_rejects(parse_yes_no, text):
    expect_raises(lambda: parse_yes_no(text), ValueError, what=f"parse_yes_no({text!r})")


@pytest.mark.grade(1, hint="float(text), then keep it only if low <= value <= high: both ends of the range are allowed.", uses=["parse_number"])
def test_parse_number_accepts_in_range(parse_number, rng):
    cases = [("61", 30, 74, 61.0), (" 124 ", 90, 200, 124.0), ("30", 30, 74, 30.0), ("74", 30, 74, 74.0),
             ("61.5", 30, 74, 61.5), ("200.0", 90, 200, 200.0)]
    for value in rng.uniform(90, 200, size=4).round(1):
        cases.append((f"{value:.1f}", 90, 200, float(f"{value:.1f}")))
    for text, low, high, expected in cases:
        what = f"parse_number({text!r}, {low}, {high})"
        got = expect_type(accepted(lambda: parse_number(text, low, high), what), float, name=what,
                          hint="return float(text), not the text or an int")
        assert_close(got, expected, name=what)


@pytest.mark.grade(2, hint="Raise ValueError for text that is not a number AND for numbers outside [low, high] (NaN and infinity too).", uses=["parse_number"])
@pytest.mark.parametrize("text, low, high", [
    ("sixty", 30, 74), ("", 30, 74), ("61 years", 30, 74), ("150", 30, 74), ("29.9", 30, 74),
    ("74.01", 30, 74), ("-61", 30, 74), ("nan", 30, 74), ("inf", 90, 200), ("1e400", 90, 200), ("300", 90, 200),
], ids=["sixty", "empty", "61-years", "150", "29.9", "74.01", "-61", "nan", "inf", "1e400", "300"])
def test_parse_number_rejects(parse_number, text, low, high):
    expect_raises(lambda: parse_number(text, low, high), ValueError, what=f"parse_number({text!r}, {low}, {high})")


@pytest.mark.grade(2, hint="A bare number or 'mg/dL' is already mg/dL; 'mmol/L' is multiplied by MGDL_PER_MMOL (38.67). Units in any case, space optional.", uses=["parse_cholesterol"])
def test_parse_cholesterol_units(parse_cholesterol, rng):
    cases = [("180", 180.0), ("180 mg/dL", 180.0), ("212mg/dl", 212.0), (" 195 MG/DL ", 195.0),
             ("4.65 mmol/L", 4.65 * 38.67), ("5.2mmol/l", 5.2 * 38.67)]
    for value in rng.uniform(3.0, 9.0, size=4).round(2):
        cases.append((f"{value:.2f} mmol/L", float(f"{value:.2f}") * 38.67))
    for text, expected in cases:
        what = f"parse_cholesterol({text!r}, 100, 405)"
        got = expect_number(accepted(lambda: parse_cholesterol(text, 100, 405), what), name=what)
        assert_close(got, expected, rtol=1e-9, name=f"{what} in mg/dL")


@pytest.mark.grade(1, hint="Both ends of the mg/dL range are allowed: low <= value <= high.", uses=["parse_cholesterol"])
def test_parse_cholesterol_range_ends_included(parse_cholesterol):
    for text, low, high in (("100", 100, 405), ("405 mg/dL", 100, 405), ("10mg/dl", 10, 100), ("100", 10, 100)):
        what = f"parse_cholesterol({text!r}, {low}, {high})"
        got = expect_number(accepted(lambda: parse_cholesterol(text, low, high), what), name=what)
        expected = float(text.lower().removesuffix("mg/dl"))
        assert_close(got, expected, rtol=1e-12, name=f"{what} in mg/dL")


@pytest.mark.grade(1, hint="Check the range after converting to mg/dL: a bare '4.7' is 4.7 mg/dL (too low), '12 mmol/L' is too high.", uses=["parse_cholesterol"])
@pytest.mark.parametrize("text, low, high", [
    ("4.7", 100, 405), ("12 mmol/L", 100, 405), ("2 mmol/L", 100, 405), ("180 mmol/L", 100, 405),
    ("450", 100, 405), ("abc mg/dL", 100, 405), ("180 mg", 100, 405), ("mg/dL", 100, 405),
    ("", 100, 405), ("3 mmol/L", 10, 100), ("9", 10, 100),
], ids=["4.7", "12-mmol", "2-mmol", "180-mmol", "450", "abc-mg", "180-mg-no-dL", "unit-only", "empty",
        "3-mmol-low-range", "9-low-range"])
def test_parse_cholesterol_rejects(parse_cholesterol, text, low, high):
    expect_raises(lambda: parse_cholesterol(text, low, high), ValueError, what=f"parse_cholesterol({text!r}, {low}, {high})")


# --- the program, as a user runs it ----------------------------------------------------------------


@pytest.mark.grade(2, hint="Run python framingham.py yourself and type the paper's example: it should end with '10-year risk: 10.5%'.", timeout=15)
def test_program_published_examples(submission, reference):
    for patient, _ in PUBLISHED:
        run = _run_dialogue(submission, answers_for(patient))
        check_printed_risk(run, reference, patient, "with eight valid answers")


@pytest.mark.grade(2, hint="Ask the eight questions in the documented order and print the risk in percent with one decimal.", timeout=15)
def test_program_random_patients(submission, reference, rng):
    for sex in ("female", "male", None):
        patient = random_patient(rng, sex)
        run = _run_dialogue(submission, answers_for(patient))
        check_printed_risk(run, reference, patient, "with eight valid answers")


@pytest.mark.grade(1, hint="End with a line 'Heart age: N', N the heart age of the patient's risk rounded to whole years.", timeout=15)
def test_program_prints_heart_age(submission, reference, rng):
    heart_age, ten_year_risk = reference.get("heart_age"), reference.get("ten_year_risk")
    for sex in SEXES:
        patient = random_patient(rng, sex)
        run = _run_dialogue(submission, answers_for(patient))
        printed = printed_heart_age(run)
        expected = heart_age(sex, ten_year_risk(*patient))
        check(abs(float(printed) - expected) <= 0.5 + 1e-6,
              f"the program printed 'Heart age: {printed}' for {describe(patient)}, which is not the heart age "
              "of the patient's risk rounded to the nearest year")


@pytest.mark.grade(1, hint="End with exactly two lines: '10-year risk: 10.5%' (one decimal), then 'Heart age: 75' (a whole number).", timeout=15)
def test_program_prints_the_documented_format(submission, rng):
    for sex in SEXES:
        run = _run_dialogue(submission, answers_for(random_patient(rng, sex)))
        lines = run.stdout.rstrip().split("\n")
        risk = re.search(r"10-year risk:\s*-?[0-9]+(\.[0-9]+)?\s*%\s*$", lines[-2], re.IGNORECASE) if len(lines) > 1 else None
        age = re.fullmatch(r"heart age:\s*-?[0-9]+(\.[0-9]+)?", lines[-1].strip(), re.IGNORECASE)
        check(risk is not None and age is not None,
              "the program's last two lines should be the risk line, then the heart age line (nothing after them)")
        check(risk.group(1) is not None and len(risk.group(1)) == 2,
              "print the risk in percent with exactly one decimal, e.g. '10-year risk: 10.5%'")
        check(age.group(1) is None, "print the heart age rounded to a whole number of years, e.g. 'Heart age: 75'")


@pytest.mark.grade(1, hint="When an answer is not a number, print a line with 'Invalid' and ask the SAME question again (a loop around input()).", timeout=15)
def test_program_reasks_after_non_number(submission, reference, rng):
    check_reasks(submission, reference, random_patient(rng), {1: ["sixty"]})


@pytest.mark.grade(1, hint="An age of 150 or an SBP of 300 is outside the ranges: reject it with an 'Invalid' line and ask again.", timeout=15)
def test_program_reasks_after_out_of_range(submission, reference, rng):
    check_reasks(submission, reference, random_patient(rng), {1: ["150"], 4: ["300"]})


@pytest.mark.grade(1, hint="'maybe' is not yes or no: reject it with an 'Invalid' line and ask the same yes/no question again.", timeout=15)
def test_program_reasks_after_bad_yes_no(submission, reference, rng):
    check_reasks(submission, reference, random_patient(rng), {6: ["maybe"]})


@pytest.mark.grade(1, hint="Every rejected answer (bad sex, bad cholesterol, empty line, twice in a row) gets its own 'Invalid' line and the question again.", timeout=15)
def test_program_reports_each_invalid_answer(submission, reference, rng):
    check_reasks(submission, reference, random_patient(rng), {0: ["x"], 3: ["4.7", "abc"], 7: [""]})


@pytest.mark.grade(1, hint="The dialogue reads cholesterol with parse_cholesterol, so '5.2 mmol/L' works as an answer.", timeout=15)
def test_program_accepts_mmol_per_litre(submission, reference, rng):
    sex, age, _, _, sbp, treated, smoker, diabetic = random_patient(rng)
    tc_mmol, hdl_mmol = round(float(rng.uniform(3.8, 7.5)), 2), round(float(rng.uniform(0.9, 2.2)), 2)
    patient = (sex, age, tc_mmol * 38.67, hdl_mmol * 38.67, sbp, treated, smoker, diabetic)
    answers = answers_for(patient)
    answers[2], answers[3] = f"{tc_mmol:.2f} mmol/L", f"{hdl_mmol:.2f} mmol/L"
    run = _run_dialogue(submission, answers)
    check_printed_risk(run, reference, patient, "with cholesterol typed in mmol/L")
