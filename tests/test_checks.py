"""Direct tests of ``autograde.checks``, the assertion API behind every hidden grader.

Each helper is pinned against the rules in the module docstring:
- exact types before values (no subclasses, no lookalikes whose ``__eq__`` always agrees,
  no ``__float__`` / ``__array__`` impostors), converted to a trusted copy;
- NaN is wrong unless the caller allows it;
- floats are compared with stated tolerances (just inside passes, just outside fails);
- failure messages name the output and the reason, but never print the hidden expected value.

Tables are lists of cases fed to ``pytest.mark.parametrize``; a rejected case lists the
fragments its ``CheckFailed`` message must contain (the ``name`` given is always checked).
"""

from __future__ import annotations

import collections
import fractions
import decimal
import math
import warnings
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest
import sympy as sp

from autograde import checks
from autograde.checks import (
    CheckFailed,
    assert_array_close,
    assert_real_answer,
    assert_close,
    assert_equivalent,
    assert_exact_number,
    assert_not_used,
    assert_same_function,
    assert_same_intervals,
    assert_same_number,
    assert_same_points,
    call_checked,
    check,
    expect_array,
    expect_bool,
    expect_choice,
    expect_dict,
    expect_expr,
    expect_frame,
    expect_list,
    expect_number,
    expect_raises,
    expect_undefined,
    expect_real,
    expect_series,
    expect_set,
    expect_sympy,
    expect_tuple,
    expect_type,
    expect_vector,
    fail,
    numeric_function,
)

NAME = "my_output"  # every helper is called with this name; every failure message must carry it

x, y = sp.symbols("x y")
f = sp.Function("f")  # an undefined function: its class has no __module__


# --- lookalikes a hostile or confused learner could return --------------------------------------


class AlwaysEqual:
    """Equal to everything: a naive ``==`` check would pass it."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class FloatLike(AlwaysEqual):
    """Converts to a float, but is not one."""

    def __float__(self):
        return 1.0

    def __index__(self):
        return 1


class ArrayLike(AlwaysEqual):
    """Converts to an array, but is not one."""

    def __array__(self, dtype=None, copy=None):
        return np.zeros(3)

    def __len__(self):
        return 3


class SympyLike(AlwaysEqual):
    """Sympifies to x, but is not a sympy object."""

    def _sympy_(self):
        return x


class FloatSub(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class IntSub(int):
    pass


class StrSub(str):
    pass


class ListSub(list):
    pass


class DictSub(dict):
    pass


class ArraySub(np.ndarray):
    pass


class FrameSub(pd.DataFrame):
    pass


class SeriesSub(pd.Series):
    pass


class SymbolSub(sp.Symbol):
    """A subclass of a sympy class defined outside sympy."""


class FiniteSetSub(sp.FiniteSet):
    pass


Pair = collections.namedtuple("Pair", "a b")


def _matrix(data) -> np.matrix:
    """A numpy.matrix (an ndarray subclass), without its PendingDeprecationWarning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.matrix(data)


def stable_id(value: Any, show: Callable[[Any], str] = str) -> str:
    """A test id that is the same in every process: a set's own order follows the hash seed,
    and pytest-xdist's workers must collect identical ids."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    return show(value)


def raises_check(call: Callable[[], Any], *fragments: str) -> str:
    """``call()`` raises CheckFailed whose message contains every fragment; returns the message."""
    with pytest.raises(CheckFailed) as info:
        call()
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def assert_no_leak(message: str, *secrets: Any) -> None:
    """Neither the str, the repr nor a usual float rendering of any secret appears in message."""
    forms = set()
    for secret in secrets:
        forms |= {str(secret), repr(secret)}
        try:
            value = float(secret)
        except (TypeError, ValueError):
            continue
        forms |= {repr(value), str(value), f"{value:g}", f"{value:.4g}", f"{value:.6f}"}
    for form in forms:
        assert form not in message, f"expected value leaked as {form!r} in {message!r}"


SECRET = 123.456789  # distinctive expected numbers for the leak tests
SECRET_Q = sp.Rational(917, 13)


# --- coverage of the public API -------------------------------------------------------------------

COVERED = {
    "CheckFailed", "fail", "check", "assert_real_answer", "expect_bool", "expect_tuple", "expect_type", "expect_choice",
    "expect_list", "expect_dict", "expect_raises", "expect_number", "assert_close", "expect_array",
    "expect_vector", "assert_array_close", "expect_frame", "expect_series", "expect_sympy",
    "assert_equivalent", "expect_expr", "expect_real", "assert_same_number", "assert_same_function",
    "numeric_function", "expect_set", "assert_same_points", "assert_same_intervals", "assert_exact_number",
    "call_checked", "expect_undefined", "assert_not_used",
}


def test_every_public_helper_is_covered_here():
    """Every public callable defined in checks.py has a table in this file (add one for a new helper)."""
    public = {
        n for n, v in vars(checks).items()
        if not n.startswith("_") and callable(v) and getattr(v, "__module__", None) == checks.__name__
    }
    assert public == COVERED


# --- fail / check -------------------------------------------------------------------------------


def test_fail_raises_checkfailed_with_the_message():
    """fail(): a learner-facing CheckFailed (an AssertionError) carrying exactly the message."""
    with pytest.raises(CheckFailed, match=r"^my_output is wrong$") as info:
        fail("my_output is wrong")
    assert isinstance(info.value, AssertionError)


@pytest.mark.parametrize("condition", [True, np.bool_(True), np.True_])
def test_check_passes_on_true_bools(condition):
    """check(): a Python or numpy True passes silently."""
    assert check(condition, "unused") is None


@pytest.mark.parametrize("condition", [False, np.bool_(False), np.False_])
def test_check_fails_on_false_bools(condition):
    """check(): a Python or numpy False raises CheckFailed with the given message."""
    raises_check(lambda: check(condition, f"{NAME} is not sorted"), f"{NAME} is not sorted")


@pytest.mark.parametrize(
    "condition",
    [1, 0, None, "yes", "", 1.0, np.array([True]), np.array(True), [True], sp.true, AlwaysEqual()],
    ids=lambda c: type(c).__name__,
)
def test_check_rejects_non_bool_condition_as_grader_bug(condition):
    """check(): anything but a real bool is a TypeError ("grader bug"), never a pass or a learner failure."""
    with pytest.raises(TypeError, match="grader bug"):
        check(condition, "unused")


# --- expect_bool ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [(True, True), (False, False), (np.True_, True), (np.False_, False)])
def test_expect_bool_accepts_real_bools(value, expected):
    """expect_bool: Python and numpy bools → a trusted Python bool."""
    out = expect_bool(value, name=NAME)
    assert type(out) is bool and out is expected


@pytest.mark.parametrize(
    "value, got",
    [
        (1, "int"), (0, "int"), ("True", "str"), (None, "NoneType"), (1.0, "float"),
        (np.array(True), "numpy.ndarray"), (sp.true, "BooleanTrue"), (AlwaysEqual(), "AlwaysEqual"),
    ],
)
def test_expect_bool_rejects_truthy_lookalikes(value, got):
    """expect_bool: ints, strings, 0-d arrays, sympy booleans, lookalikes → CheckFailed naming the type."""
    raises_check(lambda: expect_bool(value, name=NAME), NAME, "should be a bool", got)


# --- expect_tuple -------------------------------------------------------------------------------


@pytest.mark.parametrize("value, length", [((1, 2), 2), ((), 0), (("a", None, 3.0), 3)])
def test_expect_tuple_accepts_exact_tuples(value, length):
    """expect_tuple: an exact tuple of the stated length → an equal tuple."""
    out = expect_tuple(value, name=NAME, length=length)
    assert type(out) is tuple and out == value


@pytest.mark.parametrize(
    "value, length, fragments",
    [
        ([1, 2], 2, ["should be a tuple of 2 items", "got list"]),
        (Pair(1, 2), 2, ["should be a tuple of 2 items", "Pair"]),
        (None, 2, ["should be a tuple of 2 items", "got NoneType"]),
        (np.array([1, 2]), 2, ["got numpy.ndarray"]),
        ((1, 2, 3), 2, ["should be a tuple of 2 items", "got 3"]),
        ((1,), 2, ["got 1"]),
    ],
    ids=["list", "namedtuple", "None", "array", "too-long", "too-short"],
)
def test_expect_tuple_rejects(value, length, fragments):
    """expect_tuple: lists, tuple subclasses (namedtuple), wrong lengths → CheckFailed."""
    raises_check(lambda: expect_tuple(value, name=NAME, length=length), NAME, *fragments)


# --- expect_type ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, kind, kwargs",
    [
        (3, int, {}),
        (-2.5, float, {}),
        (float("inf"), float, {}),
        ("text", str, {}),
        (None, type(None), {}),
        (3, (int, float), {}),
        (None, (float, type(None)), {}),
        (np.float64(1.5), np.float64, {}),
        (collections.Counter(a=1), collections.Counter, {}),
        (float("nan"), float, {"allow_nan": True}),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_expect_type_accepts_exact_kind_and_returns_value_itself(value, kind, kwargs):
    """expect_type: exactly the kind (or one of a tuple of kinds) → the value itself; NaN only if allowed."""
    assert expect_type(value, kind, name=NAME, **kwargs) is value


@pytest.mark.parametrize(
    "value, kind, kwargs, fragments",
    [
        (True, int, {}, ["should be an int", "got bool"]),
        (np.float64(1.0), float, {}, ["should be a float", "got numpy.float64"]),
        (np.int64(3), int, {}, ["got numpy.int64"]),
        (FloatSub(1.0), float, {}, ["should be a float", "FloatSub"]),
        (IntSub(1), int, {}, ["IntSub"]),
        (StrSub("a"), str, {}, ["should be a str", "StrSub"]),
        (collections.Counter(), dict, {}, ["should be a dict", "collections.Counter"]),
        (collections.OrderedDict(), dict, {}, ["collections.OrderedDict"]),
        (FloatLike(), float, {}, ["FloatLike"]),
        (3, float, {}, ["should be a float", "got int"]),
        (1.0, bool, {}, ["should be a bool (True or False)", "got float"]),
        (None, int, {}, ["should be an int", "None (return the value, don't print it)"]),
        ("3", (int, type(None)), {}, ["should be an int or None", "got str"]),
        (float("nan"), float, {}, ["is NaN"]),
        (3, str, {"hint": "use str(...)"}, ["got int: use str(...)"]),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_expect_type_rejects_subclasses_lookalikes_nan(value, kind, kwargs, fragments):
    """expect_type: no subclass (bool≠int, float64≠float, Counter≠dict), no lookalike, no NaN; hint appended."""
    raises_check(lambda: expect_type(value, kind, name=NAME, **kwargs), NAME, *fragments)


def test_expect_type_rejects_numpy_float_nan():
    """expect_type: a numpy.float64 NaN is a float NaN and fails without allow_nan."""
    raises_check(lambda: expect_type(np.float64("nan"), np.float64, name=NAME), NAME, "NaN")


# --- expect_choice --------------------------------------------------------------------------------

CHOICES = ["benign", "malignant", "uncertain"]


@pytest.mark.parametrize("value", CHOICES)
def test_expect_choice_accepts_each_label(value):
    """expect_choice: an exact str among the labels → that str."""
    assert expect_choice(value, CHOICES, name=NAME) == value


@pytest.mark.parametrize(
    "value, fragments",
    [
        ("Benign", ["is 'Benign', which is not one of 'benign', 'malignant', 'uncertain'"]),
        (" benign", ["is ' benign'"]),
        ("", ["is ''"]),
        (1, ["should be a str", "got int", "the labels are 'benign', 'malignant', 'uncertain'"]),
        (None, ["None (return the value, don't print it)"]),
        (StrSub("benign"), ["should be a str", "StrSub"]),
        (AlwaysEqual(), ["AlwaysEqual"]),
        (["benign"], ["got list"]),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_expect_choice_rejects(value, fragments):
    """expect_choice: case and spaces count; non-str / str subclass / lookalike → CheckFailed listing the labels."""
    raises_check(lambda: expect_choice(value, CHOICES, name=NAME), NAME, *fragments)


# --- expect_list ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, kwargs",
    [
        ([], {}),
        ([1, "a", None], {}),
        ([1, 2, 3], {"length": 3, "item": int}),
        ([1, 2.5], {"item": (int, float)}),
        ([float("inf")], {"item": float}),
        (["a", "b"], {"length": 2, "item": str}),
    ],
)
def test_expect_list_accepts_and_returns_a_copy(value, kwargs):
    """expect_list: an exact list (optional length / item types) → an equal, new list."""
    out = expect_list(value, name=NAME, **kwargs)
    assert type(out) is list and out == value and out is not value


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        ((1, 2), {}, ["should be a list", "got tuple"]),
        (np.array([1, 2]), {}, ["got numpy.ndarray"]),
        (ListSub([1]), {}, ["ListSub"]),
        (None, {}, ["None (return the value, don't print it)"]),
        ((1, 2), {"item": int}, ["should be a list of int values"]),
        ([1, 2], {"length": 3}, ["should have 3 items, got 2"]),
        ([1, 2.0], {"item": int}, [f"{NAME}[1] should be an int, got float"]),
        ([True], {"item": int}, [f"{NAME}[0] should be an int, got bool"]),
        ([None], {"item": int}, [f"{NAME}[0] should be an int, got NoneType"]),
        ([np.float64(1.0)], {"item": float}, ["got numpy.float64"]),
        ([1.0, float("nan")], {"item": float}, [f"{NAME}[1] is NaN"]),
        ([FloatSub(1.0)], {"item": float}, ["FloatSub"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_list_rejects(value, kwargs, fragments):
    """expect_list: tuples, arrays, list subclasses, wrong length, wrong item type or NaN item → CheckFailed."""
    raises_check(lambda: expect_list(value, name=NAME, **kwargs), NAME, *fragments)


# --- expect_dict ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, kwargs",
    [
        ({}, {}),
        ({"a": 1, "b": 2}, {"keys": str, "values": int}),
        ({1: 0.5, 2: None}, {"keys": int, "values": (float, type(None))}),
        ({"a": [1]}, {"keys": str}),
    ],
)
def test_expect_dict_accepts_and_returns_a_copy(value, kwargs):
    """expect_dict: an exact dict (optional key / value types) → an equal, new dict."""
    out = expect_dict(value, name=NAME, **kwargs)
    assert type(out) is dict and out == value and out is not value


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        (collections.Counter(a=1), {}, ["should be a dict", "collections.Counter"]),
        (collections.defaultdict(int), {}, ["collections.defaultdict"]),
        (collections.OrderedDict(a=1), {}, ["collections.OrderedDict"]),
        (DictSub(a=1), {}, ["DictSub"]),
        ([("a", 1)], {}, ["got list"]),
        (None, {}, ["None (return the value, don't print it)"]),
        (pd.Series({"a": 1}), {"hint": "use dict(...)"}, ["pandas", ": use dict(...)"]),
        ({1: 1}, {"keys": str}, ["should have str keys, found a key of type int"]),
        ({True: 1}, {"keys": int}, ["found a key of type bool"]),
        ({"a": 1.0}, {"values": int}, [f"{NAME}['a'] should be an int, got float"]),
        ({"a": float("nan")}, {"values": float}, [f"{NAME}['a'] is NaN"]),
        ({"a": np.float64(1)}, {"values": float}, ["got numpy.float64"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_dict_rejects(value, kwargs, fragments):
    """expect_dict: Counter / defaultdict / OrderedDict / subclasses, wrong key or value type, NaN value → CheckFailed."""
    raises_check(lambda: expect_dict(value, name=NAME, **kwargs), NAME, *fragments)


# --- expect_raises --------------------------------------------------------------------------------


def _raise(exc: BaseException) -> Callable[[], Any]:
    def call():
        raise exc

    return call


class MyValueError(ValueError):
    pass


@pytest.mark.parametrize(
    "call, exceptions",
    [
        (_raise(ValueError("bad")), ValueError),
        (_raise(MyValueError()), ValueError),
        (_raise(KeyError("k")), (ValueError, KeyError)),
        (_raise(ZeroDivisionError()), ArithmeticError),
    ],
    ids=["exact", "subclass", "tuple", "base-class"],
)
def test_expect_raises_passes_when_the_call_raises_one_of_them(call, exceptions):
    """expect_raises: raising one of ``exceptions`` (or a subclass) passes."""
    assert expect_raises(call, exceptions, what=NAME) is None


@pytest.mark.parametrize(
    "call, exceptions, fragments",
    [
        (lambda: 42, ValueError, ["returned instead of raising ValueError"]),
        (lambda: None, (ValueError, KeyError), ["returned instead of raising ValueError or KeyError"]),
        (_raise(TypeError("secret detail")), ValueError, ["raised TypeError instead of ValueError"]),
        (_raise(CheckFailed("forged")), ValueError, ["raised CheckFailed instead of ValueError"]),
    ],
    ids=["returned", "returned-tuple", "other-exception", "checkfailed"],
)
def test_expect_raises_fails_on_return_or_other_exception(call, exceptions, fragments):
    """expect_raises: a return or another exception is a CheckFailed naming ``what`` and the types only."""
    message = raises_check(lambda: expect_raises(call, exceptions, what=NAME), NAME, *fragments)
    assert "secret detail" not in message and "forged" not in message


def test_expect_raises_lets_not_implemented_through():
    """expect_raises: an untouched stub's NotImplementedError propagates (stays "not attempted")."""
    with pytest.raises(NotImplementedError):
        expect_raises(_raise(NotImplementedError()), ValueError, what=NAME)


@pytest.mark.parametrize("exceptions", [RuntimeError, Exception])
def test_expect_raises_lets_not_implemented_through_even_for_base_classes(exceptions):
    """expect_raises: the stub's NotImplementedError propagates whatever ``exceptions`` is."""
    with pytest.raises(NotImplementedError):
        expect_raises(_raise(NotImplementedError()), exceptions, what=NAME)


@pytest.mark.parametrize(
    "call",
    [_raise(ZeroDivisionError()), _raise(ValueError("no pair")), lambda: float("nan"), lambda: np.float64("nan"),
     lambda: np.float64(1.0) / np.float64(0.0) * 0.0, lambda: np.mean(np.array([]))],
    ids=["zero-division", "value-error", "nan", "numpy-nan", "numpy-0/0", "mean-of-empty"],
)
def test_expect_undefined_accepts_an_exception_or_nan(call):
    """expect_undefined: ZeroDivisionError, ValueError or a NaN (numpy's warnings silenced) pass."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "Mean of empty slice" must not escape as a failure
        assert expect_undefined(call, what=NAME, why="no permissible pair") is None


@pytest.mark.parametrize(
    "call, fragments",
    [
        (lambda: 0.5, ["returned a number", "(no permissible pair)"]),
        (lambda: 0, ["returned a number"]),
        (lambda: "nan", ["should be a number"]),
        (_raise(TypeError("secret detail")), ["raised TypeError", "(no permissible pair)"]),
    ],
    ids=["half", "zero", "string", "other-exception"],
)
def test_expect_undefined_rejects_numbers_and_other_exceptions(call, fragments):
    """expect_undefined: a number, a non-number or an exception not named fails, naming types only."""
    message = raises_check(lambda: expect_undefined(call, what=NAME, why="no permissible pair"), NAME, *fragments)
    assert "secret detail" not in message


def test_expect_undefined_accepts_only_the_exceptions_named():
    """expect_undefined: with ``exceptions=KeyError``, a ZeroDivisionError is another exception."""
    raises_check(lambda: expect_undefined(_raise(ZeroDivisionError()), KeyError, what=NAME, why="w"), NAME,
                 "raised ZeroDivisionError")


def test_expect_undefined_lets_not_implemented_through():
    """expect_undefined: an untouched stub's NotImplementedError propagates (stays "not attempted")."""
    with pytest.raises(NotImplementedError):
        expect_undefined(_raise(NotImplementedError()), (ValueError, RuntimeError), what=NAME, why="w")


OWN = ("import numpy as np\nfrom sympy import diff as d\n\n"
       "def rate(f, t):\n    h = f.subs(t, t + 1) - f\n    diff = h * 2\n    return diff\n")


def test_assert_not_used_passes_own_code():
    """assert_not_used: a function defined once that avoids what is named passes (a variable named
    like a forbidden call is not a call)."""
    assert assert_not_used(OWN, "rate", module="m", instead="i", calls={"diff"}, attributes={"T"},
                           names={"np"}) is None


@pytest.mark.parametrize(
    "source, kwargs, fragment",
    [
        (OWN + "\ndef rate(f, t):\n    return 0\n", {}, "rate should be your own function defined (once) in m.py"),
        (OWN + "\nrate = len\n", {}, "defined (once)"),
        ("from sympy import diff as rate\n", {}, "defined (once)"),
        ("def rate(f, t):\n    return f.diff(t)\n", {"calls": {"diff"}}, "rate calls `diff`: do it yourself"),
        ("def rate(f, t):\n    return d(f, t)\n", {"calls": {"d"}}, "rate calls `d`"),
        ("def rate(A, t):\n    return A.T\n", {"attributes": {"T"}}, "rate uses `.T`: do it yourself"),
        ("def rate(A, t):\n    return scipy\n", {"names": {"scipy"}}, "rate uses `scipy`"),
        ("def rate(A, t):\n    def inner():\n        return A.diff(t)\n    return inner()\n", {"calls": {"diff"}},
         "rate calls `diff`"),
    ],
    ids=["twice", "rebound", "imported", "method-call", "renamed-call", "attribute", "name", "nested"],
)
def test_assert_not_used_rejects(source, kwargs, fragment):
    """assert_not_used: not defined once, or a forbidden call, attribute or name → CheckFailed."""
    raises_check(lambda: assert_not_used(source, "rate", module="m", instead="do it yourself", **kwargs), fragment)


# --- expect_number --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, kwargs, expected",
    [
        (3, {}, 3.0),
        (-2.5, {}, -2.5),
        (0, {}, 0.0),
        (10**15, {}, 1e15),
        (1e-300, {}, 1e-300),
        (1e300, {}, 1e300),
        (float("inf"), {}, math.inf),
        (np.int8(-7), {}, -7.0),
        (np.int64(7), {}, 7.0),
        (np.uint8(255), {}, 255.0),
        (np.uint64(2**40), {}, 2.0**40),
        (np.float16(0.5), {}, 0.5),
        (np.float32(0.25), {}, 0.25),
        (np.float64(1.5), {}, 1.5),
        (3, {"integer": True}, 3.0),
        (np.int32(-3), {"integer": True}, -3.0),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_number_accepts_real_numbers_as_float(value, kwargs, expected):
    """expect_number: Python / numpy ints and floats (ints only with integer=True) → a trusted Python float."""
    out = expect_number(value, name=NAME, **kwargs)
    assert type(out) is float and out == expected


def test_expect_number_allows_nan_when_asked():
    """expect_number: allow_nan=True returns the NaN as a float."""
    out = expect_number(float("nan"), name=NAME, allow_nan=True)
    assert type(out) is float and math.isnan(out)


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        (True, {}, ["should be a number (int or float)", "got bool"]),
        (np.bool_(True), {}, ["got numpy.bool"]),
        ("3", {}, ["got str"]),
        (None, {}, ["got NoneType"]),
        (3 + 0j, {}, ["got complex"]),
        (np.complex128(1), {}, ["numpy.complex128"]),
        (decimal.Decimal("1.5"), {}, ["decimal.Decimal"]),
        (fractions.Fraction(1, 2), {}, ["fractions.Fraction"]),
        (sp.Integer(3), {}, ["sympy"]),
        (FloatSub(1.0), {}, ["FloatSub"]),
        (IntSub(1), {}, ["IntSub"]),
        (FloatLike(), {}, ["FloatLike"]),
        (np.array(3.0), {}, ["numpy.ndarray"]),
        ([3.0], {}, ["got list"]),
        (float("nan"), {}, ["is NaN"]),
        (np.float64("nan"), {}, ["is NaN"]),
        (np.float32("nan"), {}, ["is NaN"]),
        (3.0, {"integer": True}, ["should be an integer", "got float"]),
        (np.float64(3.0), {"integer": True}, ["should be an integer"]),
        (True, {"integer": True}, ["should be an integer", "got bool"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_number_rejects(value, kwargs, fragments):
    """expect_number: bools, complex, Decimal/Fraction, sympy, subclasses, lookalikes, arrays, NaN → CheckFailed."""
    raises_check(lambda: expect_number(value, name=NAME, **kwargs), NAME, *fragments)


def test_expect_number_huge_int_is_a_check_failure():
    """expect_number: an int beyond float range is a CheckFailed, not a crash."""
    with pytest.raises(CheckFailed):
        expect_number(10**400, name=NAME)


# --- assert_close ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, expected, kwargs",
    [
        (2.0, 2.0, {}),
        (2, 2.0, {}),                                  # an int answer for a float value
        (3, 3, {}),                                    # integer expected
        (np.float32(0.5), 0.5, {}),
        (100 + 0.5e-5, 100.0, {}),                     # inside rtol*|e| + atol = 1e-5 + 1e-9
        (100 - 0.9e-5, 100.0, {}),
        (0.5e-9, 0.0, {}),                             # inside atol around 0
        (1e300 * (1 + 5e-8), 1e300, {}),               # very large: relative
        (1e-300 * (1 + 5e-8), 1e-300, {"atol": 0.0}),  # very small: relative when atol=0
        (1e-12, 2e-12, {}),                            # very small: atol=1e-9 (stated) dominates
        (1.05, 1.0, {"rtol": 0.1}),
        (1.5, 1.0, {"rtol": 0.0, "atol": 0.6}),
        (math.inf, math.inf, {}),
        (-math.inf, -math.inf, {}),
    ],
)
def test_assert_close_accepts_within_tolerance(actual, expected, kwargs):
    """assert_close: |actual - expected| <= atol + rtol*|expected| passes (ints, numpy scalars, ±inf)."""
    assert assert_close(actual, expected, name=NAME, **kwargs) is None


@pytest.mark.parametrize(
    "actual, expected, kwargs, fragments",
    [
        (100 + 2e-5, 100.0, {}, ["is not the correct value", "tolerance rtol=1e-07, atol=1e-09"]),
        (100 - 2e-5, 100.0, {}, ["is not the correct value"]),
        (2e-9, 0.0, {}, ["is not the correct value"]),
        (1e300 * (1 + 2e-7), 1e300, {}, ["is not the correct value"]),
        (1e-300 * (1 + 2e-7), 1e-300, {"atol": 0.0}, ["rtol=1e-07, atol=0"]),
        (1.2, 1.0, {"rtol": 0.1}, ["rtol=0.1"]),
        (3, 4, {}, ["is not the correct value"]),
        (math.inf, 1.0, {}, ["is wrong (check whether it should be infinite)"]),
        (1.0, math.inf, {}, ["check whether it should be infinite"]),
        (-math.inf, math.inf, {}, ["infinite"]),
        (float("nan"), 1.0, {}, ["is NaN"]),
        (True, 1.0, {}, ["should be a number", "got bool"]),
        ("1.0", 1.0, {}, ["got str"]),
        (FloatSub(1.0), 1.0, {}, ["FloatSub"]),
        (FloatLike(), 1.0, {}, ["FloatLike"]),
        (np.array([1.0]), 1.0, {}, ["numpy.ndarray"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_assert_close_rejects(actual, expected, kwargs, fragments):
    """assert_close: just outside tolerance, wrong infinity, NaN, wrong type → CheckFailed with the tolerance."""
    raises_check(lambda: assert_close(actual, expected, name=NAME, **kwargs), NAME, *fragments)


@pytest.mark.parametrize("actual, expected", [(5.0, SECRET), (5, SECRET), (math.inf, SECRET), (-5, SECRET)])
def test_assert_close_never_prints_expected(actual, expected):
    """assert_close: the failure message does not contain the hidden expected value."""
    assert_no_leak(raises_check(lambda: assert_close(actual, expected, name=NAME), NAME), expected)


# --- expect_array ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, kwargs",
    [
        (np.array([1.0, 2.0]), {}),
        (np.arange(6).reshape(2, 3), {"shape": (2, 3), "ndim": 2, "kind": "iu"}),
        (np.arange(6).reshape(2, 3), {"shape": [2, 3]}),
        (np.array(3.0), {"ndim": 0, "shape": ()}),
        (np.zeros((0, 4)), {"shape": (0, 4)}),
        (np.array([True, False]), {"kind": "b"}),
        (np.array([1, 2], dtype=np.uint16), {"kind": "fiu"}),
        (np.array([1.0, np.inf]), {"kind": "f"}),
        (np.array(["a", "b"]), {}),
        (np.array([1.0, np.nan]), {"allow_nan": True}),
        (np.asfortranarray(np.ones((2, 2))), {}),
        (np.arange(10.0)[::2], {"shape": (5,)}),       # a non-contiguous view
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_array_returns_a_trusted_copy(value, kwargs):
    """expect_array: an exact ndarray → a new array equal to it that shares no memory with the learner's."""
    out = expect_array(value, name=NAME, **kwargs)
    assert type(out) is np.ndarray and out is not value
    assert not np.shares_memory(out, value)
    assert out.dtype == value.dtype and out.shape == value.shape
    np.testing.assert_array_equal(out, value)


def test_expect_array_copy_is_independent_of_later_mutation():
    """expect_array: mutating the learner's array afterwards does not change the trusted copy."""
    value = np.array([1.0, 2.0, 3.0])
    out = expect_array(value, name=NAME)
    value[0] = 99.0
    assert out[0] == 1.0


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        ([1.0, 2.0], {}, ["should be a numpy.ndarray", "got list"]),
        ((1.0, 2.0), {}, ["got tuple"]),
        (np.float64(1.0), {}, ["got numpy.float64"]),
        (_matrix([[1.0, 2.0]]), {}, ["numpy.matrix"]),
        (np.ma.masked_array([1.0, 2.0]), {}, ["MaskedArray"]),
        (np.zeros(3).view(ArraySub), {}, ["ArraySub"]),
        (ArrayLike(), {}, ["ArrayLike"]),
        (pd.Series([1.0]), {}, ["pandas"]),
        (None, {}, ["got NoneType"]),
        (np.zeros(3), {"ndim": 2}, ["should have 2 dimension(s), got 1 (shape (3,))"]),
        (np.zeros((3, 2)), {"shape": (2, 3)}, ["should have shape (2, 3), got (3, 2)"]),
        (np.zeros(3), {"shape": (3, 1)}, ["should have shape (3, 1), got (3,)"]),
        (np.zeros(3), {"kind": "iu"}, ["has dtype float64", "not the kind of numbers expected"]),
        (np.array([True]), {"kind": "fiu"}, ["has dtype bool"]),
        (np.array(["a"]), {"kind": "fiu"}, ["has dtype <U1"]),
        (np.array([1.0, np.nan]), {}, ["contains NaN"]),
        (np.array([[np.nan]], dtype=np.float32), {}, ["contains NaN"]),
        (np.array([1 + 1j, complex(np.nan, 0)]), {}, ["contains NaN"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_array_rejects(value, kwargs, fragments):
    """expect_array: lists, scalars, matrix / masked / subclasses, __array__ lookalikes, wrong ndim / shape /
    dtype kind, NaN → CheckFailed."""
    raises_check(lambda: expect_array(value, name=NAME, **kwargs), NAME, *fragments)


def test_expect_array_rejects_object_array_of_lookalikes():
    """expect_array: an object array of always-equal lookalikes is not a trusted copy of numbers."""
    raises_check(lambda: expect_array(np.array([AlwaysEqual(), AlwaysEqual()], dtype=object), name=NAME), NAME)


# --- expect_vector --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, kwargs, expected",
    [
        ([1, 2, 3], {}, [1.0, 2.0, 3.0]),
        ((0.5, -1), {"length": 2}, [0.5, -1.0]),
        ([], {"length": 0}, []),
        ([np.int64(2), np.float32(0.5), 3], {}, [2.0, 0.5, 3.0]),
        ([1e-300, 1e300, math.inf], {}, [1e-300, 1e300, math.inf]),
        (np.array([1, 2], dtype=np.int32), {}, [1.0, 2.0]),
        (np.array([1, 2], dtype=np.uint8), {"length": 2}, [1.0, 2.0]),
        (np.array([0.25, 0.5]), {}, [0.25, 0.5]),
        ([1.0, float("nan")], {"allow_nan": True}, [1.0, math.nan]),
        (np.array([np.nan]), {"allow_nan": True}, [math.nan]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_vector_returns_a_trusted_float_array(value, kwargs, expected):
    """expect_vector: list / tuple of real numbers or an exact 1-d numeric array → a new float64 array."""
    out = expect_vector(value, name=NAME, **kwargs)
    assert type(out) is np.ndarray and out.dtype == np.float64 and out.ndim == 1
    assert out is not value
    if isinstance(value, np.ndarray):
        assert not np.shares_memory(out, value)
    np.testing.assert_array_equal(out, np.array(expected, dtype=float))


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        (np.zeros((2, 2)), {}, ["should be 1-dimensional, got shape (2, 2)"]),
        (np.array(1.0), {}, ["should be 1-dimensional, got shape ()"]),
        (np.array([True, False]), {}, ["has dtype bool, expected numbers"]),
        (np.array([1 + 1j]), {}, ["has dtype complex128"]),
        (np.array(["1"]), {}, ["has dtype <U1"]),
        (np.array([1.0], dtype=object), {}, ["has dtype object"]),
        ([1, "2"], {}, [f"{NAME}[1] should be a number", "got str"]),
        ([1, True], {}, [f"{NAME}[1] should be a number", "got bool"]),
        ([[1, 2]], {}, [f"{NAME}[0] should be a number", "got list"]),
        ([FloatSub(1.0)], {}, [f"{NAME}[0]", "FloatSub"]),
        ([FloatLike()], {}, ["FloatLike"]),
        ([sp.Integer(1)], {}, [f"{NAME}[0]", "sympy"]),
        ({1, 2}, {}, ["should be a list or a 1-d numpy array of numbers", "got set"]),
        (pd.Series([1.0]), {}, ["pandas"]),
        (_matrix([1.0, 2.0]), {}, ["numpy.matrix"]),
        (np.zeros(2).view(ArraySub), {}, ["ArraySub"]),
        (ArrayLike(), {}, ["ArrayLike"]),
        (None, {}, ["got NoneType"]),
        ([1.0, float("nan")], {}, ["contains NaN (is something divided by zero?)"]),
        (np.array([np.nan, 1.0]), {}, ["contains NaN"]),
        ([1.0, 2.0], {"length": 3}, ["should have 3 entries, got 2"]),
        (np.zeros(4), {"length": 3}, ["should have 3 entries, got 4"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_vector_rejects(value, kwargs, fragments):
    """expect_vector: 2-d / bool / complex / object arrays, non-number items, sets, subclasses, NaN, wrong length."""
    raises_check(lambda: expect_vector(value, name=NAME, **kwargs), NAME, *fragments)


# --- assert_array_close ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, expected, kwargs",
    [
        (np.array([1.0, 2.0]), [1.0, 2.0], {}),
        (np.array([1, 2]), np.array([1.0, 2.0]), {}),                       # integer dtype
        (np.array([True, False]), np.array([True, False]), {}),             # bool dtype
        (np.array([[1.0, 2.0]]), np.array([[1.0, 2.0]]), {}),
        (np.array(2.0), 2.0, {}),                                           # 0-d
        (np.array([100 + 0.5e-5]), [100.0], {}),                            # just inside 1e-5 + 1e-9
        (np.array([1e300 * (1 + 5e-8)]), [1e300], {}),                      # very large
        (np.array([1e-12]), [2e-12], {}),                                   # very small: atol dominates
        (np.array([1e-300 * (1 + 5e-8)]), [1e-300], {"atol": 0.0}),         # very small, relative
        (np.array([1.05]), [1.0], {"rtol": 0.1}),
        (np.array([np.inf, -np.inf]), [np.inf, -np.inf], {}),
        (np.array([1.0, np.nan]), [1.0, np.nan], {"allow_nan": True}),
        (np.array([], dtype=float), np.array([]), {}),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_assert_array_close_accepts(actual, expected, kwargs):
    """assert_array_close: same shape, numeric dtype, elementwise within atol + rtol*|expected| passes."""
    assert assert_array_close(actual, expected, name=NAME, **kwargs) is None


@pytest.mark.parametrize(
    "actual, expected, kwargs, fragments",
    [
        ([1.0, 2.0], [1.0, 2.0], {}, ["should be a numpy.ndarray", "got list"]),
        (_matrix([[1.0, 2.0]]), [[1.0, 2.0]], {}, ["numpy.matrix"]),
        (np.ones(2).view(ArraySub), [1.0, 1.0], {}, ["ArraySub"]),
        (ArrayLike(), np.zeros(3), {}, ["ArrayLike"]),
        (np.array([1.0, 2.0]), [1.0, 2.0, 3.0], {}, ["should have shape (3,), got (2,)"]),
        (np.array([[1.0, 2.0]]), [1.0, 2.0], {}, ["should have shape (2,), got (1, 2)"]),
        (np.array(["a", "b"]), [1.0, 2.0], {}, ["has dtype <U1, expected numbers"]),
        (np.array([1 + 0j]), [1.0], {}, ["has dtype complex128, expected numbers"]),
        (np.array([1.0], dtype=object), [1.0], {}, ["array of Python objects"]),
        (np.array([AlwaysEqual()], dtype=object), [1.0], {}, ["array of Python objects"]),
        (np.array([1.0, np.nan]), [1.0, 2.0], {}, ["contains NaN"]),
        (np.array([1.0, np.nan]), [1.0, 2.0], {"allow_nan": True}, ["is wrong in 1 of 2 entries (first at index (1,))"]),
        (np.array([1.0, 2.0]), [1.0, np.nan], {"allow_nan": True}, ["is wrong in 1 of 2 entries"]),
        (np.array([100 + 2e-5]), [100.0], {}, ["is wrong in 1 of 1 entries (first at index (0,))"]),
        (np.array([1e300 * (1 + 2e-7)]), [1e300], {}, ["is wrong in 1 of 1"]),
        (np.array([1e-300 * (1 + 2e-7)]), [1e-300], {"atol": 0.0}, ["is wrong in 1 of 1"]),
        (np.array([[1.0, 2.0], [3.0, 5.0]]), [[1.0, 2.0], [4.0, 6.0]], {}, ["is wrong in 2 of 4 entries (first at index (1, 0))"]),
        (np.array(3.0), 2.0, {}, ["is wrong in 1 of 1 entries"]),
        (np.array([np.inf]), [1.0], {}, ["is wrong in 1 of 1"]),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_assert_array_close_rejects(actual, expected, kwargs, fragments):
    """assert_array_close: non-ndarray, wrong shape, non-numeric dtype, NaN, out of tolerance → CheckFailed saying where."""
    raises_check(lambda: assert_array_close(actual, expected, name=NAME, **kwargs), NAME, *fragments)


def test_assert_array_close_0d_failure_has_no_index():
    """assert_array_close: a 0-d mismatch message gives no index."""
    message = raises_check(lambda: assert_array_close(np.array(3.0), 2.0, name=NAME), NAME)
    assert "index" not in message


@pytest.mark.parametrize(
    "actual, expected",
    [
        (np.array([1.0, 5.0]), np.array([1.0, SECRET])),
        (np.array(5.0), np.array(SECRET)),
        (np.array([[5.0]]), np.array([[SECRET]])),
    ],
)
def test_assert_array_close_never_prints_expected(actual, expected):
    """assert_array_close: the failure message does not contain the hidden expected entries."""
    message = raises_check(lambda: assert_array_close(actual, expected, name=NAME), NAME)
    assert_no_leak(message, SECRET, expected)


# --- expect_frame / expect_series -----------------------------------------------------------------


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"age": [61, 47], "sbp": [140.0, 121.5]})


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"columns": ["age", "sbp"]}, {"columns": ["sbp", "age"]}, {"n_rows": 2}, {"columns": ("age", "sbp"), "n_rows": 2}],
    ids=repr,
)
def test_expect_frame_returns_a_deep_copy(kwargs):
    """expect_frame: an exact DataFrame (columns in any order, row count) → an equal, independent copy."""
    value = _frame()
    out = expect_frame(value, name=NAME, **kwargs)
    assert type(out) is pd.DataFrame and out is not value
    pd.testing.assert_frame_equal(out, _frame())
    value.loc[0, "age"] = 99
    assert out.loc[0, "age"] == 61


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        (_frame()["age"], {}, ["should be a pandas.DataFrame", "pandas.core.series.Series"]),
        ({"age": [61]}, {}, ["got dict"]),
        (_frame().to_numpy(), {}, ["got numpy.ndarray"]),
        (FrameSub(_frame()), {}, ["FrameSub"]),
        (None, {}, ["got NoneType"]),
        (_frame(), {"columns": ["age", "sbp", "bmi"]}, ["is missing column(s) ['bmi']"]),
        (_frame(), {"columns": ["age"]}, ["has unexpected column(s) ['sbp']"]),
        (_frame(), {"n_rows": 3}, ["should have 3 rows, got 2"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_frame_rejects(value, kwargs, fragments):
    """expect_frame: Series / dict / array / DataFrame subclass, missing or extra columns, wrong rows → CheckFailed."""
    raises_check(lambda: expect_frame(value, name=NAME, **kwargs), NAME, *fragments)


def test_expect_frame_accepts_columns_as_a_generator():
    """expect_frame: ``columns`` may be any iterable of names, a generator included."""
    expect_frame(_frame(), name=NAME, columns=(c for c in ["age", "sbp"]))


@pytest.mark.parametrize("kwargs", [{}, {"n_rows": 3}], ids=repr)
def test_expect_series_returns_a_deep_copy(kwargs):
    """expect_series: an exact Series (optional row count) → an equal, independent copy."""
    value = pd.Series([1.0, 2.0, 3.0], name="risk")
    out = expect_series(value, name=NAME, **kwargs)
    assert type(out) is pd.Series and out is not value
    value.iloc[0] = 99.0
    assert out.iloc[0] == 1.0
    pd.testing.assert_series_equal(out, pd.Series([1.0, 2.0, 3.0], name="risk"))


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        (_frame(), {}, ["should be a pandas.Series", "DataFrame"]),
        ([1.0, 2.0], {}, ["got list"]),
        (np.array([1.0]), {}, ["got numpy.ndarray"]),
        (SeriesSub([1.0]), {}, ["SeriesSub"]),
        (None, {}, ["got NoneType"]),
        (pd.Series([1.0, 2.0]), {"n_rows": 3}, ["should have 3 rows, got 2"]),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_series_rejects(value, kwargs, fragments):
    """expect_series: DataFrame / list / array / Series subclass, wrong row count → CheckFailed."""
    raises_check(lambda: expect_series(value, name=NAME, **kwargs), NAME, *fragments)


# --- expect_sympy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [x, x**2 + 1, sp.Rational(1, 3), sp.sqrt(2), sp.oo, sp.FiniteSet(1, 2), sp.Interval(0, 1), sp.Eq(x, 1), sp.S.EmptySet],
    ids=str,
)
def test_expect_sympy_returns_genuine_sympy_objects_themselves(value):
    """expect_sympy: a genuine sympy object → that very object."""
    assert expect_sympy(value, name=NAME) is value


@pytest.mark.parametrize("value, expected", [(3, sp.Integer(3)), (-7, sp.Integer(-7)), (2.5, sp.Float(2.5))])
def test_expect_sympy_converts_ints_and_floats(value, expected):
    """expect_sympy: Python ints and floats are converted to sympy numbers."""
    out = expect_sympy(value, name=NAME)
    assert isinstance(out, sp.Basic) and out == expected


@pytest.mark.parametrize(
    "value, got",
    [
        ("x", "str"), (True, "bool"), (None, "NoneType"), ([x], "list"), (np.float64(1.0), "numpy.float64"),
        (np.int64(1), "numpy.int64"), (3 + 0j, "complex"), (SymbolSub("x"), "SymbolSub"),
        (SympyLike(), "SympyLike"), (AlwaysEqual(), "AlwaysEqual"), (FloatSub(1.0), "FloatSub"),
        (IntSub(1), "IntSub"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_expect_sympy_rejects_non_sympy_and_subclasses(value, got):
    """expect_sympy: strings, bools, numpy scalars, subclasses of sympy classes, _sympy_ lookalikes → CheckFailed."""
    raises_check(lambda: expect_sympy(value, name=NAME), NAME, "should be a sympy expression", got)


@pytest.mark.parametrize(
    "call",
    [
        lambda: expect_sympy(f(x), name=NAME),
        lambda: expect_expr(f(x), name=NAME, symbols=[x]),
        lambda: expect_real(f(1), name=NAME),
        lambda: assert_equivalent(f(x), x, name=NAME),
        lambda: assert_same_function(f(x), x, [{x: 1}], name=NAME),
    ],
    ids=["expect_sympy", "expect_expr", "expect_real", "assert_equivalent", "assert_same_function"],
)
def test_undefined_function_answer_is_accepted_or_a_check_failure(call):
    """A learner answer f(x) (sympy.Function('f')) is handled: returned, or a CheckFailed, never a crash."""
    try:
        call()
    except CheckFailed:
        pass


# --- expect_expr ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, symbols",
    [
        (x**2 + 1, None),
        (x**2 + 1, [x]),
        (x * y, {x, y}),
        (x, (x, y)),
        (sp.sqrt(2) / 3, ()),
        (sp.log(5), ()),
        (sp.pi, ()),
        (sp.oo, ()),
    ],
    ids=lambda v: stable_id(v),
)
def test_expect_expr_returns_the_expression(value, symbols):
    """expect_expr: a sympy Expr using only the allowed symbols → that expression."""
    assert expect_expr(value, name=NAME, symbols=symbols) is value


@pytest.mark.parametrize("value, expected", [(3, sp.Integer(3)), (0.5, sp.Float(0.5))])
def test_expect_expr_converts_python_numbers(value, expected):
    """expect_expr: ints and floats are accepted and converted to sympy numbers."""
    out = expect_expr(value, name=NAME, symbols=())
    assert isinstance(out, sp.Expr) and out == expected


@pytest.mark.parametrize(
    "value, symbols, fragments",
    [
        (sp.FiniteSet(1), None, ["should be a sympy expression", "FiniteSet"]),
        (sp.Interval(0, 1), None, ["Interval"]),
        (sp.Eq(x, 1), None, ["Equality"]),
        (sp.Tuple(1, 2), None, ["Tuple"]),
        (sp.true, None, ["BooleanTrue"]),
        ([x], None, ["got list"]),
        ("x + 1", None, ["got str"]),
        (True, None, ["got bool"]),
        (SymbolSub("x"), None, ["SymbolSub"]),
        (x + 1, (), ["should be a number, but it contains x"]),
        (x * y, [], ["should be a number, but it contains x, y"]),
        (x + y, [x], ["contains y, which the answer should not depend on (it may depend only on x)"]),
        (sp.Symbol("t") * x, {x, y}, ["contains t", "(it may depend only on x, y)"]),
    ],
    ids=lambda v: stable_id(v, repr)[:20],
)
def test_expect_expr_rejects(value, symbols, fragments):
    """expect_expr: sets, equations, tuples, booleans, lists, strings, foreign symbols → CheckFailed."""
    raises_check(lambda: expect_expr(value, name=NAME, symbols=symbols), NAME, *fragments)


def test_expect_expr_rejects_float_nan():
    """expect_expr: a float NaN answer is not an expression."""
    raises_check(lambda: expect_expr(float("nan"), name=NAME), NAME)


# --- expect_real ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (sp.Rational(1, 3), 1 / 3),
        (sp.sqrt(2) / 3, math.sqrt(2) / 3),
        (sp.log(5), math.log(5)),
        (sp.pi, math.pi),
        (sp.exp(sp.I * sp.pi), -1.0),                              # imaginary part cancels exactly
        (sp.Float(2) + sp.Float(1e-15) * sp.I, 2.0),               # |imag| within 1e-12 (1 + |real|)
        (sp.Integer(10) ** 300, 1e300),
        (sp.Rational(1, 10**300), 1e-300),
        (3, 3.0),
        (-2.5, -2.5),
        (np.int64(4), 4.0),
        (np.float32(0.5), 0.5),
        (np.uint8(7), 7.0),
    ],
    ids=lambda v: repr(v)[:25],
)
def test_expect_real_accepts_finite_reals_as_float(value, expected):
    """expect_real: an exact sympy number without symbols, or a Python / numpy number → a trusted float."""
    out = expect_real(value, name=NAME)
    assert type(out) is float and out == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize(
    "value, fragments",
    [
        (x, ["should be a number, but it contains x"]),
        (sp.sqrt(x) + 1, ["contains x"]),
        (sp.I, ["should be a real number, got a complex value"]),
        (1 + sp.Float(1e-6) * sp.I, ["complex value"]),
        (sp.oo, ["should be a finite number, got an infinite value"]),
        (-sp.oo, ["infinite value"]),
        (sp.Integer(10) ** 400, ["infinite value"]),
        (float("inf"), ["infinite value"]),
        (np.float64("-inf"), ["infinite value"]),
        (sp.zoo, ["should be a finite real number, but it is NaN or undefined"]),
        (sp.nan, ["NaN or undefined"]),
        (float("nan"), ["NaN or undefined"]),
        (np.float32("nan"), ["NaN or undefined"]),
        (sp.FiniteSet(1), ["should be a sympy expression", "FiniteSet"]),
        (True, ["should be a number (a sympy number, an int or a float)", "got bool"]),
        ("1.5", ["got str"]),
        (None, ["got NoneType"]),
        (decimal.Decimal(1), ["decimal.Decimal"]),
        (1 + 0j, ["got complex"]),
        (FloatSub(1.0), ["FloatSub"]),
        (FloatLike(), ["FloatLike"]),
        (np.array(1.0), ["numpy.ndarray"]),
        (SymbolSub("z"), ["SymbolSub"]),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_expect_real_rejects(value, fragments):
    """expect_real: symbols, complex, ±oo / inf, zoo / NaN, sets, bools, strings, lookalikes → CheckFailed."""
    raises_check(lambda: expect_real(value, name=NAME), NAME, *fragments)


def test_expect_real_huge_python_int_is_a_check_failure():
    """expect_real: 10**400 (a Python int) is a CheckFailed like sympy's Integer(10)**400, not a crash."""
    with pytest.raises(CheckFailed):
        expect_real(10**400, name=NAME)


# --- assert_same_number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, expected, kwargs",
    [
        (1 / sp.sqrt(2), sp.sqrt(2) / 2, {}),
        (3 * sp.log(2), sp.log(8), {}),
        (sp.atan(1) * 4, sp.pi, {}),
        (0.5, sp.Rational(1, 2), {}),
        (1, sp.Integer(1), {}),                                   # integer inputs
        (np.int64(2), 2, {}),
        (math.pi, sp.pi, {}),                                     # float to 1e-9 (1 + |e|)
        (1000 + 0.5e-6, sp.Integer(1000), {}),                    # inside 1e-9 * 1001
        (sp.Integer(10) ** 20 * (1 + sp.Rational(1, 10**11)), sp.Integer(10) ** 20, {}),  # very large: relative
        (5e-10, 0, {}),                                           # near 0: 1e-9 * (1 + 0)
        (sp.Rational(1, 10**12), sp.Rational(1, 10**12), {}),     # very small, exact
        (1.05, 1, {"rtol": 0.05}),
    ],
    ids=lambda v: str(v)[:20],
)
def test_assert_same_number_accepts(actual, expected, kwargs):
    """assert_same_number: any closed form within rtol * (1 + |expected|) of the exact value passes."""
    assert assert_same_number(actual, expected, name=NAME, **kwargs) is None


@pytest.mark.parametrize(
    "actual, expected, kwargs, fragments",
    [
        (sp.sqrt(3) / 2, sp.sqrt(2) / 2, {}, ["is not the correct value"]),
        (1000 + 2e-6, sp.Integer(1000), {}, ["is not the correct value"]),       # just outside
        (sp.Integer(10) ** 20 * (1 + sp.Rational(1, 10**8)), sp.Integer(10) ** 20, {}, ["is not the correct value"]),
        (2e-9, 0, {}, ["is not the correct value"]),
        (1.2, 1, {"rtol": 0.05}, ["is not the correct value"]),
        (x, 1, {}, ["should be a number, but it contains x"]),
        (sp.I, 1, {}, ["complex value"]),
        (sp.oo, 1, {}, ["infinite value"]),
        (sp.nan, 1, {}, ["NaN or undefined"]),
        (True, 1, {}, ["got bool"]),
        ("1", 1, {}, ["got str"]),
    ],
    ids=lambda v: str(v)[:20],
)
def test_assert_same_number_rejects(actual, expected, kwargs, fragments):
    """assert_same_number: wrong value (just outside tolerance too), non-real or non-number answers → CheckFailed."""
    raises_check(lambda: assert_same_number(actual, expected, name=NAME, **kwargs), NAME, *fragments)


@pytest.mark.parametrize("actual", [sp.Integer(70), 70.5, sp.sqrt(2), -SECRET_Q])
def test_assert_same_number_never_prints_expected(actual):
    """assert_same_number: the failure message does not contain the hidden expected value."""
    message = raises_check(lambda: assert_same_number(actual, SECRET_Q, name=NAME), NAME)
    assert_no_leak(message, SECRET_Q)


# --- assert_exact_number --------------------------------------------------------------------------

SQRT2_TO_40_DIGITS = sp.Rational(int(sp.N(sp.sqrt(2) * 10**40, 60)), 10**40)  # exact, but not sqrt(2)


@pytest.mark.parametrize(
    "actual, expected",
    [
        (sp.sqrt(2) / 2, 1 / sp.sqrt(2)),
        (sp.Rational(1, 3), sp.Rational(1, 3)),
        (3, sp.Integer(3)),                                    # integer inputs are exact
        (np.int64(3), 3),
        (sp.log(8), 3 * sp.log(2)),
        ((1 + sp.sqrt(5)) / 2, 2 / (sp.sqrt(5) - 1)),
        (sp.sin(sp.pi / 4), sp.sqrt(2) / 2),
        (sp.Rational(10**30, 7), sp.Rational(10**30, 7)),      # very large
        (sp.Rational(1, 10**30), sp.Rational(1, 10**30)),      # very small
    ],
    ids=lambda v: str(v)[:20],
)
def test_assert_exact_number_accepts_any_exact_form_of_the_number(actual, expected):
    """assert_exact_number: an int or a sympy number without decimals, proven equal to the expected one."""
    assert assert_exact_number(actual, expected, name=NAME) is None


@pytest.mark.parametrize(
    "actual, expected, fragments",
    [
        (0.5, sp.Rational(1, 2), ["give an exact value", "is a float"]),
        (np.float64(0.5), sp.Rational(1, 2), ["give an exact value", "is a float"]),
        (np.float32(0.5), sp.Rational(1, 2), ["give an exact value", "is a float"]),
        (sp.Float(0.5), sp.Rational(1, 2), ["give an exact value", "contains a decimal"]),
        (sp.Float(2), 2, ["contains a decimal"]),                               # a whole number, still a decimal
        (sp.Float(0.5) * sp.sqrt(2), sp.sqrt(2) / 2, ["contains a decimal"]),   # a decimal inside an expression
        (sp.Pow(2, sp.Float(0.5), evaluate=False), sp.sqrt(2), ["contains a decimal"]),
        (SQRT2_TO_40_DIGITS, sp.sqrt(2), ["is close to the correct value but not exactly equal to it"]),
        (sp.pi + sp.Rational(1, 10**40), sp.pi, ["not exactly equal"]),
        (sp.Rational(1, 3), sp.Rational(2, 3), ["is not the correct value"]),
        (x, 1, ["should be a number, but it contains x"]),
        (sp.I, 1, ["complex value"]),
        (sp.oo, 1, ["infinite value"]),
        ("1/3", sp.Rational(1, 3), ["should be an exact sympy number", "got str"]),
        (fractions.Fraction(1, 3), sp.Rational(1, 3), ["got fractions.Fraction"]),
        (True, 1, ["got bool"]),
        (FloatSub(0.5), sp.Rational(1, 2), ["FloatSub"]),
        (SympyLike(), 1, ["SympyLike"]),
        (AlwaysEqual(), 1, ["AlwaysEqual"]),
    ],
    ids=lambda v: str(v)[:20],
)
def test_assert_exact_number_rejects_decimals_approximations_and_wrong_values(actual, expected, fragments):
    """assert_exact_number: floats and sympy Floats (anywhere in the expression) are decimals; a close
    rational approximation is not the exact number; wrong, non-real or non-number answers fail too."""
    raises_check(lambda: assert_exact_number(actual, expected, name=NAME), NAME, *fragments)


def test_assert_exact_number_refuses_what_sympy_cannot_decide(monkeypatch):
    """assert_exact_number: a difference sympy can neither prove zero nor nonzero is not a pass."""
    monkeypatch.setattr(checks, "_exactly_equal", lambda a, b: None)
    raises_check(lambda: assert_exact_number(sp.sqrt(2) / 2, 1 / sp.sqrt(2), name=NAME), NAME, "simplify it")


@pytest.mark.parametrize("expected", [0.5, sp.Float(0.5), x, sp.FiniteSet(1)], ids=str)
def test_assert_exact_number_with_an_inexact_expected_value_is_a_grader_bug(expected):
    with pytest.raises(TypeError, match="grader bug"):
        assert_exact_number(sp.Rational(1, 2), expected, name=NAME)


@pytest.mark.parametrize("actual", [sp.Integer(70), 70.5, sp.Float(70.5384615384615), sp.Rational(7053846153, 10**8)],
                         ids=str)
def test_assert_exact_number_never_prints_expected(actual):
    """assert_exact_number: the failure message does not contain the hidden expected value."""
    message = raises_check(lambda: assert_exact_number(actual, SECRET_Q, name=NAME), NAME)
    assert_no_leak(message, SECRET_Q)


# --- assert_equivalent ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, expected",
    [
        ((x - 1) * (x + 1), x**2 - 1),
        (2 * sp.sin(x) * sp.cos(x), sp.sin(2 * x)),
        (sp.log(x * y), sp.log(x) + sp.log(y)),           # undecided symbolically, equal at the sample points
        (2 * x, 2 * x + 0 * y),
        (sp.Integer(2), 2),
        (2, sp.Integer(2)),                                # integer input
        (0.5, sp.Rational(1, 2)),                          # float input
        (sp.sqrt(8), 2 * sp.sqrt(2)),
        (sp.Rational(10**30, 7), sp.Rational(10**30, 7)),  # very large, exact
        (sp.Rational(1, 10**30), sp.Rational(1, 10**30)),  # very small, exact
        (x * sp.Rational(10**20, 3), x * sp.Rational(10**20, 3)),
        (sp.oo, sp.oo),
        (-sp.oo, -sp.oo),
        (sp.FiniteSet(2, 1), sp.FiniteSet(1, 2)),
        (sp.Interval(0, 1), sp.Union(sp.Interval(0, sp.Rational(1, 2)), sp.Interval(sp.Rational(1, 2), 1))),
        (sp.Eq(x, 1), sp.Eq(x, 1)),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_equivalent_accepts_equal_forms(actual, expected):
    """assert_equivalent: differently written but equal answers pass (symbolic, sampled, numbers, ±oo, sets)."""
    assert assert_equivalent(actual, expected, name=NAME) is None


@pytest.mark.parametrize(
    "actual, expected, fragments",
    [
        (x**3, x**2, ["is not equivalent to the correct answer (they differ at x = "]),
        (x**2 + 1e-6, x**2, ["is not equivalent"]),
        (x + y, x, ["depends on y, which the answer should not contain"]),
        (sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, ["depends on x"]),   # by design: a symbol the answer lacks is refused
        (sp.Integer(3), sp.Integer(4), ["is not the correct value"]),
        (sp.Rational(2, 10**6), sp.Rational(1, 10**6), ["is not the correct value"]),     # small, 1e-6 apart
        (sp.Integer(10) ** 20 + 10**6, sp.Integer(10) ** 20, ["is not the correct value"]),  # large, 1e-14 rel
        (sp.oo, -sp.oo, ["is not the correct answer"]),
        (sp.Integer(5), sp.oo, ["is not the correct answer"]),
        (sp.zoo, sp.Integer(1), ["is not the correct answer"]),
        (sp.FiniteSet(1), sp.FiniteSet(1, 2), ["is not the correct answer"]),
        (sp.Interval.open(0, 1), sp.Interval(0, 1), ["is not the correct answer"]),
        (sp.Integer(1), sp.FiniteSet(1), ["is not the correct answer"]),
        (sp.FiniteSet(1), sp.Integer(1), ["is not the correct value"]),
        (sp.FiniteSet(x), x, ["could not be evaluated; simplify it to a closed form"]),
        ("x", x, ["should be a sympy expression", "got str"]),
        ([x], x, ["got list"]),
        (True, 1, ["got bool"]),
        (np.float64(1.0), 1, ["numpy.float64"]),
        (SymbolSub("x"), x, ["SymbolSub"]),
        (SympyLike(), x, ["SympyLike"]),
        (AlwaysEqual(), x, ["AlwaysEqual"]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_equivalent_rejects(actual, expected, fragments):
    """assert_equivalent: unequal values / functions / sets, extra symbols, non-sympy or lookalike answers → CheckFailed."""
    raises_check(lambda: assert_equivalent(actual, expected, name=NAME), NAME, *fragments)


@pytest.mark.parametrize(
    "actual, expected",
    [
        (sp.Integer(70), SECRET_Q),
        (70.5, SECRET_Q),
        (x * 70, x * SECRET_Q),
        (x + 70, x + SECRET_Q),
        (sp.FiniteSet(70), sp.FiniteSet(SECRET_Q)),
        (sp.Interval(0, 70), sp.Interval(0, SECRET_Q)),
        (sp.Integer(5), sp.Float(SECRET)),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_equivalent_never_prints_expected(actual, expected):
    """assert_equivalent: the failure message does not contain the hidden expected value or expression."""
    message = raises_check(lambda: assert_equivalent(actual, expected, name=NAME), NAME)
    assert_no_leak(message, expected, SECRET_Q, SECRET)


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_assert_equivalent_is_deterministic_for_a_seed(seed):
    """assert_equivalent: the sample points come from ``seed``, so the same failure names the same point."""
    messages = {raises_check(lambda: assert_equivalent(x**3, x**2, name=NAME, seed=seed), NAME) for _ in range(2)}
    assert len(messages) == 1


@pytest.mark.parametrize(
    "actual, expected, accepted",
    [
        (x / 2, x / 2, True),
        (sp.sqrt(2) * x, x * sp.sqrt(8) / 2, True),
        (2, sp.Integer(2), True),
        (sp.Float(0.5) * x, x / 2, False),
        (x ** sp.Float(2), x**2, False),
        (0.5, sp.Rational(1, 2), False),                       # a Python float becomes a sympy Float
        (sp.FiniteSet(sp.Float(0.5)), sp.FiniteSet(sp.Rational(1, 2)), False),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_equivalent_exact_refuses_decimals(actual, expected, accepted):
    """assert_equivalent(exact=True): an equivalent answer written with a decimal fails; without exact it passes."""
    assert_equivalent(actual, expected, name=NAME)
    if accepted:
        assert assert_equivalent(actual, expected, name=NAME, exact=True) is None
    else:
        raises_check(lambda: assert_equivalent(actual, expected, name=NAME, exact=True), NAME,
                     "give an exact value", "contains a decimal")


# --- assert_same_function -------------------------------------------------------------------------

POINTS_X = [{x: 0.5}, {x: 1.5}, {x: 2.0}]
CIRCLE = [{x: 0.6, y: 0.8}, {x: 0.0, y: 1.0}, {x: -0.8, y: 0.6}]  # points on x**2 + y**2 = 1


@pytest.mark.parametrize(
    "actual, expected, points, kwargs",
    [
        ((x - 1) * (x + 1), x**2 - 1, POINTS_X, {}),
        (x**2 - 1, [-0.75, 1.25, 3.0], POINTS_X, {}),                     # expected given as values
        (x**2 - 1, (-0.75, 1.25, 3.0), POINTS_X, {}),
        (3, [3, 3, 3], POINTS_X, {}),                                      # integer answer
        (y**2, 1 - x**2, CIRCLE, {}),                                      # simplified with the curve's relation
        (-x / y, -x / y, CIRCLE, {}),
        (x, x, POINTS_X, {"symbols": [x, y]}),
        (x * (1 + 5e-9), x, POINTS_X, {}),                                 # inside rtol 1e-8 (1 + |v|)
        (x * 1e12 * (1 + 5e-9), x * 1e12, POINTS_X, {}),                   # very large: relative
        (x * 1e-12, 0 * x, POINTS_X, {}),                                  # very small: within 1e-8 of 0
        (x + 0.05, x, POINTS_X, {"rtol": 0.1}),
        (sp.sqrt(x), sp.sqrt(x), [{x: -1.0}, {x: 4.0}], {}),               # complex values compared as complex
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_function_accepts(actual, expected, points, kwargs):
    """assert_same_function: agreeing with the trusted expression or values at every point passes."""
    assert assert_same_function(actual, expected, points, name=NAME, **kwargs) is None


@pytest.mark.parametrize(
    "actual, expected, points, kwargs, fragments",
    [
        (x**3, x**2, POINTS_X, {}, ["is not correct at x = 0.5"]),
        (x**2, [0.25, 2.25, 5.0], POINTS_X, {}, ["is not correct at x = 2"]),
        (x * (1 + 5e-8), x, POINTS_X, {}, ["is not correct at x = 0.5"]),   # just outside 1e-8
        (x * 1e12 * (1 + 5e-8), x * 1e12, POINTS_X, {}, ["is not correct at"]),
        (x + y, x, POINTS_X, {}, ["contains y, which the answer should not depend on (it may depend only on x)"]),
        (y, x, POINTS_X, {"symbols": [x]}, ["contains y"]),
        (1 / x, 1 / x, [{x: 0}], {}, ["at x = 0"]),
        (sp.FiniteSet(x), x, POINTS_X, {}, ["should be a sympy expression", "FiniteSet"]),
        (sp.Eq(y, x), x, POINTS_X, {}, ["Equality"]),
        ("x", x, POINTS_X, {}, ["got str"]),
        (SymbolSub("x"), x, POINTS_X, {}, ["SymbolSub"]),
        (AlwaysEqual(), x, POINTS_X, {}, ["AlwaysEqual"]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_function_rejects(actual, expected, points, kwargs, fragments):
    """assert_same_function: a value off at some point (message names the point), foreign symbols, non-Expr → CheckFailed."""
    raises_check(lambda: assert_same_function(actual, expected, points, name=NAME, **kwargs), NAME, *fragments)


@pytest.mark.parametrize(
    "actual, expected, points",
    [
        (x * 70, x * SECRET_Q, [{x: 1}]),
        (x + 70, x + SECRET_Q, [{x: 2}]),
        (x * 5, [SECRET], [{x: 1}]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_function_never_prints_expected(actual, expected, points):
    """assert_same_function: the message names the point, never the expected expression or its value there."""
    message = raises_check(lambda: assert_same_function(actual, expected, points, name=NAME), NAME, "is not correct at")
    secrets = [SECRET_Q, SECRET, expected] + ([] if isinstance(expected, list) else [expected.subs(points[0])])
    assert_no_leak(message, *secrets)


# --- numeric_function -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expr, arg, expected",
    [
        (x**2 + 1, 2.0, 5.0),
        (sp.sin(x) + sp.exp(x), 0.5, math.sin(0.5) + math.exp(0.5)),
        (sp.sqrt(x) / 3 + sp.pi, 4.0, 2 / 3 + math.pi),
        (sp.Rational(1, 3) * x, 3.0, 1.0),
        (sp.Piecewise((x, x > 0), (-x, True)), -2.0, 2.0),
        (sp.Integer(7), 1.0, 7.0),
    ],
    ids=str,
)
def test_numeric_function_lambdifies_plain_sympy_trees(expr, arg, expected):
    """numeric_function: a tree of sympy's own classes with identifier symbols → a plain Python function."""
    fn = numeric_function(expr, x)
    assert callable(fn)
    assert fn(arg) == pytest.approx(expected, rel=1e-12)


def test_numeric_function_supports_numpy_module():
    """numeric_function: modules="numpy" gives a vectorised function."""
    fn = numeric_function(x**2, x, modules="numpy")
    np.testing.assert_allclose(fn(np.array([1.0, 2.0, 3.0])), [1.0, 4.0, 9.0])


def test_numeric_function_accepts_any_identifier_symbol():
    """numeric_function: a symbol named like t_1 (an identifier, not a keyword) is fine."""
    t_1 = sp.Symbol("t_1")
    assert numeric_function(t_1**2, t_1)(3.0) == 9.0


def test_numeric_function_of_several_symbols():
    """numeric_function: a tuple of symbols gives a function of several arguments."""
    assert numeric_function(x * y + 1, (x, y))(2.0, 3.0) == 7.0


@pytest.mark.parametrize(
    "expr, match",
    [
        (f(x) + 1, "numeric_function\\(\\) of a f"),
        (sp.Function("os.system")(x), "grader bug"),
        (sp.sin(f(x)), "grader bug"),
        (sp.Symbol("a b") + x, "not an identifier"),
        (sp.Symbol("x); import os; (x") * 2, "not an identifier"),
        (sp.Symbol("lambda") + 1, "not an identifier"),
        (sp.Symbol("1x") + 1, "not an identifier"),
        (SymbolSub("x") + 1, "numeric_function\\(\\) of a SymbolSub"),
        (3, "numeric_function\\(\\) of a int"),
        ("x + 1", "grader bug"),
    ],
    ids=lambda v: str(v)[:25],
)
def test_numeric_function_refuses_unsafe_trees(expr, match):
    """numeric_function: undefined functions, non-identifier / keyword symbol names, foreign classes → TypeError."""
    with pytest.raises(TypeError, match=match):
        numeric_function(expr, x)


# --- expect_set -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [sp.FiniteSet(1, 2), sp.Interval(0, 1), sp.Union(sp.Interval(0, 1), sp.Interval(2, 3)), sp.S.EmptySet, sp.S.Reals,
     sp.Interval.Lopen(-sp.oo, 0)],
    ids=str,
)
def test_expect_set_returns_genuine_sets_themselves(value):
    """expect_set: a genuine sympy Set → that very set."""
    assert expect_set(value, name=NAME) is value


@pytest.mark.parametrize(
    "value, kwargs, fragments",
    [
        ({1, 2}, {}, ["should be a sympy set (FiniteSet, Interval, Union or EmptySet)", "got set"]),
        (frozenset({1}), {}, ["got frozenset"]),
        ([1, 2], {}, ["got list"]),
        ((0, 1), {}, ["got tuple"]),
        (x, {}, ["Symbol"]),
        (sp.Integer(2), {}, ["sympy.core.numbers"]),
        (sp.Tuple(0, 1), {}, ["Tuple"]),
        (None, {}, ["got NoneType"]),
        (FiniteSetSub(1), {}, ["FiniteSetSub"]),
        (AlwaysEqual(), {}, ["AlwaysEqual"]),
        ([0, 1], {"wanted": "a sympy.Interval"}, ["should be a sympy.Interval, got list"]),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_expect_set_rejects(value, kwargs, fragments):
    """expect_set: Python sets, lists, tuples, expressions, Set subclasses, lookalikes → CheckFailed (``wanted`` named)."""
    raises_check(lambda: expect_set(value, name=NAME, **kwargs), NAME, *fragments)


# --- assert_same_points ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actual, expected",
    [
        (sp.FiniteSet(sp.sqrt(2), -sp.sqrt(2)), [-sp.sqrt(2), sp.sqrt(2)]),
        (sp.FiniteSet(1, 2, 3), (3, 1, 2)),                                    # any order, integer inputs
        (sp.FiniteSet(sp.Float(1.4142135623730951)), [sp.sqrt(2)]),            # within 1e-9 relative
        (sp.FiniteSet(sp.Rational(1, 3)), [sp.Float(1 / 3)]),
        (sp.FiniteSet(sp.log(8)), [3 * sp.log(2)]),
        (sp.S.EmptySet, []),
        (sp.FiniteSet(), []),
        (sp.FiniteSet(sp.Integer(10) ** 15 + 1), [sp.Integer(10) ** 15]),      # very large: 1e-15 relative
        (sp.FiniteSet(sp.Rational(1, 10**12)), [sp.Rational(1, 10**12)]),      # very small, exact
        (sp.FiniteSet(2 + sp.Float(5e-10)), [2]),                              # just inside 1e-9 (1 + |2|)
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_points_accepts(actual, expected):
    """assert_same_points: a FiniteSet (or EmptySet) with exactly the expected points, by value."""
    assert assert_same_points(actual, expected, name=NAME) is None


@pytest.mark.parametrize(
    "actual, expected, kwargs, fragments",
    [
        (sp.Interval(0, 1), [0], {}, ["should be a sympy FiniteSet of points (or EmptySet)", "Interval"]),
        (sp.Union(sp.Interval(0, 1), sp.FiniteSet(3)), [0], {}, ["Union"]),
        ({1, 2}, [1, 2], {}, ["got set"]),
        ([1, 2], [1, 2], {}, ["got list"]),
        (FiniteSetSub(1), [1], {}, ["FiniteSetSub"]),
        (sp.FiniteSet(1), [1, -1], {}, ["misses some points (it has 1)"]),
        (sp.S.EmptySet, [0], {"hint": "don't forget x = 0"}, ["misses some points (it has 0): don't forget x = 0"]),
        (sp.FiniteSet(1, -1), [1], {}, ["has points that should not be there (it has 2)"]),
        (sp.FiniteSet(1, 3), [1, 2], {}, ["contains a wrong point (near 3)"]),
        (sp.FiniteSet(2 + sp.Float(1e-8)), [2], {}, ["contains a wrong point (near 2)"]),   # just outside
        (sp.FiniteSet(sp.I), [0], {}, ["a point of", NAME, "complex value"]),
        (sp.FiniteSet(x), [0], {}, ["should be a number, but it contains x"]),
        (sp.FiniteSet(sp.oo), [0], {}, ["infinite value"]),
        (sp.FiniteSet(sp.nan), [0], {}, ["NaN or undefined"]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_points_rejects(actual, expected, kwargs, fragments):
    """assert_same_points: intervals / unions / Python sets, missing (with hint) / extra / wrong / non-real points."""
    raises_check(lambda: assert_same_points(actual, expected, name=NAME, **kwargs), NAME, *fragments)


@pytest.mark.parametrize(
    "actual, expected",
    [
        (sp.FiniteSet(70), [SECRET_Q]),
        (sp.FiniteSet(5, 6), [SECRET_Q]),
        (sp.S.EmptySet, [SECRET_Q, -SECRET_Q]),
        (sp.FiniteSet(5), [sp.Float(SECRET)]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_points_never_prints_expected(actual, expected):
    """assert_same_points: the message gives counts and the learner's own wrong point, never the expected ones."""
    message = raises_check(lambda: assert_same_points(actual, expected, name=NAME), NAME)
    assert_no_leak(message, SECRET_Q, -SECRET_Q, SECRET, *expected)


@pytest.mark.parametrize(
    "actual, expected, fragments",
    [
        (sp.FiniteSet(sp.sqrt(2) / 2, -1), [-1, 1 / sp.sqrt(2)], None),
        (sp.FiniteSet(sp.log(8)), [3 * sp.log(2)], None),
        (sp.S.EmptySet, [], None),
        (sp.FiniteSet(sp.Float(0.5), 1), [sp.Rational(1, 2), 1], ["a point of", "contains a decimal"]),
        (sp.FiniteSet(SQRT2_TO_40_DIGITS), [sp.sqrt(2)], ["contains a point (near 1.414) that is not exactly"]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_points_exact_wants_exact_points_equal_exactly(actual, expected, fragments):
    """assert_same_points(exact=True): decimal points and close approximations fail; exact forms pass."""
    assert_same_points(actual, expected, name=NAME)                # by value (1e-9), they all pass
    if fragments is None:
        assert assert_same_points(actual, expected, name=NAME, exact=True) is None
    else:
        raises_check(lambda: assert_same_points(actual, expected, name=NAME, exact=True), NAME, *fragments)


def test_assert_same_points_exact_with_decimal_expected_points_is_a_grader_bug():
    with pytest.raises(TypeError, match="grader bug"):
        assert_same_points(sp.FiniteSet(sp.Rational(1, 2)), [0.5], name=NAME, exact=True)


# --- assert_same_intervals ------------------------------------------------------------------------

half_line = sp.Interval.open(0, sp.oo)


@pytest.mark.parametrize(
    "actual, expected",
    [
        (sp.Interval(0, 1), sp.Interval(0, 1)),
        (sp.Interval.Ropen(0, sp.sqrt(2)), sp.Interval.Ropen(0, sp.Float(math.sqrt(2)))),      # ends by value
        (sp.Union(sp.Interval(2, 3), sp.Interval.open(-1, 0)), sp.Union(sp.Interval.open(-1, 0), sp.Interval(2, 3))),
        (sp.S.Reals, sp.Interval(-sp.oo, sp.oo)),
        (half_line, sp.Interval.open(0, sp.oo)),
        (sp.S.EmptySet, sp.S.EmptySet),
        (sp.Union(sp.Interval(0, 1), sp.FiniteSet(3)), sp.Union(sp.FiniteSet(3), sp.Interval(0, 1))),
        (sp.FiniteSet(1, 2), sp.FiniteSet(2, 1)),
        (sp.Complement(sp.S.Reals, sp.FiniteSet(0)), sp.Union(sp.Interval.open(-sp.oo, 0), half_line)),
        (sp.Interval(0, sp.Integer(10) ** 12 + 1), sp.Interval(0, sp.Integer(10) ** 12)),        # large: relative
        (sp.Interval(0, sp.Rational(1, 10**12)), sp.Interval(0, sp.Rational(1, 10**12))),       # small, exact
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_intervals_accepts(actual, expected):
    """assert_same_intervals: the same pieces, endpoints equal by value, open/closed ends exactly."""
    assert assert_same_intervals(actual, expected, name=NAME) is None


@pytest.mark.parametrize(
    "actual, expected, kwargs, fragments",
    [
        (sp.Interval(0, 1), sp.Union(sp.Interval(0, 1), sp.Interval(2, 3)), {},
         ["is not the correct set: it is made of 1 separate piece(s)"]),
        (sp.S.EmptySet, sp.Interval(0, 1), {}, ["made of 0 separate piece(s)"]),
        (sp.Interval(0, 2), sp.Interval(0, 1), {}, ["has an interval with a wrong endpoint (the one near 0 .. 2)"]),
        (sp.Interval(0, 1 + sp.Float(1e-7)), sp.Interval(0, 1), {}, ["wrong endpoint"]),
        (sp.Interval(0, sp.oo), sp.Interval(0, 1), {}, ["wrong endpoint (the one near 0 .. inf)"]),
        (sp.Interval(0, 1), sp.Interval.Ropen(0, 1), {}, ["includes or excludes an endpoint wrongly (near 0 .. 1)"]),
        (sp.Interval.open(0, 1), sp.Interval(0, 1), {"hint": "the ends are included"},
         ["includes or excludes an endpoint wrongly", ": the ends are included"]),
        (sp.FiniteSet(0), sp.Interval(0, 1), {}, ["wrong endpoint"]),
        (sp.ImageSet(sp.Lambda(x, x**2), sp.S.Integers), sp.Interval(0, 1), {},
         ["should be written with explicit intervals (Interval, Union)", "ImageSet"]),
        (sp.Interval(0, x), sp.Interval(0, 1), {}, ["an endpoint of", NAME, "contains x"]),
        ((0, 1), sp.Interval(0, 1), {}, ["should be a sympy set", "got tuple"]),
        (x > 0, half_line, {}, ["should be a sympy set", "StrictGreaterThan"]),
        (FiniteSetSub(1), sp.FiniteSet(1), {}, ["FiniteSetSub"]),
        (AlwaysEqual(), sp.Interval(0, 1), {}, ["AlwaysEqual"]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_intervals_rejects(actual, expected, kwargs, fragments):
    """assert_same_intervals: wrong piece count, wrong endpoint, wrong open/closed end (with hint), non-interval sets."""
    raises_check(lambda: assert_same_intervals(actual, expected, name=NAME, **kwargs), NAME, *fragments)


@pytest.mark.parametrize(
    "actual, expected",
    [
        (sp.Interval(0, 70), sp.Interval(0, SECRET_Q)),
        (sp.Interval(5, 6), sp.Interval(0, SECRET)),
        (sp.Interval(0, 1), sp.Union(sp.Interval(0, 1), sp.Interval(SECRET_Q, sp.oo))),
        (sp.S.EmptySet, sp.Interval.open(-SECRET_Q, SECRET_Q)),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_intervals_never_prints_expected(actual, expected):
    """assert_same_intervals: the message shows the learner's own pieces, never the expected endpoints."""
    message = raises_check(lambda: assert_same_intervals(actual, expected, name=NAME), NAME)
    assert_no_leak(message, SECRET_Q, -SECRET_Q, SECRET, expected)


@pytest.mark.parametrize(
    "actual, expected, fragments",
    [
        (sp.Interval(-sp.oo, sp.sqrt(2) / 2), sp.Interval(-sp.oo, 1 / sp.sqrt(2)), None),
        (sp.Union(sp.Interval.open(0, 1), sp.FiniteSet(sp.Rational(3, 2))),
         sp.Union(sp.Interval.open(0, 1), sp.FiniteSet(sp.Rational(3, 2))), None),
        (sp.Interval(0, sp.Float(0.5)), sp.Interval(0, sp.Rational(1, 2)), ["an endpoint of", "contains a decimal"]),
        (sp.Interval(0, SQRT2_TO_40_DIGITS), sp.Interval(0, sp.sqrt(2)),
         ["has an endpoint (near 0 .. 1.414) that is not exactly the correct value"]),
    ],
    ids=lambda v: str(v)[:25],
)
def test_assert_same_intervals_exact_wants_exact_endpoints_equal_exactly(actual, expected, fragments):
    """assert_same_intervals(exact=True): decimal endpoints and close approximations fail; exact forms and ±oo pass."""
    assert_same_intervals(actual, expected, name=NAME)
    if fragments is None:
        assert assert_same_intervals(actual, expected, name=NAME, exact=True) is None
    else:
        raises_check(lambda: assert_same_intervals(actual, expected, name=NAME, exact=True), NAME, *fragments)


# --- assert_real_answer ---------------------------------------------------------------------------

_FRAME = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})


@pytest.mark.parametrize(
    "actual, like",
    [
        (np.zeros((2, 3)), np.ones((2, 3))),
        ((_FRAME.copy(), pd.Series([1, 2])), (_FRAME, pd.Series([5, 6]))),
        ([1, 2.5], [0, 0.0]),
        (7, 3),
    ],
    ids=["array", "tuple-of-frame-and-series", "list", "int"],
)
def test_assert_real_answer_accepts_the_form_of_the_answer(actual, like):
    """assert_real_answer: same type, length, shape and columns pass; values are not compared."""
    assert_real_answer(actual, like, name=NAME)


@pytest.mark.parametrize(
    "actual, like, fragments",
    [
        (None, np.ones(2), ["None (return the answer"]),
        (None, (_FRAME, _FRAME), ["None (return the answer"]),
        ((_FRAME,), (_FRAME, _FRAME), ["should have 2 items, got 1"]),
        ((_FRAME, None), (_FRAME, _FRAME), [f"{NAME}[1] should be a pandas.core.frame.DataFrame"]),
        (np.ones(3), np.ones(2), ["should have shape (2,), got (3,)"]),
        (_FRAME[["b", "a"]], _FRAME, ["does not have the expected columns"]),
        ([1.0], (1.0,), ["should be a tuple, got list"]),
    ],
    ids=["none-for-array", "none-for-tuple", "short-tuple", "none-inside", "shape", "columns", "list-for-tuple"],
)
def test_assert_real_answer_rejects_doing_nothing_and_other_forms(actual, like, fragments):
    """assert_real_answer: None, a wrong type, length, shape or columns is a CheckFailed naming it."""
    raises_check(lambda: assert_real_answer(actual, like, name=NAME), NAME, *fragments)


# --- call_checked ---------------------------------------------------------------------------------


def _sort_in_place(values):
    values.sort()
    return sorted(values)


def _add_column(frame):
    frame["b"] = 0.0
    return frame.copy()


def _scale_in_place(array):
    array *= 2
    return array.copy()


def _clear_second(a, b):
    b.clear()
    return list(a)


def _keyword_dropped(values, *, options):
    options.pop("k")
    return list(values)


def _same_if_sorted(values):
    return values if values == sorted(values) else sorted(values)


CLEAN_CALLS = [
    (sorted, ([3.0, 1.0, 2.0],), {}),
    (lambda a: a[::-1].copy(), (np.arange(4.0),), {}),
    (lambda d: {**d, "z": 1}, ({"a": [1]},), {}),
    (lambda f: f.assign(c=1.0), (pd.DataFrame({"a": [1.0, 2.0]}),), {}),
    (lambda f: f.iloc[:1].copy(), (pd.DataFrame({"a": [1.0, 2.0]}),), {}),
    (lambda s: s * 2, (pd.Series([1.0, 2.0]),), {}),
    (lambda a, n: (a[:n].copy(), n), (np.arange(4.0), 2), {}),           # returning an int argument: no fault
    (lambda values, *, options: sorted(values), ([2, 1],), {"options": {"k": 1}}),
    (lambda e: e * 2, (x + 1,), {}),
]


@pytest.mark.parametrize("function, args, kwargs", CLEAN_CALLS, ids=range(len(CLEAN_CALLS)))
def test_call_checked_passes_a_call_that_keeps_its_contract(function, args, kwargs):
    """call_checked: arguments left as they were and a new result pass, and the result is handed back."""
    result = call_checked(function, *args, name=NAME, new_object=True, unchanged=True, **kwargs)
    expected = function(*args, **kwargs)
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    "function, args, kwargs, flags, fragments",
    [
        (_sort_in_place, ([3.0, 1.0, 2.0],), {}, {"unchanged": True}, ["modifies its first argument", "work on a copy"]),
        (_add_column, (pd.DataFrame({"a": [1.0]}),), {}, {"unchanged": True}, ["modifies its first argument"]),
        (_scale_in_place, (np.arange(3.0),), {}, {"unchanged": True}, ["modifies its first argument"]),
        (_clear_second, ([1], {2}), {}, {"unchanged": True}, ["modifies its second argument"]),
        (_keyword_dropped, ([1],), {"options": {"k": 1}}, {"unchanged": True}, ["modifies its argument options"]),
        (lambda v: v, ([1],), {}, {"new_object": True}, ["the result is its first argument itself", "a new object"]),
        (_same_if_sorted, ([1, 2],), {}, {"new_object": True}, ["is its first argument itself"]),
        (lambda d: d, ({"a": 1},), {}, {"new_object": True}, ["is its first argument itself"]),
        (lambda a: a[::2], (np.arange(4.0),), {}, {"new_object": True},
         ["the result is a view of its first argument (it shares its memory)"]),
        (lambda a: a.T, (np.ones((2, 3)),), {}, {"new_object": True}, ["is a view of its first argument"]),
        (lambda f: f.iloc[:1], (pd.DataFrame({"a": [1.0, 2.0]}),), {}, {"new_object": True}, ["is a view of"]),
        (lambda f: f["a"], (pd.DataFrame({"a": [1.0, 2.0]}),), {}, {"new_object": True}, ["is a view of"]),
        (lambda a, b: (a.copy(), b[:1]), (np.ones(2), np.ones(3)), {}, {"new_object": True},
         ["item 1 of the result is a view of its second argument"]),
        (lambda v: None, ([1],), {}, {"new_object": True}, ["should return a new object, got None"]),
    ],
    ids=lambda v: str(v)[:30] if not callable(v) else getattr(v, "__name__", "f"),
)
def test_call_checked_fails_a_modified_argument_or_a_result_that_is_one(function, args, kwargs, flags, fragments):
    """call_checked: which argument was modified, or that the result is an argument itself or a view
    of one, is a CheckFailed naming it."""
    raises_check(lambda: call_checked(function, *args, name=NAME, **flags, **kwargs), NAME, *fragments)


def test_call_checked_checks_only_what_it_is_asked():
    """call_checked: without unchanged / new_object the same calls pass (and the learner's value comes back)."""
    values = [3, 1, 2]
    assert call_checked(_sort_in_place, values, name=NAME, new_object=True) == [1, 2, 3]
    array = np.arange(3.0)
    assert call_checked(lambda a: a[:2], array, name=NAME, unchanged=True).base is array


def test_call_checked_under_copy_on_write_a_frame_sharing_memory_is_not_a_view():
    """call_checked: with pandas' copy-on-write, a frame sharing memory with its argument is copied
    before either changes, so it is not a view; the argument itself still is not a new object."""
    frame = pd.DataFrame({"a": [1.0, 2.0]})
    with pd.option_context("mode.copy_on_write", True):
        call_checked(lambda f: f.iloc[:1], frame, name=NAME, new_object=True)
        raises_check(lambda: call_checked(lambda f: f, frame, name=NAME, new_object=True), NAME, "itself")


def test_call_checked_never_prints_the_arguments_or_the_result():
    message = raises_check(lambda: call_checked(_sort_in_place, [SECRET, 2.0], name=NAME, unchanged=True), NAME)
    assert_no_leak(message, SECRET)


def test_call_checked_lets_the_learners_exceptions_through():
    def stub(values):
        raise NotImplementedError

    with pytest.raises(NotImplementedError):
        call_checked(stub, [1], name=NAME, unchanged=True, new_object=True)


@pytest.mark.parametrize("flags", [{"unchanged": 1}, {"new_object": "yes"}], ids=str)
def test_call_checked_flags_must_be_bools(flags):
    with pytest.raises(TypeError, match="grader bug"):
        call_checked(sorted, [1], name=NAME, **flags)


CONTRACT_MODULE = """
import numpy as np


def sort_copy(values):
    return sorted(values)


def sort_in_place(values):
    values.sort()
    return values


def head_view(array, n):
    return array[:n]


def head_copy(array, n):
    return array[:n].copy()
"""


@pytest.mark.parametrize(
    "function, args, fragments",
    [
        ("sort_copy", ([3, 1, 2],), None),
        ("sort_in_place", ([3, 1, 2],), ["modifies its first argument"]),
        ("head_copy", (np.arange(5.0), 2), None),
        ("head_view", (np.arange(5.0), 2), ["is a view of its first argument"]),
    ],
)
def test_call_checked_reads_the_same_facts_in_the_worker_and_in_the_verifier(tmp_path, function, args, fragments):
    """call_checked on a recorded function (worker) observes the call and logs its facts; on the
    replayed function (verifier) the facts come back from the log, as JSON, with the same verdict;
    on the plain function (direct mode) it observes the call itself."""
    import copy
    import json

    from autograde.engine.recording import RecordingSubmission, ReplaySubmission
    from autograde.engine.submission import Submission

    (tmp_path / "contract.py").write_text(CONTRACT_MODULE)
    inner = Submission(tmp_path, ["contract"], namespace=f"contract_{function}.")

    def verdict(f):
        try:
            call_checked(f, *copy.deepcopy(args), name=NAME, new_object=True, unchanged=True)
        except CheckFailed as exc:
            return str(exc)
        return None

    recorder = RecordingSubmission(inner)
    recorded = verdict(recorder.get(function))
    entry = recorder.log[-1]
    assert set(entry["facts"]) == {"changed", "same", "view"}
    log = json.loads(json.dumps(recorder.log))
    replayed = verdict(ReplaySubmission(inner, log).get(function))
    direct = verdict(inner.get(function))
    assert recorded == replayed == direct
    if fragments is None:
        assert recorded is None
    else:
        assert all(fragment in recorded for fragment in fragments), recorded
