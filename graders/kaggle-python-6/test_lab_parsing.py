"""Hidden graders for kaggle-python-6 (strings and dictionaries: lab text and discharge notes).

Oracles: the seeded generators of autograde.datasets.lab_text, which record the values they
print (make_lab_line) ; the alias and range tables; and a regular-expression word splitter
written here independently of the solution. Hidden cases: random letter case, tabs and runs of
spaces, empty segments, censored values ("<5"), repeat samples, unknown analytes, values on the
reference limits, words glued to punctuation and substrings of longer words.
"""

import math
import re
import string

import pytest

from autograde.checks import call_checked, check, expect_dict, expect_list, expect_type, fail
from autograde.datasets.lab_text import (
    ANALYTE_ALIASES,
    DECIMALS,
    REFERENCE_RANGES,
    UNITS,
    make_discharge_notes,
    make_lab_line,
    recase,
)


def _messy_spaces(rng, text):
    gaps = [" ", "  ", "\t", " \t", "   "]
    words = text.split(" ")
    inner = "".join(w + str(rng.choice(gaps)) for w in words[:-1]) + words[-1]
    return str(rng.choice(["", " ", "\t", "  "])) + inner + str(rng.choice(["", " ", "\t ", "\n"]))


# --- normalise_analyte ------------------------------------------------------------------------


def _check_name(function, raw, want, *, what):
    got = expect_type(function(raw), str, name=f"normalise_analyte({raw!r})")
    check(got == want, f"normalise_analyte({raw!r}) is wrong ({what})")


@pytest.mark.grade(2, "Look the name up in ANALYTE_ALIASES in lower case: 'K+', 'POTASSIUM' and 'k' are all 'K'.", uses=["normalise_analyte"])
def test_normalise_known_spellings(normalise_analyte, rng):
    for alias, canonical in ANALYTE_ALIASES.items():
        _check_name(normalise_analyte, recase(rng, alias), canonical, what="a known spelling")
    for canonical in REFERENCE_RANGES:
        _check_name(normalise_analyte, canonical, canonical, what="a canonical name is its own canonical name")


@pytest.mark.grade(1, "Strip the ends and squeeze runs of spaces/tabs inside the name to one space before the lookup.", uses=["normalise_analyte"])
def test_normalise_whitespace(normalise_analyte, rng):
    _check_name(normalise_analyte, "  Serum   SODIUM\t", "Na", what="spaces and a tab around and inside")
    for alias, canonical in ANALYTE_ALIASES.items():
        if " " in alias or rng.random() < 0.3:
            _check_name(normalise_analyte, _messy_spaces(rng, recase(rng, alias)), canonical,
                        what="extra whitespace around or inside a known spelling")


@pytest.mark.grade(1, "An unknown name comes back with its whitespace tidied and its letter case unchanged.", uses=["normalise_analyte"])
def test_normalise_unknown_kept(normalise_analyte, rng):
    for name in ("Troponin T", "Ferritin", "Vitamin B12", "TSH", "Amylase", "NT-proBNP", "eGFR"):
        raw = _messy_spaces(rng, name)
        _check_name(normalise_analyte, raw, name, what="an analyte that is not in ANALYTE_ALIASES")


# --- parse_lab_line ---------------------------------------------------------------------------


def _check_parsed(function, text, want, *, what):
    got = expect_dict(function(text), name=f"parse_lab_line for {what}", keys=str, values=float)
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    if extra:
        fail(f"parse_lab_line for {what} has unexpected key(s) {extra}: are names canonical and tidied?")
    if missing:
        fail(f"parse_lab_line for {what} misses {len(missing)} of {len(want)} result(s)")
    wrong = [k for k in want if not math.isclose(got[k], want[k], rel_tol=1e-12, abs_tol=1e-12)]
    check(not wrong, f"parse_lab_line for {what}: the value of {wrong[0] if wrong else ''} is wrong")


@pytest.mark.grade(2, "Split on ';', then on whitespace; the first number is the value, the words before it the name.", uses=["parse_lab_line"])
def test_parse_clean_lines(parse_lab_line, rng):
    _check_parsed(parse_lab_line, "Na 138 mmol/L; K 5.9 mmol/L (H)", {"Na": 138.0, "K": 5.9}, what="'Na 138 mmol/L; K 5.9 mmol/L (H)'")
    for k in range(8):
        text, values = make_lab_line(rng)
        _check_parsed(parse_lab_line, text, values, what=f"clean line {k + 1}")


@pytest.mark.grade(2, "Real lines have odd letter case, tabs, runs of spaces, ';;' and a trailing ';': split() and normalise.", uses=["parse_lab_line"])
def test_parse_messy_lines(parse_lab_line, rng):
    for k in range(10):
        text, values = make_lab_line(rng, messy=True)
        _check_parsed(parse_lab_line, text, values, what=f"messy line {k + 1}")


@pytest.mark.grade(1, "The name is ALL the words before the value ('white cell count'); unknown names are kept, tidied.", uses=["parse_lab_line"])
def test_parse_multiword_and_unknown(parse_lab_line, rng):
    for k in range(6):
        text, values = make_lab_line(rng, multiword=True, unknown=k % 2 == 0, messy=k >= 3)
        _check_parsed(parse_lab_line, text, values, what=f"a line with multi-word names {k + 1}")


@pytest.mark.grade(1, "'<5' and '>33.3' are numbers too: drop the leading '<' or '>' before float().", uses=["parse_lab_line"])
def test_parse_censored_values(parse_lab_line, rng):
    _check_parsed(parse_lab_line, "CRP <5 mg/L; Na 141 mmol/L", {"CRP": 5.0, "Na": 141.0}, what="'CRP <5 mg/L; Na 141 mmol/L'")
    for k in range(4):
        text, values = make_lab_line(rng, censored=True, messy=k >= 2)
        _check_parsed(parse_lab_line, text, values, what=f"a line with censored values {k + 1}")


@pytest.mark.grade(1, "A repeated analyte keeps its LATER value: assigning to the same key again overwrites it.", uses=["parse_lab_line"])
def test_parse_repeat_keeps_later(parse_lab_line, rng):
    _check_parsed(parse_lab_line, "K 6.4 mmol/L (H); Na 136 mmol/L; potassium 5.1 mmol/L", {"K": 5.1, "Na": 136.0},
                  what="a haemolysed potassium repeated")
    for k in range(4):
        text, values = make_lab_line(rng, repeat=True, messy=k >= 2)
        _check_parsed(parse_lab_line, text, values, what=f"a line with a repeat sample {k + 1}")


@pytest.mark.grade(1, "Empty text, only separators, or pieces without a name and a number give no results: {}.", uses=["parse_lab_line"])
def test_parse_empty_lines(parse_lab_line):
    for text in ("", "   ", ";", " ; ;\t", "\n"):
        _check_parsed(parse_lab_line, text, {}, what=f"the line {text!r}")
    _check_parsed(parse_lab_line, "Na pending; 138 mmol/L; K 4.1 mmol/L", {"K": 4.1},
                  what="a line with a piece without a number and a piece without a name")


# --- flag_results -----------------------------------------------------------------------------


def _flags_oracle(results, ranges):
    flags = {}
    for name, value in results.items():
        if name in ranges:
            low, high = ranges[name]
            flags[name] = "L" if value < low else "H" if value > high else "N"
    return flags


def _check_flags(got, results, ranges, *, what):
    got = expect_dict(got, name=f"flag_results for {what}", keys=str, values=str)
    want = _flags_oracle(results, ranges)
    extra = [k for k in got if k not in want]
    if extra:
        fail(f"flag_results for {what} has key(s) {extra} that should not be there (no reference range)")
    missing = [k for k in want if k not in got]
    if missing:
        fail(f"flag_results for {what} has no flag for {missing}")
    wrong = [k for k in want if got[k] != want[k]]
    check(not wrong, f"flag_results for {what}: the flag of {wrong[0] if wrong else ''} is wrong")


@pytest.mark.grade(2, "'L' below low, 'H' above high, 'N' otherwise, using REFERENCE_RANGES by default.", uses=["flag_results"])
def test_flag_random_results(flag_results, rng):
    for k in range(8):
        _, values = make_lab_line(rng, n_results=int(rng.integers(4, 12)))
        _check_flags(flag_results(dict(values)), values, REFERENCE_RANGES, what=f"result set {k + 1}")


@pytest.mark.grade(1, "A value exactly on a reference limit is normal ('N').", uses=["flag_results"])
def test_flag_limits_are_normal(flag_results, rng):
    names = list(REFERENCE_RANGES)
    for k in range(3):
        chosen = [names[i] for i in rng.choice(len(names), size=6, replace=False)]
        results = {n: REFERENCE_RANGES[n][int(rng.integers(0, 2))] for n in chosen}
        _check_flags(flag_results(dict(results)), results, REFERENCE_RANGES, what=f"values on the limits, set {k + 1}")


@pytest.mark.grade(1, "Use the ranges argument when one is given (e.g. paediatric ranges) instead of the adult ones.", uses=["flag_results"])
def test_flag_custom_ranges(flag_results, rng):
    paediatric = {"Hb": (105.0, 140.0), "Creatinine": (15.0, 37.0), "Plt": (150.0, 450.0), "WBC": (5.0, 15.0)}
    for k in range(4):
        results = {
            "Hb": float(round(rng.uniform(95, 150))),
            "Creatinine": float(round(rng.uniform(10, 80))),
            "WBC": round(float(rng.uniform(3, 18)), 1),
            "Na": float(round(rng.uniform(130, 150))),
        }
        got = flag_results(dict(results), paediatric) if k % 2 else flag_results(dict(results), ranges=paediatric)
        _check_flags(got, results, paediatric, what=f"a child's results with paediatric ranges {k + 1}")


@pytest.mark.grade(1, "Analytes without a reference range (an unknown name) are left out of the flags.", uses=["flag_results"])
def test_flag_unknown_left_out(flag_results, rng):
    results = {"Na": 131.0, "Troponin T": 52.0, "K": 3.9, "Ferritin": 8.0}
    _check_flags(flag_results(dict(results)), results, REFERENCE_RANGES, what="results with two unknown analytes")
    _check_flags(flag_results({}), {}, REFERENCE_RANGES, what="no results")


@pytest.mark.grade(1, "Build a new dict of flags; leave the results (and the ranges) you are given unchanged.", uses=["flag_results"])
def test_flag_new_dict(flag_results, rng):
    _, values = make_lab_line(rng, n_results=8)
    results = dict(values, **{"Troponin T": 52.0})
    got = call_checked(flag_results, results, name="flag_results", new_object=True, unchanged=True)
    _check_flags(got, results, REFERENCE_RANGES, what="a result set with an unknown analyte")
    paediatric = {"Hb": (105.0, 140.0), "WBC": (5.0, 15.0), "Na": (133.0, 146.0)}
    results = {"Hb": 99.0, "WBC": 16.2, "Na": 140.0, "K": 4.4}
    got = call_checked(flag_results, results, paediatric, name="flag_results", new_object=True, unchanged=True)
    _check_flags(got, results, paediatric, what="a child's results with paediatric ranges")


# --- format_result ----------------------------------------------------------------------------


def _check_format(function, args, *, what):
    got = expect_type(function(*args), str, name=f"format_result for {what}")
    name, value, unit, decimals, *rest = args
    want = f"{name} {value:.{decimals}f} {unit}" + (f" ({rest[0]})" if rest and rest[0] in ("L", "H") else "")
    check(got == want, f"format_result{args!r} is wrong: {got!r}")


@pytest.mark.grade(2, "Exactly `decimals` digits after the point: an f-string with :.{decimals}f (138.0 with 0 -> '138').", uses=["format_result"])
def test_format_decimals(format_result, rng):
    for name in REFERENCE_RANGES:
        low, high = REFERENCE_RANGES[name]
        value = float(rng.uniform(0.85 * low, 1.15 * high))
        _check_format(format_result, (name, value, UNITS[name], DECIMALS[name]), what=f"{name} with {DECIMALS[name]} decimals")
    _check_format(format_result, ("Ca", 2.1, "mmol/L", 2), what="a value that needs a trailing zero")
    _check_format(format_result, ("K", 4.0, "mmol/L", 1), what="a whole value with 1 decimal")
    _check_format(format_result, ("Na", 138.0, "mmol/L", 0), what="a whole value with 0 decimals")


@pytest.mark.grade(1, "Add ' (L)' or ' (H)' only for those flags; 'N' (the default) adds nothing.", uses=["format_result"])
def test_format_flags(format_result, rng):
    _check_format(format_result, ("K", 5.9, "mmol/L", 1, "H"), what="a high potassium")
    _check_format(format_result, ("Hb", 88.0, "g/L", 0, "L"), what="a low haemoglobin")
    _check_format(format_result, ("Mg", 0.83, "mmol/L", 2, "N"), what="a normal magnesium")
    value = round(float(rng.uniform(135, 145)))
    _check_format(format_result, ("Na", float(value), "mmol/L", 0), what="the default flag")


# --- word_index and notes_mentioning ----------------------------------------------------------

_EDGE_PUNCTUATION = re.compile(f"^[{re.escape(string.punctuation)}]+|[{re.escape(string.punctuation)}]+$")


def _index_oracle(notes):
    index = {}
    for i, note in enumerate(notes):
        for piece in re.findall(r"\S+", note):
            word = _EDGE_PUNCTUATION.sub("", piece).lower()
            if word and i not in index.setdefault(word, []):
                index[word].append(i)
    return index


def _check_index(function, notes, *, what):
    got = expect_dict(function(list(notes)), name=f"word_index for {what}")
    want = _index_oracle(notes)
    extra = [k for k in got if k not in want]
    if extra:
        fail(f"word_index for {what} has key(s) that are not words of the notes, e.g. {extra[:3]}")
    missing = [k for k in want if k not in got]
    if missing:
        fail(f"word_index for {what} misses {len(missing)} of its {len(want)} words")
    for word, positions in want.items():
        value = expect_list(got[word], name=f"word_index for {what}: index[{word!r}]", item=int)
        check(value == positions, f"word_index for {what}: the positions listed for {word!r} are wrong")


@pytest.mark.grade(2, "For each note (enumerate), for each of its words, append the note's position to index[word].", uses=["word_index"])
def test_word_index_notes(word_index, rng):
    for k in range(3):
        notes = make_discharge_notes(rng, int(rng.integers(4, 12)))
        _check_index(word_index, notes, what=f"discharge notes set {k + 1}")


@pytest.mark.grade(1, "'Sepsis,' '(sepsis)' and 'SEPSIS' are all the word 'sepsis': strip string.punctuation from the ends, lower().", uses=["word_index"])
def test_word_index_case_and_punctuation(word_index):
    notes = [
        "Sepsis, source unclear (urine?).",
        "K 5.9 mmol/L (H) - treated; SEPSIS excluded.",
        '"Co-amoxiclav" stopped... e.g. rash!',
    ]
    _check_index(word_index, notes, what="notes with capitals and punctuation")


@pytest.mark.grade(1, "Each note's position appears once per word, in increasing order; no notes (or no words) give {}.", uses=["word_index"])
def test_word_index_repeats_and_empty(word_index):
    _check_index(word_index, ["Fever. Fever again, fever!", "no fever", "", "fever"], what="a word used three times in one note")
    _check_index(word_index, [], what="an empty list of notes")
    _check_index(word_index, ["", "   ", "... - !"], what="notes without words")


@pytest.mark.grade(1, "Read the notes without changing the caller's list.", uses=["word_index"])
def test_word_index_leaves_notes_unchanged(word_index, rng):
    notes = make_discharge_notes(rng, 6)
    got = call_checked(word_index, notes, name="word_index", unchanged=True)
    _check_index(lambda _: got, notes, what="a set of discharge notes")


def _check_mentions(function, notes, keyword, *, what):
    got = expect_list(function(list(notes), keyword), name=f"notes_mentioning for {what}", item=int)
    want = _index_oracle(notes).get(keyword.strip().lower(), [])
    check(got == want, f"notes_mentioning(notes, {keyword!r}) is wrong for {what}")


@pytest.mark.grade(2, "Return the positions of the notes whose words include the keyword, in order.", uses=["notes_mentioning"])
def test_notes_mentioning_random(notes_mentioning, rng):
    for k in range(3):
        notes = make_discharge_notes(rng, 10)
        words = sorted(_index_oracle(notes))
        for keyword in [words[i] for i in rng.choice(len(words), size=4, replace=False)] + ["thrombolysis"]:
            _check_mentions(notes_mentioning, notes, keyword, what=f"notes set {k + 1}")


@pytest.mark.grade(1, "Match whole words only: 'sepsis' is not in 'urosepsis' or 'sepsis-related'.", uses=["notes_mentioning"])
def test_notes_mentioning_whole_words(notes_mentioning):
    notes = ["Urosepsis, resolved.", "sepsis-related AKI", "Sepsis six given.", "antisepsis", "(sepsis)"]
    _check_mentions(notes_mentioning, notes, "sepsis", what="notes with 'sepsis' inside longer words")
    notes = ["Painless jaundice.", "chest pain; troponin negative", "PAIN score 3"]
    _check_mentions(notes_mentioning, notes, "pain", what="notes with 'painless'")


@pytest.mark.grade(1, "Strip and lower-case the keyword too: '  SEPSIS ' finds 'sepsis'.", uses=["notes_mentioning"])
@pytest.mark.parametrize("keyword", ["SEPSIS", "  Sepsis ", "Urosepsis\t"], ids=["upper-case", "padded", "tab-after"])
def test_notes_mentioning_keyword_case(notes_mentioning, keyword):
    notes = ["Sepsis, source unclear.", "no sepsis", "Admitted with urosepsis."]
    _check_mentions(notes_mentioning, notes, keyword, what=f"the keyword {keyword!r}")


@pytest.mark.grade(1, "Search the notes without changing the caller's list.", uses=["notes_mentioning"])
def test_notes_mentioning_leaves_notes_unchanged(notes_mentioning):
    notes = ["Sepsis, source unclear.", "Urosepsis treated", "no sepsis", "Discharged home."]
    got = call_checked(notes_mentioning, notes, "sepsis", name="notes_mentioning", unchanged=True)
    _check_mentions(lambda *_: got, notes, "sepsis", what="notes about sepsis")
