"""ai4med-c3w2 labels written the way the course's notebook has learners write them (a second reference).

The course's idioms: an observation dict initialised to False for every category, nested loops
over sentences, categories and phrases, lower-casing, Python's `in` on strings, and for the
negative-aware labeller a negative_flag per sentence set from the course's negative_word_l.
get_f1_table is not a course exercise (the course gives its own utility); it is written here
with the same plain loops. It must get full marks: the graders keep the course's contract.
"""

import numpy as np
import pandas as pd

from autograde.datasets.reports import CATEGORIES, get_mention_keywords


def get_labels(sentence_l):
    observation_d = {}
    for cat in CATEGORIES:
        observation_d[cat] = False

    for s in sentence_l:
        s = s.lower()
        for cat in observation_d.keys():
            for phrase in get_mention_keywords(cat):
                phrase = phrase.lower()
                if phrase in s:
                    observation_d[cat] = True

    return observation_d


def get_labels_negative_aware(sentence_l):
    negative_word_l = ["no", "not", "doesn't", "does not", "have not", "can not", "can't", "n't"]
    observation_d = {}
    for cat in CATEGORIES:
        observation_d[cat] = False

    for s in sentence_l:
        s = s.lower()
        negative_flag = False
        for neg in negative_word_l:
            if neg in s:
                negative_flag = True
                break

        if not negative_flag:
            for cat in observation_d.keys():
                for phrase in get_mention_keywords(cat):
                    phrase = phrase.lower()
                    if phrase in s:
                        observation_d[cat] = True

    return observation_d


def get_f1_table(gold, predicted):
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted should have the same length")
    rows = []
    for cat in CATEGORIES:
        tp, fp, fn = 0, 0, 0
        for g, p in zip(gold, predicted):
            if g[cat] == 1 and p[cat] == 1:
                tp += 1
            elif g[cat] == 0 and p[cat] == 1:
                fp += 1
            elif g[cat] == 1 and p[cat] == 0:
                fn += 1
        precision = tp / (tp + fp) if tp + fp > 0 else 0.0
        recall = tp / (tp + fn) if tp + fn > 0 else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn > 0 else 0.0
        rows.append([precision, recall, f1, tp + fn])
    table = pd.DataFrame(rows, index=CATEGORIES, columns=["precision", "recall", "f1", "support"])
    table["support"] = table["support"].astype(np.int64)
    return table
