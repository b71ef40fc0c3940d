"""Labels from chest X-ray reports: mentions, negation, and per-label precision/recall/F1."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from autograde.datasets.reports import (  # noqa: F401 (given)
    CATEGORIES,
    NEGATION_CUES,
    POST_NEGATION_CUES,
    SCOPE_TERMINATORS,
    get_mention_keywords,
    make_reports,
)


def find_phrase(phrase: str, sentence: str) -> list[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of `phrase` in `sentence` (no letter or
    digit directly before or after it)."""
    pattern = r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])"
    return [match.span() for match in re.finditer(pattern, sentence)]


def get_labels(sentence_l: list[str]) -> dict[str, int]:
    """1 for every category with a synonym anywhere in the report, negated or not; else 0."""
    observation_d = {category: 0 for category in CATEGORIES}
    for sentence in sentence_l:
        text = sentence.lower()
        for category in CATEGORIES:
            if any(find_phrase(phrase, text) for phrase in get_mention_keywords(category)):
                observation_d[category] = 1
    return observation_d


def is_negated(sentence: str, start: int, end: int) -> bool:
    """Is the mention sentence[start:end] negated by a cue in the same (lower-cased) sentence?"""
    terminators = [span for word in SCOPE_TERMINATORS for span in find_phrase(word, sentence)]

    def scope_ends_between(left: int, right: int) -> bool:
        return any(left <= t_start and t_end <= right for t_start, t_end in terminators)

    for cue in NEGATION_CUES:  # "no pleural effusion": the cue ends before the mention
        for _, cue_end in find_phrase(cue, sentence):
            if cue_end <= start and not scope_ends_between(cue_end, start):
                return True
    for cue in POST_NEGATION_CUES:  # "cardiomegaly is not seen": the cue starts after it
        for cue_start, _ in find_phrase(cue, sentence):
            if cue_start >= end and not scope_ends_between(end, cue_start):
                return True
    return False


def get_labels_negative_aware(sentence_l: list[str]) -> dict[str, int]:
    """1 for every category with at least one mention that is not negated; else 0."""
    observation_d = {category: 0 for category in CATEGORIES}
    for sentence in sentence_l:
        s = sentence.lower()
        for category in CATEGORIES:
            for phrase in get_mention_keywords(category):
                for start, end in find_phrase(phrase, s):
                    if not is_negated(s, start, end):
                        observation_d[category] = 1
    return observation_d


def _ratio(numerator: pd.Series, denominator: pd.Series) -> np.ndarray:
    """numerator / denominator elementwise, 0.0 where the denominator is 0."""
    num, den = numerator.to_numpy(dtype=float), denominator.to_numpy(dtype=float)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def get_f1_table(gold: list[dict[str, int]], predicted: list[dict[str, int]]) -> pd.DataFrame:
    """Per-category precision, recall, F1 (0.0 where undefined) and support (gold positives)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold label sets but {len(predicted)} predicted ones")
    y = pd.DataFrame(list(gold), columns=CATEGORIES) == 1
    p = pd.DataFrame(list(predicted), columns=CATEGORIES) == 1
    tp, fp, fn = (y & p).sum(), (~y & p).sum(), (y & ~p).sum()
    return pd.DataFrame(
        {
            "precision": _ratio(tp, tp + fp),
            "recall": _ratio(tp, tp + fn),
            "f1": _ratio(2 * tp, 2 * tp + fp + fn),
            "support": (tp + fn).to_numpy(dtype=np.int64),
        },
        index=CATEGORIES,
    )
