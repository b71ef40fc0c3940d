"""Hidden graders for ai4med-c3w2, part 1: labels from chest X-ray reports and their evaluation.

Oracles: the course's labelling rules written out here (a phrase or a negative word occurs where
it is a substring of the lower-cased sentence; a sentence holding a negative word counts for
nothing), applied to the seeded report generator's sentences (autograde.datasets.reports) and to
hand-written sentences for each clause of the contract, and scikit-learn's
precision_recall_fscore_support(zero_division=0) for the F1 table (against the generator's gold
labels).
"""

import numpy as np
import pytest
from sklearn.metrics import precision_recall_fscore_support

from autograde.checks import check, expect_bool, expect_frame, fail
from autograde.datasets.reports import CATEGORIES, get_mention_keywords, make_reports

COLUMNS = ["precision", "recall", "f1", "support"]

# the course's negative words, as the exercise states them
NEGATIVE_WORDS = ["no", "not", "doesn't", "does not", "have not", "can not", "can't", "n't"]


def course_labels(sentences, negative_aware=False):
    """The course's labeller: substring matching on lower-cased sentences; with ``negative_aware``,
    a sentence containing a negative word (as a substring) is skipped."""
    labels = {category: False for category in CATEGORIES}
    for sentence in sentences:
        s = sentence.lower()
        if negative_aware and any(word in s for word in NEGATIVE_WORDS):
            continue
        for category in CATEGORIES:
            if any(phrase.lower() in s for phrase in get_mention_keywords(category)):
                labels[category] = True
    return labels


def expect_label_dict(value, *, name):
    """A real dict with exactly the keys of CATEGORIES and bool values -> a trusted dict."""
    if type(value) is not dict:
        fail(f"{name} should be a dict {{category: True or False}}, got {type(value).__name__}")
    keys = list(value.keys())
    missing = [c for c in CATEGORIES if c not in keys]
    extra = [k for k in keys if k not in CATEGORIES]
    if missing:
        fail(f"{name} is missing the categories {missing}")
    if extra:
        fail(f"{name} has keys that are not categories: {extra[:3]}")
    return {category: expect_bool(value[category], name=f"{name}[{category!r}]") for category in CATEGORIES}


def reports(*cases):
    """A graded test over fixed reports: each case (sentences, {category: expected}), named report_1, ..."""
    return pytest.mark.parametrize(("sentences", "expected"), cases, ids=[f"report_{k}" for k in range(1, len(cases) + 1)])


def check_report(function, sentences, expected, *, what):
    """The labels ``function`` gives the report; the message names the input, not the answer."""
    got = expect_label_dict(function(list(sentences)), name=f"{what}({sentences})")
    for category, value in expected.items():
        check(got[category] == value, f"{what}: the label of {category!r} is wrong for the report {sentences}")


def check_against_course(function, reports, *, what, negative_aware):
    for report in reports:
        got = expect_label_dict(function(list(report.sentences)), name=f"{what} of a report")
        expected = course_labels(report.sentences, negative_aware=negative_aware)
        wrong = [c for c in CATEGORIES if got[c] != expected[c]]
        if wrong:
            fail(f"{what}: the label of {wrong[0]!r} is wrong ({len(wrong)} wrong label(s)) "
                 f"for the report {report.sentences}")


# --- get_labels ------------------------------------------------------------------------------


@pytest.mark.grade(1, "Return a dict with every category of CATEGORIES as a key and True or False as value.", uses=["get_labels"])
def test_get_labels_returns_every_category(get_labels, rng):
    report = make_reports(1, rng=rng)[0]
    expect_label_dict(get_labels(list(report.sentences)), name="get_labels(...)")
    empty = expect_label_dict(get_labels([]), name="get_labels([])")
    check(not any(empty.values()), "get_labels([]) should give False for every category (no sentence, no mention)")


@pytest.mark.grade(3, "A category is True when any of its synonyms occurs in any (lower-cased) sentence, negated or not.", uses=["get_labels"])
def test_get_labels_matches_course_rule(get_labels, rng):
    check_against_course(get_labels, make_reports(120, rng=rng), what="get_labels", negative_aware=False)


@pytest.mark.grade(1, "As in the course, a synonym counts wherever it occurs in the sentence (`phrase in sentence`), even inside a longer word.", uses=["get_labels"])
@reports(
    (["a massive right pleural effusion."], {"Lung Lesion": True, "Pleural Effusion": True}),
    (["the trachea is midline."], {"Support Devices": True}),
    (["history of treated tuberculosis.", "stable compared with the baseline radiograph."], {"Support Devices": True}),
    (["left-sided effusion/atelectasis."], {"Pleural Effusion": True, "Atelectasis": True}),
    (["mass in the right upper lobe"], {"Lung Lesion": True, "Fracture": False}),
)
def test_get_labels_substrings(get_labels, sentences, expected):
    check_report(get_labels, sentences, expected, what="get_labels")


@pytest.mark.grade(1, "Lower-case each sentence before matching: dictated reports can have capitals.", uses=["get_labels"])
@reports(
    (["Moderate Cardiomegaly.", "Right PICC Line in the low SVC."], {"Cardiomegaly": True, "Support Devices": True}),
    (["NO PLEURAL EFFUSION."], {"Pleural Effusion": True}),
)
def test_get_labels_case_insensitive(get_labels, sentences, expected):
    check_report(get_labels, sentences, expected, what="get_labels")


# --- get_labels_negative_aware -------------------------------------------------------------


@pytest.mark.grade(3, "A category is True when it is mentioned in at least one sentence that holds none of the NEGATIVE_WORDS.", uses=["get_labels_negative_aware"])
def test_negative_aware_matches_course_rule(get_labels_negative_aware, rng):
    check_against_course(get_labels_negative_aware, make_reports(150, rng=rng), what="get_labels_negative_aware",
                         negative_aware=True)


@pytest.mark.grade(2, "A sentence with a negative word counts for nothing: none of the findings it mentions is set to True.", uses=["get_labels_negative_aware"])
@reports(
    (["mild cardiomegaly, but no pleural effusion."], {"Cardiomegaly": False, "Pleural Effusion": False}),
    (["no pneumothorax, but there is a small left pleural effusion."], {"Pneumothorax": False, "Pleural Effusion": False}),
    (["no focal consolidation.", "bibasilar atelectasis."], {"Consolidation": False, "Atelectasis": True}),
)
def test_negative_sentence_counts_for_nothing(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(2, "The rule works sentence by sentence: 'no pneumothorax.' says nothing about the next sentence.", uses=["get_labels_negative_aware"])
@reports(
    (["there is no pneumothorax", "small left pleural effusion"], {"Pneumothorax": False, "Pleural Effusion": True}),
    (["cardiomegaly.", "no acute osseous abnormality."], {"Cardiomegaly": True}),
    (["negative for pneumonia.", "a right chest tube."], {"Pneumonia": True, "Support Devices": True}),
)
def test_negation_stays_in_its_sentence(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "Every word of NEGATIVE_WORDS counts, found like the phrases: as a substring of the lower-cased sentence.", uses=["get_labels_negative_aware"])
@reports(
    (["cardiomegaly is not seen."], {"Cardiomegaly": False}),
    (["a pneumothorax can't be excluded."], {"Pneumothorax": False}),
    (["the effusion does not change."], {"Pleural Effusion": False}),
    (["a known right hilar mass."], {"Lung Lesion": False}),
    (["the right pneumothorax isn't seen today."], {"Pneumothorax": False}),
    (["mild pulmonary edema."], {"Edema": True}),
)
def test_negative_words_as_substrings(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "One sentence without a negative word is enough: a negated sentence elsewhere must not reset the label to False.", uses=["get_labels_negative_aware"])
@reports(
    (["a small right pleural effusion.", "no left pleural effusion."], {"Pleural Effusion": True}),
    (["no left pleural effusion.", "a small right pleural effusion."], {"Pleural Effusion": True}),
    (["a tiny left pneumothorax.", "the right pneumothorax is not seen."], {"Pneumothorax": True}),
)
def test_one_affirmed_sentence_is_enough(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "Lower-case the sentence before looking for negative words as well as findings.", uses=["get_labels_negative_aware"])
@reports(
    (["No Pneumothorax.", "Moderate Cardiomegaly."], {"Pneumothorax": False, "Cardiomegaly": True}),
    (["Pleural Effusion Is NOT Seen."], {"Pleural Effusion": False}),
)
def test_negative_aware_case_insensitive(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


# --- get_f1_table --------------------------------------------------------------------------


def noisy(labels, rng, flip=0.15):
    """Predictions: the gold labels with each entry flipped with probability `flip`."""
    return [{c: int(v) ^ int(rng.random() < flip) for c, v in d.items()} for d in labels]


def expect_f1_table(value, *, name="get_f1_table(...)"):
    table = expect_frame(value, name=name, columns=COLUMNS)
    check(list(table.columns) == COLUMNS, f"{name} should have the columns {COLUMNS} in this order")
    check(list(table.index) == list(CATEGORIES), f"{name} should have one row per category, index = CATEGORIES in order")
    for column in COLUMNS[:3]:
        check(table[column].dtype == np.float64, f"column {column!r} of {name} should hold float64 numbers")
    check(table["support"].dtype == np.int64, f"column 'support' of {name} should hold int64 integers")
    return table


@pytest.mark.grade(1, "Return a DataFrame indexed by CATEGORIES with float precision, recall, f1 and int support columns.", uses=["get_f1_table"])
def test_f1_table_layout(get_f1_table, rng):
    gold = [r.labels for r in make_reports(30, rng=rng)]
    expect_f1_table(get_f1_table(gold, noisy(gold, rng)))


@pytest.mark.grade(3, "Per category: precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R), support = TP+FN (True counts as 1).", uses=["get_f1_table"])
@pytest.mark.parametrize("as_bool", ["none", "predicted", "both"], ids=["labels_0_1", "predicted_true_false", "gold_and_predicted_true_false"])
def test_f1_table_matches_sklearn(get_f1_table, rng, as_bool):
    gold = [r.labels for r in make_reports(200, rng=rng)]
    predicted = noisy(gold, rng)
    if as_bool != "none":  # what get_labels returns
        predicted = [{c: bool(v) for c, v in d.items()} for d in predicted]
    if as_bool == "both":
        gold = [{c: bool(v) for c, v in d.items()} for d in gold]
    table = expect_f1_table(get_f1_table(gold, predicted))
    for category in CATEGORIES:
        y = np.array([int(d[category]) for d in gold])
        p = np.array([int(d[category]) for d in predicted])
        assert y.sum() > 0 and p.sum() > 0, "grader invariant: every category has gold and predicted positives"
        precision, recall, f1, _ = precision_recall_fscore_support(y, p, average="binary", zero_division=0)
        for column, want in (("precision", precision), ("recall", recall), ("f1", f1), ("support", y.sum())):
            got = float(table.loc[category, column])
            check(abs(got - float(want)) <= 1e-9, f"{column} of {category!r} is wrong")


@pytest.mark.grade(1, "When a ratio's denominator is 0 (nothing predicted, or no gold positive), the ratio is 0.0, not NaN.", uses=["get_f1_table"])
def test_f1_table_zero_division(get_f1_table, rng):
    gold = [r.labels for r in make_reports(40, rng=rng)]
    predicted = noisy(gold, rng)
    for g, p in zip(gold, predicted):
        g["Fracture"], p["Fracture"] = 0, 0                           # nothing at all: P, R, F1 all 0.0
        g["Pneumothorax"] = 0                                         # no gold positive
        p["Pneumonia"] = 0                                            # nothing predicted
    predicted[0]["Pneumothorax"] = 1
    gold[0]["Pneumonia"] = 1
    table = expect_f1_table(get_f1_table(gold, predicted))
    for category in ("Fracture", "Pneumothorax", "Pneumonia"):
        for column in ("precision", "recall", "f1"):
            value = float(table.loc[category, column])
            check(not np.isnan(value), f"{column} of {category!r} is NaN: a 0/0 ratio should be 0.0")
            check(value == 0.0, f"{column} of {category!r} should be 0.0 here (its denominator or TP is 0)")
    check(int(table.loc["Pneumonia", "support"]) >= 1, "support of 'Pneumonia' counts its gold positives")


def sklearn_row(gold, predicted, category):
    """The trusted (precision, recall, f1, support) of one category."""
    y = np.array([int(d[category]) for d in gold])
    p = np.array([int(d[category]) for d in predicted])
    precision, recall, f1, _ = precision_recall_fscore_support(y, p, average="binary", zero_division=0)
    return {"precision": precision, "recall": recall, "f1": f1, "support": y.sum()}


def check_f1_rows(table, gold, predicted, categories, *, what):
    for category in categories:
        for column, want in sklearn_row(gold, predicted, category).items():
            check(abs(float(table.loc[category, column]) - float(want)) <= 1e-9, f"{column} of {category!r} is wrong ({what})")


@pytest.mark.grade(1, "A denominator of exactly 1 is a real ratio (only 0 gives 0.0): one predicted positive that is a true positive has precision 1.0.", uses=["get_f1_table"])
def test_f1_table_denominator_of_one(get_f1_table, rng):
    gold = [r.labels for r in make_reports(30, rng=rng)]
    predicted = noisy(gold, rng)
    for g, p in zip(gold, predicted):
        g["Edema"], p["Edema"] = 0, 0
        g["Fracture"], p["Fracture"] = 0, 0
    hit, miss = (int(k) for k in rng.choice(len(gold), size=2, replace=False))
    gold[hit]["Edema"] = predicted[hit]["Edema"] = 1          # Edema: TP = 1, FP = FN = 0
    gold[hit]["Fracture"] = predicted[hit]["Fracture"] = 1    # Fracture: TP = 1, FN = 1
    gold[miss]["Fracture"] = 1
    table = expect_f1_table(get_f1_table(gold, predicted))
    check_f1_rows(table, gold, predicted, ("Edema", "Fracture"), what="a single predicted positive")


@pytest.mark.grade(1, "Look each label up by its category name (d[category]), not by the position of the key in the dict.", uses=["get_f1_table"])
def test_f1_table_any_key_order(get_f1_table, rng):
    gold = [r.labels for r in make_reports(120, rng=rng)]
    predicted = noisy(gold, rng)
    order_gold, order_pred = list(rng.permutation(CATEGORIES)), list(rng.permutation(CATEGORIES))
    gold = [{c: d[c] for c in order_gold} for d in gold]           # the same labels, keys in another order
    predicted = [{c: d[c] for c in order_pred} for d in predicted]
    table = expect_f1_table(get_f1_table(gold, predicted))
    check_f1_rows(table, gold, predicted, CATEGORIES, what="dicts whose keys are not in the order of CATEGORIES")


@pytest.mark.grade(1, "Gold and predicted label lists of different lengths cannot be compared: raise ValueError.", uses=["get_f1_table"])
def test_f1_table_length_mismatch(get_f1_table, rng):
    gold = [r.labels for r in make_reports(10, rng=rng)]
    with pytest.raises(ValueError):
        get_f1_table(gold, gold[:-1])
