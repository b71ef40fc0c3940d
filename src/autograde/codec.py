"""Turn what learner code returns into plain data, and back, without trusting it.

The grading worker ``encode``s every value a learner function hands to the grader; the
trusted verifier ``decode``s it and re-runs the test's checks on the copy.  Encoding reads
only the value's data (never calls the learner's ``__eq__``, ``__float__``, ``__array__`` …);
decoding builds only known types from numbers and strings: no ``pickle``, no ``eval``.

What survives as data: None, bool, int, float, complex, str, bytes; list, tuple (and
namedtuples), dict, set, frozenset, range; datetime/date/time/timedelta, Decimal, Fraction;
numpy arrays and scalars; pandas Series, DataFrame, Index and scalars; sympy objects; torch tensors;
scikit-learn estimators whose attributes are all data (e.g. a fitted LogisticRegression);
``ProgramRun``.  A subclass of a built-in keeps its class *name* (as a trusted empty subclass)
and its data, not its methods, so a lying ``__eq__`` has nothing left to lie with.  Anything
else decodes to a ``Foreign`` placeholder that no check accepts.
"""

from __future__ import annotations

import base64
import collections
import datetime as dt
import decimal
import fractions
import sys
from typing import Any

MAX_BYTES = 256 * 1024 * 1024


class Foreign:
    """Stands in, on the trusted side, for an object that is not data (a model, a module, a generator)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name} object>"


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_BYTES

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise ValueError("value too large")


def _name(obj: Any) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encode(value: Any) -> Any:
    """A JSON-ready description of ``value``; objects that are not data become ``{"$": "foreign"}``."""
    try:
        return _encode(value, _Budget())
    except (RecursionError, ValueError, TypeError, OverflowError, MemoryError):
        return {"$": "foreign", "type": _name(value)}


_BASES = (bool, int, float, complex, str, bytes, list, tuple, dict, set, frozenset)


def _encode(v: Any, budget: _Budget) -> Any:  # noqa: C901 - one branch per supported type
    t = type(v)
    if v is None or t is bool or t is str or t is int:
        budget.spend(len(v) if t is str else 8)
        return v if t is not int or abs(v) < 2**53 else {"$": "int", "v": str(v)}
    if t is float:
        return v if v == v and abs(v) != float("inf") else {"$": "float", "v": repr(v)}
    if t is complex:
        return {"$": "complex", "re": _encode(v.real, budget), "im": _encode(v.imag, budget)}
    if t is bytes:
        budget.spend(len(v))
        return {"$": "bytes", "v": _b64(v)}
    if t in (list, tuple, set, frozenset):
        items = sorted(v, key=repr) if t in (set, frozenset) else v
        return {"$": t.__name__, "v": [_encode(x, budget) for x in items]}
    if t is dict:
        return {"$": "dict", "v": [[_encode(k, budget), _encode(x, budget)] for k, x in v.items()]}
    if t is range:
        return {"$": "range", "v": [v.start, v.stop, v.step]}
    special = _encode_library(v, t, budget)
    if special is not None:
        return special
    for base in _BASES:  # a learner's subclass of a built-in: keep its name and its plain data
        if isinstance(v, base):
            fields = getattr(t, "_fields", None) if base is tuple else None
            plain = dict(v) if base is dict else base(v) if base in (list, tuple, set, frozenset) else \
                base.__new__(base, v) if base is not bool else bool(int(v))
            return {"$": "sub", "type": t.__name__, "fields": list(fields) if fields else None,
                    "v": _encode(plain, budget)}
    return {"$": "foreign", "type": _name(v)}


def _encode_library(v: Any, t: type, budget: _Budget) -> Any:  # noqa: C901
    module = (getattr(t, "__module__", None) or "").split(".")[0]
    if t in (dt.datetime, dt.date, dt.time):
        return {"$": t.__name__, "v": v.isoformat()}
    if t is dt.timedelta:
        return {"$": "timedelta", "v": [v.days, v.seconds, v.microseconds]}
    if t in (decimal.Decimal, fractions.Fraction):
        return {"$": t.__name__, "v": str(v)}
    if t in (collections.Counter, collections.OrderedDict, collections.defaultdict):
        factory = getattr(v, "default_factory", None)
        return {"$": t.__name__, "factory": factory.__name__ if factory in (int, float, list, set, dict, str) else None,
                "v": _encode(dict.copy(v), budget)}
    if module == "autograde" and t.__name__ == "ProgramRun":
        return {"$": "ProgramRun", "v": [v.stdout, v.stderr, v.returncode, v.timed_out]}
    if module == "numpy":
        return _encode_numpy(v, budget)
    if module == "pandas":
        return _encode_pandas(v, t, budget)
    if module == "sympy" or "sympy" in sys.modules and isinstance(v, sys.modules["sympy"].Basic):
        return _encode_sympy(v, budget)
    if module == "sklearn" and hasattr(v, "get_params") and type(v).__module__.startswith("sklearn."):
        state = {k: _encode(x, budget) for k, x in vars(v).items()}
        if any(isinstance(x, dict) and x.get("$") == "foreign" for x in state.values()):
            return None
        return {"$": "sklearn", "cls": f"{t.__module__}:{t.__qualname__}", "state": state}
    if module == "torch" and t.__name__ in ("Tensor", "Parameter"):
        import torch

        if type(v) not in (torch.Tensor, torch.nn.Parameter):
            return None
        array = torch.Tensor.detach(v).cpu().numpy()
        return {"$": "tensor", "grad": bool(v.requires_grad), "v": _encode_numpy(array.copy(), budget)}
    return None


def _encode_numpy(v: Any, budget: _Budget) -> Any:
    import numpy as np

    if type(v) is np.ndarray:
        if v.dtype.fields is not None:
            return None
        if v.dtype.kind == "O":
            return {"$": "ndarray", "dtype": "O", "shape": list(v.shape),
                    "v": [_encode(x, budget) for x in v.reshape(-1).tolist()]}
        data = np.ascontiguousarray(v).tobytes()
        budget.spend(len(data))
        return {"$": "ndarray", "dtype": v.dtype.str, "shape": list(v.shape), "v": _b64(data)}
    if isinstance(v, np.generic) and type(v).__module__ == "numpy" and v.dtype.kind != "O":
        return {"$": "npscalar", "dtype": v.dtype.str, "v": _b64(v.tobytes())}
    return None


def _encode_pandas(v: Any, t: type, budget: _Budget) -> Any:
    import pandas as pd

    if t is pd.Interval:
        return {"$": "pdinterval", "v": [_encode(v.left, budget), _encode(v.right, budget)], "closed": v.closed}
    if t is pd.Timestamp:
        return {"$": "timestamp", "v": v.isoformat()}
    if t is pd.Timedelta:
        return {"$": "pdtimedelta", "v": int(v.value)}
    if v is pd.NaT or v is pd.NA:
        return {"$": "pdmissing", "v": "NaT" if v is pd.NaT else "NA"}
    if t is pd.RangeIndex:
        return {"$": "rangeindex", "v": [v.start, v.stop, v.step], "name": _encode(v.name, budget)}
    if t is pd.MultiIndex:
        return {"$": "multiindex", "v": _encode([tuple(x) for x in v.tolist()], budget),
                "names": _encode(list(v.names), budget)}
    if isinstance(v, pd.Index) and t.__module__.startswith("pandas."):
        return {"$": "index", "dtype": str(v.dtype), "v": _column(v, budget), "name": _encode(v.name, budget)}
    if t is pd.Series:
        return {"$": "series", "dtype": str(v.dtype), "v": _column(v, budget), "index": _encode(v.index, budget),
                "name": _encode(v.name, budget)}
    if t is pd.DataFrame:
        return {"$": "frame", "columns": _encode(v.columns, budget), "index": _encode(v.index, budget),
                "dtypes": [str(d) for d in v.dtypes], "v": [_column(v.iloc[:, i], budget) for i in range(v.shape[1])]}
    return None


def _column(values: Any, budget: _Budget) -> Any:
    import numpy as np
    import pandas as pd

    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {"categories": _encode(dtype.categories, budget), "ordered": bool(dtype.ordered),
                "codes": _encode_numpy(np.asarray(values.cat.codes if hasattr(values, "cat") else values.codes), budget)}
    if isinstance(dtype, np.dtype) and dtype.kind in "biufcmM":
        return _encode_numpy(np.asarray(values), budget)
    return _encode(list(values.to_numpy(dtype=object)), budget)


def _encode_sympy(v: Any, budget: _Budget) -> Any:
    import sympy
    from sympy.core.function import AppliedUndef

    budget.spend(16)
    if isinstance(v, sympy.MatrixBase) and type(v).__module__.startswith("sympy."):
        return {"$": "matrix", "immutable": isinstance(v, sympy.ImmutableMatrix), "shape": list(v.shape),
                "v": [_encode(x, budget) for x in v]}
    if not isinstance(v, sympy.Basic):
        return None
    t = type(v)
    if t in (sympy.Symbol, sympy.Dummy):
        return {"$": "symbol", "dummy": t is sympy.Dummy, "name": v.name,
                "assumptions": {k: bool(x) for k, x in v.assumptions0.items() if x is not None}}
    if t is sympy.Integer or isinstance(v, sympy.Integer) and not v.args:
        return {"$": "sympy", "cls": "sympy.Integer", "v": str(int(v))}
    if t is sympy.Rational:
        return {"$": "sympy", "cls": "sympy.Rational", "v": [str(v.p), str(v.q)]}
    if t is sympy.Float:
        return {"$": "sympy", "cls": "sympy.Float", "v": [str(v._mpf_[0]), str(v._mpf_[1]), str(v._mpf_[2]),
                                                            str(v._mpf_[3]), v._prec]}
    if isinstance(v, AppliedUndef):
        return {"$": "ufunc", "name": t.__name__, "args": [_encode(a, budget) for a in v.args]}
    if not (getattr(t, "__module__", None) or "").startswith("sympy."):
        return None
    return {"$": "sympy", "cls": f"{t.__module__}:{t.__qualname__}", "args": [_encode(a, budget) for a in v.args]}


# --- decoding (trusted side) -------------------------------------------------------------


def decode(data: Any) -> Any:
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):  # never produced by encode at the top level, but harmless
        return [decode(x) for x in data]
    kind = data["$"]
    handler = _DECODERS.get(kind)
    if handler is None:
        return Foreign(str(data.get("type", kind)))
    try:
        return handler(data)
    except (RecursionError, MemoryError):
        raise
    except Exception:  # data no trusted constructor accepts: it stays foreign
        return Foreign(str(data.get("cls") or data.get("type") or kind))


def _decode_sub(data: dict) -> Any:
    plain = decode(data["v"])
    base = type(plain)
    if base is bool:
        base, plain = int, int(plain)
    if data.get("fields") and base is tuple:
        return collections.namedtuple(str(data["type"]), [str(f) for f in data["fields"]], rename=True)(*plain)
    cls = type(str(data["type"]), (base,), {"__module__": "learner"})
    return cls(plain)


def _decode_numpy(data: dict) -> Any:
    import numpy as np

    if data["dtype"] == "O":
        array = np.empty(len(data["v"]), dtype=object)
        array[:] = [decode(x) for x in data["v"]] if data["v"] else []
        return array.reshape(data["shape"])
    dtype = np.dtype(data["dtype"])
    return np.frombuffer(base64.b64decode(data["v"]), dtype=dtype).reshape(data["shape"]).copy()


def _decode_column(data: Any, dtype: str) -> Any:
    import pandas as pd

    if isinstance(data, dict) and "categories" in data:
        return pd.Categorical.from_codes(decode(data["codes"]), categories=decode(data["categories"]),
                                         ordered=data["ordered"])
    values = decode(data)
    try:
        return pd.array(values, dtype=dtype) if not hasattr(values, "dtype") else values
    except (TypeError, ValueError):
        return pd.array(values, dtype=object)


def _decode_index(data: dict) -> Any:
    import pandas as pd

    values = _decode_column(data["v"], data["dtype"])
    return pd.Index(values, name=decode(data["name"]), dtype=values.dtype if hasattr(values, "dtype") else None)


def _decode_series(data: dict) -> Any:
    import pandas as pd

    return pd.Series(_decode_column(data["v"], data["dtype"]), index=decode(data["index"]), name=decode(data["name"]))


def _decode_frame(data: dict) -> Any:
    import pandas as pd

    columns = decode(data["columns"])
    index = decode(data["index"])
    series = [pd.Series(_decode_column(c, d), index=index) for c, d in zip(data["v"], data["dtypes"])]
    frame = pd.concat(series, axis=1) if series else pd.DataFrame(index=index)
    frame.columns = columns
    return frame


_SYMPY_CLASSES: dict[str, type] = {}


def _sympy_class(name: str) -> type | None:
    """A sympy class by module and qualified name (the registry is rebuilt when a name is new)."""
    import sympy

    if name not in _SYMPY_CLASSES:
        stack, seen = [sympy.Basic], set()
        while stack:
            cls = stack.pop()
            if cls in seen:
                continue
            seen.add(cls)
            module = getattr(cls, "__module__", None) or ""
            if module.startswith("sympy."):
                _SYMPY_CLASSES[f"{module}:{cls.__qualname__}"] = cls
            stack.extend(type.__subclasses__(cls) if isinstance(cls, type) else [])
    return _SYMPY_CLASSES.get(name)


def _decode_sympy(data: dict) -> Any:
    import sympy

    cls_name = data["cls"]
    if cls_name == "sympy.Integer":
        return sympy.Integer(int(data["v"]))
    if cls_name == "sympy.Rational":
        return sympy.Rational(int(data["v"][0]), int(data["v"][1]))
    if cls_name == "sympy.Float":
        sign, man, exp, bc, prec = data["v"]
        return sympy.Float._new((int(sign), int(man), int(exp), int(bc)), int(prec))
    cls = _sympy_class(cls_name)
    if cls is None:
        return Foreign(cls_name)
    args = [decode(a) for a in data["args"]]
    if isinstance(cls, sympy.core.singleton.Singleton):
        return cls()
    try:
        return cls(*args, evaluate=False)
    except TypeError:
        return cls(*args)


def _decode_sklearn(data: dict) -> Any:
    """A fitted scikit-learn estimator rebuilt from its attributes: only classes that sklearn defines."""
    import importlib

    module_name, _, qualname = str(data["cls"]).partition(":")
    if not module_name.startswith("sklearn.") or module_name not in sys.modules:
        return Foreign(str(data["cls"]))
    cls = importlib.import_module(module_name)
    for part in qualname.split("."):
        cls = getattr(cls, part, None)
    if not isinstance(cls, type) or not hasattr(cls, "get_params"):
        return Foreign(str(data["cls"]))
    estimator = cls.__new__(cls)
    estimator.__dict__.update({str(k): decode(x) for k, x in data["state"].items()})
    return estimator


def _decode_symbol(data: dict) -> Any:
    import sympy

    cls = sympy.Dummy if data["dummy"] else sympy.Symbol
    return cls(str(data["name"]), **{str(k): bool(x) for k, x in data["assumptions"].items()})


def _decode_ufunc(data: dict) -> Any:
    import sympy

    return sympy.Function(str(data["name"]))(*[decode(a) for a in data["args"]])


def _decode_matrix(data: dict) -> Any:
    import sympy

    cls = sympy.ImmutableMatrix if data["immutable"] else sympy.Matrix
    rows, cols = data["shape"]
    return cls(rows, cols, [decode(x) for x in data["v"]])


def _decode_tensor(data: dict) -> Any:
    import torch

    tensor = torch.from_numpy(_decode_numpy(data["v"]))
    return tensor.requires_grad_(True) if data["grad"] and tensor.is_floating_point() else tensor


def _decode_program_run(data: dict) -> Any:
    from autograde.submission import ProgramRun

    stdout, stderr, code, timed_out = data["v"]
    return ProgramRun(str(stdout), str(stderr), code if code is None else int(code), bool(timed_out))


def _decode_mapping(data: dict) -> Any:
    plain = decode(data["v"])
    factory = {"int": int, "float": float, "list": list, "set": set, "dict": dict, "str": str}.get(data.get("factory"))
    if data["$"] == "defaultdict":
        return collections.defaultdict(factory, plain)
    return getattr(collections, data["$"])(plain)


_DECODERS = {
    "int": lambda d: int(d["v"]),
    "float": lambda d: float(d["v"]),
    "complex": lambda d: complex(decode(d["re"]), decode(d["im"])),
    "bytes": lambda d: base64.b64decode(d["v"]),
    "list": lambda d: [decode(x) for x in d["v"]],
    "tuple": lambda d: tuple(decode(x) for x in d["v"]),
    "set": lambda d: {decode(x) for x in d["v"]},
    "frozenset": lambda d: frozenset(decode(x) for x in d["v"]),
    "dict": lambda d: {decode(k): decode(x) for k, x in d["v"]},
    "range": lambda d: range(*[int(x) for x in d["v"]]),
    "datetime": lambda d: dt.datetime.fromisoformat(d["v"]),
    "date": lambda d: dt.date.fromisoformat(d["v"]),
    "time": lambda d: dt.time.fromisoformat(d["v"]),
    "timedelta": lambda d: dt.timedelta(*[int(x) for x in d["v"]]),
    "Decimal": lambda d: decimal.Decimal(d["v"]),
    "Fraction": lambda d: fractions.Fraction(d["v"]),
    "Counter": _decode_mapping,
    "OrderedDict": _decode_mapping,
    "defaultdict": _decode_mapping,
    "sub": _decode_sub,
    "ndarray": _decode_numpy,
    "npscalar": lambda d: _decode_numpy({"dtype": d["dtype"], "shape": [], "v": d["v"]})[()],
    "rangeindex": lambda d: __import__("pandas").RangeIndex(*d["v"], name=decode(d["name"])),
    "multiindex": lambda d: __import__("pandas").MultiIndex.from_tuples(decode(d["v"]), names=decode(d["names"])),
    "index": _decode_index,
    "series": _decode_series,
    "frame": _decode_frame,
    "symbol": _decode_symbol,
    "sympy": _decode_sympy,
    "ufunc": _decode_ufunc,
    "matrix": _decode_matrix,
    "tensor": _decode_tensor,
    "sklearn": _decode_sklearn,
    "pdinterval": lambda d: __import__("pandas").Interval(decode(d["v"][0]), decode(d["v"][1]), closed=str(d["closed"])),
    "timestamp": lambda d: __import__("pandas").Timestamp(str(d["v"])),
    "pdtimedelta": lambda d: __import__("pandas").Timedelta(int(d["v"])),
    "pdmissing": lambda d: getattr(__import__("pandas"), "NaT" if d["v"] == "NaT" else "NA"),
    "ProgramRun": _decode_program_run,
}


def exception_info(exc: BaseException) -> dict[str, Any]:
    """What the verifier needs to raise an equivalent exception: the built-in bases and the message."""
    bases = [c.__name__ for c in type(exc).__mro__ if c.__module__ == "builtins" and issubclass(c, BaseException)]
    cls = type(exc)
    return {"type": f"{cls.__module__}.{cls.__qualname__}", "bases": bases, "message": str(exc)[:2000]}


def rebuild_exception(info: dict[str, Any]) -> BaseException:
    """An exception of a trusted class: the library class itself when it is importable, else a stand-in
    subclass of the same built-in bases (so ``except ValueError`` behaves the same)."""
    import builtins

    module_name, _, qualname = str(info["type"]).rpartition(".")
    module = sys.modules.get(module_name)
    if module is not None and module_name.split(".")[0] in ("builtins", "numpy", "scipy", "sympy", "pandas",
                                                            "sklearn", "torch", "lifelines", "sksurv"):
        cls = module
        for part in qualname.split("."):
            cls = getattr(cls, part, None)
        if isinstance(cls, type) and issubclass(cls, Exception):
            try:
                return cls(info["message"])
            except Exception:
                pass
    bases = tuple(getattr(builtins, b) for b in info["bases"] if isinstance(getattr(builtins, b, None), type))
    bases = tuple(b for b in bases if not any(other is not b and issubclass(other, b) for other in bases)) or (Exception,)
    if bases[0] is BaseException or not issubclass(bases[0], Exception):
        bases = (Exception,)
    try:
        stand_in = type(qualname.rpartition(".")[2] or "LearnerError", bases, {"__module__": "learner"})
        return stand_in(info["message"])
    except TypeError:
        return Exception(info["message"])
