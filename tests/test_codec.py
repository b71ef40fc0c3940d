"""The codec that carries learner values from the jailed worker to the verifier, as data only."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
import sympy as sp

from autograde.engine import codec


def roundtrip(value):
    return codec.decode(json.loads(json.dumps(codec.encode(value))))


x = sp.Symbol("x", positive=True)


@pytest.mark.parametrize("value", [
    None, True, 3, 2**80, 1.5, float("inf"), complex(1, -2), "text", b"\x00\xff", [1, (2, 3)], {"a": {1, 2}},
    frozenset({1}), range(2, 9, 3), dt.date(2026, 11, 22), dt.timedelta(hours=5),
    np.arange(6.0).reshape(2, 3), np.array([True, False]), np.float32(2.5), np.int64(7),
    sp.sin(x) ** 2 + sp.exp(-x) / 3, sp.Interval.Lopen(0, 1), sp.FiniteSet(1, 2), sp.Rational(3, 7),
    sp.Float(1.25), sp.pi, sp.oo, sp.Eq(x, 2), sp.Matrix([[1, x], [2, 3]]), sp.Function("f")(x),
    sp.Piecewise((x, x > 1), (0, True)), sp.Union(sp.Interval(0, 1), sp.Interval(2, 3)),
])
def test_data_comes_back_equal_and_of_the_same_type(value):
    back = roundtrip(value)
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and np.array_equal(back, value)
    elif value == value:  # not NaN
        assert back == value


def test_pandas_frames_keep_index_dtypes_and_missing_values():
    frame = pd.DataFrame({"age": [61, 53], "sex": ["f", None], "arm": pd.Categorical(["a", "b"]),
                          "seen": pd.to_datetime(["2020-01-01", "2021-06-30"])},
                         index=pd.Index([10, 20], name="patient"))
    back = roundtrip(frame)
    assert back.equals(frame) and back.index.name == "patient" and list(back.dtypes) == list(frame.dtypes)
    series = pd.Series([1.0, None], index=pd.interval_range(0, 2), name="risk")
    assert roundtrip(series).equals(series)


def test_a_lying_subclass_keeps_its_name_and_data_but_not_its_methods():
    class Liar(float):
        def __eq__(self, other):
            return True

    back = roundtrip(Liar(2.0))
    assert type(back).__name__ == "Liar" and type(back) is not Liar
    assert float(back) == 2.0 and back != 3.0  # the trusted stand-in compares honestly


def test_objects_that_are_not_data_become_foreign():
    class Model:
        pass

    for value in (Model(), lambda: 1, (n for n in range(3)), np, print):
        back = roundtrip(value)
        assert isinstance(back, codec.Foreign)


def test_decoding_builds_only_trusted_classes():
    forged = [
        {"$": "sympy", "cls": "builtins:eval", "args": ["1"]},
        {"$": "sklearn", "cls": "os:system", "state": {}},
        {"$": "sklearn", "cls": "subprocess:Popen", "state": {}},
        {"$": "no-such-kind"},
    ]
    for data in forged:
        assert isinstance(codec.decode(data), codec.Foreign)


def test_fitted_sklearn_estimator_predicts_the_same_after_the_trip():
    from sklearn.linear_model import LogisticRegression

    X = np.random.default_rng(0).normal(size=(40, 3))
    model = LogisticRegression().fit(X, (X[:, 0] > 0).astype(int))
    back = roundtrip(model)
    assert type(back) is LogisticRegression and np.allclose(back.predict_proba(X), model.predict_proba(X))


def test_exceptions_are_rebuilt_with_their_builtin_bases():
    class DoseError(ValueError):
        pass

    rebuilt = codec.rebuild_exception(codec.exception_info(DoseError("dose too high")))
    assert isinstance(rebuilt, ValueError) and type(rebuilt).__name__ == "DoseError" and str(rebuilt) == "dose too high"
    assert type(codec.rebuild_exception(codec.exception_info(NotImplementedError()))) is NotImplementedError
    assert type(codec.rebuild_exception(codec.exception_info(np.linalg.LinAlgError("singular")))) is np.linalg.LinAlgError
