"""ai4med-c2w4 written the way the Coursera notebook has it (a second reference, graded in the suite).

The notebook's idioms: get_dummies with drop_first and float64, a CoxPHFitter fitted with the
notebook's step_size=0.1, the hazard ratio as one exp of a dot product, Harrell's C as the
notebook's double loop over pairs with float counters (no permissible pair: 0.0 / 0.0 raises
ZeroDivisionError), and scikit-survival's forest in place of the course's R randomForestSRC.
A correct solution written for the course must get full marks as it is.
"""

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter
from sksurv.ensemble import RandomSurvivalForest


def to_one_hot(dataframe, columns):
    one_hot_df = pd.get_dummies(dataframe, columns=columns, drop_first=True, dtype=np.float64)
    return one_hot_df


def fit_cox(df, duration_col, event_col, penalizer=0.0):
    cph = CoxPHFitter(penalizer=penalizer)
    # the notebook's step_size=0.1 (today's lifelines takes it through fit_options)
    cph.fit(df, duration_col=duration_col, event_col=event_col, fit_options={"step_size": 0.1})
    return cph


def hazard_ratio(case_1, case_2, cox_params):
    hr = np.exp(np.dot(cox_params, case_1 - case_2))
    return hr


def harrell_c(y_true, scores, event):
    n = len(y_true)
    assert (len(scores) == n and len(event) == n)

    concordant = 0.0
    permissible = 0.0
    ties = 0.0

    result = 0.0

    # every pair once: j after i
    for i in range(n):
        for j in range(i + 1, n):

            # at most one of the two is censored
            if event[i] == 1 or event[j] == 1:

                # neither is censored
                if event[i] == 1 and event[j] == 1:
                    permissible += 1.0

                    if scores[i] == scores[j]:
                        ties += 1.0
                    elif y_true[i] < y_true[j] and scores[i] > scores[j]:
                        concordant += 1.0
                    elif y_true[j] < y_true[i] and scores[j] > scores[i]:
                        concordant += 1.0

                # exactly one is censored
                else:
                    if event[i] == 0:
                        censored, uncensored = i, j
                    else:
                        censored, uncensored = j, i

                    # censored at t means alive THROUGH t: the pair counts when the censoring
                    # is not before the death
                    if y_true[censored] >= y_true[uncensored]:
                        permissible += 1.0

                        if scores[uncensored] == scores[censored]:
                            ties += 1.0
                        if scores[uncensored] > scores[censored]:
                            concordant += 1.0

    result = (concordant + 0.5 * ties) / permissible
    return result


def rsf_risk(X_train, y_train, X_test, n_estimators=100, random_state=0):
    forest = RandomSurvivalForest(n_estimators=n_estimators, random_state=random_state)
    forest.fit(X_train, y_train)
    risk = forest.predict(X_test)
    return risk
