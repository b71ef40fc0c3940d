"""Labels from chest X-ray reports: mentions, negation, and per-label precision/recall/F1."""

from __future__ import annotations

import numpy as np
import pandas as pd

from autograde.datasets.reports import CATEGORIES, get_mention_keywords, make_reports  # noqa: F401 (given)

# the course's negative words (lower-case); a sentence containing one of them, even inside a
# longer word, is treated as negated as a whole
NEGATIVE_WORDS = ["no", "not", "doesn't", "does not", "have not", "can not", "can't", "n't"]


def mentions(sentence: str) -> set[str]:
    """The categories with a synonym occurring anywhere in the lower-cased sentence (Python's `in`)."""
    s = sentence.lower()
    return {category for category in CATEGORIES
            if any(phrase.lower() in s for phrase in get_mention_keywords(category))}


def get_labels(sentence_l: list[str]) -> dict[str, bool]:
    """True for every category with a synonym anywhere in the report, negated or not; else False."""
    found = set().union(*(mentions(sentence) for sentence in sentence_l))
    return {category: category in found for category in CATEGORIES}


def get_labels_negative_aware(sentence_l: list[str]) -> dict[str, bool]:
    """Like get_labels, but a sentence containing one of NEGATIVE_WORDS counts for nothing."""
    affirmed = [sentence for sentence in sentence_l
                if not any(word in sentence.lower() for word in NEGATIVE_WORDS)]
    return get_labels(affirmed)


def _ratio(numerator: pd.Series, denominator: pd.Series) -> np.ndarray:
    """numerator / denominator elementwise, 0.0 where the denominator is 0."""
    num, den = numerator.to_numpy(dtype=float), denominator.to_numpy()
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def get_f1_table(gold: list[dict], predicted: list[dict]) -> pd.DataFrame:
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
            "support": (tp + fn).to_numpy(),
        },
        index=CATEGORIES,
    )
