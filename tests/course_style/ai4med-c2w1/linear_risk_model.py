"""ai4med-c2w1 written the way the Coursera notebook has it (a second reference, graded in the suite).

Plain loops over pairs of patients, the notebook's own cell structure and idioms: a correct
solution written for the course must get full marks as it is. Not a model answer for style.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression


def make_standard_normal(df_train, df_test):
    # remove the skew with a log transform, on both sets
    df_train_unskewed = np.log(df_train)
    df_test_unskewed = np.log(df_test)

    # mean and standard deviation of the (log) training set only
    mean = df_train_unskewed.mean(axis=0)
    stdev = df_train_unskewed.std(axis=0)

    # standardize both sets with the training statistics
    df_train_standardized = (df_train_unskewed - mean) / stdev
    df_test_standardized = (df_test_unskewed - mean) / stdev
    return df_train_standardized, df_test_standardized


def lr_model(X_train, y_train):
    model = LogisticRegression()
    model.fit(X_train, y_train)
    return model


def cindex(y_true, scores):
    n = len(y_true)
    assert len(scores) == n

    concordant = 0
    permissible = 0
    ties = 0

    # every unique pair of patients, j after i
    for i in range(n):
        for j in range(i + 1, n):
            # permissible: the two outcomes differ
            if y_true[i] != y_true[j]:
                permissible += 1

                # a tie in the risk score
                if scores[i] == scores[j]:
                    ties += 1
                    continue

                # i without the disease, j with it: j should have the higher score
                if y_true[i] == 0 and y_true[j] == 1:
                    if scores[i] < scores[j]:
                        concordant += 1

                # i with the disease, j without it: i should have the higher score
                if y_true[i] == 1 and y_true[j] == 0:
                    if scores[i] > scores[j]:
                        concordant += 1

    # no permissible pair: 0.0 / 0 raises ZeroDivisionError, as in the course
    c_index = (concordant + 0.5 * ties) / permissible
    return c_index


def add_interactions(X):
    features = X.columns
    m = len(features)
    X_int = X.copy(deep=True)

    for i in range(m):
        feature_i_name = features[i]
        feature_i_data = X.loc[:, feature_i_name]
        for j in range(i + 1, m):
            feature_j_name = features[j]
            feature_j_data = X.loc[:, feature_j_name]
            feature_i_j_name = f"{feature_i_name}_x_{feature_j_name}"
            X_int[feature_i_j_name] = feature_i_data * feature_j_data

    return X_int
