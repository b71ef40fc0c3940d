"""Framingham 10-year general cardiovascular risk and heart age (D'Agostino et al., Circulation 2008).

Run it as a program (`python framingham.py`): it asks for the risk factors, re-asks on bad
answers, and prints the 10-year risk and the heart age.
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


def _coefficients(sex: str) -> dict[str, float]:
    if sex not in COEFFICIENTS:
        raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")
    return COEFFICIENTS[sex]


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
    """10-year risk of a first cardiovascular event, a fraction in (0, 1)."""
    c = _coefficients(sex)
    sbp_coefficient = c["ln_sbp_treated"] if bp_treated else c["ln_sbp_untreated"]
    linear_predictor = (
        c["ln_age"] * math.log(age)
        + c["ln_total_chol"] * math.log(total_chol)
        + c["ln_hdl"] * math.log(hdl)
        + sbp_coefficient * math.log(sbp)
        + c["smoker"] * smoker
        + c["diabetic"] * diabetic
    )
    s0 = c["baseline_survival"]
    return 1.0 - s0 ** math.exp(linear_predictor - c["mean_linear_predictor"])


def heart_age(sex: str, risk: float) -> float:
    """Age (years) of a person of this sex with normal risk factors and the same 10-year risk."""
    c = _coefficients(sex)
    if not 0.0 < risk < 1.0:
        raise ValueError(f"a risk must lie strictly between 0 and 1, not {risk!r}")
    # 1 - risk = S0 ** exp(lp - mean)  <=>  lp = mean + ln(ln(1 - risk) / ln(S0))
    linear_predictor = c["mean_linear_predictor"] + math.log(math.log(1.0 - risk) / math.log(c["baseline_survival"]))
    normal_part = (
        c["ln_total_chol"] * math.log(NORMAL_TOTAL_CHOL)
        + c["ln_hdl"] * math.log(NORMAL_HDL)
        + c["ln_sbp_untreated"] * math.log(NORMAL_SBP)
    )
    return math.exp((linear_predictor - normal_part) / c["ln_age"])


def parse_sex(text: str) -> str:
    """'female' or 'male' from an answer such as 'F', ' male ', 'Female'."""
    answer = text.strip().lower()
    if answer in ("f", "female"):
        return "female"
    if answer in ("m", "male"):
        return "male"
    raise ValueError(f"{text.strip()!r} is not a sex the model knows: answer female or male")


def parse_yes_no(text: str) -> bool:
    """True for 'yes'/'y', False for 'no'/'n' (any case, surrounding spaces ignored)."""
    answer = text.strip().lower()
    if answer in ("y", "yes"):
        return True
    if answer in ("n", "no"):
        return False
    raise ValueError(f"{text.strip()!r} is not yes or no")


def parse_number(text: str, low: float, high: float) -> float:
    """A plain number between low and high inclusive."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    if not low <= value <= high:  # also rejects nan
        raise ValueError(f"{text.strip()} is outside the range {low:g} to {high:g}")
    return value


def parse_cholesterol(text: str, low: float, high: float) -> float:
    """Cholesterol in mg/dL from '180', '180 mg/dL' or '4.65 mmol/L', between low and high mg/dL."""
    answer = text.strip().lower()
    if answer.endswith("mmol/l"):
        value = parse_number(answer.removesuffix("mmol/l"), -math.inf, math.inf) * MGDL_PER_MMOL
    else:
        value = parse_number(answer.removesuffix("mg/dl"), -math.inf, math.inf)
    if not low <= value <= high:
        raise ValueError(f"{text.strip()} is outside the range {low:g} to {high:g} mg/dL")
    return value


def _ask(prompt: str, parse):
    """Ask until parse() accepts the answer; each rejected answer gets one 'Invalid answer' line."""
    while True:
        answer = input(prompt)
        try:
            return parse(answer)
        except ValueError as error:
            print(f"Invalid answer: {error}. Please try again.")


def main() -> None:
    print("Framingham 10-year general cardiovascular risk (D'Agostino et al., 2008)")
    sex = _ask("Sex (female/male): ", parse_sex)
    age = _ask("Age (years, 30-74): ", lambda t: parse_number(t, *AGE_RANGE))
    total_chol = _ask("Total cholesterol (mg/dL, or add mmol/L): ", lambda t: parse_cholesterol(t, *TOTAL_CHOL_RANGE))
    hdl = _ask("HDL cholesterol (mg/dL, or add mmol/L): ", lambda t: parse_cholesterol(t, *HDL_RANGE))
    sbp = _ask("Systolic blood pressure (mmHg): ", lambda t: parse_number(t, *SBP_RANGE))
    bp_treated = _ask("Treated for high blood pressure? (yes/no): ", parse_yes_no)
    smoker = _ask("Current smoker? (yes/no): ", parse_yes_no)
    diabetic = _ask("Diabetes? (yes/no): ", parse_yes_no)

    risk = ten_year_risk(sex, age, total_chol, hdl, sbp, bp_treated, smoker, diabetic)
    print(f"10-year risk: {100 * risk:.1f}%")
    print(f"Heart age: {round(heart_age(sex, risk))}")


if __name__ == "__main__":
    main()
