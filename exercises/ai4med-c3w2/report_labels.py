"""Labels from chest X-ray reports (AI for Medical Treatment, Week 2: Medical Question Answering).

A chest X-ray classifier needs labels for hundreds of thousands of images, and nobody reads that
many reports by hand: the labels are extracted from the radiologist's free text (CheXpert and
NegBio do it this way). Here you write the extractor: first by looking for mentions of each
finding, then by ignoring mentions that are negated ("no pleural effusion"), and finally you
measure how good such labels are, per finding, with precision, recall and F1.

Replace each `raise NotImplementedError` with your code; keep the names and signatures. The
constants and `make_reports` imported below are given: you do not need to change them.
"""

from __future__ import annotations

import re  # noqa: F401 (you may find it useful)

import numpy as np  # noqa: F401
import pandas as pd  # noqa: F401

from autograde.datasets.reports import (  # noqa: F401 (given)
    CATEGORIES,
    NEGATION_CUES,
    POST_NEGATION_CUES,
    SCOPE_TERMINATORS,
    get_mention_keywords,
    make_reports,
)

# --- given --------------------------------------------------------------------------------
# CATEGORIES: the 11 observations, in this order:
#   Cardiomegaly, Lung Lesion, Lung Opacity, Edema, Consolidation, Pneumonia, Atelectasis,
#   Pneumothorax, Pleural Effusion, Fracture, Support Devices.
# get_mention_keywords(category) -> that category's synonyms (lower-case phrases), e.g.
#   "Cardiomegaly"     -> ["cardiomegaly", "enlarged heart", "enlarged cardiac silhouette"]
#   "Lung Lesion"      -> ["mass", "masses", "nodule", "nodules", "lesion", "lesions"]
#   "Pleural Effusion" -> ["pleural effusion", "pleural effusions", "effusion", "effusions"]
#   "Support Devices"  -> ["line", "lines", "tube", "tubes", "catheter", "pacemaker"]
# NEGATION_CUES      = ["no", "not", "without", "negative for", "free of", "no evidence of"]
# POST_NEGATION_CUES = ["is not seen", "are not seen", "is absent", "are absent", "has resolved", "have resolved"]
# SCOPE_TERMINATORS  = ["but", "however", "although", "though", "except"]
# make_reports(n_reports, seed=0) -> synthetic reports r with r.sentences (list of lower-case
#   sentences), r.mentioned and r.labels (gold dicts {category: 0 or 1}) to try your code on.
#
# Whole-word matching, used by everything below: a phrase occurs in a sentence where its exact
# characters appear in the LOWER-CASED sentence with no letter or digit (a-z, 0-9) directly
# before or after them. So "mass" occurs in "a left hilar mass." but not in "a massive effusion";
# "line" occurs in "a right picc line" but not in "the trachea is midline"; "no" occurs in
# "no pneumothorax" but not in "a known nodule". (re: r"(?<![a-z0-9])" + re.escape(phrase) +
# r"(?![a-z0-9])".) Plurals are their own synonyms: "effusion" does not occur in "effusions".


# --- the exercise ---------------------------------------------------------------------------


def get_labels(sentence_l: list[str]) -> dict[str, int]:
    """Which findings a report mentions at all, negated or not.

    Args:
        sentence_l: the report, one string per sentence (usually lower-case already; lower-case
            each sentence yourself anyway, dictated reports may have capitals). May be empty.

    Returns:
        A new dict with exactly the keys of CATEGORIES, each mapped to the int 1 if at least one
        of that category's synonyms (get_mention_keywords) occurs as a whole word in at least
        one sentence, else the int 0.

    Example:
        >>> labels = get_labels(["no pleural effusion.", "a massive left pleural effusion.",
        ...                      "the trachea is midline."])
        >>> labels["Pleural Effusion"], labels["Lung Lesion"], labels["Support Devices"]
        (1, 0, 0)
    """
    raise NotImplementedError


def get_labels_negative_aware(sentence_l: list[str]) -> dict[str, int]:
    """Which findings a report says are PRESENT: like get_labels, but negated mentions do not count.

    A mention is one whole-word occurrence of a synonym in a lower-cased sentence, at
    characters [start, end). It is negated when, IN THE SAME SENTENCE, either
      - a NEGATION_CUES phrase occurs (whole word) ending at or before `start` ("no pleural
        effusion", "without evidence of pneumothorax"), or
      - a POST_NEGATION_CUES phrase occurs (whole word) starting at or after `end`
        ("cardiomegaly is not seen", "the left pneumothorax has resolved"),
    and no SCOPE_TERMINATORS word occurs (whole word) entirely between the cue and the mention
    ("no pneumothorax, but there is a small effusion": "but" ends the scope of "no", so the
    effusion is present). A cue in one sentence never negates a mention in another sentence,
    and a pre-negation cue AFTER a mention does not negate it ("mild cardiomegaly without
    pleural effusion": cardiomegaly present, effusion not).

    Args:
        sentence_l: the report, one string per sentence (lower-case each one yourself). May be empty.

    Returns:
        A new dict with exactly the keys of CATEGORIES, each mapped to the int 1 if that category
        has at least one mention, in any sentence, that is not negated, else the int 0. A negated
        mention never cancels another one ("no left effusion." + "small right effusion." -> 1).

    Example:
        >>> labels = get_labels_negative_aware(["mild cardiomegaly without pleural effusion.",
        ...                                     "pneumothorax is not seen."])
        >>> labels["Cardiomegaly"], labels["Pleural Effusion"], labels["Pneumothorax"]
        (1, 0, 0)
    """
    raise NotImplementedError


def get_f1_table(gold: list[dict[str, int]], predicted: list[dict[str, int]]) -> pd.DataFrame:
    """Precision, recall and F1 of predicted labels against gold labels, one row per category.

    For each category, over the reports, with TP = gold 1 and predicted 1, FP = gold 0 and
    predicted 1, FN = gold 1 and predicted 0:
        precision = TP / (TP + FP), and 0.0 when TP + FP == 0 (nothing predicted positive);
        recall    = TP / (TP + FN), and 0.0 when TP + FN == 0 (no gold positive);
        f1        = 2 TP / (2 TP + FP + FN) (= 2 P R / (P + R)), and 0.0 when TP = FP = FN = 0;
        support   = TP + FN, the number of gold positives.
    (These are scikit-learn's precision_recall_fscore_support with zero_division=0.)

    Args:
        gold, predicted: lists of the same length, one dict per report as returned by
            get_labels (every key of CATEGORIES, values 0 or 1), report i in position i.

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
