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
import keyword
import operator
import re
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
#
# Everything below runs in the trusted verifier on records that may be forged: the worker is
# untrusted, so any JSON can arrive here.  Each decoder builds its object only from values it
# checked, and falls back to ``Foreign`` for anything else.  Why each one cannot be made to run
# code:
# - built-ins, datetime, Decimal, Fraction, range, Counter/OrderedDict/defaultdict: constructors
#   that parse numbers and ISO dates; a defaultdict's factory comes from a fixed table.
# - "sub": a learner's subclass becomes a fresh trusted subclass of one built-in type (no method
#   of the learner's); a namedtuple becomes a tuple subclass with read-only properties, built
#   without ``collections.namedtuple`` (which compiles source) and with identifier field names.
# - numpy: ``frombuffer`` with a dtype checked to be a plain scalar type (no object, structured
#   or sub-array dtype); object arrays hold decoded values only.
# - pandas: columns are numpy arrays or decoded values; a column's dtype string must have the
#   shape of a pandas dtype name (letters, digits, one bracket; no paths, no dateutil zones).
# - sympy: no ``str`` ever reaches a sympy constructor (``sympify`` would ``eval`` it): every
#   argument must decode to a sympy object, classes come from a registry of sympy's own, and
#   Symbol and Function names must be plain identifiers (not keywords, not dunders), since code
#   generation (``lambdify``, printers) writes names into source.  Matrices: sympy entries only.
# - scikit-learn: only classes already imported from ``sklearn.*``, named by public identifiers;
#   the instance dict gets identifier keys (no dunders) and decoded values, never callables.
# - torch: ``from_numpy`` of a checked numpy array.
# - exceptions (``rebuild_exception``): a library's exception class found by public identifiers,
#   or a fresh subclass of built-in exception types; the message is a ``str``.
# - no decoder imports a library: a record of a library the grader has not loaded stays Foreign.
# The verifier also runs the decoding and the re-check under ``guard``'s audit hook.


def _loaded(name: str) -> Any:
    """A library the grader already imported: a record never makes the verifier import one (a
    value of a library the grader does not use cannot pass its checks anyway)."""
    module = sys.modules.get(name)
    if module is None:
        raise ValueError(f"{name} is not loaded")
    return module


class DecodeError(ValueError):
    """A record that cannot even be looked at (nested too deeply, too large)."""


def decode(data: Any) -> Any:
    """A trusted copy of what ``encode`` described; ``Foreign`` for anything it does not accept.
    Raises only ``DecodeError``."""
    try:
        return _decode(data)
    except (RecursionError, MemoryError) as exc:
        raise DecodeError(f"undecodable record ({type(exc).__name__})") from None


def _decode(data: Any) -> Any:
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):  # never produced by encode at the top level, but harmless
        return [_decode(x) for x in data]
    kind = data.get("$") if isinstance(data, dict) else None
    handler = _DECODERS.get(kind) if isinstance(kind, str) else None
    if handler is None:
        return Foreign(_label(data.get("type", kind) if isinstance(data, dict) else type(data).__name__))
    try:
        return handler(data)
    except (RecursionError, MemoryError):
        raise
    except Exception:  # data no trusted constructor accepts: it stays foreign
        return Foreign(_label(data.get("cls") or data.get("type") or kind))


def _label(value: Any) -> str:
    return str(value)[:200]


def is_plain_identifier(name: Any) -> bool:
    """A name that code generation may print as is: an identifier, not a keyword, not a dunder."""
    return isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name) \
        and not name.startswith("__") and not name.endswith("__")


def _identifier(name: Any) -> str:
    """``name`` if it is a plain identifier (else ValueError)."""
    if not is_plain_identifier(name):
        raise ValueError("not a plain identifier")
    return name


def _public(name: Any) -> str:
    if _identifier(name).startswith("_"):
        raise ValueError("not a public name")
    return name


def _text(value: Any, limit: int = 1000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("not a short string")
    return value


def _ints(values: Any, count: int | None = None) -> list[int]:
    if not isinstance(values, list) or (count is not None and len(values) != count):
        raise ValueError("not a list of integers")
    return [int(v) if type(v) is int else int(_text(v, 400)) for v in values]


def _record_type(name: str, fields: list[Any]) -> type:
    """A namedtuple-like tuple subclass, built without compiling source: invalid, private or repeated
    field names are renamed ``_0``, ``_1``… as ``namedtuple(rename=True)`` does."""
    names: list[str] = []
    for index, field in enumerate(fields):
        try:
            names.append(_public(field) if field not in names else f"_{index}")
        except ValueError:
            names.append(f"_{index}")
    namespace: dict[str, Any] = {"__module__": "learner", "__slots__": (), "_fields": tuple(names),
                                 "_asdict": lambda self: dict(zip(self._fields, self))}
    namespace.update({field: property(operator.itemgetter(i)) for i, field in enumerate(names)})
    return type(name, (tuple,), namespace)


def _decode_sub(data: dict) -> Any:
    plain = _decode(data["v"])
    base = type(plain)
    if base not in _BASES:
        return Foreign(_label(data.get("type")))
    if base is bool:
        base, plain = int, int(plain)
    name = _label(data.get("type"))
    if data.get("fields") and base is tuple:
        fields = data["fields"]
        if not isinstance(fields, list) or len(fields) != len(plain):
            raise ValueError("fields do not match the values")
        return _record_type(name, fields)(plain)
    cls = type(name, (base,), {"__module__": "learner"})
    return cls(plain)


_NUMPY_DTYPE = re.compile(r"[<>|=]?[biufcmMSUV]\d{1,3}(\[\d*[a-zA-Z]{1,2}\])?")


def _numpy_dtype(text: Any):
    np = _loaded("numpy")

    if not isinstance(text, str) or not _NUMPY_DTYPE.fullmatch(text):
        raise ValueError("not a plain numpy dtype")
    dtype = np.dtype(text)
    if dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None:
        raise ValueError("not a plain numpy dtype")
    return dtype


def _decode_numpy(data: dict) -> Any:
    np = _loaded("numpy")

    shape = _ints(data["shape"])
    if data["dtype"] == "O":
        values = [_decode(x) for x in data["v"]]
        array = np.empty(len(values), dtype=object)
        array[:] = values if values else []
        return array.reshape(shape)
    return np.frombuffer(base64.b64decode(_text(data["v"], MAX_BYTES * 2)), dtype=_numpy_dtype(data["dtype"])) \
        .reshape(shape).copy()


# A pandas dtype's name: "float64", "Int64", "category", "datetime64[ns, Europe/Paris]"…  No dots
# (paths) and no dateutil zones (dateutil opens a zone given as a path).
_PANDAS_DTYPE = re.compile(r"(?!dateutil)[A-Za-z][A-Za-z0-9_]{0,30}"
                           r"(\[[A-Za-z0-9_]{1,20}(, ?(?!dateutil)[A-Za-z0-9_+\-]{1,30}(/[A-Za-z0-9_+\-]{1,30}){0,3})?\])?")


def _decode_column(data: Any, dtype: Any) -> Any:
    pd = _loaded("pandas")

    if isinstance(data, dict) and "categories" in data:
        return pd.Categorical.from_codes(_decode(data["codes"]), categories=_decode(data["categories"]),
                                         ordered=bool(data["ordered"]))
    values = _decode(data)
    if hasattr(values, "dtype"):
        return values
    if not isinstance(dtype, str) or not _PANDAS_DTYPE.fullmatch(dtype):
        raise ValueError("not a pandas dtype name")
    try:
        return pd.array(values, dtype=dtype)
    except (TypeError, ValueError):
        return pd.array(values, dtype=object)


def _decode_index(data: dict) -> Any:
    pd = _loaded("pandas")

    values = _decode_column(data["v"], data["dtype"])
    return pd.Index(values, name=_decode(data["name"]), dtype=values.dtype if hasattr(values, "dtype") else None)


def _decode_series(data: dict) -> Any:
    pd = _loaded("pandas")

    return pd.Series(_decode_column(data["v"], data["dtype"]), index=_decode(data["index"]),
                     name=_decode(data["name"]))


def _decode_frame(data: dict) -> Any:
    pd = _loaded("pandas")

    columns = _decode(data["columns"])
    index = _decode(data["index"])
    series = [pd.Series(_decode_column(c, d), index=index) for c, d in zip(data["v"], data["dtypes"])]
    frame = pd.concat(series, axis=1) if series else pd.DataFrame(index=index)
    frame.columns = columns
    return frame


_SYMPY_CLASSES: dict[str, type] = {}


def _sympy_class(name: str) -> type | None:
    """A sympy class by module and qualified name (the registry is rebuilt when a name is new)."""
    sympy = _loaded("sympy")

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


def _sympy_args(values: Any) -> list[Any]:
    """Decoded arguments of a sympy object: sympy objects only, so no string reaches ``sympify``."""
    sympy = _loaded("sympy")

    if not isinstance(values, list):
        raise ValueError("arguments must be a list")
    args = [_decode(a) for a in values]
    if not all(isinstance(a, sympy.Basic) and type(a).__module__.startswith("sympy.") for a in args):
        raise ValueError("a sympy argument that is not a sympy object")
    return args


def _decode_sympy(data: dict) -> Any:
    sympy = _loaded("sympy")

    cls_name = data["cls"]
    if cls_name == "sympy.Integer":
        return sympy.Integer(int(_text(data["v"], 5000)))
    if cls_name == "sympy.Rational":
        p, q = _ints(data["v"], 2)
        return sympy.Rational(p, q)
    if cls_name == "sympy.Float":
        sign, man, exp, bc, prec = _ints(data["v"], 5)
        if sign not in (0, 1) or man < 0 or not 1 <= prec <= 10000:
            raise ValueError("not a sympy Float")
        return sympy.Float._new((sign, man, exp, bc), prec)
    cls = _sympy_class(_text(cls_name, 300))
    if cls is None:
        return Foreign(cls_name)
    args = _sympy_args(data["args"])
    if isinstance(cls, sympy.core.singleton.Singleton):
        return cls()
    try:
        return cls(*args, evaluate=False)
    except TypeError:
        return cls(*args)


def _decode_sklearn(data: dict) -> Any:
    """A fitted scikit-learn estimator rebuilt from its attributes: only classes that sklearn defines."""
    module_name, _, qualname = _text(data["cls"], 300).partition(":")
    parts = module_name.split(".")
    if parts[0] != "sklearn" or len(parts) < 2 or module_name not in sys.modules:
        return Foreign(_label(data["cls"]))
    [_identifier(part) for part in parts]
    cls: Any = sys.modules[module_name]
    for part in qualname.split("."):
        cls = getattr(cls, _public(part), None)
    if not isinstance(cls, type) or not hasattr(cls, "get_params"):
        return Foreign(_label(data["cls"]))
    state = {_identifier(k): _decode(x) for k, x in data["state"].items()}
    estimator = cls.__new__(cls)
    estimator.__dict__.update(state)
    return estimator


def _decode_symbol(data: dict) -> Any:
    sympy = _loaded("sympy")
    _assume_defined = _loaded("sympy.core.assumptions")._assume_defined

    cls = sympy.Dummy if data["dummy"] is True else sympy.Symbol
    assumptions = {_text(k, 40): bool(x) for k, x in data["assumptions"].items() if isinstance(x, bool)}
    if not set(assumptions) <= set(_assume_defined):
        raise ValueError("an unknown assumption")
    return cls(_identifier(data["name"]), **assumptions)


def _decode_ufunc(data: dict) -> Any:
    sympy = _loaded("sympy")

    return sympy.Function(_identifier(data["name"]))(*_sympy_args(data["args"]))


def _decode_matrix(data: dict) -> Any:
    sympy = _loaded("sympy")

    cls = sympy.ImmutableMatrix if data["immutable"] is True else sympy.Matrix
    rows, cols = _ints(data["shape"], 2)
    entries = _sympy_args(data["v"])
    if rows < 0 or cols < 0 or len(entries) != rows * cols:
        raise ValueError("the entries do not fill the shape")
    return cls(rows, cols, entries)


def _decode_tensor(data: dict) -> Any:
    torch = _loaded("torch")

    tensor = torch.from_numpy(_decode_numpy(data["v"]))
    return tensor.requires_grad_(True) if data["grad"] is True and tensor.is_floating_point() else tensor


def _decode_program_run(data: dict) -> Any:
    ProgramRun = _loaded("autograde.engine.submission").ProgramRun

    stdout, stderr, code, timed_out = data["v"]
    return ProgramRun(_text(stdout, MAX_BYTES), _text(stderr, MAX_BYTES), code if code is None else int(code),
                      bool(timed_out))


def _decode_mapping(data: dict) -> Any:
    plain = _decode(data["v"])
    if type(plain) is not dict:
        raise ValueError("not a mapping")
    factory = {"int": int, "float": float, "list": list, "set": set, "dict": dict, "str": str}.get(data.get("factory"))
    if data["$"] == "defaultdict":
        return collections.defaultdict(factory, plain)
    return {"Counter": collections.Counter, "OrderedDict": collections.OrderedDict}[data["$"]](plain)


def _pandas():
    return _loaded("pandas")


_DECODERS = {
    "int": lambda d: int(_text(d["v"], 5000)),
    "float": lambda d: float(_text(d["v"], 40)),
    "complex": lambda d: complex(float(_decode(d["re"])), float(_decode(d["im"]))),
    "bytes": lambda d: base64.b64decode(_text(d["v"], MAX_BYTES * 2)),
    "list": lambda d: [_decode(x) for x in d["v"]],
    "tuple": lambda d: tuple(_decode(x) for x in d["v"]),
    "set": lambda d: {_decode(x) for x in d["v"]},
    "frozenset": lambda d: frozenset(_decode(x) for x in d["v"]),
    "dict": lambda d: {_decode(k): _decode(x) for k, x in d["v"]},
    "range": lambda d: range(*_ints(d["v"], 3)),
    "datetime": lambda d: dt.datetime.fromisoformat(_text(d["v"], 64)),
    "date": lambda d: dt.date.fromisoformat(_text(d["v"], 64)),
    "time": lambda d: dt.time.fromisoformat(_text(d["v"], 64)),
    "timedelta": lambda d: dt.timedelta(*_ints(d["v"], 3)),
    "Decimal": lambda d: decimal.Decimal(_text(d["v"], 5000)),
    "Fraction": lambda d: fractions.Fraction(_text(d["v"], 5000)),
    "Counter": _decode_mapping,
    "OrderedDict": _decode_mapping,
    "defaultdict": _decode_mapping,
    "sub": _decode_sub,
    "ndarray": _decode_numpy,
    "npscalar": lambda d: _decode_numpy({"dtype": d["dtype"], "shape": [], "v": d["v"]})[()],
    "rangeindex": lambda d: _pandas().RangeIndex(*_ints(d["v"], 3), name=_decode(d["name"])),
    "multiindex": lambda d: _pandas().MultiIndex.from_tuples(_decode(d["v"]), names=_decode(d["names"])),
    "index": _decode_index,
    "series": _decode_series,
    "frame": _decode_frame,
    "symbol": _decode_symbol,
    "sympy": _decode_sympy,
    "ufunc": _decode_ufunc,
    "matrix": _decode_matrix,
    "tensor": _decode_tensor,
    "sklearn": _decode_sklearn,
    "pdinterval": lambda d: _pandas().Interval(_decode(d["v"][0]), _decode(d["v"][1]), closed=_text(d["closed"], 10)),
    "timestamp": lambda d: _pandas().Timestamp(_text(d["v"], 64)),
    "pdtimedelta": lambda d: _pandas().Timedelta(int(d["v"])),
    "pdmissing": lambda d: _pandas().NaT if d["v"] == "NaT" else _pandas().NA,
    "ProgramRun": _decode_program_run,
}


def exception_info(exc: BaseException) -> dict[str, Any]:
    """What the verifier needs to raise an equivalent exception: the built-in bases and the message."""
    bases = [c.__name__ for c in type(exc).__mro__ if c.__module__ == "builtins" and issubclass(c, BaseException)]
    cls = type(exc)
    return {"type": f"{cls.__module__}.{cls.__qualname__}", "bases": bases, "message": str(exc)[:2000]}


_LIBRARIES = ("builtins", "numpy", "scipy", "sympy", "pandas", "sklearn", "torch", "lifelines", "sksurv")


def rebuild_exception(info: Any) -> BaseException:
    """An exception of a trusted class: the library class itself when it is importable, else a stand-in
    subclass of the same built-in bases (so ``except ValueError`` behaves the same).  ``info`` may
    be forged: names are looked up only as public identifiers, and the message is only text."""
    import builtins

    if not isinstance(info, dict):
        return Exception("an exception the grader could not read")
    message = info.get("message") if isinstance(info.get("message"), str) else ""
    module_name, _, qualname = str(info.get("type", "")).rpartition(".")
    module = sys.modules.get(module_name)
    if module is not None and module_name.split(".")[0] in _LIBRARIES:
        try:
            cls = getattr(module, _public(qualname), None)
            if isinstance(cls, type) and issubclass(cls, Exception):
                return cls(message)
        except Exception:
            pass
    names = info.get("bases") if isinstance(info.get("bases"), list) else []
    bases = tuple(getattr(builtins, b) for b in names if isinstance(b, str) and b.isidentifier()
                  and isinstance(getattr(builtins, b, None), type) and issubclass(getattr(builtins, b), Exception))
    bases = tuple(b for b in bases if not any(other is not b and issubclass(other, b) for other in bases)) or (Exception,)
    try:
        stand_in = type(qualname.rpartition(".")[2][:200] or "LearnerError", bases, {"__module__": "learner"})
        return stand_in(message)
    except TypeError:
        return Exception(message)
