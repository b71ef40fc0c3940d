"""Strings and dictionaries: reading free-text lab results and discharge notes
(Kaggle Learn, Python, lesson 6).

The laboratory system prints results as one line of text, e.g.

    "Na 138 mmol/L; K 5.9 mmol/L (H)"

and different analysers spell the same analyte differently ("K", "k+", "Potassium", "serum
potassium"), with stray spaces and tabs. Before a program can flag a dangerous potassium it
has to turn that text into a dictionary {"Na": 138.0, "K": 5.9}. Then, for the notes written
at discharge, a word index (word -> which notes use it) lets a clinician find every patient
whose summary mentions "sepsis".

Replace each `raise NotImplementedError` with your code; keep the names and signatures. Do not
change the arguments you are given. The tables imported below are given.
"""

from __future__ import annotations

import string  # noqa: F401 (string.punctuation is useful)

from autograde.datasets.lab_text import (  # noqa: F401 (given)
    ANALYTE_ALIASES,
    DECIMALS,
    REFERENCE_RANGES,
    UNITS,
    make_discharge_notes,
    make_lab_line,
)

# --- given ------------------------------------------------------------------------------------
# ANALYTE_ALIASES: every spelling, lower-case with single spaces -> canonical name, e.g.
#     "na" -> "Na", "sodium" -> "Na", "na+" -> "Na", "serum sodium" -> "Na",
#     "k" -> "K", "k+" -> "K", "potassium" -> "K", "hgb" -> "Hb", "white cell count" -> "WBC",
#     "creat" -> "Creatinine", "c-reactive protein" -> "CRP", "mg" -> "Mg" (magnesium), ...
# REFERENCE_RANGES: canonical name -> (low, high), adult reference interval, e.g.
#     "Na" -> (135.0, 145.0) mmol/L, "K" -> (3.5, 5.3) mmol/L, "Hb" -> (130.0, 170.0) g/L
# UNITS: canonical name -> unit, e.g. "Na" -> "mmol/L", "Creatinine" -> "umol/L"
# DECIMALS: canonical name -> digits the lab prints after the decimal point, e.g. "K" -> 1
# make_lab_line(rng, messy=True) and make_discharge_notes(rng, n) make practice text:
#     import numpy as np; text, values = make_lab_line(np.random.default_rng(0), messy=True)


def normalise_analyte(name: str) -> str:
    """The canonical name of an analyte, however the lab spelled it.

    Tidy the name first: remove leading and trailing whitespace and replace every run of
    whitespace inside it (spaces, tabs) by one space. Then look the tidied name up, in lower
    case, in ANALYTE_ALIASES. A known spelling gives its canonical name; an unknown one is
    returned tidied but otherwise unchanged (its letter case kept).

    Args:
        name: an analyte name as printed, e.g. "  Serum   SODIUM\\t".

    Returns:
        A str: the canonical name ("Na"), or the tidied unknown name.

    Examples:
        >>> normalise_analyte("  Serum   SODIUM\\t")
        'Na'
        >>> normalise_analyte(" Troponin   T ")
        'Troponin T'
    """
    raise NotImplementedError


def parse_lab_line(text: str) -> dict[str, float]:
    """Read one printed line of lab results into a dictionary {canonical name: value}.

    The rules:
    - results are separated by ";". A piece that is empty or only whitespace is skipped;
    - split a piece into tokens on whitespace. The value is the first token that is a number:
      a token is a number if `float()` accepts it after removing a leading "<" or ">" (a result
      below the detection limit is printed "<5" and read as 5.0; above the meter's range,
      ">33.3" is read as 33.3);
    - the analyte name is all the tokens before the value, joined by single spaces and passed
      through `normalise_analyte`; the tokens after the value (the unit, a flag such as "(H)")
      are ignored;
    - a piece with no number, or with nothing before its number, is skipped;
    - if the same analyte appears twice (a repeat sample), the later value is kept.

    Args:
        text: the printed line; may be empty.

    Returns:
        A dict mapping each analyte's canonical (or tidied unknown) name to its value as a
        Python float (138.0, not 138 or "138"); {} when there are no results.

    Example:
        >>> parse_lab_line("Na 138 mmol/L; k+  5.9 mmol/L (H);")
        {'Na': 138.0, 'K': 5.9}
    """
    raise NotImplementedError


def flag_results(results: dict[str, float], ranges: dict[str, tuple[float, float]] | None = None) -> dict[str, str]:
    """Flag each result against its reference range: "L" low, "H" high, "N" normal.

    A value is "L" if it is strictly below the range's low limit, "H" if strictly above its
    high limit, and "N" otherwise (a value equal to a limit is normal). Analytes that have no
    range in `ranges` are left out of the answer.

    Args:
        results: canonical name -> value, as returned by `parse_lab_line`.
        ranges: canonical name -> (low, high). None (the default) means REFERENCE_RANGES, the
            adult ranges; a caller may pass other ranges (e.g. paediatric ones).

    Returns:
        A new dict, canonical name -> "L", "N" or "H", for the analytes that have a range.

    Example:
        >>> flag_results({"Na": 138.0, "K": 5.9, "Troponin T": 40.0})
        {'Na': 'N', 'K': 'H'}
    """
    raise NotImplementedError


def format_result(name: str, value: float, unit: str, decimals: int, flag: str = "N") -> str:
    """Print one result the way the lab does: "<name> <value> <unit>", plus " (L)" or " (H)".

    The value is written with exactly `decimals` digits after the decimal point (0 decimals: no
    decimal point at all), rounded as Python's format specification ".Nf" rounds. The suffix
    " (L)" or " (H)" is added only when `flag` is "L" or "H"; for "N" there is no suffix.

    Args:
        name: the analyte name, printed as given.
        value: the value.
        unit: the unit, printed as given.
        decimals: digits after the decimal point, >= 0 (DECIMALS[name] for known analytes).
        flag: "L", "N" or "H".

    Returns:
        A str with single spaces between the parts and nothing before or after.

    Examples:
        >>> format_result("K", 5.9, "mmol/L", 1, "H")
        'K 5.9 mmol/L (H)'
        >>> format_result("Na", 138.0, "mmol/L", 0)
        'Na 138 mmol/L'
    """
    raise NotImplementedError


def word_index(notes: list[str]) -> dict[str, list[int]]:
    """An index of the words in discharge notes: word -> positions of the notes that use it.

    The words of a note: split it on whitespace (`str.split()`), strip the characters of
    `string.punctuation` from both ends of each piece, and lower-case it. Punctuation inside a
    word stays ("co-amoxiclav", "mmol/l", "u&e", "e.g"); a piece that is only punctuation
    ("-", "...") is not a word.

    Args:
        notes: the notes; notes[i] is the note at position i. May be empty, and a note may be "".

    Returns:
        A dict mapping every word that occurs to the list of positions i of the notes that
        contain it, in increasing order, each position once (a word used twice in a note is
        listed once for it); {} when no note has a word.

    Example:
        >>> word_index(["Sepsis, treated.", "No sepsis; treated at home"])
        {'sepsis': [0, 1], 'treated': [0, 1], 'no': [1], 'at': [1], 'home': [1]}
    """
    raise NotImplementedError


def notes_mentioning(notes: list[str], keyword: str) -> list[int]:
    """Positions of the notes that contain `keyword` as a whole word, ignoring case.

    Words are found exactly as in `word_index`; the keyword is stripped of surrounding
    whitespace and lower-cased before comparing. A note matches only if one of its words equals
    the keyword: "sepsis" is found in "Sepsis," and "(sepsis)", but not in "urosepsis" or
    "sepsis-related".

    Args:
        notes: the notes; may be empty.
        keyword: one word, in any case, e.g. "Sepsis".

    Returns:
        A list of positions in increasing order, each once; [] if no note matches.

    Example:
        >>> notes_mentioning(["Urosepsis.", "Sepsis six given", "no SEPSIS"], "sepsis")
        [1, 2]
    """
    raise NotImplementedError
