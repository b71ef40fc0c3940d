"""Hidden graders for ai4med-c3w2, part 2: extractive QA span selection and answer text.

Oracles: a brute-force O(n^2) search over all (start, end) pairs, visited in row-major order
with a strict '>' (first maximum wins), as the course's loops do; the course's post-processing
of the answer tokens written out here (join with spaces, drop " ##", strip, no spaces when a
token is "@"); and the seeded QA generator (autograde.datasets.reports), which knows the answer
span and, for answers made of words only, the exact answer text.
"""

import re

import numpy as np
import pytest

from autograde.checks import check, expect_number, expect_tuple, fail
from autograde.datasets.reports import make_answer, make_qa_example, wordpiece_tokenize


def brute_force_span(start_scores, end_scores, input_mask):
    best, best_pair = -np.inf, None
    n = len(start_scores)
    for i in range(n):
        for j in range(i, n):
            if input_mask[i] == 1 and input_mask[j] == 1 and start_scores[i] + end_scores[j] > best:
                best, best_pair = start_scores[i] + end_scores[j], (i, j)
    assert best_pair is not None, "grader invariant: the mask has a 1"
    return best_pair


def learner_span(function, start_scores, end_scores, input_mask, **kwargs):
    """Call with copies; check a tuple of two integers in range."""
    n = len(start_scores)
    span = function(start_scores.copy(), end_scores.copy(), list(input_mask) if type(input_mask) is list else input_mask.copy(), **kwargs)
    span = expect_tuple(span, name="get_span_from_scores(...)", length=2)
    start = int(expect_number(span[0], name="max_start", integer=True))
    end = int(expect_number(span[1], name="max_end", integer=True))
    check(0 <= start < n and 0 <= end < n, "max_start and max_end should be token positions 0..n-1")
    return start, end


def random_case(rng, n, *, integer=False):
    """Scores and a contiguous passage mask ([CLS] question [SEP] passage [SEP] padding)."""
    first = int(rng.integers(1, n // 3 + 1))
    last = int(rng.integers(first, n - 1))
    mask = np.zeros(n, dtype=np.int64)
    mask[first : last + 1] = 1
    if integer:
        return rng.integers(-3, 4, n).astype(float), rng.integers(-3, 4, n).astype(float), mask
    return rng.normal(0, 2, n), rng.normal(0, 2, n), mask


def check_span(function, start_scores, end_scores, mask, *, what):
    start, end = learner_span(function, start_scores, end_scores, mask)
    check(start <= end, f"{what}: the span ends before it starts (max_end < max_start)")
    check(bool(mask[start] == 1 and mask[end] == 1), f"{what}: the span starts or ends outside input_mask")
    check((start, end) == brute_force_span(start_scores, end_scores, mask), f"{what}: not the best-scoring span")


# --- get_span_from_scores ------------------------------------------------------------------


@pytest.mark.grade(1, "Return a tuple (max_start, max_end) of two ints.", uses=["get_span_from_scores"])
def test_span_returns_int_pair(get_span_from_scores, rng):
    ex = make_qa_example(rng, decoys=False)
    learner_span(get_span_from_scores, ex.start_scores, ex.end_scores, ex.input_mask)


@pytest.mark.grade(2, "Search every pair start <= end inside the mask for the largest start_score + end_score.", uses=["get_span_from_scores"])
def test_span_matches_brute_force(get_span_from_scores, rng):
    for k in range(25):
        n = int(rng.integers(6, 48))
        check_span(get_span_from_scores, *random_case(rng, n), what=f"random case {k + 1} (n = {n})")


@pytest.mark.grade(1, "The end may not come before the start: maximise over pairs with start <= end, not separately.", uses=["get_span_from_scores"])
def test_span_never_ends_before_start(get_span_from_scores, rng):
    for k in range(6):
        n = int(rng.integers(12, 40))
        start_scores, end_scores = rng.normal(0, 1, n), rng.normal(0, 1, n)
        early, late = sorted(int(i) for i in rng.choice(np.arange(1, n - 1), size=2, replace=False))
        end_scores[early] += 9.0   # the best end on its own comes first ...
        start_scores[late] += 9.0  # ... the best start on its own comes after it
        mask = np.ones(n, dtype=np.int64)
        check_span(get_span_from_scores, start_scores, end_scores, mask, what=f"case {k + 1}")


@pytest.mark.grade(1, "Both ends of the answer must lie where input_mask == 1 (the passage; a list or an array), whatever the scores elsewhere.", uses=["get_span_from_scores"])
def test_span_inside_mask(get_span_from_scores, rng):
    for k in range(8):
        ex = make_qa_example(rng)
        start_scores, end_scores = ex.start_scores.copy(), ex.end_scores.copy()
        outside = np.flatnonzero(ex.input_mask == 0)
        start_scores[outside] += 20.0  # the question and the padding score highest
        end_scores[outside] += 20.0
        mask = ex.input_mask.tolist() if k % 2 else ex.input_mask  # the course's prepare_bert_input makes a list
        check_span(get_span_from_scores, start_scores, end_scores, mask,
                   what=f"case {k + 1} (input_mask a {type(mask).__name__})")


@pytest.mark.grade(1, "Several pairs can tie: keep the first best pair in row-major order (smallest start, then smallest end).", uses=["get_span_from_scores"])
def test_span_ties_first_in_row_major(get_span_from_scores, rng):
    # four best pairs, (1, 4), (1, 6), (3, 4), (3, 6): the first in row-major order is (1, 4)
    start_scores = np.array([9.0, 4.0, 0.0, 4.0, 0.0, 0.0, 0.0, 9.0])
    end_scores = np.array([9.0, 0.0, 0.0, 0.0, 3.0, 0.0, 3.0, 9.0])
    mask = np.array([0, 1, 1, 1, 1, 1, 1, 0])
    check_span(get_span_from_scores, start_scores, end_scores, mask, what="four tied best spans")
    # two one-token answers tie, (1, 1) and (2, 2); (1, 2) scores less
    check_span(get_span_from_scores, np.array([0.0, 1.0, 5.0]), np.array([0.0, 5.0, 1.0]), np.array([0, 1, 1]),
               what="two tied one-token spans")
    for k in range(20):
        n = int(rng.integers(6, 30))
        check_span(get_span_from_scores, *random_case(rng, n, integer=True), what=f"integer scores with ties, case {k + 1}")


@pytest.mark.grade(1, "A one-token answer (start == end) is a valid span.", uses=["get_span_from_scores"])
def test_span_single_token_answer(get_span_from_scores, rng):
    for k in range(6):
        n = int(rng.integers(10, 40))
        start_scores, end_scores, mask = random_case(rng, n)
        inside = np.flatnonzero(mask == 1)
        at = int(rng.choice(inside))
        start_scores[at] += 12.0
        end_scores[at] += 12.0
        check_span(get_span_from_scores, start_scores, end_scores, mask, what=f"one-token answer, case {k + 1}")


@pytest.mark.grade(1, "verbose=False is the default and prints nothing; verbose=True prints but returns the same span.", uses=["get_span_from_scores"])
def test_span_verbose_flag(get_span_from_scores, rng, capsys):
    ex = make_qa_example(rng)
    quiet = learner_span(get_span_from_scores, ex.start_scores, ex.end_scores, ex.input_mask)
    check(capsys.readouterr().out == "", "get_span_from_scores printed something although verbose was not asked for")
    loud = learner_span(get_span_from_scores, ex.start_scores, ex.end_scores, ex.input_mask, verbose=True)
    check(loud == quiet, "verbose=True changed the span returned")


NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")


@pytest.mark.grade(1, "With verbose=True, print the best start index, the best end index and their summed score.", verify=False, uses=["get_span_from_scores"])
def test_span_verbose_prints_the_span(get_span_from_scores, rng, capsys):
    checked = 0
    for k in range(12):
        n = int(rng.integers(16, 40))
        start_scores, end_scores, mask = random_case(rng, n)
        start, end = brute_force_span(start_scores, end_scores, mask)
        if start == end or checked == 3:  # spans of two or more tokens: the start and the end index both show
            continue
        checked += 1
        capsys.readouterr()
        learner_span(get_span_from_scores, start_scores, end_scores, mask, verbose=True)
        printed = [float(x) for x in NUMBER.findall(capsys.readouterr().out)]
        check(bool(printed), "get_span_from_scores(..., verbose=True) printed no number")
        check(float(start) in printed, f"case {k + 1}: verbose=True should print the index of the best start")
        check(float(end) in printed, f"case {k + 1}: verbose=True should print the index of the best end")
        total = float(start_scores[start] + end_scores[end])
        check(any(abs(x - total) <= 0.005 + 1e-9 * abs(total) for x in printed),
              f"case {k + 1}: verbose=True should print the summed score of the best span (to 2 decimals or more)")
    assert checked == 3, "grader invariant: three spans of two or more tokens"


# --- construct_answer ----------------------------------------------------------------------


def course_answer(tokens):
    """The course's post-processing, step by step."""
    text = " ".join(tokens)
    text = text.replace(" ##", "")
    text = text.strip()
    if "@" in tokens:
        text = text.replace(" ", "")
    return text


def check_answer(function, tokens, text, *, what):
    got = function(list(tokens))
    if type(got) is not str:
        fail(f"construct_answer should return a str, got {type(got).__name__}")
    check(got == text, f"construct_answer({tokens}) is wrong ({what})")


@pytest.mark.grade(2, "Join the tokens with one space, then glue each '##' token to the previous one: remove every ' ##'.", uses=["construct_answer"])
def test_construct_answer_merges_wordpieces(construct_answer, rng):
    for _ in range(15):
        text = make_answer(rng, punctuation=False)
        tokens = wordpiece_tokenize(text, rng, split_prob=0.9)
        assert course_answer(tokens) == text, "grader invariant: word-only answers come back exactly"
        check_answer(construct_answer, tokens, text, what="WordPiece pieces")


@pytest.mark.grade(1, "Punctuation tokens are joined like any other token, with one space on each side (the course's ' '.join).", uses=["construct_answer"])
def test_construct_answer_punctuation_tokens(construct_answer, rng):
    for _ in range(12):
        tokens = wordpiece_tokenize(make_answer(rng, punctuation=True), rng, split_prob=0.5)
        check_answer(construct_answer, tokens, course_answer(tokens), what="punctuation tokens")


@pytest.mark.grade(1, "Strip leading and trailing whitespace; a token carrying its own spaces keeps its inner ones.", uses=["construct_answer"])
@pytest.mark.parametrize(
    "tokens",
    [[" ## small", "left ", "effusion   "], ["  mild", "cardio", "##megaly ", " "], ["edema"]],
    ids=["leading-hashes-and-trailing-spaces", "spaces-around", "one-token"],
)
def test_construct_answer_strips(construct_answer, tokens):
    check_answer(construct_answer, tokens, course_answer(tokens), what="whitespace at the ends")


@pytest.mark.grade(1, "If one of the tokens is exactly '@' (an e-mail address), remove every space from the answer.", uses=["construct_answer"])
@pytest.mark.parametrize(
    "tokens",
    [["dr", ".", "lee", "@", "hospital", ".", "org"], ["radi", "##ology", "-", "desk", "@", "example", ".", "com"],
     ["call", "dr", ".", "lee", "at", "4", "##12"]],
    ids=["address", "address-with-wordpieces", "no-at-sign"],
)
def test_construct_answer_email(construct_answer, tokens):
    check_answer(construct_answer, tokens, course_answer(tokens), what="an '@' among the tokens" if "@" in tokens else "no '@'")


@pytest.mark.grade(1, "An empty span gives ''.", uses=["construct_answer"])
def test_construct_answer_empty(construct_answer):
    check_answer(construct_answer, ["effusion", "##s"], "effusions", what="two tokens")
    check_answer(construct_answer, [], "", what="an empty span")


@pytest.mark.grade(2, "Pipeline: span from the scores, then the text of tokens[max_start : max_end + 1].", uses=["get_span_from_scores", "construct_answer"])
def test_qa_pipeline_recovers_answer(get_span_from_scores, construct_answer, rng):
    for k in range(12):
        ex = make_qa_example(rng)
        assert brute_force_span(ex.start_scores, ex.end_scores, ex.input_mask) == (ex.answer_start, ex.answer_end), (
            "grader invariant: the generated scores point at the answer"
        )
        start, end = learner_span(get_span_from_scores, ex.start_scores, ex.end_scores, ex.input_mask)
        check((start, end) == (ex.answer_start, ex.answer_end), f"question {k + 1} ({ex.question!r}): wrong answer span")
        check_answer(construct_answer, ex.tokens[start : end + 1], course_answer(ex.tokens[ex.answer_start : ex.answer_end + 1]),
                     what=f"answer to question {k + 1}")
