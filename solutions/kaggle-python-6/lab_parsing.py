"""Strings and dictionaries: reading free-text lab results and discharge notes
(Kaggle Learn, Python, lesson 6)."""

from __future__ import annotations

import string

from autograde.datasets.lab_text import ANALYTE_ALIASES, REFERENCE_RANGES


def normalise_analyte(name: str) -> str:
    """Canonical name of a known spelling; an unknown name with its whitespace tidied."""
    tidy = " ".join(name.split())
    return ANALYTE_ALIASES.get(tidy.lower(), tidy)


def _number(token: str) -> float | None:
    """The value of a token such as "138", "5.9", "<5" or ">33.3"; None if it is not a number."""
    if token.startswith(("<", ">")):
        token = token[1:]
    try:
        return float(token)
    except ValueError:
        return None


def parse_lab_line(text: str) -> dict[str, float]:
    """{canonical analyte: value} from a line such as "Na 138 mmol/L; K 5.9 mmol/L (H)"."""
    results = {}
    for piece in text.split(";"):
        tokens = piece.split()
        for position, token in enumerate(tokens):
            value = _number(token)
            if value is not None:
                if position > 0:
                    results[normalise_analyte(" ".join(tokens[:position]))] = value
                break
    return results


def flag_results(results: dict[str, float], ranges: dict[str, tuple[float, float]] | None = None) -> dict[str, str]:
    """"L", "N" or "H" for each analyte that has a reference range."""
    if ranges is None:
        ranges = REFERENCE_RANGES
    flags = {}
    for analyte, value in results.items():
        if analyte in ranges:
            low, high = ranges[analyte]
            if value < low:
                flags[analyte] = "L"
            elif value > high:
                flags[analyte] = "H"
            else:
                flags[analyte] = "N"
    return flags


def format_result(name: str, value: float, unit: str, decimals: int, flag: str = "N") -> str:
    """ "K 5.9 mmol/L (H)": the value with `decimals` digits, a suffix only for L and H."""
    text = f"{name} {value:.{decimals}f} {unit}"
    if flag in ("L", "H"):
        text += f" ({flag})"
    return text


def _words(note: str) -> list[str]:
    """The words of a note: whitespace-separated, punctuation stripped from the ends, lower case."""
    words = [piece.strip(string.punctuation).lower() for piece in note.split()]
    return [word for word in words if word]


def word_index(notes: list[str]) -> dict[str, list[int]]:
    """word -> increasing positions of the notes that contain it."""
    index: dict[str, list[int]] = {}
    for position, note in enumerate(notes):
        for word in dict.fromkeys(_words(note)):  # each word once per note, in order
            index.setdefault(word, []).append(position)
    return index


def notes_mentioning(notes: list[str], keyword: str) -> list[int]:
    """Positions of the notes that contain the keyword as a whole word, ignoring case."""
    keyword = keyword.strip().lower()
    return [position for position, note in enumerate(notes) if keyword in _words(note)]
