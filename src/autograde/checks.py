"""Assertion helpers shared by every grader.

Rules they enforce, so no grader has to remember them:
- type and shape before value: a learner's object is accepted only if it is exactly the
  built-in / numpy / pandas / sympy type promised (no subclasses, no lookalikes whose
  ``__eq__`` always agrees), and is converted to a trusted copy before any comparison;
- NaN is wrong unless the caller allows it;
- floats are compared with stated tolerances;
- failure messages name what is wrong (which output, which shape, where) but never print
  the hidden expected value.

numpy, pandas and sympy are imported inside the helpers that need them, so a unit only
pays for the libraries it uses.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any, Callable, Iterable, Sequence


class CheckFailed(AssertionError):
    """A learner-facing failure: its message is shown in the report."""


def fail(message: str) -> None:
    raise CheckFailed(message)


def check(condition: bool, message: str) -> None:
    """Fail with ``message`` unless ``condition`` holds (a bare ``assert`` with a learner-facing text).

    ``condition`` must be a real bool (Python or numpy), computed by the grader from trusted
    values: anything else is a grader bug, never a pass.
    """
    if not _is_bool(condition):
        raise TypeError(f"grader bug: check() needs a bool, got {type(condition).__name__}")
    if not condition:
        raise CheckFailed(message)


def expect_bool(value: Any, *, name: str) -> bool:
    """A real bool (Python or numpy, not a truthy lookalike) → a trusted Python bool."""
    if not _is_bool(value):
        fail(f"{name} should be a bool (True or False), got {_type_name(value)}")
    return bool(value)


def expect_tuple(value: Any, *, name: str, length: int) -> tuple:
    """An exact tuple of ``length`` items (its items are checked by the caller)."""
    if type(value) is not tuple:
        fail(f"{name} should be a tuple of {length} items, got {_type_name(value)}")
    if len(value) != length:
        fail(f"{name} should be a tuple of {length} items, got {len(value)}")
    return tuple(value)


def expect_type(value: Any, kind: type | tuple, *, name: str, hint: str = "", allow_nan: bool = False) -> Any:
    """Exactly ``kind``, a type or a tuple of types (no subclass: a bool is not an int, a
    numpy.float64 not a float, a Counter not a dict) → ``value`` itself; a float NaN fails.

    ``hint`` is added to the failure message to say how to get the right type (never the
    expected value); a None is named as an answer printed instead of returned.
    """
    _exact(value, kind, name=name, hint=hint, allow_nan=allow_nan, returned=True)
    return value


def expect_choice(value: Any, choices: Sequence[str], *, name: str) -> str:
    """An exact str that is one of the labels ``choices`` (as written: case and spaces count) → ``value``.

    The message lists the allowed labels (the exercise states them), never which one is right.
    """
    labels = ", ".join(repr(c) for c in choices)
    expect_type(value, str, name=name, hint=f"the labels are {labels}")
    if value not in choices:
        fail(f"{name} is {value!r}, which is not one of {labels}")
    return value


def expect_list(value: Any, *, name: str, length: int | None = None, item: type | tuple | None = None) -> list:
    """An exact list (not a tuple, an array or a subclass) → a shallow copy; optionally of
    ``length`` items, each exactly of type ``item`` (a type or tuple of types, as in expect_type).
    """
    wanted = "a list" if item is None else f"a list of {_kinds_phrase(item, article=False)} values"
    _exact(value, list, name=name, wanted=wanted, returned=True)
    if length is not None and len(value) != length:
        fail(f"{name} should have {length} items, got {len(value)}")
    if item is not None:
        for i, element in enumerate(value):
            _exact(element, item, name=f"{name}[{i}]")
    return list(value)


def expect_dict(
    value: Any, *, name: str, keys: type | tuple | None = None, values: type | tuple | None = None, hint: str = ""
) -> dict:
    """An exact dict (not a Counter, defaultdict or OrderedDict) → a shallow copy; optionally with
    every key exactly of type ``keys`` and every value exactly of type ``values`` (as in expect_type).

    ``hint`` is added when the dict itself has the wrong type.
    """
    expect_type(value, dict, name=name, hint=hint)
    for key, element in value.items():
        if keys is not None and type(key) not in _kinds(keys):
            fail(f"{name} should have {_kinds_phrase(keys, article=False)} keys, found a key of type {_type_name(key)}")
        if values is not None:
            _exact(element, values, name=f"{name}[{key!r}]")
    return dict(value)


def assert_real_answer(actual: Any, like: Any, *, name: str) -> None:
    """``actual`` has the form of the trusted answer ``like``: the same type, and for tuples and
    lists the same length (item by item), for arrays and frames the same shape, for frames the
    same columns.  For tests of a side property ("leaves its input unchanged"): doing nothing
    (returning None) must not pass them.  Values are not compared: other tests do that."""
    if type(actual) is not type(like):
        got = "None (return the answer, don't only change or print things)" if actual is None else _type_name(actual)
        fail(f"{name} should be {_kinds_phrase(type(like))}, got {got}")
    if type(like) in (tuple, list):
        check(len(actual) == len(like), f"{name} should have {len(like)} items, got {len(actual)}")
        for i, (item, want) in enumerate(zip(actual, like)):
            assert_real_answer(item, want, name=f"{name}[{i}]")
    shape = getattr(like, "shape", None)
    if isinstance(shape, tuple):
        check(tuple(actual.shape) == shape, f"{name} should have shape {shape}, got {tuple(actual.shape)}")
    if type(like).__name__ == "DataFrame":
        check(list(actual.columns) == list(like.columns), f"{name} does not have the expected columns")


def expect_raises(call: Callable[[], Any], exceptions: type | tuple = ValueError, *, what: str) -> None:
    """``call()`` must raise one of ``exceptions``: another exception or a return is a failure (not a crash).

    NotImplementedError passes through, so an untouched stub stays "not attempted".
    """
    names = " or ".join(e.__name__ for e in (exceptions if isinstance(exceptions, tuple) else (exceptions,)))
    try:
        call()
    except NotImplementedError:  # first: it is a RuntimeError, which ``exceptions`` may name
        raise
    except exceptions:
        return
    except Exception as exc:  # the learner's exception, named by type only
        fail(f"{what}: raised {type(exc).__name__} instead of {names}")
    fail(f"{what}: returned instead of raising {names}")


def call_checked(function: Callable, /, *args: Any, name: str, new_object: bool = False, unchanged: bool = False,
                 **kwargs: Any) -> Any:
    """``function(*args, **kwargs)``, checking the docstring's quiet clauses about that call →
    what it returned (a learner's value: check it with the helpers above).

    ``unchanged=True``: the call must leave every argument unmodified ("the caller's list is not
    modified"); ``new_object=True``: it must return something, and neither the result nor an item
    of a tuple result may be one of the arguments itself or a view of one (an array or pandas
    object sharing its memory).  Works in every mode: for a learner function the worker observed
    the call and the verifier reads what it recorded (replayed values are copies, so identity and
    in-place changes are invisible there); for a plain function (the reference) the call is
    observed here.  Those facts come from the learner's process: a test of them must also check a
    real answer (e.g. ``assert_real_answer``), so that faking them earns nothing.  The learner's
    arguments named ``name``, ``new_object`` or ``unchanged`` must be passed by position.
    """
    from autograde.engine.recording import observed_call

    for flag, value in (("new_object", new_object), ("unchanged", unchanged)):
        if type(value) is not bool:
            raise TypeError(f"grader bug: call_checked({flag}=...) takes True or False")
    result, facts = observed_call(function, args, kwargs)
    if unchanged and facts["changed"]:
        fail(f"{name} modifies {_argument_label(facts['changed'][0])}: leave the caller's data unchanged "
             "(work on a copy)")
    if new_object:
        if result is None:
            fail(f"{name} should return a new object, got None (return the result, don't only change the argument)")
        for kind, word in (("same", "is {argument} itself"), ("view", "is a view of {argument} (it shares its memory)")):
            if facts[kind]:
                part, key = facts[kind][0]
                what = "the result" if part is None else f"item {part} of the result"
                fail(f"{name}: {what} {word.format(argument=_argument_label(key))}: return a new object "
                     "(e.g. a copy), not the one passed in")
    return result


def _argument_label(key: int | str) -> str:
    """How a message names an argument: by position ("its first argument") or by keyword."""
    if type(key) is str:
        return f"its argument {key}"
    ordinals = ("first", "second", "third", "fourth", "fifth")
    return f"its {ordinals[key]} argument" if key < len(ordinals) else f"its argument number {key + 1}"


def expect_undefined(call: Callable[[], Any], exceptions: type | tuple = (ZeroDivisionError, ValueError), *,
                     what: str, why: str) -> None:
    """``call()`` is at a point where the answer is undefined (a 0 / 0 the contract leaves open, as
    the AI for Medicine course does): raising one of ``exceptions`` or returning NaN both pass; any
    number, or another exception, fails.  ``why`` says, in the learner's terms, why it is undefined.

    NotImplementedError passes through, so an untouched stub stays "not attempted"; numpy's
    division and empty-mean warnings are silenced (they are the NaN being made).
    """
    numpy = sys.modules.get("numpy")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # "Mean of empty slice" and its kind
            if numpy is not None:
                with numpy.errstate(all="ignore"):
                    value = call()
            else:
                value = call()
    except NotImplementedError:
        raise
    except exceptions:
        return
    except Exception as exc:  # the learner's exception, named by type only
        fail(f"{what}: raised {type(exc).__name__}; it is undefined there ({why})")
    number = expect_number(value, name=what, allow_nan=True)
    check(number != number, f"{what} returned a number, but it is undefined there ({why}): let the division "
                            "raise, or return NaN")


def assert_not_used(source: str, function: str, *, module: str, instead: str, calls: Iterable[str] = (),
                    attributes: Iterable[str] = (), names: Iterable[str] = ()) -> None:
    """The learner's own ``function``, read from ``source`` (the text of their ``module``.py, not the
    live object, which may be anything), must be defined there exactly once, not rebound, and must
    not call any of ``calls`` (``f(...)`` or ``x.f(...)``), read an attribute in ``attributes``
    (``x.T``) or name any of ``names``.  ``instead`` says what to do instead.

    For exercises whose point is doing by hand what a library does (a derivative, a solver)."""
    import ast

    tree = ast.parse(source)
    defined = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == function]
    bound = {getattr(t, "id", None) for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
             for t in (getattr(n, "targets", None) or [n.target])}
    bound |= {a.asname or a.name for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    check(len(defined) == 1 and function not in bound,
          f"{function} should be your own function defined (once) in {module}.py")
    calls, attributes, names = set(calls), set(attributes), set(names)
    for node in ast.walk(defined[0]):
        if isinstance(node, ast.Call):
            called = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if called in calls:
                fail(f"{function} calls `{called}`: {instead}")
        if isinstance(node, ast.Attribute) and node.attr in attributes:
            fail(f"{function} uses `.{node.attr}`: {instead}")
        if isinstance(node, ast.Name) and node.id in names:
            fail(f"{function} uses `{node.id}`: {instead}")


def _is_bool(value: Any) -> bool:
    """Exactly a Python bool or a numpy bool (without importing numpy for units that do not use it)."""
    numpy = sys.modules.get("numpy")
    return type(value) is bool or (numpy is not None and type(value) is numpy.bool_)


def _type_name(value: Any) -> str:
    return _kind_name(type(value))


def _kind_name(kind: type) -> str:
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _kinds(kind: type | tuple) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


def _kinds_phrase(kind: type | tuple, *, article: bool = True) -> str:
    """How a failure message names the types wanted: "an int", "a bool (True or False)", "a float or None"."""
    words = []
    for one in _kinds(kind):
        if one is type(None):
            words.append("None")
            continue
        word = _kind_name(one)
        if article:
            word = ("an " if word[0] in "aeiou" else "a ") + word + (" (True or False)" if one is bool else "")
        words.append(word)
    return " or ".join(words)


def _exact(
    value: Any, kind: type | tuple, *, name: str, hint: str = "", allow_nan: bool = False, returned: bool = False,
    wanted: str | None = None,
) -> None:
    """``value`` is exactly ``kind`` (named ``wanted`` in the message, if given) and not NaN;
    ``returned``: it is what a function returned, so a None is named as a missing ``return``
    (inside a container a None is just a wrong type)."""
    if type(value) not in _kinds(kind):
        got = "None (return the value, don't print it)" if value is None and returned else _type_name(value)
        fail(f"{name} should be {wanted or _kinds_phrase(kind)}, got {got}" + (f": {hint}" if hint else ""))
    if type(value) in _number_types() and value != value and not allow_nan:  # a Python or numpy float NaN
        fail(f"{name} is NaN")


# --- scalars --------------------------------------------------------------------------------


def expect_number(value: Any, *, name: str, allow_nan: bool = False, integer: bool = False) -> float:
    """A real int/float (Python or numpy scalar, not bool, not a subclass) → a trusted float."""
    if type(value) not in _number_types(integer=integer):
        wanted = "an integer" if integer else "a number (int or float)"
        fail(f"{name} should be {wanted}, got {_type_name(value)}")
    try:
        number = float(value)
    except OverflowError:  # an int beyond float range
        fail(f"{name} is far too large to be the correct value")
    if number != number and not allow_nan:
        fail(f"{name} is NaN")
    return number


def _number_types(*, integer: bool = False) -> tuple:
    """The exact types of a real number: Python and numpy ints (and floats unless ``integer``), no bool."""
    import numpy as np

    ints = (int, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)
    return ints if integer else ints + (float, np.float16, np.float32, np.float64)


def assert_close(actual: Any, expected: float, *, name: str, rtol: float = 1e-7, atol: float = 1e-9) -> None:
    """``actual`` is a number within ``atol + rtol*|expected|`` of the trusted ``expected``."""
    import math

    value = expect_number(actual, name=name)
    if math.isinf(expected) or math.isinf(value):
        check(value == expected, f"{name} is wrong (check whether it should be infinite)")
        return
    if abs(value - expected) > atol + rtol * abs(expected):
        fail(f"{name} is not the correct value (tolerance rtol={rtol:g}, atol={atol:g})")


# --- numpy arrays -----------------------------------------------------------------------------


def expect_array(
    value: Any,
    *,
    name: str,
    shape: Sequence[int] | None = None,
    ndim: int | None = None,
    kind: str | None = None,
    allow_nan: bool = False,
):
    """An exact ``numpy.ndarray`` (not a subclass, list or matrix) → a trusted copy.

    ``kind`` is a numpy dtype kind string the dtype must be one of: "f" float,
    "i"/"u" integers, "b" bool; e.g. ``kind="fiu"`` accepts any real number dtype.  An array of
    Python objects is never accepted (its copy would still hold the learner's objects).
    """
    import numpy as np

    if type(value) is not np.ndarray:
        fail(f"{name} should be a numpy.ndarray, got {_type_name(value)}")
    if value.dtype.kind == "O":
        fail(f"{name} is an array of Python objects (dtype object), not of numbers or booleans")
    array = np.array(value, copy=True)
    if ndim is not None and array.ndim != ndim:
        fail(f"{name} should have {ndim} dimension(s), got {array.ndim} (shape {array.shape})")
    if shape is not None and tuple(array.shape) != tuple(shape):
        fail(f"{name} should have shape {tuple(shape)}, got {array.shape}")
    if kind is not None and array.dtype.kind not in kind:
        fail(f"{name} has dtype {array.dtype}, which is not the kind of numbers expected here")
    if not allow_nan and array.dtype.kind in "fc" and np.isnan(array).any():
        fail(f"{name} contains NaN")
    return array


def expect_vector(value: Any, *, name: str, length: int | None = None, allow_nan: bool = False):
    """A list or tuple of real numbers, or an exact 1-d numpy array of them → a trusted float array."""
    import numpy as np

    if type(value) in (list, tuple):
        array = np.array([expect_number(v, name=f"{name}[{i}]", allow_nan=True) for i, v in enumerate(value)], dtype=float)
    elif type(value) is np.ndarray:
        if value.ndim != 1:
            fail(f"{name} should be 1-dimensional, got shape {value.shape}")
        if value.dtype.kind not in "fiu":
            fail(f"{name} has dtype {value.dtype}, expected numbers")
        array = np.array(value, dtype=float, copy=True)
    else:
        fail(f"{name} should be a list or a 1-d numpy array of numbers, got {_type_name(value)}")
    if not allow_nan and np.isnan(array).any():
        fail(f"{name} contains NaN (is something divided by zero?)")
    if length is not None and array.shape[0] != length:
        fail(f"{name} should have {length} entries, got {array.shape[0]}")
    return array


def assert_array_close(
    actual: Any, expected: Any, *, name: str, rtol: float = 1e-7, atol: float = 1e-9, allow_nan: bool = False
) -> None:
    """Same shape as ``expected``, then elementwise within tolerance; reports where, not what."""
    import numpy as np

    expected = np.asarray(expected)
    array = expect_array(actual, name=name, shape=expected.shape, allow_nan=allow_nan)
    if array.dtype.kind not in "fiub":
        fail(f"{name} has dtype {array.dtype}, expected numbers")
    wrong = ~np.isclose(array.astype(float), expected.astype(float), rtol=rtol, atol=atol, equal_nan=allow_nan)
    if wrong.any():
        first = tuple(int(i) for i in np.argwhere(wrong)[0])
        where = f" (first at index {first})" if array.ndim else ""
        fail(f"{name} is wrong in {int(wrong.sum())} of {wrong.size} entries{where}")


# --- pandas --------------------------------------------------------------------------------


def expect_frame(value: Any, *, name: str, columns: Iterable[str] | None = None, n_rows: int | None = None):
    """An exact ``pandas.DataFrame`` → a trusted copy; optionally with these columns (any order) and rows."""
    import pandas as pd

    if type(value) is not pd.DataFrame:
        fail(f"{name} should be a pandas.DataFrame, got {_type_name(value)}")
    frame = value.copy(deep=True)
    if columns is not None:
        columns = list(columns)
        missing = [c for c in columns if c not in frame.columns]
        extra = [c for c in frame.columns if c not in set(columns)]
        if missing:
            fail(f"{name} is missing column(s) {missing}")
        if extra:
            fail(f"{name} has unexpected column(s) {extra}")
    if n_rows is not None and len(frame) != n_rows:
        fail(f"{name} should have {n_rows} rows, got {len(frame)}")
    return frame


def expect_series(value: Any, *, name: str, n_rows: int | None = None):
    """An exact ``pandas.Series`` → a trusted copy; optionally with this many rows."""
    import pandas as pd

    if type(value) is not pd.Series:
        fail(f"{name} should be a pandas.Series, got {_type_name(value)}")
    series = value.copy(deep=True)
    if n_rows is not None and len(series) != n_rows:
        fail(f"{name} should have {n_rows} rows, got {len(series)}")
    return series


# --- sympy ---------------------------------------------------------------------------------


def expect_sympy(value: Any, *, name: str):
    """A genuine sympy object (ints and floats are accepted and converted) → that object."""
    import sympy

    if type(value) in (int, float):
        if value != value:
            fail(f"{name} is NaN")
        try:
            return sympy.Integer(value) if type(value) is int else sympy.Float(value)
        except OverflowError:
            fail(f"{name} is far too large to be the correct value")
    # (an undefined function f(x) has a class made on the fly, whose __module__ is None)
    if not isinstance(value, sympy.Basic) or not (type(value).__module__ or "").startswith("sympy."):
        fail(f"{name} should be a sympy expression, got {_type_name(value)}")
    return value


def assert_equivalent(
    actual: Any, expected: Any, *, name: str, samples: int = 12, seed: int = 0, exact: bool = False
) -> None:
    """``actual`` is mathematically equal to ``expected`` (a sympy expression, number, ±oo, set or interval).

    First a symbolic check (simplify the difference); where that is undecided, both are
    evaluated at random points of their free symbols, so correct but differently written
    answers pass and string equality never matters.  ``exact=True``: the answer may contain no
    decimal (no Python float, no sympy Float), for a docstring that promises an exact answer.
    """
    import random

    import sympy

    got = expect_sympy(actual, name=name)
    if exact:
        _no_decimals(got, name=name)
    want = sympy.sympify(expected)
    special = (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan)
    if got in special or want in special or isinstance(want, (sympy.Set, sympy.Rel)):
        check(bool(got == want) or _sets_equal(got, want), f"{name} is not the correct answer")
        return
    if got.free_symbols - want.free_symbols:
        extra = ", ".join(sorted(str(s) for s in got.free_symbols - want.free_symbols))
        fail(f"{name} depends on {extra}, which the answer should not contain")
    symbols = sorted(want.free_symbols | got.free_symbols, key=str)
    draw = random.Random(seed)
    points = [{s: sympy.Float(draw.uniform(0.1, 3.0)) for s in symbols} for _ in range(samples * 4)] if symbols else []
    # A wrong answer is mostly told at once by a few points, at 30 digits, where a difference can
    # only be real; simplify, slow on a wrong answer, then only has to confirm a right one.
    for point in points[:3]:
        differs = _differs_at(got, want, point, digits=30, tolerance=1e-8)
        if differs:
            fail(f"{name} is not equivalent to the correct answer (they differ at {differs})")
    try:
        difference = sympy.simplify(got - want)
    except Exception:
        difference = None
    if difference == 0:
        return
    if not symbols:
        check(
            difference is not None and abs(complex(sympy.N(difference))) < 1e-9,
            f"{name} is not the correct value",
        )
        return
    compared = 0
    for point in points:
        differs = _differs_at(got, want, point)
        if differs is None:
            continue
        compared += 1
        if differs:
            fail(f"{name} is not equivalent to the correct answer (they differ at {differs})")
        if compared >= samples:
            return
    check(compared > 0, f"{name} could not be evaluated; simplify it to a closed form")


def _differs_at(got: Any, want: Any, point: dict, digits: int = 15, tolerance: float = 1e-8) -> str | None:
    """Where ``got`` and ``want`` differ at ``point`` (beyond ``tolerance``, relative with a floor of
    1): the point, written out; "" where they agree; None where ``want`` is not a finite number."""
    try:
        a, b = complex(got.evalf(digits, subs=point)), complex(want.evalf(digits, subs=point))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if b != b or abs(b) == float("inf"):
        return None
    if abs(a - b) <= tolerance * (1 + abs(b)):
        return ""
    return ", ".join(f"{s} = {float(v):.3g}" for s, v in point.items())


def _sets_equal(a: Any, b: Any) -> bool:
    import sympy

    if isinstance(a, sympy.Set) and isinstance(b, sympy.Set):
        return bool(sympy.simplify(sympy.Complement(a, b)) == sympy.S.EmptySet) and bool(
            sympy.simplify(sympy.Complement(b, a)) == sympy.S.EmptySet
        )
    return False


def expect_expr(value: Any, *, name: str, symbols: Iterable | None = None):
    """A sympy expression (ints and floats are accepted and converted; not a set, an equation or
    a list) → that expression; with ``symbols``, it may contain no other symbol (``symbols=()``:
    a number such as sqrt(2)/3 or log(5), without symbols).
    """
    import sympy

    expr = expect_sympy(value, name=name)
    if not isinstance(expr, sympy.Expr):
        fail(f"{name} should be a sympy expression, got {_type_name(expr)}")
    if symbols is not None:
        allowed = set(symbols)
        extra = ", ".join(sorted(str(s) for s in expr.free_symbols - allowed))
        if extra and not allowed:
            fail(f"{name} should be a number, but it contains {extra}")
        if extra:
            only = ", ".join(sorted(str(s) for s in allowed))
            fail(f"{name} contains {extra}, which the answer should not depend on (it may depend only on {only})")
    return expr


def expect_real(value: Any, *, name: str) -> float:
    """A finite real number, exact or not: a sympy number without symbols (a Rational, sqrt(2)/3,
    log(5)...), or a Python/numpy int or float (not bool) → a trusted float (sympy's to 30 digits).
    """
    import math

    import sympy

    if isinstance(value, sympy.Basic):
        expr = expect_expr(value, name=name, symbols=())
        try:
            number = complex(sympy.N(expr, 30))
        except (TypeError, ValueError, ZeroDivisionError, AttributeError):
            fail(f"{name} cannot be evaluated to a number")
    elif type(value) in _number_types():
        number = complex(expect_number(value, name=name, allow_nan=True))
    else:
        fail(f"{name} should be a number (a sympy number, an int or a float), got {_type_name(value)}")
    if number != number:
        fail(f"{name} should be a finite real number, but it is NaN or undefined (is something divided by zero?)")
    if abs(number.imag) > 1e-12 * (1 + abs(number.real)):
        fail(f"{name} should be a real number, got a complex value")
    if math.isinf(number.real):
        fail(f"{name} should be a finite number, got an infinite value (is something divided by zero?)")
    return number.real


def assert_same_number(actual: Any, expected: Any, *, name: str, rtol: float = 1e-9) -> None:
    """``actual`` is a real number (as in expect_real) equal to the trusted exact ``expected``
    within ``rtol * (1 + |expected|)``, both evaluated to 30 digits: far cheaper than simplifying
    a difference of logs and radicals, and any correct closed form passes.
    """
    import sympy

    got, want = expect_real(actual, name=name), float(sympy.N(expected, 30))
    check(abs(got - want) <= rtol * (1 + abs(want)), f"{name} is not the correct value")


def assert_exact_number(actual: Any, expected: Any, *, name: str) -> None:
    """``actual`` is an exact real number, a sympy number without symbols and without decimals
    (a Rational, sqrt(2)/2, log(5)...) or an int (Python or numpy), equal to the trusted exact
    ``expected`` exactly: for a docstring that promises an exact answer.

    A float (Python, numpy) or a sympy expression containing a ``Float`` is refused as a
    decimal; the value is compared to 30 digits first, then its difference with ``expected``
    must be proven zero by sympy (so a close rational approximation fails, and any exact form
    of the right number passes; one sympy cannot decide is refused with "simplify it").
    """
    import sympy

    want = _exact_expected(expected, "assert_exact_number()")
    got = _exact_number(actual, name=name)
    value, target = expect_real(got, name=name), float(sympy.N(want, 30))
    check(abs(value - target) <= 1e-9 * (1 + abs(target)), f"{name} is not the correct value")
    verdict = _exactly_equal(got, want)
    check(verdict is not False, f"{name} is close to the correct value but not exactly equal to it")
    check(verdict is True, f"{name} could not be shown to be exactly the correct value: simplify it")


def _exact_number(value: Any, *, name: str):
    """An int (Python or numpy) or a sympy number without decimals → a sympy number; a float is a decimal."""
    import sympy

    if type(value) in _number_types(integer=True):
        return sympy.Integer(int(value))
    if type(value) in _number_types():
        fail(f"give an exact value: {name} is a float, a decimal approximation; compute it with sympy "
             "(sympy.Rational(p, q), sympy.sqrt(n), sympy.log(n)...) instead of with floats")
    if not isinstance(value, sympy.Basic):
        fail(f"{name} should be an exact sympy number (e.g. a sympy.Rational or an expression with "
             f"sympy.sqrt), got {_type_name(value)}")
    expr = expect_expr(value, name=name, symbols=())
    _no_decimals(expr, name=name)
    return expr


def _exact_expected(expected: Any, helper: str):
    """The grader's expected value as an exact sympy number (±oo allowed); a decimal is a grader bug."""
    import sympy

    want = sympy.sympify(expected)
    if not isinstance(want, sympy.Expr) or want.free_symbols or want.atoms(sympy.Float):
        raise TypeError(f"grader bug: {helper} needs exact sympy numbers as the expected values")
    return want


def _no_decimals(value: Any, *, name: str) -> None:
    """A sympy object without a ``Float`` anywhere in it (an exact answer)."""
    import sympy

    if value.atoms(sympy.Float):
        fail(f"give an exact value: {name} contains a decimal number (a sympy Float); write fractions as "
             "sympy.Rational(p, q) and roots as sympy.sqrt(n), and keep Python floats (p / q of two ints) out of it")


def _exactly_equal(a: Any, b: Any) -> bool | None:
    """Whether the exact numbers ``a`` and ``b`` are mathematically equal: True, False, or None where
    sympy cannot decide (never by their printed forms)."""
    import sympy

    if a == b:  # the same tree (±oo included)
        return True
    difference = a - b
    if difference == 0:
        return True
    if isinstance(difference, sympy.Rational):  # a nonzero rational
        return False
    try:
        return difference.equals(0)
    except Exception:
        return None


def assert_same_function(
    actual: Any, expected: Any, points: Sequence[dict], *, name: str, symbols: Iterable | None = None, rtol: float = 1e-8
) -> None:
    """``actual`` is a sympy expression (as in expect_expr, with only ``symbols``: by default those the
    points give values to) that agrees with the trusted ``expected`` at every point, a dict symbol →
    number, within ``rtol * (1 + |value|)``.

    ``expected`` is a sympy expression, or its values at the points, one per point (where the
    oracle gives values, not a formula). Compared by value, so any correct form passes, and an
    answer simplified with a relation the points satisfy (a curve's own equation) too; the
    message names the point where they differ.
    """
    if symbols is None:
        symbols = {s for point in points for s in point}
    expr = expect_expr(actual, name=name, symbols=symbols)
    for i, point in enumerate(points):
        where = ", ".join(f"{s} = {float(v):.4g}" for s, v in point.items())
        want = complex(expected[i]) if isinstance(expected, (list, tuple)) else complex(expected.evalf(subs=point))
        try:
            got = complex(expr.evalf(subs=point))
        except (TypeError, ValueError, ZeroDivisionError, AttributeError):
            fail(f"{name} cannot be evaluated to a number at {where}")
        if not abs(got - want) <= rtol * (1 + abs(want)):
            fail(f"{name} is not correct at {where}")


def numeric_function(expr: Any, symbol: Any, *, modules: str = "math") -> Callable:
    """A plain Python function of ``symbol`` computing the sympy expression ``expr`` (lambdify).

    lambdify prints the expression's names into source code and runs it, so it is the one
    route from a sympy object to code: it is refused for anything but a tree of sympy's own
    classes whose symbols are plain identifiers (no undefined function, whose name would be
    printed as is). Use it for the grader's own expressions; a learner's answer is compared
    with ``assert_equivalent`` or ``assert_same_function``, which never generate code.
    """
    import sympy
    from sympy.core.function import AppliedUndef

    from autograde.engine import guard
    from autograde.engine.codec import is_plain_identifier

    for node in sympy.preorder_traversal(expr):
        if isinstance(node, AppliedUndef) or not (type(node).__module__ or "").startswith("sympy."):
            raise TypeError(f"grader bug: numeric_function() of a {type(node).__name__}")
        if isinstance(node, sympy.Symbol) and not is_plain_identifier(node.name):
            raise TypeError("grader bug: numeric_function() of a symbol whose name is not an identifier")
    with guard.codegen_allowed():
        return sympy.lambdify(symbol, expr, modules)


def expect_set(value: Any, *, name: str, wanted: str = "a sympy set (FiniteSet, Interval, Union or EmptySet)"):
    """A genuine sympy set (FiniteSet, Interval, Union, EmptySet, Reals...) → that set; ``wanted``
    names the kind of set in the message (e.g. "a sympy.Interval").
    """
    import sympy

    if not isinstance(value, sympy.Set) or not type(value).__module__.startswith("sympy."):
        fail(f"{name} should be {wanted}, got {_type_name(value)}")
    return value


def assert_same_points(actual: Any, expected: Iterable, *, name: str, hint: str = "", exact: bool = False) -> None:
    """``actual`` is a sympy FiniteSet (or EmptySet) of real numbers holding exactly the trusted
    points ``expected`` (exact numbers), compared by value to 1e-9 relative: sympy's ``==``
    compares how they are written, and cannot always decide that two forms are one number.

    ``hint`` is added to the message when points are missing (say what is often forgotten).
    ``exact=True``: every point must be exact (no decimal, as in ``assert_exact_number``) and
    equal to its expected point exactly.
    """
    import sympy

    got = expect_set(actual, name=name, wanted="a sympy FiniteSet of points (or EmptySet)")
    if got != sympy.S.EmptySet and not isinstance(got, sympy.FiniteSet):
        fail(f"{name} should be a sympy FiniteSet of points (or EmptySet), got {_type_name(got)}")
    points = [_exact_number(p, name=f"a point of {name}") if exact else p for p in got.args]
    values = sorted(((expect_real(p, name=f"a point of {name}"), p) for p in points), key=lambda pair: pair[0])
    want = sorted(((float(sympy.N(p, 30)), p) for p in expected), key=lambda pair: pair[0])
    if len(values) < len(want):
        fail(f"{name} misses some points (it has {len(values)})" + (f": {hint}" if hint else ""))
    if len(values) > len(want):
        fail(f"{name} has points that should not be there (it has {len(values)})")
    for (a, point), (b, wanted) in zip(values, want):
        check(_same_float(a, b), f"{name} contains a wrong point (near {a:.4g})")
        if exact:
            check(_exactly_equal(point, _exact_expected(wanted, "assert_same_points(exact=True)")) is True,
                  f"{name} contains a point (near {a:.4g}) that is not exactly the correct value")


def assert_same_intervals(actual: Any, expected: Any, *, name: str, hint: str = "", exact: bool = False) -> None:
    """``actual`` is a sympy set made of intervals (Interval, Union of them, EmptySet; isolated
    points as a FiniteSet) equal to the trusted set ``expected``: piece by piece, endpoints
    compared by value (1e-9 relative, ±oo allowed) and open/closed ends exactly.

    ``hint`` is added to the message when an end is open where it should be closed, or the reverse.
    ``exact=True``: every endpoint must be exact (no decimal) and equal to the expected one exactly.
    """
    got, want = _interval_pieces(actual, name, exact), _interval_pieces(expected, "the expected set", False)
    if len(got) != len(want):
        fail(f"{name} is not the correct set: it is made of {len(got)} separate piece(s), which is not the right number")
    for (a0, a1, a_lo, a_hi, a_ends), (b0, b1, b_lo, b_hi, b_ends) in zip(got, want):
        check(
            _same_float(a0, b0) and _same_float(a1, b1),
            f"{name} has an interval with a wrong endpoint (the one near {a0:.4g} .. {a1:.4g})",
        )
        check(
            (a_lo, a_hi) == (b_lo, b_hi),
            f"{name} includes or excludes an endpoint wrongly (near {a0:.4g} .. {a1:.4g})" + (f": {hint}" if hint else ""),
        )
        if exact:
            b_ends = [_exact_expected(b, "assert_same_intervals(exact=True)") for b in b_ends]
            check(all(_exactly_equal(a, b) is True for a, b in zip(a_ends, b_ends)),
                  f"{name} has an endpoint (near {a0:.4g} .. {a1:.4g}) that is not exactly the correct value")


def _interval_pieces(value: Any, name: str, exact: bool) -> list:
    """A sympy set of intervals → its pieces (start, end, left_open, right_open, (start, end) as
    sympy numbers), sorted by the float ends; ``exact``: ends without decimals."""
    import sympy

    got = expect_set(value, name=name)
    if got == sympy.S.EmptySet:
        return []
    ends = []
    for part in got.args if isinstance(got, sympy.Union) else (got,):
        if isinstance(part, sympy.Interval):
            ends.append((part.start, part.end, bool(part.left_open), bool(part.right_open)))
        elif isinstance(part, sympy.FiniteSet):
            ends.extend((p, p, False, False) for p in part.args)
        else:
            fail(f"{name} should be written with explicit intervals (Interval, Union); it contains a {_type_name(part)}")
    pieces = []
    for start, end, left_open, right_open in ends:
        (a, exact_start), (b, exact_end) = _endpoint(start, name, exact), _endpoint(end, name, exact)
        pieces.append((a, b, left_open, right_open, (exact_start, exact_end)))
    return sorted(pieces, key=lambda piece: piece[:4])


def _endpoint(value: Any, name: str, exact: bool) -> tuple[float, Any]:
    """An interval's end, ±oo or a real number as in expect_real (``exact``: without decimals) →
    (its float, itself)."""
    import sympy

    if value in (sympy.oo, -sympy.oo):
        return float(value), value
    if exact:
        value = _exact_number(value, name=f"an endpoint of {name}")
    return expect_real(value, name=f"an endpoint of {name}"), value


def _same_float(a: float, b: float) -> bool:
    """Equal (±inf included) or within 1e-9 relative of the trusted ``b``."""
    return a == b or abs(a - b) <= 1e-9 * (1 + abs(b))
