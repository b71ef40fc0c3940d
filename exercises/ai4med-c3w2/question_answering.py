"""Extractive question answering on radiology reports (AI for Medical Treatment, Week 2).

A clinician asks "how large is the effusion?" and a BERT model fine-tuned for question answering
reads the report. It does not write an answer: it scores every token of the passage as a
possible START of the answer and as a possible END, and the answer is the span between the best
pair. You write that choice, and turn the chosen WordPiece tokens back into readable text.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
`make_qa_example` below is given: you do not need to change it.
"""

from __future__ import annotations

import numpy as np

from autograde.datasets.reports import make_qa_example  # noqa: F401 (given)

# --- given --------------------------------------------------------------------------------
# make_qa_example(rng) -> ex with ex.tokens ([CLS] question [SEP] passage [SEP] [PAD]...),
#   ex.input_mask, ex.start_scores, ex.end_scores, and the true ex.answer_start, ex.answer_end,
#   ex.answer (the answer as written in the report: construct_answer spaces punctuation tokens
#   like words, so it may differ there), to try your code on:
#   ex = make_qa_example(np.random.default_rng(0))



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
        input_mask: a list or 1-d int numpy array of length n with 0/1 values and at least one 1
            (the course's prepare_bert_input makes a list).
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
    """The text of a span of WordPiece tokens, by the course's post-processing.

    1. Join the tokens with ONE space between two consecutive tokens (" ".join).
    2. Remove every " ##" (a space followed by "##"): a token starting with "##" continues the
       previous word ("card", "##iom", "##egaly" -> "cardiomegaly").
    3. Remove leading and trailing whitespace (str.strip).
    4. If one of the tokens is exactly "@" (an e-mail address), remove every space.
    Punctuation tokens are joined like any other token: ["15", "%"] gives "15 %".

    Args:
        tokens: list of token strings (a token may carry spaces of its own).

    Returns:
        A str ("" for an empty list).

    Example:
        >>> construct_answer(["small", "left", "pleural", "eff", "##usion", "(", "15", "%", ")"])
        'small left pleural effusion ( 15 % )'
        >>> construct_answer(["dr", ".", "lee", "@", "hospital", ".", "org"])
        'dr.lee@hospital.org'
    """
    raise NotImplementedError
