"""Labels from chest X-ray reports (AI for Medical Treatment, Week 2: Medical Question Answering).

A chest X-ray classifier needs labels for hundreds of thousands of images, and nobody reads that
many reports by hand: the labels are extracted from the radiologist's free text (CheXpert and
NegBio do it this way). Here you write the extractor: first by looking for mentions of each
finding, then by ignoring mentions that are negated ("no pleural effusion"), and finally you
measure how good such labels are, per finding, with precision, recall and F1. The labellers
are the course's simple rules (substring matching, a sentence with a negative word ignored):
the F1 table shows where they go wrong.

Replace each `raise NotImplementedError` with your code; keep the names and signatures. The
constants and `make_reports` imported below are given: you do not need to change them.
"""

from __future__ import annotations

import numpy as np  # noqa: F401
import pandas as pd  # noqa: F401

from autograde.datasets.reports import CATEGORIES, get_mention_keywords, make_reports  # noqa: F401 (given)

# --- given --------------------------------------------------------------------------------
# CATEGORIES: the 11 observations, in this order:
#   Cardiomegaly, Lung Lesion, Lung Opacity, Edema, Consolidation, Pneumonia, Atelectasis,
#   Pneumothorax, Pleural Effusion, Fracture, Support Devices.
# get_mention_keywords(category) -> that category's synonyms (lower-case phrases), e.g.
#   "Cardiomegaly"     -> ["cardiomegaly", "enlarged heart", "enlarged cardiac silhouette"]
#   "Lung Lesion"      -> ["mass", "masses", "nodule", "nodules", "lesion", "lesions"]
#   "Pleural Effusion" -> ["pleural effusion", "pleural effusions", "effusion", "effusions"]
#   "Support Devices"  -> ["line", "lines", "tube", "tubes", "catheter", "pacemaker"]
# make_reports(n_reports, seed=0) -> synthetic reports r with r.sentences (list of lower-case
#   sentences) and r.labels (the gold labels {category: 0 or 1}, written by a careful reader who
#   matches whole words and knows where a negation ends) to measure your labeller against.

# The course's negative words (all lower-case), for get_labels_negative_aware.
NEGATIVE_WORDS = ["no", "not", "doesn't", "does not", "have not", "can not", "can't", "n't"]

# Matching, as in the course: a phrase occurs in a sentence when it is a SUBSTRING of the
# lower-cased sentence (Python's `phrase in sentence`), even inside a longer word: "mass" occurs
# in "a massive effusion", "line" in "the trachea is midline", "no" in "a known nodule". These
# simple rules make mistakes on purpose: get_f1_table measures how many, against the gold labels.


# --- the exercise ---------------------------------------------------------------------------


def get_labels(sentence_l: list[str]) -> dict[str, bool]:
    """Which findings a report mentions at all, negated or not (the course's first labeller).

    Args:
        sentence_l: the report, one string per sentence (lower-case each sentence yourself:
            dictated reports may have capitals). May be empty.

    Returns:
        A dict with exactly the keys of CATEGORIES, each mapped to True if at least one of
        that category's synonyms (get_mention_keywords, lower-cased) occurs in at least one
        lower-cased sentence (`phrase in sentence`), else False.

    Example:
        >>> labels = get_labels(["No pleural effusion.", "the trachea is midline."])
        >>> labels["Pleural Effusion"], labels["Support Devices"], labels["Pneumothorax"]
        (True, True, False)
    """
    raise NotImplementedError


def get_labels_negative_aware(sentence_l: list[str]) -> dict[str, bool]:
    """Which findings a report says are PRESENT, by the course's negation rule.

    Like get_labels, except that a sentence in which one of NEGATIVE_WORDS occurs (as a substring
    of the lower-cased sentence, like the phrases) counts for nothing: none of the findings it
    mentions is set to True ("no pleural effusion or pneumothorax." gives neither). The rule is
    per sentence: a negative word never affects another sentence, and a finding mentioned in a
    sentence without negative words is True whatever other sentences say.

    Args:
        sentence_l: the report, one string per sentence (lower-case each one yourself). May be
            empty.

    Returns:
        A dict with exactly the keys of CATEGORIES, each mapped to True if that category is
        mentioned in at least one sentence without a negative word, else False.

    Example:
        >>> labels = get_labels_negative_aware(["mild cardiomegaly.", "No pleural effusion."])
        >>> labels["Cardiomegaly"], labels["Pleural Effusion"], labels["Pneumothorax"]
        (True, False, False)
    """
    raise NotImplementedError


def get_f1_table(gold: list[dict], predicted: list[dict]) -> pd.DataFrame:
    """Precision, recall and F1 of predicted labels against gold labels, one row per category.

    For each category, over the reports, with TP = gold 1 and predicted 1, FP = gold 0 and
    predicted 1, FN = gold 1 and predicted 0 (True counts as 1, False as 0):
        precision = TP / (TP + FP), and 0.0 when TP + FP == 0 (nothing predicted positive);
        recall    = TP / (TP + FN), and 0.0 when TP + FN == 0 (no gold positive);
        f1        = 2 TP / (2 TP + FP + FN) (= 2 P R / (P + R)), and 0.0 when TP = FP = FN = 0;
        support   = TP + FN, the number of gold positives.
    (These are scikit-learn's precision_recall_fscore_support with zero_division=0.)

    Args:
        gold, predicted: lists of the same length, one dict per report (every key of
            CATEGORIES, in any order), report i in position i; values 0/1 (the gold labels of
            make_reports) or True/False (what get_labels returns).

    Returns:
        A pandas DataFrame with index = CATEGORIES (in that order) and columns, in this order,
        "precision", "recall", "f1" (float64) and "support" (int64).

    Raises:
        ValueError: if gold and predicted have different lengths.

    Example:
        >>> gold = [{c: 0 for c in CATEGORIES} for _ in range(4)]
        >>> pred = [{c: 0 for c in CATEGORIES} for _ in range(4)]
        >>> for i in (0, 1): gold[i]["Edema"] = 1
        >>> for i in (1, 2): pred[i]["Edema"] = 1
        >>> get_f1_table(gold, pred).loc["Edema"].tolist()      # TP = 1, FP = 1, FN = 1
        [0.5, 0.5, 0.5, 2.0]
    """
    raise NotImplementedError
