"""Hidden graders for ai4med-c3w2, part 1: labels from chest X-ray reports and their evaluation.

Oracles: the gold labels the seeded report generator (autograde.datasets.reports) records as it
writes each sentence (which categories it mentioned, and which it affirmed), hand-written
sentences for each clause of the contract, and scikit-learn's
precision_recall_fscore_support(zero_division=0) for the F1 table.
"""

import numpy as np
import pytest
from sklearn.metrics import precision_recall_fscore_support

from autograde.checks import check, expect_frame, expect_number, fail
from autograde.datasets.reports import CATEGORIES, make_reports

COLUMNS = ["precision", "recall", "f1", "support"]


def expect_label_dict(value, *, name):
    """A real dict with exactly the keys of CATEGORIES and int values 0 or 1 -> a trusted dict."""
    if type(value) is not dict:
        fail(f"{name} should be a dict {{category: 0 or 1}}, got {type(value).__name__}")
    keys = list(value.keys())
    missing = [c for c in CATEGORIES if c not in keys]
    extra = [k for k in keys if k not in CATEGORIES]
    if missing:
        fail(f"{name} is missing the categories {missing}")
    if extra:
        fail(f"{name} has keys that are not categories: {extra[:3]}")
    labels = {}
    for category in CATEGORIES:
        number = expect_number(value[category], name=f"{name}[{category!r}]", integer=True)
        check(number in (0.0, 1.0), f"{name}[{category!r}] should be 0 or 1")
        labels[category] = int(number)
    return labels


def reports(*cases):
    """A graded test over fixed reports: each case (sentences, {category: expected}), named report_1, ..."""
    return pytest.mark.parametrize(("sentences", "expected"), cases, ids=[f"report_{k}" for k in range(1, len(cases) + 1)])


def check_report(function, sentences, expected, *, what):
    """The labels ``function`` gives the report; the message names the input, not the answer."""
    got = expect_label_dict(function(list(sentences)), name=f"{what}({sentences})")
    for category, value in expected.items():
        check(got[category] == value, f"{what}: the label of {category!r} is wrong for the report {sentences}")


def check_against_gold(function, reports, attribute, *, what):
    for report in reports:
        got = expect_label_dict(function(list(report.sentences)), name=f"{what} of a report")
        gold = getattr(report, attribute)
        wrong = [c for c in CATEGORIES if got[c] != gold[c]]
        if wrong:
            fail(f"{what}: the label of {wrong[0]!r} is wrong ({len(wrong)} wrong label(s)) "
                 f"for the report {report.sentences}")


# --- get_labels ------------------------------------------------------------------------------


@pytest.mark.grade(1, "Return a new dict with every category of CATEGORIES as a key and the int 0 or 1 as value.", uses=["get_labels"])
def test_get_labels_returns_every_category(get_labels, rng):
    report = make_reports(1, rng=rng)[0]
    expect_label_dict(get_labels(list(report.sentences)), name="get_labels(...)")
    empty = expect_label_dict(get_labels([]), name="get_labels([])")
    check(all(v == 0 for v in empty.values()), "get_labels([]) should give 0 for every category (no sentence, no mention)")


@pytest.mark.grade(3, "A category is 1 when any of its synonyms occurs in any sentence, negated or not.", uses=["get_labels"])
def test_get_labels_matches_gold_mentions(get_labels, rng):
    check_against_gold(get_labels, make_reports(120, rng=rng), "mentioned", what="get_labels")


@pytest.mark.grade(2, "Match whole words: 'mass' is not in 'massive', 'line' is not in 'midline', 'tube' is not in 'tuberculosis'.", uses=["get_labels"])
@reports(
    (["a massive right pleural effusion."], {"Lung Lesion": 0, "Pleural Effusion": 1}),
    (["the trachea is midline.", "stable compared with the baseline radiograph."], {"Support Devices": 0}),
    (["linear atelectasis at the left base."], {"Support Devices": 0, "Atelectasis": 1}),
    (["history of treated tuberculosis.", "the hemidiaphragms are well outlined."], {"Support Devices": 0}),
    (["a known left hilar mass."], {"Lung Lesion": 1}),
    (["mass in the right upper lobe"], {"Lung Lesion": 1}),
    (["left-sided effusion/atelectasis."], {"Pleural Effusion": 1, "Atelectasis": 1}),
    (["bilateral pleural effusions."], {"Pleural Effusion": 1}),
    (["a right picc line with tip in the low svc."], {"Support Devices": 1}),
)
def test_get_labels_whole_words_only(get_labels, sentences, expected):
    check_report(get_labels, sentences, expected, what="get_labels")


@pytest.mark.grade(1, "Lower-case each sentence before matching: dictated reports can have capitals.", uses=["get_labels"])
@reports(
    (["Moderate Cardiomegaly.", "Right PICC Line in the low SVC."], {"Cardiomegaly": 1, "Support Devices": 1}),
    (["NO PLEURAL EFFUSION."], {"Pleural Effusion": 1}),
)
def test_get_labels_case_insensitive(get_labels, sentences, expected):
    check_report(get_labels, sentences, expected, what="get_labels")


# --- get_labels_negative_aware -------------------------------------------------------------


@pytest.mark.grade(3, "A category is 1 when at least one of its mentions is not negated in its own sentence.", uses=["get_labels_negative_aware"])
def test_negative_aware_matches_gold_labels(get_labels_negative_aware, rng):
    check_against_gold(
        get_labels_negative_aware, make_reports(150, rng=rng), "labels", what="get_labels_negative_aware"
    )


@pytest.mark.grade(1, "A negation cue only negates mentions AFTER it: in 'cardiomegaly without effusion' the heart is enlarged.", uses=["get_labels_negative_aware"])
@reports(
    (["mild cardiomegaly without pleural effusion."], {"Cardiomegaly": 1, "Pleural Effusion": 0}),
    (["a small left pneumothorax, but no chest tube."], {"Pneumothorax": 1, "Support Devices": 0}),
    (["bibasilar atelectasis. no focal consolidation."], {"Atelectasis": 1, "Consolidation": 0}),
)
def test_negation_cue_must_precede_mention(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(2, "Negation never crosses sentences: 'no pneumothorax.' says nothing about the next sentence.", uses=["get_labels_negative_aware"])
@reports(
    (["there is no pneumothorax", "small left pleural effusion"], {"Pneumothorax": 0, "Pleural Effusion": 1}),
    (["no acute osseous abnormality.", "cardiomegaly."], {"Cardiomegaly": 1}),
    (["without evidence of pneumonia.", "a right internal jugular central venous catheter."],
     {"Pneumonia": 0, "Support Devices": 1}),
)
def test_negation_stays_in_its_sentence(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "'but', 'however', 'although', 'though', 'except' end the scope of a negation cue.", uses=["get_labels_negative_aware"])
@reports(
    (["no pneumothorax, but there is a small left pleural effusion."], {"Pneumothorax": 0, "Pleural Effusion": 1}),
    (["pneumothorax is not seen, although there is bibasilar atelectasis."], {"Pneumothorax": 0, "Atelectasis": 1}),
    (["no focal opacity, however there is mild pulmonary edema."], {"Lung Opacity": 0, "Edema": 1}),
)
def test_negation_scope_ends_at_terminator(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "Some negations come after the finding: 'cardiomegaly is not seen', 'the pneumothorax has resolved'.", uses=["get_labels_negative_aware"])
@reports(
    (["cardiomegaly is not seen."], {"Cardiomegaly": 0}),
    (["the previously seen left pneumothorax has resolved."], {"Pneumothorax": 0}),
    (["focal consolidation and pleural effusion are absent."], {"Consolidation": 0, "Pleural Effusion": 0}),
)
def test_post_negation(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "Negation cues are whole words too: 'known', 'nonspecific' do not contain the cue 'no', 'notable' not 'not'.", uses=["get_labels_negative_aware"])
@reports(
    (["a known right hilar mass."], {"Lung Lesion": 1}),
    (["findings are notable for mild cardiomegaly."], {"Cardiomegaly": 1}),
    (["a nonspecific left basilar opacity."], {"Lung Opacity": 1}),
)
def test_negation_cues_are_whole_words(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "One affirmed mention is enough: a negated mention elsewhere must not reset the label to 0.", uses=["get_labels_negative_aware"])
@reports(
    (["a small right pleural effusion.", "no left pleural effusion."], {"Pleural Effusion": 1}),
    (["no left pleural effusion.", "a small right pleural effusion."], {"Pleural Effusion": 1}),
    (["a tiny left pneumothorax.", "the previously seen right pneumothorax has resolved."], {"Pneumothorax": 1}),
)
def test_one_affirmed_mention_is_enough(get_labels_negative_aware, sentences, expected):
    check_report(get_labels_negative_aware, sentences, expected, what="get_labels_negative_aware")


@pytest.mark.grade(1, "Lower-case the sentence before looking for cues as well as mentions.", uses=["get_labels_negative_aware"])
@reports(
    (["No Pneumothorax.", "Moderate Cardiomegaly."], {"Pneumothorax": 0, "Cardiomegaly": 1}),
    (["Pleural Effusion Is Not Seen."], {"Pleural Effusion": 0}),
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
        check(table[column].dtype.kind == "f", f"column {column!r} of {name} should hold floats")
    check(table["support"].dtype.kind in "iu", f"column 'support' of {name} should hold integers")
    return table


@pytest.mark.grade(1, "Return a DataFrame indexed by CATEGORIES with float precision, recall, f1 and int support columns.", uses=["get_f1_table"])
def test_f1_table_layout(get_f1_table, rng):
    gold = [r.labels for r in make_reports(30, rng=rng)]
    expect_f1_table(get_f1_table(gold, noisy(gold, rng)))


@pytest.mark.grade(3, "Per category: precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R), support = TP+FN.", uses=["get_f1_table"])
def test_f1_table_matches_sklearn(get_f1_table, rng):
    gold = [r.labels for r in make_reports(200, rng=rng)]
    predicted = noisy(gold, rng)
    table = expect_f1_table(get_f1_table(gold, predicted))
    for category in CATEGORIES:
        y = np.array([d[category] for d in gold])
        p = np.array([d[category] for d in predicted])
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


@pytest.mark.grade(1, "Gold and predicted label lists of different lengths cannot be compared: raise ValueError.", uses=["get_f1_table"])
def test_f1_table_length_mismatch(get_f1_table, rng):
    gold = [r.labels for r in make_reports(10, rng=rng)]
    with pytest.raises(ValueError):
        get_f1_table(gold, gold[:-1])
