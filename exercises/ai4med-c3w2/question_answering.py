"""Extractive question answering on radiology reports (AI for Medical Treatment, Week 2).

A clinician asks "how large is the effusion?" and a BERT model fine-tuned for question answering
reads the report. It does not write an answer: it scores every token of the passage as a
possible START of the answer and as a possible END, and the answer is the span between the best
pair. You write that choice, and turn the chosen WordPiece tokens back into readable text.

Replace each `raise NotImplementedError` with your code; keep the names and signatures. The
constants and `make_qa_example` below are given: you do not need to change them.
"""

from __future__ import annotations

import numpy as np

from autograde.datasets.reports import make_qa_example  # noqa: F401 (given)

# --- given --------------------------------------------------------------------------------
# make_qa_example(rng) -> ex with ex.tokens ([CLS] question [SEP] passage [SEP] [PAD]...),
#   ex.input_mask, ex.start_scores, ex.end_scores, and the true ex.answer_start, ex.answer_end,
#   ex.answer, to try your code on:  ex = make_qa_example(np.random.default_rng(0))

NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", "%", ")"}
NO_SPACE_AFTER = {"("}
JOINERS = {"-", "/"}  # no space on either side


# --- the exercise ---------------------------------------------------------------------------


def get_span_from_scores(
    start_scores: np.ndarray, end_scores: np.ndarray, input_mask: np.ndarray, verbose: bool = False
) -> tuple[int, int]:
    """The most likely answer span: the (start, end) pair of token positions with the largest
    start_scores[start] + end_scores[end] among the pairs with
      - start <= end (a one-token answer, start == end, is allowed), and
      - input_mask[start] == 1 and input_mask[end] == 1 (an answer comes from the passage; 0
        marks [CLS], the question, [SEP] and padding).
    Ties: the first best pair in row-major order, i.e. the smallest start, then the smallest end
    (what np.argmax over a (start, end) score matrix gives).

    Args:
        start_scores, end_scores: 1-d float numpy arrays of length n (logits, any real values).
        input_mask: 1-d int numpy array of length n with 0/1 values and at least one 1.
        verbose: if True, print the best start, end and their summed score; if False (the
            default) print nothing. It never changes the result.

    Returns:
        (max_start, max_end): a tuple of two ints (Python or numpy integers), positions into
        the n tokens, with max_start <= max_end.

    Example:
        >>> get_span_from_scores(np.array([9.0, 3.0, 2.0, 0.0, 5.0]),
        ...                      np.array([0.0, 3.0, 0.0, 4.0, 9.0]),
        ...                      np.array([0, 1, 1, 1, 0]))
        (1, 3)
    """
    raise NotImplementedError


def construct_answer(tokens: list[str]) -> str:
    """The text of a span of WordPiece tokens.

    Tokens are joined left to right with ONE space between two consecutive tokens, except
    that there is NO space
      - before a token starting with "##" (a piece continuing the previous word), whose "##"
        is removed ("card", "##iom", "##egaly" -> "cardiomegaly"); a FIRST token starting with
        "##" just loses its "##";
      - before a token in NO_SPACE_BEFORE (". , ; : ? ! % )") or after a token in
        NO_SPACE_AFTER ("(");
      - on either side of a token in JOINERS ("-", "/").
    The result has no leading or trailing space; an empty list gives "".

    Args:
        tokens: list of token strings (no token contains a space).

    Returns:
        A str.

    Example:
        >>> construct_answer(["small", "left", "-", "side", "##d", "pleural", "eff", "##usion",
        ...                   "(", "about", "15", "%", ")"])
        'small left-sided pleural effusion (about 15%)'
    """
    raise NotImplementedError
