"""Framingham 10-year general cardiovascular risk and heart age (D'Agostino et al., Circulation 2008).

A clinic wants a small command-line calculator. A nurse runs `python framingham.py`, types the
patient's answers, and reads back the 10-year risk of a first cardiovascular event (coronary
death, myocardial infarction, angina, stroke, TIA, claudication, heart failure) and the
"heart age" that makes that risk easy to explain to the patient.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
The constants above the functions are given: use them, do not change them.

THE MODEL (sex-specific Cox model of D'Agostino et al., 2008). With c = COEFFICIENTS[sex]:

    lp   = c["ln_age"] * ln(age) + c["ln_total_chol"] * ln(total_chol) + c["ln_hdl"] * ln(hdl)
           + (c["ln_sbp_treated"] if bp_treated else c["ln_sbp_untreated"]) * ln(sbp)
           + c["smoker"] * smoker + c["diabetic"] * diabetic          (True = 1, False = 0)
    risk = 1 - S0 ** exp(lp - mean)      S0 = c["baseline_survival"], mean = c["mean_linear_predictor"]

ln is the natural logarithm (math.log). Units: age in years, cholesterol in mg/dL, SBP in mmHg.

THE PROGRAM (`main`), the dialogue a user and the grader go through. It asks these eight
questions with input(), in this order, one answer per line:

    1. sex                              female / male  (also f / m; any case)
    2. age                              years, 30 to 74
    3. total cholesterol                mg/dL, 100 to 405 (see parse_cholesterol: mmol/L accepted)
    4. HDL cholesterol                  mg/dL, 10 to 100   (mmol/L accepted likewise)
    5. systolic blood pressure          mmHg, 90 to 200
    6. treated for high blood pressure? yes / no  (also y / n; any case)
    7. current smoker?                  yes / no
    8. diabetes?                        yes / no

The prompt texts are yours to choose, but no prompt may contain the word "invalid".
When an answer is rejected (the parse_... function raises ValueError), the program prints
exactly ONE line to standard output containing the word "Invalid" (any case; e.g.
"Invalid answer: 150 is outside the range 30 to 74") and asks the SAME question again, as
often as needed. It never prints "invalid" otherwise. After the eighth valid answer it prints
these two lines (other lines, like a title, are allowed before them):

    10-year risk: 10.5%       the risk in percent, one decimal
    Heart age: 75             heart_age(...) rounded to the nearest whole year

then ends normally (exit status 0).
"""

from __future__ import annotations

import math

# The published model's coefficients, the "normal" risk factors and the accepted ranges are
# given (see autograde/datasets/framingham.py): you write the code that uses them.
from autograde.datasets.framingham import (  # noqa: F401
    AGE_RANGE,
    COEFFICIENTS,
    HDL_RANGE,
    MGDL_PER_MMOL,
    NORMAL_HDL,
    NORMAL_SBP,
    NORMAL_TOTAL_CHOL,
    SBP_RANGE,
    TOTAL_CHOL_RANGE,
)


def ten_year_risk(
    sex: str,
    age: float,
    total_chol: float,
    hdl: float,
    sbp: float,
    bp_treated: bool,
    smoker: bool,
    diabetic: bool,
) -> float:
    """10-year risk of a first cardiovascular event from the model in the module docstring.

    Args:
        sex: exactly "female" or "male" (anything else: raise ValueError).
        age: years (> 0). total_chol, hdl: mg/dL (> 0). sbp: systolic blood pressure, mmHg (> 0).
        bp_treated: True if the patient takes blood-pressure medication (then the SBP term uses
            the treated coefficient, otherwise the untreated one).
        smoker, diabetic: bools.
        Ranges are not checked here: the program checks them when it asks.

    Returns:
        The risk as a float fraction strictly between 0 and 1 (not a percentage).

    Example (the paper's worked example: a 61-year-old woman, total cholesterol 180 mg/dL,
    HDL 47 mg/dL, untreated SBP 124 mmHg, smoker, no diabetes):
        >>> round(ten_year_risk("female", 61, 180, 47, 124, False, True, False), 4)
        0.1048
    """
    raise NotImplementedError


def heart_age(sex: str, risk: float) -> float:
    """The heart (vascular) age: the age of a person of the same sex whose risk factors are all
    normal (untreated SBP NORMAL_SBP, total cholesterol NORMAL_TOTAL_CHOL, HDL NORMAL_HDL,
    non-smoker, no diabetes) and whose 10-year risk equals `risk`.

    Solve the model for age: from risk, get the linear predictor lp (invert
    risk = 1 - S0 ** exp(lp - mean)); subtract the normal factors' terms; what is left is
    c["ln_age"] * ln(age). No rounding and no clipping to 30-74: a very low risk can give a heart
    age below 30, a very high one above 74.

    Args:
        sex: "female" or "male" (anything else: ValueError).
        risk: a fraction strictly between 0 and 1; 0, 1 or outside: raise ValueError.

    Returns:
        The heart age in years, a float.

    Example (the woman of ten_year_risk's example is 61, her heart age about 74.8):
        >>> round(heart_age("female", ten_year_risk("female", 61, 180, 47, 124, False, True, False)), 1)
        74.8
    """
    raise NotImplementedError


def parse_sex(text: str) -> str:
    """Read the answer to "sex?".

    Surrounding spaces and case are ignored; "female" or "f" gives "female", "male" or "m" gives
    "male". Anything else (e.g. "x", "", "fem") raises ValueError.

    Example:
        >>> parse_sex("  Female ")
        'female'
    """
    raise NotImplementedError


def parse_yes_no(text: str) -> bool:
    """Read a yes/no answer.

    Surrounding spaces and case are ignored; "yes" or "y" gives True, "no" or "n" gives False.
    Anything else (e.g. "maybe", "", "1", "yes please") raises ValueError.

    Example:
        >>> parse_yes_no(" Y ")
        True
    """
    raise NotImplementedError


def parse_number(text: str, low: float, high: float) -> float:
    """Read a plain number (like "61", "124.5", " 74 ") that must lie in [low, high] (both inclusive).

    Returns it as a float. Raises ValueError if the text is not a number (e.g. "sixty", "",
    "61 years") or if the number is outside the range, NaN or infinite.

    Example:
        >>> parse_number("61", *AGE_RANGE)
        61.0
    """
    raise NotImplementedError


def parse_cholesterol(text: str, low: float, high: float) -> float:
    """Read a cholesterol value and return it in mg/dL; it must lie in [low, high] mg/dL (inclusive).

    Accepted forms (units in any case, with or without a space before them):
        "180", "180 mg/dL"     -> 180.0          (a bare number is mg/dL)
        "4.65 mmol/L"          -> 4.65 * MGDL_PER_MMOL = 179.8155
    The range is checked AFTER conversion to mg/dL, so a bare "4.65" is rejected (4.65 mg/dL
    is far too low: the user forgot "mmol/L"). Any other text, unit or an out-of-range value
    raises ValueError.

    Example:
        >>> round(parse_cholesterol("1.2 mmol/L", *HDL_RANGE), 3)
        46.404
    """
    raise NotImplementedError


def main() -> None:
    """The interactive calculator: the dialogue described in the module docstring, with
    input() and print(), using the functions above."""
    raise NotImplementedError


if __name__ == "__main__":
    main()
