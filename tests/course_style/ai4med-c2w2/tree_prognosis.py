"""ai4med-c2w2 written the way the Coursera notebook has it (a second reference, graded in the suite).

The notebook's own cells and idioms: `sum(...) / len(df)`, dropna + .loc, imputers wrapped back
with `pd.DataFrame(imputer.transform(X), columns=X.columns)` (a fresh 0..n-1 index, as in the
course), the course's IterativeImputer settings, and its given grid search (itertools.product,
lifelines' concordance index as `cindex`, `>=` so that the last of tied combinations wins, a
progress print per combination). A correct solution written for the course must get full marks.
"""

import itertools

import lifelines
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer, SimpleImputer


def cindex(y_true, scores):
    # the course's util.cindex
    return lifelines.utils.concordance_index(y_true, scores)


def fraction_rows_missing(df):
    return sum(df.isnull().any(axis=1)) / len(df)


def drop_missing_rows(X, y):
    X_dropped = X.dropna(axis='rows')
    y_dropped = y.loc[X_dropped.index]
    return X_dropped, y_dropped


def impute_mean(X_train, X_test):
    imputer = SimpleImputer(strategy='mean')
    imputer.fit(X_train)
    X_train_mean_imputed = pd.DataFrame(imputer.transform(X_train), columns=X_train.columns)
    X_test_mean_imputed = pd.DataFrame(imputer.transform(X_test), columns=X_test.columns)
    return X_train_mean_imputed, X_test_mean_imputed


def impute_iterative(X_train, X_test, random_state=0):
    imputer = IterativeImputer(random_state=random_state, sample_posterior=False, max_iter=1, min_value=0)
    imputer.fit(X_train)
    X_train_imputed = pd.DataFrame(imputer.transform(X_train), columns=X_train.columns)
    X_test_imputed = pd.DataFrame(imputer.transform(X_test), columns=X_test.columns)
    return X_train_imputed, X_test_imputed


def holdout_grid_search(clf, X_train_hp, y_train_hp, X_val_hp, y_val_hp, hyperparams, fixed_hyperparams={}):
    best_estimator = None
    best_hyperparams = {}

    # hold best running score
    best_score = 0.0

    # get list of param values
    lists = hyperparams.values()

    # get all param combinations
    param_combinations = list(itertools.product(*lists))
    total_param_combinations = len(param_combinations)

    # iterate through param combinations
    for i, params in enumerate(param_combinations, 1):
        # fill param dict with params
        param_dict = {}
        for param_index, param_name in enumerate(hyperparams):
            param_dict[param_name] = params[param_index]

        # create estimator with specified params
        estimator = clf(**param_dict, **fixed_hyperparams)

        # fit estimator
        estimator.fit(X_train_hp, y_train_hp)

        # get predictions on validation set
        preds = estimator.predict_proba(X_val_hp)

        # compute cindex for predictions
        estimator_score = cindex(y_val_hp, preds[:, 1])

        print(f'[{i}/{total_param_combinations}] {param_dict}')
        print(f'Val C-Index: {estimator_score}\n')

        # if new high score, update high score, best estimator and best params
        if estimator_score >= best_score:
            best_score = estimator_score
            best_estimator = estimator
            best_hyperparams = param_dict

    # add fixed hyperparamters to best combination of variable hyperparameters
    best_hyperparams.update(fixed_hyperparams)

    return best_estimator, best_hyperparams


def random_forest_risk(X_train, y_train, X_test, n_estimators=100, max_depth=None, random_state=10):
    rf = RandomForestClassifier(n_estimators=n_estimators, max_depth=max_depth, random_state=random_state)
    rf.fit(X_train, y_train)
    y_test_preds = rf.predict_proba(X_test)[:, 1]
    return y_test_preds
