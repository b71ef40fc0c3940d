"""Record what learner code hands to a test, and replay it where no learner code runs.

In the grading worker the ``submission`` fixture is a ``RecordingSubmission``: every name the
test looks up and every value a learner function returns (or exception it raises) is appended
to a log, encoded as plain data by ``codec``.  The verifier, a trusted process that never loads
the learner's modules, runs the same test again with a ``ReplaySubmission`` that answers each
lookup and call from that log.  Only the verifier's verdict can award points, so patching
pytest, numpy or the checks inside the worker, or forging its messages, earns nothing: the
checks that count run on copies of the returned data, in a process the learner never touched.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

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

        @functools.wraps(function)
        def call(*args, **kwargs):
            try:
                result = function(*args, **kwargs)
            except BaseException as exc:
                log.append({"op": "call", "name": name, "raised": codec.exception_info(exc)})
                raise
            log.append({"op": "call", "name": name, "value": codec.encode(result)})
            return result

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
        def call(*args, **kwargs):
            entry = self._take("call", name)
            if "raised" in entry:
                raise codec.rebuild_exception(entry["raised"])
            return codec.decode(entry["value"])

        call.__name__ = call.__qualname__ = name
        return call
