"""Record what learner code hands to a test, and replay it where no learner code runs.

In the grading worker the ``submission`` fixture is a ``RecordingSubmission``: every name the
test looks up and every value a learner function returns (or exception it raises) is appended
to a log, encoded as plain data by ``codec``.  The verifier, a trusted process that never loads
the learner's modules, runs the same test again with a ``ReplaySubmission`` that answers each
lookup and call from that log.  Only the verifier's verdict can award points, so patching
pytest, numpy or the checks inside the worker, or forging its messages, earns nothing: the
checks that count run on copies of the returned data, in a process the learner never touched.

A call the grader makes through ``checks.call_checked`` is also *observed* in the worker: whether
it modified its arguments, and whether its result is one of them or a view of one (``observe_call``).
In the verifier the replayed call returns a decoded copy, so these facts could not be seen there:
the worker records them in the call's log entry and the replay hands them back (``read_facts``).
"""

from __future__ import annotations

import functools
import inspect
import sys
import types
import weakref
from typing import Any, Callable

from autograde.engine import codec
from autograde.engine.submission import Submission, SubmissionError


class Unverifiable(Exception):
    """The test used something the verifier cannot replay (a module object, a learner class)."""


class Diverged(Exception):
    """The replayed test asked for something other than what the worker recorded."""


class RecordingSubmission:
    """A ``Submission`` that logs every value crossing from learner code to the grader."""

    def __init__(self, inner: Submission):
        self._inner = inner
        self.log: list[dict[str, Any]] = []
        self.directory, self.module_names, self.label = inner.directory, inner.module_names, inner.label

    def source(self, name: str) -> str:
        return self._inner.source(name)

    def module(self, name: str):
        self.log.append({"op": "module", "name": name})
        return self._inner.module(name)

    def get(self, name: str) -> Any:
        try:
            value = self._inner.get(name)
        except SubmissionError as exc:
            self.log.append({"op": "get", "name": name, "error": str(exc)})
            raise
        if inspect.isclass(value) or not callable(value):
            self.log.append({"op": "get", "name": name, "kind": "value", "value": codec.encode(value)})
            return value
        self.log.append({"op": "get", "name": name, "kind": "function"})
        return self._recorded(name, value)

    def run_program(self, name: str, **options: Any):
        result = self._inner.run_program(name, **options)
        self.log.append({"op": "run", "name": name, "value": codec.encode(result)})
        return result

    def _recorded(self, name: str, function):
        log = self.log

        def logged(run: Callable[[], Any], facts: bool) -> Any:
            try:
                outcome = run()
            except BaseException as exc:
                log.append({"op": "call", "name": name, "raised": codec.exception_info(exc)})
                raise
            result = outcome[0] if facts else outcome
            entry = {"op": "call", "name": name, "value": codec.encode(result)}
            if facts:
                entry["facts"] = outcome[1]
            log.append(entry)
            return outcome

        @functools.wraps(function)
        def call(*args, **kwargs):
            return logged(lambda: function(*args, **kwargs), facts=False)

        _CHECKED[call] = lambda args, kwargs: logged(lambda: observe_call(function, args, kwargs), facts=True)
        return call


class ReplaySubmission:
    """Answers the test's lookups and calls from a worker's log; never runs learner code."""

    def __init__(self, like: Submission, log: list[dict[str, Any]]):
        self._like = like
        self._log = list(log)
        self._next = 0
        self.directory, self.module_names, self.label = like.directory, like.module_names, like.label

    def source(self, name: str) -> str:
        return self._like.source(name)

    def module(self, name: str):
        raise Unverifiable(f"the test reads the module object {name}")

    def _take(self, op: str, name: str) -> dict[str, Any]:
        if self._next >= len(self._log):
            raise Diverged(f"the test asked for {name} after the recorded run ended")
        entry = self._log[self._next]
        self._next += 1
        if entry.get("op") != op or entry.get("name") != name:
            raise Diverged(f"the test asked for {op} {name}, the recorded run did {entry.get('op')} {entry.get('name')}")
        return entry

    def get(self, name: str) -> Any:
        entry = self._take("get", name)
        if "error" in entry:
            raise SubmissionError(str(entry["error"]))
        if entry.get("kind") == "value":
            return codec.decode(entry["value"])
        return self._replayed(name)

    def run_program(self, name: str, **options: Any):
        return codec.decode(self._take("run", name)["value"])

    def _replayed(self, name: str):
        def answer(entry: dict[str, Any]) -> Any:
            if "raised" in entry:
                raise codec.rebuild_exception(entry["raised"])
            return codec.decode(entry["value"])

        def call(*args, **kwargs):
            return answer(self._take("call", name))

        def checked(args: tuple, kwargs: dict) -> tuple[Any, dict[str, list]]:
            entry = self._take("call", name)
            result = answer(entry)
            return result, read_facts(entry.get("facts"), args, kwargs, result)

        call.__name__ = call.__qualname__ = name
        _CHECKED[call] = checked
        return call


# --- what a call did to its arguments ------------------------------------------------------------
#
# These facts come from the worker, where the learner's code runs: a forging learner can fake
# them, but only them. They describe a side property of a call (its arguments left unmodified, a
# new object returned), never its answer, which the verifier checks on the recorded value; so a
# test of a side property must also require a real answer (``checks.assert_real_answer``), and
# faking facts then earns nothing that a correct answer would not.
#
# Facts are small: {"changed": [key, ...], "same": [[part, key], ...], "view": [[part, key], ...]},
# a key being an argument's position (int) or keyword (str), a part None (the result) or the
# position of an item of a tuple result.  Never a copy of the data.

# The recorded and replayed functions, each with its observed form: (args, kwargs) -> (result, facts).
_CHECKED: "weakref.WeakKeyDictionary[types.FunctionType, Callable]" = weakref.WeakKeyDictionary()

# Values no call can modify (not worth a snapshot), and values for which "the same object" is not a
# fault (``return x`` of an int or a tuple).
_SCALARS = (type(None), bool, int, float, complex, str, bytes)
_IMMUTABLE = _SCALARS + (tuple, frozenset, range)


def observed_call(function: Callable, args: tuple, kwargs: dict) -> tuple[Any, dict[str, list]]:
    """``function(*args, **kwargs)`` and the facts of that call: for a function of a recorded or
    replayed submission, as the worker observed them (and logged them); for any other function
    (the reference, a submission graded in place) observed here."""
    checked = _CHECKED.get(function) if type(function) is types.FunctionType else None
    if checked is None:
        return observe_call(function, args, kwargs)
    return checked(args, kwargs)


def observe_call(function: Callable, args: tuple, kwargs: dict) -> tuple[Any, dict[str, list]]:
    """Call ``function`` and observe what the call did: which arguments it modified (each argument
    is encoded as plain data before and after the call, so nothing of its own is called), and
    whether its result, or an item of a tuple result, is an argument itself (``is``, for mutable
    objects) or shares memory with one (numpy arrays, pandas objects, torch tensors)."""
    arguments = [*enumerate(args), *kwargs.items()]
    before = {key: _snapshot(value) for key, value in arguments}
    result = function(*args, **kwargs)
    changed = [key for key, value in arguments if _snapshot(value) != before[key]]
    same, view = [], []
    parts = [(None, result)] + (list(enumerate(result)) if type(result) is tuple else [])
    for part, value in parts:
        for key, argument in arguments:
            if value is argument and not _immutable(argument):
                same.append([part, key])
            elif value is not argument and _shares_memory(value, argument):
                view.append([part, key])
    return result, {"changed": changed, "same": same, "view": view}


def _snapshot(value: Any) -> Any:
    return None if type(value) in _SCALARS else codec.encode(value)


def _immutable(value: Any) -> bool:
    numpy, sympy = sys.modules.get("numpy"), sys.modules.get("sympy")
    return type(value) in _IMMUTABLE or (numpy is not None and isinstance(value, numpy.generic)) \
        or (sympy is not None and isinstance(value, sympy.Basic))


def _shares_memory(a: Any, b: Any) -> bool:
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return False
    for x in _buffers(a):
        for y in _buffers(b):
            try:
                if numpy.shares_memory(x, y, max_work=100_000):
                    return True
            except Exception:  # too hard to decide exactly: overlapping bounds count as shared
                if numpy.may_share_memory(x, y):
                    return True
    return False


def _buffers(value: Any) -> list:
    """The numpy arrays holding the data of an array, a pandas object or a CPU tensor ([] for others)."""
    numpy, pandas, torch = (sys.modules.get(m) for m in ("numpy", "pandas", "torch"))
    try:
        if numpy is not None and isinstance(value, numpy.ndarray):
            return [value]
        if pandas is not None and _pandas_has_views(pandas) and isinstance(value, (pandas.Series, pandas.Index)):
            return [value.to_numpy()]
        if pandas is not None and _pandas_has_views(pandas) and isinstance(value, pandas.DataFrame):
            return [value.iloc[:, i].to_numpy() for i in range(value.shape[1])]
        if torch is not None and isinstance(value, torch.Tensor) and value.device.type == "cpu":
            return [value.detach().numpy()]
    except Exception:  # a dtype without a numpy form: its data is not compared
        pass
    return []


def _pandas_has_views(pandas: Any) -> bool:
    """Whether a pandas object can be a view of another: not under copy-on-write (pandas 3, or the
    option), where one that shares memory with another is copied before either is changed."""
    try:
        return int(pandas.__version__.split(".")[0]) < 3 and pandas.options.mode.copy_on_write is not True
    except Exception:
        return True


def read_facts(raw: Any, args: tuple, kwargs: dict, result: Any) -> dict[str, list]:
    """The facts a worker recorded for a call, checked against the replayed call: the log is
    hostile data, so every key must name one of the call's arguments and every part an item of
    its result; anything else (missing facts included) means the record is not this test's."""
    keys = set(range(len(args))) | set(kwargs)
    parts = set(range(len(result))) if type(result) is tuple else set()

    def key(k: Any) -> Any:
        if not ((type(k) is int or type(k) is str) and k in keys):
            raise ValueError
        return k

    def pair(p: Any) -> list:
        if type(p) is not list or len(p) != 2 or not (p[0] is None or (type(p[0]) is int and p[0] in parts)):
            raise ValueError
        return [p[0], key(p[1])]

    try:
        if type(raw) is not dict or set(raw) != {"changed", "same", "view"} \
                or not all(type(v) is list and len(v) <= len(keys) * (len(parts) + 1) for v in raw.values()):
            raise ValueError
        return {"changed": [key(k) for k in raw["changed"]], "same": [pair(p) for p in raw["same"]],
                "view": [pair(p) for p in raw["view"]]}
    except ValueError:
        raise Diverged("the recorded call has no valid facts about its arguments") from None
