"""Synthetic chest X-ray report sentences with gold labels, and extractive-QA examples built on them.

Shaped like the reports the AI for Medical Treatment course labels (Week 2): free-text
findings sentences, lower-cased and split into sentences, from which the 12 observations
of ``CATEGORIES`` are extracted. Everything here is seeded, so the same seed gives the same
reports on every machine.

The gold labels follow careful rules (the unit's learners apply the course's simpler ones, stated
in the exercise's docstrings, and ``get_f1_table`` shows where those go wrong against these):
- a *mention* of a category is a whole-word occurrence (no letter or digit directly before or
  after it) of one of its synonyms, ``get_mention_keywords(category)``, in a lower-cased sentence;
- a mention is *negated* when, in the same sentence, a cue of ``NEGATION_CUES`` ends before
  it, or a cue of ``POST_NEGATION_CUES`` starts after it, with no word of
  ``SCOPE_TERMINATORS`` in between.

How a report is made: each category is present with a realistic inpatient prevalence
(``PREVALENCE``); present ones are written as affirmed phrases, some absent ones are written
as negated phrases ("no pleural effusion", "without evidence of pneumothorax",
"cardiomegaly is not seen"), sometimes two in one sentence ("mild cardiomegaly, but no
pulmonary edema"), and findings-free sentences are added ("the trachea is midline"). The
phrase tables contain the traps a careless matcher falls into: "massive" (contains "mass"),
"midline", "linear", "baseline", "outlined" (contain "line"), "tuberculosis" (contains "tube"), "known",
"nonspecific" (contain "no"), "notable" (contains "not"). Every phrase is written so that the
careful rules above give exactly the gold labels, which the generator records as it writes.

The QA half (``make_answer``, ``wordpiece_tokenize``, ``make_qa_example``) imitates what a
BERT question-answering model sees and returns: [CLS] question [SEP] passage [SEP] [PAD]...,
WordPiece tokens ("##" marks a piece that continues the previous one), a mask of the
positions an answer may use (the passage) and per-token start and end scores (logits).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

CATEGORIES = [
    "Cardiomegaly",
    "Lung Lesion",
    "Lung Opacity",
    "Edema",
    "Consolidation",
    "Pneumonia",
    "Atelectasis",
    "Pneumothorax",
    "Pleural Effusion",
    "Fracture",
    "Support Devices",
]

# The synonym table: whole-word, lower-case phrases. Plurals are listed explicitly, because
# "effusion" does not match inside "effusions" under the whole-word rule.
SYNONYMS = {
    "Cardiomegaly": ["cardiomegaly", "enlarged heart", "enlarged cardiac silhouette"],
    "Lung Lesion": ["mass", "masses", "nodule", "nodules", "lesion", "lesions"],
    "Lung Opacity": ["opacity", "opacities", "opacification", "infiltrate", "infiltrates"],
    "Edema": ["edema", "vascular congestion"],
    "Consolidation": ["consolidation", "consolidations"],
    "Pneumonia": ["pneumonia", "infectious process"],
    "Atelectasis": ["atelectasis", "atelectatic"],
    "Pneumothorax": ["pneumothorax", "pneumothoraces"],
    "Pleural Effusion": ["pleural effusion", "pleural effusions", "effusion", "effusions"],
    "Fracture": ["fracture", "fractures"],
    "Support Devices": ["line", "lines", "tube", "tubes", "catheter", "pacemaker"],
}

NEGATION_CUES = ["no", "not", "without", "negative for", "free of", "no evidence of"]
POST_NEGATION_CUES = ["is not seen", "are not seen", "is absent", "are absent", "has resolved", "have resolved"]
SCOPE_TERMINATORS = ["but", "however", "although", "though", "except"]

# share of inpatient chest radiographs on which each finding is reported present
PREVALENCE = {
    "Cardiomegaly": 0.20,
    "Lung Lesion": 0.07,
    "Lung Opacity": 0.20,
    "Edema": 0.15,
    "Consolidation": 0.10,
    "Pneumonia": 0.10,
    "Atelectasis": 0.25,
    "Pneumothorax": 0.06,
    "Pleural Effusion": 0.30,
    "Fracture": 0.05,
    "Support Devices": 0.35,
}


def get_mention_keywords(category: str) -> list[str]:
    """The synonyms of one of ``CATEGORIES`` (lower-case phrases), e.g. "Cardiomegaly" ->
    ["cardiomegaly", "enlarged heart", "enlarged cardiac silhouette"]."""
    return list(SYNONYMS[category])


# --- phrase tables ----------------------------------------------------------------------------
# {side} left/right, {mm} nodule size in mm, {cm} tube tip above the carina in cm, {rib} 4th..9th

_AFFIRMED = {
    "Cardiomegaly": ["cardiomegaly", "mild cardiomegaly", "moderate cardiomegaly", "an enlarged cardiac silhouette",
                     "an enlarged heart"],
    "Lung Lesion": ["a {mm} mm nodule in the {side} upper lobe", "a known {side} hilar mass", "multiple pulmonary nodules",
                    "a spiculated {side} upper lobe mass", "a cavitary lesion in the {side} lower lobe"],
    "Lung Opacity": ["patchy opacity in the {side} lower lobe", "bibasilar opacities",
                     "hazy opacification of the {side} hemithorax", "a {side} perihilar infiltrate",
                     "a nonspecific {side} basilar opacity"],
    "Edema": ["mild pulmonary edema", "moderate interstitial edema", "pulmonary vascular congestion",
              "mild interstitial edema"],
    "Consolidation": ["{side} lower lobe consolidation", "dense consolidation in the {side} upper lobe",
                      "multifocal consolidations"],
    "Pneumonia": ["{side} lower lobe pneumonia", "an infectious process in the {side} lung base", "multifocal pneumonia"],
    "Atelectasis": ["bibasilar atelectasis", "linear atelectasis at the {side} base", "{side} basilar atelectatic change"],
    "Pneumothorax": ["a small {side} apical pneumothorax", "a moderate {side} pneumothorax", "a tiny {side} pneumothorax"],
    "Pleural Effusion": ["a small {side} pleural effusion", "bilateral pleural effusions",
                         "a massive {side} pleural effusion", "a trace {side} effusion", "moderate bilateral effusions"],
    "Fracture": ["an acute {side} {rib} rib fracture", "healed {side} rib fractures",
                 "a mildly displaced {side} clavicle fracture"],
    "Support Devices": ["an endotracheal tube {cm} cm above the carina", "a {side} picc line with tip in the low svc",
                        "a {side} chest tube", "a left chest wall pacemaker",
                        "a {side} internal jugular central venous catheter",
                        "an enteric tube coursing below the diaphragm"],
}

_NEGATED = {  # singular noun phrases that read well after "no" and before "is not seen"
    "Cardiomegaly": ["cardiomegaly"],
    "Lung Lesion": ["suspicious pulmonary nodule", "focal mass"],
    "Lung Opacity": ["focal opacity", "airspace opacity"],
    "Edema": ["pulmonary edema", "interstitial edema"],
    "Consolidation": ["focal consolidation", "consolidation"],
    "Pneumonia": ["pneumonia"],
    "Atelectasis": ["atelectasis"],
    "Pneumothorax": ["pneumothorax", "apical pneumothorax"],
    "Pleural Effusion": ["pleural effusion", "effusion"],
    "Fracture": ["acute rib fracture", "displaced fracture"],
    "Support Devices": ["chest tube"],
}

# a finding present on one side and absent on the other: "no left pleural effusion"
_OTHER_SIDE = {"Pleural Effusion": "{side} pleural effusion", "Pneumothorax": "{side} pneumothorax"}

_AFFIRMED_FORMS = ["{pos}.", "findings are notable for {pos}.", "again seen is {pos}.", "interval development of {pos}."]
_NEGATED_FORMS = [
    "no {neg}.", "there is no {neg}.", "no evidence of {neg}.", "without evidence of {neg}.",
    "negative for {neg}.", "the chest is free of {neg}.", "{neg} is not seen.", "{neg} is absent.",
    "the previously seen {neg} has resolved.",
]
_TWO_NEGATED_FORMS = ["no {neg} or {neg2}.", "{neg} and {neg2} are not seen.", "without evidence of {neg} or {neg2}."]
_MIXED_FORMS = [
    "{pos} without {neg}.", "{pos}, but no {neg}.", "no {neg}, but there is {pos}.",
    "{neg} is not seen, although there is {pos}.", "no {neg}, however there is {pos}.",
]
_NEUTRAL = [
    "the trachea is midline.", "heart size is normal.", "the lungs are otherwise clear.",
    "no acute cardiopulmonary process.", "no acute osseous abnormality.",
    "stable compared with the baseline radiograph.", "history of treated tuberculosis.",
    "the cardiomediastinal silhouette is within normal limits.",
    "the osseous structures are unremarkable.", "portable semi-upright view of the chest.",
    "the hemidiaphragms are well outlined.", "the costophrenic angles are sharp.",
]


class Report(NamedTuple):
    """One synthetic report: its sentences and, per category, whether it is mentioned at all
    (``mentioned``, affirmed or negated) and whether it is reported present (``labels``)."""

    sentences: list[str]
    mentioned: dict[str, int]
    labels: dict[str, int]


def _fill(template: str, rng: np.random.Generator, side: str | None = None) -> str:
    side = side if side is not None else str(rng.choice(["left", "right"]))
    return template.format(
        side=side,
        mm=int(rng.integers(4, 19)),
        cm=int(rng.integers(2, 7)),
        rib=str(rng.choice(["4th", "5th", "6th", "7th", "8th", "9th"])),
    )


def _pick(options: list[str], rng: np.random.Generator) -> str:
    return options[int(rng.integers(len(options)))]


def make_report(rng: np.random.Generator) -> Report:
    """One synthetic chest X-ray report (see the module docstring)."""
    present = [c for c in CATEGORIES if rng.random() < PREVALENCE[c]]
    absent = [c for c in CATEGORIES if c not in present and rng.random() < 0.3]
    order = rng.permutation(len(absent))
    absent = [absent[i] for i in order]
    mentioned = {c: int(c in present or c in absent) for c in CATEGORIES}
    labels = {c: int(c in present) for c in CATEGORIES}

    def pos(category: str, side: str | None = None) -> str:
        return _fill(_pick(_AFFIRMED[category], rng), rng, side)

    def neg(category: str) -> str:
        return _fill(_pick(_NEGATED[category], rng), rng)

    sentences = []
    todo_pos, todo_neg = list(present), list(absent)
    while todo_pos or todo_neg:
        roll = rng.random()
        if todo_pos and todo_neg and roll < 0.35:
            form = _pick(_MIXED_FORMS, rng)
            sentences.append(form.format(pos=pos(todo_pos.pop()), neg=neg(todo_neg.pop())))
        elif len(todo_neg) >= 2 and roll < 0.6:
            form = _pick(_TWO_NEGATED_FORMS, rng)
            sentences.append(form.format(neg=neg(todo_neg.pop()), neg2=neg(todo_neg.pop())))
        elif todo_pos and (not todo_neg or roll < 0.8):
            category = todo_pos.pop()
            if category in _OTHER_SIDE and rng.random() < 0.4:  # present on one side, absent on the other
                side, other = ("left", "right") if rng.random() < 0.5 else ("right", "left")
                sentences.append(_pick(_AFFIRMED_FORMS, rng).format(pos=pos(category, side)))
                sentences.append(_pick(_NEGATED_FORMS, rng).format(neg=_OTHER_SIDE[category].format(side=other)))
            else:
                sentences.append(_pick(_AFFIRMED_FORMS, rng).format(pos=pos(category)))
        else:
            sentences.append(_pick(_NEGATED_FORMS, rng).format(neg=neg(todo_neg.pop())))
    for i in rng.choice(len(_NEUTRAL), size=int(rng.integers(1, 4)), replace=False):
        sentences.append(_NEUTRAL[int(i)])
    sentences = [sentences[i] for i in rng.permutation(len(sentences))]
    return Report(sentences, mentioned, labels)


def make_reports(n_reports: int = 100, *, seed: int = 0, rng: np.random.Generator | None = None) -> list[Report]:
    """``n_reports`` synthetic reports; ``rng`` (a numpy Generator) takes precedence over ``seed``."""
    rng = rng if rng is not None else np.random.default_rng(seed)
    return [make_report(rng) for _ in range(n_reports)]


# --- extractive question answering ---------------------------------------------------------------

# Answers as construct_answer must rebuild them from WordPiece tokens: words separated by one
# space, no space before . , ; : ? ! % ), none after (, none around - and /.
_PLAIN_ANSWERS = [
    "small {side} pleural effusion",
    "spiculated {side} upper lobe mass",
    "healed {side} {rib} rib fracture",
    "interstitial edema with peribronchial cuffing",
    "mild pulmonary vascular congestion",
    "{side} lower lobe consolidation",
    "enlarged cardiac silhouette",
]
_PUNCTUATED_ANSWERS = [
    "moderate-to-large {side} pleural effusion",
    "{side}-sided chest tube (tip at the {side} apex)",
    "{mm}-mm nodule, {side} upper lobe",
    "t{t}/t{t1} compression fracture",
    "endotracheal tube, {cm} cm above the carina",
    "{side} apical pneumothorax (about {pct}%)",
    "bibasilar atelectasis: likely subsegmental",
    "mild cardiomegaly; cardiothoracic ratio {ctr}%",
    "multifocal consolidation (right > left)",
    "picc line: tip in the low svc/cavoatrial junction",
]
_QUESTIONS = [
    "what is the main finding?", "what abnormality does the radiograph show?", "what is seen in the chest?",
    "which finding is new?", "what does the report describe?",
]


def make_answer(rng: np.random.Generator, *, punctuation: bool = True) -> str:
    """One answer phrase. With ``punctuation`` (the default) it holds punctuation, e.g.
    "moderate-to-large left pleural effusion"; without, only words and single spaces
    ("small right pleural effusion")."""
    template = _pick(_PUNCTUATED_ANSWERS if punctuation else _PLAIN_ANSWERS, rng)
    t = int(rng.integers(4, 12))
    return template.format(
        side=str(rng.choice(["left", "right"])), mm=int(rng.integers(4, 19)), cm=int(rng.integers(2, 7)),
        t=t, t1=t + 1, pct=int(rng.integers(5, 40)), ctr=int(rng.integers(52, 68)),
        rib=str(rng.choice(["4th", "5th", "6th", "7th", "8th", "9th"])),
    )


def wordpiece_tokenize(text: str, rng: np.random.Generator, split_prob: float = 0.6) -> list[str]:
    """BERT-like tokens of ``text``: every punctuation character is a token of its own; a word of
    5 or more characters is, with probability ``split_prob``, cut into 2 or 3 pieces, the
    later ones marked "##" (``"cardiomegaly" -> ["cardio", "##meg", "##aly"]``)."""
    tokens = []
    for word in re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.lower()):
        if len(word) >= 5 and word.isalpha() and rng.random() < split_prob:
            n_cuts = 1 if len(word) < 8 else int(rng.integers(1, 3))
            cuts = sorted(int(c) for c in rng.choice(np.arange(2, len(word) - 1), size=n_cuts, replace=False))
            pieces = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)])]
            tokens.extend([pieces[0]] + ["##" + p for p in pieces[1:]])
        else:
            tokens.append(word)
    return tokens


class QAExample(NamedTuple):
    """One question about one report, as a BERT QA model would see and score it.

    ``tokens`` = [CLS] question [SEP] passage [SEP] [PAD]...; ``input_mask`` (int64, 0/1) is 1
    exactly at the passage tokens; ``start_scores`` and ``end_scores`` (float64 logits) are
    highest at ``answer_start`` and ``answer_end`` (inclusive token positions in ``tokens``), and
    ``answer`` is the text of that span.
    """

    question: str
    passage: str
    tokens: list[str]
    input_mask: np.ndarray
    start_scores: np.ndarray
    end_scores: np.ndarray
    answer_start: int
    answer_end: int
    answer: str


def make_qa_example(rng: np.random.Generator, *, decoys: bool = True, max_len: int = 96) -> QAExample:
    """A question, a report passage holding the answer, and synthetic start/end logits.

    Logits are N(0, 1) noise plus 8 at the answer's first (start) and last (end) token. With
    ``decoys``: a start logit above 10 on a question token and an end logit above 10 on a
    padding token (outside the mask), an end logit 2 above the answer's on a passage token
    BEFORE the answer, and a start logit 2 above the answer's on a passage token AFTER it; the
    best valid span is still the answer (start <= end, both in the mask).
    """
    question = _pick(_QUESTIONS, rng)
    answer = make_answer(rng, punctuation=bool(rng.random() < 0.5))
    before = [str(s) for s in rng.choice(_NEUTRAL, size=int(rng.integers(1, 3)), replace=False)]
    after = [str(s) for s in rng.choice([s for s in _NEUTRAL if s not in before], size=int(rng.integers(1, 3)), replace=False)]
    q_tokens = wordpiece_tokenize(question, rng)
    head = wordpiece_tokenize(" ".join(before) + " there is", rng)
    ans = wordpiece_tokenize(answer, rng)
    tail = wordpiece_tokenize(". " + " ".join(after), rng)
    passage = " ".join(before) + " there is " + answer + ". " + " ".join(after)
    tokens = ["[CLS]", *q_tokens, "[SEP]", *head, *ans, *tail, "[SEP]"]
    first_passage = len(q_tokens) + 2
    last_passage = len(tokens) - 2
    n = max(max_len, len(tokens) + 4)
    tokens += ["[PAD]"] * (n - len(tokens))
    input_mask = np.zeros(n, dtype=np.int64)
    input_mask[first_passage : last_passage + 1] = 1
    s = first_passage + len(head)
    e = s + len(ans) - 1

    start_scores = rng.normal(0.0, 1.0, n)
    end_scores = rng.normal(0.0, 1.0, n)
    start_scores[s] += 8.0
    end_scores[e] += 8.0
    if decoys:
        start_scores[int(rng.integers(1, first_passage - 1))] = start_scores[s] + 2.5 + rng.random()
        end_scores[int(rng.integers(last_passage + 2, n))] = end_scores[e] + 2.5 + rng.random()
        end_scores[int(rng.integers(first_passage, s))] = end_scores[e] + 2.0
        start_scores[int(rng.integers(e + 1, last_passage + 1))] = start_scores[s] + 2.0
    return QAExample(question, passage, tokens, input_mask, start_scores, end_scores, s, e, answer)
