"""Free-text laboratory results and discharge notes, as a ward computer prints them.

Used by the Kaggle Python units on strings and dictionaries (kaggle-python-6) and on external
libraries (kaggle-python-7). Everything is made by seeded generators, so the same seed gives the
same text on every machine; nothing is downloaded.

A lab line is a list of results separated by ";", each written as

    <analyte name> <value> [<unit>] [(<flag>)]          e.g.  "Na 138 mmol/L; K 5.9 mmol/L (H)"

The analyte names are adult UK/European biochemistry and haematology, in SI units, with the
spellings a real feed mixes: "Na", "sodium", "Na+", "serum sodium", "K+", "Hgb", "white cell
count"... ``ANALYTE_ALIASES`` maps each spelling (lower-case, single spaces) to one canonical
name; ``REFERENCE_RANGES`` gives the adult reference interval (low, high) of each canonical
analyte and ``UNITS`` its unit. A value below the detection limit is written "<5", one above the
meter's range ">33.3".

``make_lab_line`` writes such a line and returns, with it, the values it wrote (the ground
truth: canonical name -> float, as a parser must read them). ``make_discharge_notes`` writes
short discharge summaries with the capitalisation, punctuation and hyphenation of real notes.
"""

from __future__ import annotations

import numpy as np

# canonical name: (unit, low, high, decimals written, typical inpatient mean, sd)
_ANALYTES = {
    "Na": ("mmol/L", 135.0, 145.0, 0, 137.0, 5.0),
    "K": ("mmol/L", 3.5, 5.3, 1, 4.4, 0.7),
    "Cl": ("mmol/L", 95.0, 108.0, 0, 102.0, 5.0),
    "HCO3": ("mmol/L", 22.0, 29.0, 0, 24.0, 4.0),
    "Urea": ("mmol/L", 2.5, 7.8, 1, 7.0, 3.5),
    "Creatinine": ("umol/L", 59.0, 104.0, 0, 100.0, 45.0),
    "Glucose": ("mmol/L", 3.9, 7.8, 1, 7.0, 2.5),
    "Ca": ("mmol/L", 2.2, 2.6, 2, 2.36, 0.16),
    "Mg": ("mmol/L", 0.7, 1.0, 2, 0.83, 0.13),
    "Lactate": ("mmol/L", 0.5, 2.0, 1, 1.6, 0.9),
    "Hb": ("g/L", 130.0, 170.0, 0, 132.0, 20.0),
    "WBC": ("10^9/L", 4.0, 11.0, 1, 9.0, 4.0),
    "Plt": ("10^9/L", 150.0, 400.0, 0, 250.0, 90.0),
    "CRP": ("mg/L", 0.0, 5.0, 0, 30.0, 50.0),
}

#: canonical analyte -> (low, high) of the adult reference interval, in the unit of ``UNITS``
REFERENCE_RANGES: dict[str, tuple[float, float]] = {name: (a[1], a[2]) for name, a in _ANALYTES.items()}

#: canonical analyte -> its SI unit as printed
UNITS: dict[str, str] = {name: a[0] for name, a in _ANALYTES.items()}

#: canonical analyte -> digits printed after the decimal point
DECIMALS: dict[str, int] = {name: a[3] for name, a in _ANALYTES.items()}

#: every spelling, lower-case with single spaces -> canonical analyte name
ANALYTE_ALIASES: dict[str, str] = {
    "na": "Na", "sodium": "Na", "na+": "Na", "serum sodium": "Na",
    "k": "K", "potassium": "K", "k+": "K", "serum potassium": "K",
    "cl": "Cl", "chloride": "Cl", "cl-": "Cl",
    "hco3": "HCO3", "bicarbonate": "HCO3", "bicarb": "HCO3", "hco3-": "HCO3",
    "urea": "Urea", "serum urea": "Urea",
    "creatinine": "Creatinine", "creat": "Creatinine", "cr": "Creatinine", "serum creatinine": "Creatinine",
    "glucose": "Glucose", "glu": "Glucose", "blood glucose": "Glucose",
    "ca": "Ca", "calcium": "Ca",
    "mg": "Mg", "magnesium": "Mg",
    "lactate": "Lactate", "lac": "Lactate",
    "hb": "Hb", "hgb": "Hb", "haemoglobin": "Hb", "hemoglobin": "Hb",
    "wbc": "WBC", "wcc": "WBC", "white cell count": "WBC", "white blood cells": "WBC",
    "plt": "Plt", "platelets": "Plt", "platelet count": "Plt",
    "crp": "CRP", "c-reactive protein": "CRP",
}

#: names a feed may print that are not in ``ANALYTE_ALIASES`` (no reference range here)
UNKNOWN_ANALYTES = {
    "Troponin T": "ng/L", "Ferritin": "ug/L", "Vitamin B12": "ng/L", "TSH": "mU/L", "Amylase": "U/L",
}

_SPACES = [" ", " ", " ", "  ", "\t", " \t ", "   "]


def _aliases_of(name: str, *, multiword: bool) -> list[str]:
    spellings = [a for a, c in ANALYTE_ALIASES.items() if c == name]
    return [a for a in spellings if (" " in a) == multiword] or spellings


def recase(rng: np.random.Generator, word: str) -> str:
    """``word`` in a random letter case: lower, UPPER, Title or mIxEd (as typed on a ward)."""
    style = int(rng.integers(0, 4))
    if style == 0:
        return word.lower()
    if style == 1:
        return word.upper()
    if style == 2:
        return word.title()
    return "".join(ch.upper() if rng.random() < 0.5 else ch.lower() for ch in word)


def _draw_value(rng: np.random.Generator, name: str) -> float:
    _, low, high, decimals, mean, sd = _ANALYTES[name]
    if name == "CRP":
        value = float(np.exp(rng.normal(2.5, 1.3)))
    else:
        value = float(rng.normal(mean, sd))
    value = max(value, 0.25 * low if low > 0 else 1.0)
    return round(value, decimals)


def _flag(name: str, value: float) -> str:
    low, high = REFERENCE_RANGES[name]
    return "L" if value < low else "H" if value > high else ""


def make_lab_line(
    rng: np.random.Generator,
    n_results: int | None = None,
    *,
    messy: bool = False,
    multiword: bool = False,
    censored: bool = False,
    repeat: bool = False,
    unknown: bool = False,
) -> tuple[str, dict[str, float]]:
    """One printed line of results and the values it contains.

    Args:
        rng: a seeded numpy Generator.
        n_results: how many distinct analytes (2 to 8 if None).
        messy: random spellings and letter case, extra spaces and tabs between tokens, around
            the ";" separators, an occasional empty segment (";;") or trailing ";", a missing unit.
        multiword: spell analytes with multi-word names where one exists ("serum sodium",
            "white cell count").
        censored: include CRP below its detection limit ("<5") and glucose above the meter's
            range (">33.3"); the value read is the number after the sign.
        repeat: one analyte is reported twice (a repeat sample); the later value is the one kept.
        unknown: add one analyte that is not in ``ANALYTE_ALIASES`` ("Troponin T"), kept under
            its own name with whitespace tidied.

    Returns:
        (text, values): values maps the canonical name (or the tidied unknown name) to the float
        written, in the order the analytes appear.
    """
    names = list(_ANALYTES)
    n = int(rng.integers(2, 9)) if n_results is None else n_results
    chosen = [names[i] for i in rng.choice(len(names), size=n, replace=False)]
    results: list[tuple[str, str, str, str]] = []  # (canonical, written name, written value, unit)
    values: dict[str, float] = {}

    def add(name: str, value: float, written_value: str | None = None) -> None:
        if multiword or messy:
            spelling = str(rng.choice(_aliases_of(name, multiword=multiword)))
            written_name = recase(rng, spelling) if messy else spelling
        else:
            written_name = name
        text_value = written_value if written_value is not None else f"{value:.{DECIMALS[name]}f}"
        results.append((name, written_name, text_value, UNITS[name]))
        values[name] = float(text_value.lstrip("<>"))

    if censored:
        chosen = [c for c in chosen if c not in ("CRP", "Glucose")]
        add("CRP", 5.0, "<5")
        add("Glucose", 33.3, ">33.3")
    for name in chosen:
        add(name, _draw_value(rng, name))
    if unknown:
        label = str(rng.choice(list(UNKNOWN_ANALYTES)))
        value = round(float(rng.uniform(5, 400)), 0)
        written = f"{value:.0f}"
        results.append((label, label, written, UNKNOWN_ANALYTES[label]))
        values[label] = float(written)
    order = list(rng.permutation(len(results)))
    results = [results[i] for i in order]
    values = {results[i][0]: values[results[i][0]] for i in range(len(results))}
    if repeat:
        candidates = [r[0] for r in results if r[0] in _ANALYTES and not r[2].startswith(("<", ">"))]
        name = candidates[int(rng.integers(0, len(candidates)))]
        add(name, _draw_value(rng, name))  # the repeat sample is printed last ...
        values[name] = values.pop(name)  # ... and its value is the one kept

    segments = []
    for name, written_name, written_value, unit in results:
        tokens = written_name.split(" ") if messy else [written_name]
        tokens.append(written_value)
        if not (messy and rng.random() < 0.15):
            tokens.append(unit)
        flag = _flag(name, float(written_value.lstrip("<>"))) if name in _ANALYTES else ""
        if flag and not written_value.startswith("<"):
            tokens.append(f"({flag})")
        if messy:
            segment = "".join(t + str(rng.choice(_SPACES)) for t in tokens[:-1]) + tokens[-1]
            segment = str(rng.choice(["", " ", "\t"])) + segment + str(rng.choice(["", " ", "  "]))
        else:
            segment = " ".join(tokens)
        segments.append(segment)
    if messy:
        text = ""
        for i, segment in enumerate(segments):
            text += segment
            if i < len(segments) - 1:
                text += ";" * (2 if rng.random() < 0.15 else 1)
        if rng.random() < 0.4:
            text += str(rng.choice([";", "; ", " ;"]))
    else:
        text = "; ".join(segments)
    return text, values


# --- discharge notes ----------------------------------------------------------------------------

_OPENINGS = [
    "Admitted with {dx}.",
    "{Age}-year-old admitted via ED with {dx}.",
    "Presented with {symptom} and {symptom2}; working diagnosis: {dx}.",
    "Transferred from ICU after treatment for {dx}.",
]
_MIDDLES = [
    "Treated with IV {drug} for {days} days, then oral {drug2}.",
    "CRP fell from {crp} to {crp2} mg/L; afebrile since day {day}.",
    "K 5.9 mmol/L (H) on admission, corrected with insulin-dextrose.",
    "Creatinine peaked at {creat} umol/L (AKI stage {stage}), now back to baseline.",
    "No evidence of {dx2} on CT; repeat imaging NOT required.",
    "Blood cultures: no growth at 48 hours.",
    "Developed {symptom} on day {day}, settled with oral fluids.",
    "Seen by physiotherapy (mobilising independently, e.g. on stairs).",
    "Lactate 4.1 mmol/L at triage - sepsis six bundle started.",
]
_ENDINGS = [
    "Discharged home; GP to repeat U&E in 1 week.",
    "Follow-up in {dx_short} clinic in 6 weeks.",
    "Discharged to rehab. Stop {drug2} after 5 days!",
    "Advice given: return if {symptom} recurs?",
]
_DX = ["community-acquired pneumonia", "urosepsis", "acute kidney injury", "pulmonary embolism",
       "cellulitis", "NSTEMI", "COPD exacerbation", "diabetic ketoacidosis", "Sepsis"]
_DX_SHORT = ["respiratory", "renal", "cardiology", "diabetes", "anticoagulation"]
_SYMPTOMS = ["fever", "breathlessness", "pleuritic chest pain", "confusion", "vomiting", "rigors", "Pain"]
_IV_DRUGS = ["co-amoxiclav", "piperacillin-tazobactam", "ceftriaxone", "Gentamicin", "benzylpenicillin"]
_ORAL_DRUGS = ["co-amoxiclav", "amoxicillin", "doxycycline", "clarithromycin", "Flucloxacillin"]


def make_discharge_notes(rng: np.random.Generator, n_notes: int) -> list[str]:
    """``n_notes`` short discharge summaries (3 to 5 sentences each), seeded.

    The text has what a word index must cope with: capitals ("Sepsis", "NOT"), punctuation
    stuck to words ("(H)", "day 3.", "U&E", "e.g."), hyphenated words ("co-amoxiclav",
    "insulin-dextrose"), numbers with units ("5.9", "mmol/L"), and the same word twice in a note.
    """
    def fill(template: str) -> str:
        return template.format(
            dx=str(rng.choice(_DX)), dx2=str(rng.choice(_DX)), dx_short=str(rng.choice(_DX_SHORT)),
            Age=int(rng.integers(19, 95)), symptom=str(rng.choice(_SYMPTOMS)), symptom2=str(rng.choice(_SYMPTOMS)),
            drug=str(rng.choice(_IV_DRUGS)), drug2=str(rng.choice(_ORAL_DRUGS)), days=int(rng.integers(2, 8)),
            day=int(rng.integers(2, 6)), crp=int(rng.integers(120, 320)), crp2=int(rng.integers(5, 60)),
            creat=int(rng.integers(160, 420)), stage=int(rng.integers(1, 4)),
        )

    notes = []
    for _ in range(n_notes):
        middle = [str(m) for m in rng.choice(_MIDDLES, size=int(rng.integers(1, 4)), replace=False)]
        sentences = [str(rng.choice(_OPENINGS)), *middle, str(rng.choice(_ENDINGS))]
        notes.append(" ".join(fill(s) for s in sentences))
    return notes
