"""Extractive question answering: choose the answer span from BERT's scores, then turn its
WordPiece tokens back into text (the course's post-processing)."""

from __future__ import annotations

import numpy as np

from autograde.datasets.reports import make_qa_example  # noqa: F401 (given)


def get_span_from_scores(
    start_scores: np.ndarray, end_scores: np.ndarray, input_mask: np.ndarray, verbose: bool = False
) -> tuple[int, int]:
    """The (start, end) with start <= end, both where input_mask == 1, that maximises
    start_scores[start] + end_scores[end]; ties go to the first pair in row-major order."""
    allowed = np.asarray(input_mask) == 1
    n = len(start_scores)
    valid = np.triu(np.outer(allowed, allowed))  # start <= end, both inside the mask
    scores = np.where(valid, start_scores[:, None] + end_scores[None, :], -np.inf)
    max_start, max_end = divmod(int(np.argmax(scores)), n)  # argmax: first maximum, row-major
    if verbose:
        print(f"max start is at index {max_start} and score {start_scores[max_start]}")
        print(f"max end is at index {max_end} and score {end_scores[max_end]}")
        print(f"max start + max end sum of scores is {scores[max_start, max_end]}")
    return max_start, max_end


def construct_answer(tokens: list[str]) -> str:
    """Join tokens with spaces, glue "##" pieces to the previous token, strip; no spaces at all
    when one token is "@" (the course's post-processing)."""
    out_string = " ".join(tokens).replace(" ##", "").strip()
    if "@" in tokens:
        out_string = out_string.replace(" ", "")
    return out_string
