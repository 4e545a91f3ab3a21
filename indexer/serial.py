"""Records (frozen dataclasses) as JSON values and as JSON Schemas, both read from their fields.

A record's JSON is its fields in declaration order, nested records as objects, tuples as arrays.
Field metadata adjusts it:
    {"json": False}      left out of the JSON (kept for exports: `to_json(x, everything=True)`)
    {"flatten": True}    a nested record whose fields are spliced into this one's object; a later
                         field of the same name takes the place of the spliced one
    {"omit_none": True}  left out when None (a page that has it only sometimes)
    {"doc": "..."}       the field's description in the schema
The same fields give the schema (`schemas`), so the OpenAPI document, the JSON twins, the CLI's
JSON and the CSV columns cannot drift apart.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import sys
import types
import typing
from typing import Any, Mapping, Union

_PLANS: dict = {}
_SCALARS = (str, int, float, bool, type(None))


def _plan(cls) -> tuple:
    """Per field of a record class: (name, in JSON by default, flatten, omit when None, the names
    a flattened record leaves to later fields of this one, a plain value: str, number, bool, None)."""
    plan = _PLANS.get(cls)
    if plan is None:
        fields = dataclasses.fields(cls)
        hints = typing.get_type_hints(cls)
        plan = _PLANS[cls] = tuple(
            (f.name, f.metadata.get("json", True), f.metadata.get("flatten", False),
             f.metadata.get("omit_none", False), frozenset(g.name for g in fields[i + 1:]),
             _plain(hints[f.name]))
            for i, f in enumerate(fields))
    return plan


def _plain(tp) -> bool:
    """True when every value of a field type is a plain JSON value (copied as is, not walked)."""
    if tp in _SCALARS:
        return True
    return typing.get_origin(tp) in (Union, types.UnionType) and all(a in _SCALARS for a in typing.get_args(tp))


def to_json(value: Any, *, everything: bool = False, _later: frozenset = frozenset()):
    """A record (or a tuple, list or mapping of them) as plain JSON values."""
    if isinstance(value, _SCALARS):
        return value
    kind = type(value)
    if kind is tuple or kind is list:
        return [v if isinstance(v, _SCALARS) else to_json(v, everything=everything) for v in value]
    if not everything:
        convert = _CONVERTERS.get((kind, _later))
        if convert is not None:
            return convert(value)
    plan = _PLANS.get(kind)
    if plan is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        plan = _plan(kind)
    if plan is not None:
        if not everything:
            _CONVERTERS[(kind, _later)] = _compile(kind, plan, _later)
        out: dict = {}
        for name, public, flatten, omit_none, later, plain in plan:
            if not (public or everything):
                continue
            if name in _later:
                out[name] = None            # a field of the record this one is spliced into
                continue                    # takes this place: keep it, skip the work
            v = getattr(value, name)
            if flatten:
                out.update(to_json(v, everything=everything, _later=later))
            elif omit_none and v is None:
                continue
            else:
                out[name] = v if plain or v is None else to_json(v, everything=everything)
        return out
    if isinstance(value, (tuple, list)):
        return [v if isinstance(v, _SCALARS) else to_json(v, everything=everything) for v in value]
    if isinstance(value, Mapping):
        return {k: v if isinstance(v, _SCALARS) else to_json(v, everything=everything)
                for k, v in value.items()}
    return value


_CONVERTERS: dict = {}


def _compile(cls, plan: tuple, later: frozenset):
    """One record class's JSON in straight-line code (its public fields; those in `later`, which
    the record it is spliced into fills, kept as places only).

    Every page turns hundreds of records into JSON: a loop over the plan cost a fifth of a
    speaker page. A record made by `frozen` keeps its fields, in order, in its instance dict:
    its JSON starts as a copy of that dict, and only what is not plain is then changed.
    """
    names = {"to_json": to_json}
    if getattr(cls, "__fast_record__", False) and not any(flatten for _, _, flatten, *_ in plan):
        lines = ["def convert(v):", "    out = v.__dict__.copy()"]
        for name, public, _flatten, omit_none, _inner, plain in plan:
            if not public:
                lines.append(f"    del out[{name!r}]")
            elif name in later:
                lines.append(f"    out[{name!r}] = None")
            elif omit_none:
                lines.append(f"    if out[{name!r}] is None: del out[{name!r}]")
            if public and name not in later and not plain:
                lines.append(f"    x = out.get({name!r})")
                lines.append(f"    if x is not None: out[{name!r}] = to_json(x)")
    else:
        lines = ["def convert(v):", "    out = {}"]
        for i, (name, public, flatten, omit_none, inner, plain) in enumerate(plan):
            if not public:
                continue
            if name in later:
                lines.append(f"    out[{name!r}] = None")
            elif flatten:
                names[f"later{i}"] = inner
                lines.append(f"    out.update(to_json(v.{name}, _later=later{i}))")
            else:
                lines.append(f"    x = v.{name}")
                value = "x" if plain else "x if x is None else to_json(x)"
                lines.append(f"    if x is not None: out[{name!r}] = {value}" if omit_none else
                             f"    out[{name!r}] = {value}")
    lines.append("    return out")
    exec("\n".join(lines), names)     # noqa: S102 - source built from the record's own field names
    return names["convert"]


def columns(cls, *, everything: bool = False) -> tuple[str, ...]:
    """The JSON keys of a record class, in order (a CSV header)."""
    out: list = []
    hints = typing.get_type_hints(cls)
    for name, public, flatten, _omit, _later, _plain_value in _plan(cls):
        if public or everything:
            out.extend(columns(hints[name], everything=everything) if flatten else [name])
    return tuple(dict.fromkeys(out))


def frozen(cls):
    """Make a class a small immutable record: a frozen dataclass (fields, eq, hash, repr, no
    assignment) whose __init__ fills the instance in one step.

    A page builds hundreds of records; dataclass's frozen __init__ sets each field through
    object.__setattr__ (2.6 us for a 19-field hit), this one sets the instance's dict at once
    (1.2 us), which kept the pages as fast as when they were built from dicts.
    """
    cls = dataclasses.dataclass(frozen=True, init=False)(cls)
    cls.__init__ = _fast_init(cls)
    cls.__fast_record__ = True          # its fields, in order, are its instance dict
    return cls


def _fast_init(cls):
    """An __init__ taking the record's init fields (defaults as declared) that sets them all at once."""
    names = {"_set": object.__setattr__}
    params, entries = [], []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            names[f"_default_{f.name}"] = f.default
            value = f"_default_{f.name}"
        elif f.default_factory is not dataclasses.MISSING:
            names[f"_factory_{f.name}"] = f.default_factory
            value = f"_factory_{f.name}()"
        else:
            value = None
        if f.init:
            params.append(f.name if value is None else f"{f.name}={value}")
            entries.append(f"{f.name!r}: {f.name}")
        else:
            entries.append(f"{f.name!r}: {value}")
    source = (f"def __init__(self, {', '.join(params)}):\n"
              f"    _set(self, '__dict__', {{{', '.join(entries)}}})")
    exec(source, names)       # noqa: S102 - source built from the record's own field names
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def record(name: str, doc: str, /, **fields) -> type:
    """A small frozen record declared on one line, for the many little pieces of a page:

        Pager = record("Pager", "Previous and next.", prev_url=Optional[str], page=int)

    A field is a type, or (type, dataclasses.field(...)) for a default or metadata.
    """
    spec = [(k, *v) if isinstance(v, tuple) else (k, v) for k, v in fields.items()]
    cls = dataclasses.make_dataclass(name, spec, frozen=True, init=False)
    cls.__init__ = _fast_init(cls)
    cls.__fast_record__ = True
    cls.__doc__ = doc
    cls.__module__ = sys._getframe(1).f_globals["__name__"]   # where it was declared: for reprs and hints
    return cls


# ---------------------------------------------------------------------------------------------
# JSON Schema

REF = "#/components/schemas/"


def schemas(*roots, named: Mapping = None) -> dict:
    """{name: JSON Schema} for the record classes reachable from roots (named: type alias -> name)."""
    named = dict(named or {})
    out: dict = {}
    todo = list(roots)
    while todo:
        cls = todo.pop(0)
        if cls.__name__ in out:
            continue
        out[cls.__name__] = _record_schema(cls, named, todo)
    for alias, name in named.items():
        out[name] = _type_schema(alias, {}, todo)
    return out


def _record_schema(cls, named: dict, todo: list) -> dict:
    """The schema of one record class: an object with every JSON field required."""
    props: dict = {}
    required: list = []
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if not f.metadata.get("json", True):
            continue
        if f.metadata.get("flatten"):
            inner = _record_schema(hints[f.name], named, todo)
            props.update(inner["properties"])
            required.extend(n for n in inner["required"] if n not in required)
            continue
        if not f.init and isinstance(f.default, str):
            prop = {"const": f.default}          # a record's kind
        else:
            prop = _type_schema(hints[f.name], named, todo)
        if f.metadata.get("doc"):
            prop = {**prop, "description": f.metadata["doc"]}
        props[f.name] = prop               # a field named like a spliced one takes its place
        if not f.metadata.get("omit_none") and f.name not in required:
            required.append(f.name)
    schema = {"type": "object", "required": required, "properties": props}
    doc = (cls.__doc__ or "").strip().splitlines()
    return {"description": doc[0], **schema} if doc else schema


def _type_schema(tp, named: dict, todo: list) -> dict:
    """The schema of one field type."""
    if tp in named:
        return {"$ref": REF + named[tp]}
    if dataclasses.is_dataclass(tp):
        todo.append(tp)
        return {"$ref": REF + tp.__name__}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    if tp in simple:
        return {"type": simple[tp]}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        kinds = [_type_schema(a, named, todo) for a in args if a is not type(None)]
        nullable = type(None) in args
        if len(kinds) == 1 and "type" in kinds[0] and nullable:
            return {**kinds[0], "type": [kinds[0]["type"], "null"]}
        if nullable:
            kinds.append({"type": "null"})
        return {"anyOf": kinds} if len(kinds) > 1 else kinds[0]
    if origin in (tuple, list):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            items = [_type_schema(a, named, todo) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
        return {"type": "array", "items": _type_schema(args[0], named, todo)}
    if origin in (dict, collections.abc.Mapping):
        return {"type": "object", "additionalProperties": _type_schema(args[1], named, todo)}
    raise TypeError(f"no JSON Schema for the field type {tp!r}")
