"""Change sets: what differs between two documents as operations on paths by key (``add``,
``remove``, ``replace``), compact JSON, and applying them; what a revision stores instead of
a whole copy of the model.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, replace
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from opmodel.document.comparison import Difference, OpName, differences, keyer, plain
from opmodel.document.messages import problem, validation_problem
from opmodel.document.model import OperatingModel
from opmodel.document.paths import Key, Path, PathError, format_path, parse_path
from opmodel.document.problems import DocumentError
from opmodel.document.shapes import FieldShape, by_alias, key_fields, key_text, shapes


class AddOperation(BaseModel):
    """Put a value where there was none: a list item or mapping entry under a new key, an
    id into a list of references, a section or a field that was absent."""

    model_config = ConfigDict(frozen=True)

    op: Literal["add"] = "add"
    path: str = Field(description="Where, in the path dialect: fields by name, items by key.")
    value: Any = Field(description="The value as written in a file (an id for a reference).")


class RemoveOperation(BaseModel):
    """Take away what is at the path: a list item, an id, a mapping entry, an optional field."""

    model_config = ConfigDict(frozen=True)

    op: Literal["remove"] = "remove"
    path: str = Field(description="Where, in the path dialect.")


class ReplaceOperation(BaseModel):
    """Put a new value in place of the one at the path (a field, a mapping entry, a list of
    plain values as a whole)."""

    model_config = ConfigDict(frozen=True)

    op: Literal["replace"] = "replace"
    path: str = Field(description="Where, in the path dialect.")
    value: Any = Field(description="The new value as written in a file.")


Operation = Annotated[AddOperation | RemoveOperation | ReplaceOperation,
                      Field(discriminator="op")]


class ChangeSet(BaseModel):
    """The operations that turn one document into another, in order."""

    operations: list[Operation] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when there is nothing to change."""
        return not self.operations

    def to_json(self) -> str:
        """Compact JSON: ``{"operations":[{"op":"replace","path":"…","value":…}]}``."""
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str | bytes) -> ChangeSet:
        """A change set read back from :meth:`to_json`."""
        return cls.model_validate_json(text)


def operation(difference: Difference) -> AddOperation | RemoveOperation | ReplaceOperation:
    """One difference as an operation (its value as plain data)."""
    path = format_path(difference.path)
    if difference.op == "remove":
        return RemoveOperation(path=path)
    if difference.op == "add":
        return AddOperation(path=path, value=plain(difference.after))
    return ReplaceOperation(path=path, value=plain(difference.after))


def changes(before: OperatingModel, after: OperatingModel) -> ChangeSet:
    """The change set that turns ``before`` into ``after``."""
    return ChangeSet(operations=[operation(d) for d in differences(before, after)])


def apply(change_set: ChangeSet, document: OperatingModel) -> OperatingModel:
    """A new document: ``document`` with the operations applied in order.

    The values put in are validated by the type of their field; the document as a whole is
    not checked again (``check_document`` does that, when the caller wants it). What is not
    changed is shared with ``document``, which is left as it was. A path that does not
    exist, an ``add`` where there is a value already, or a value its field refuses is a
    :class:`DocumentError` naming the path.
    """
    applier = _Applier(document)
    for op in change_set.operations:
        try:
            path = parse_path(op.path)
        except PathError:
            raise _error("changeset.bad_path", (), text=op.path) from None
        if not path:
            raise _error("changeset.bad_path", (), text=op.path)
        applier.run(op.op, path, getattr(op, "value", None), trusted=False)
    return applier.finish()


def apply_differences(found: list[Difference], document: OperatingModel) -> OperatingModel:
    """A new document: ``document`` with differences found between documents applied (their
    values are valid objects already, so they are put in as they are)."""
    applier = _Applier(document)
    for difference in found:
        applier.run(difference.op, difference.path, difference.after, trusted=True)
    return applier.finish()


# ---------------------------------------------------------------------------------------
# Applying: copy on write along each path, so unchanged sub-objects stay shared

_GONE: Any = object()  # a removed list item, dropped when the change set is done


def _error(code: str, path: Path, **params: Any) -> DocumentError:
    return DocumentError([problem(code, path, **params)])


def _invalid(exc: ValidationError, at: Path) -> DocumentError:
    found = [validation_problem(e) for e in exc.errors()]
    return DocumentError([replace(p, path=(*at, *p.path)) for p in found])


@cache
def _adapter(cls: type[BaseModel], name: str, part: int) -> TypeAdapter[Any]:
    """The type of the items (part 0) of a list field, or of the keys (0) or values (1) of a
    mapping field."""
    tp = cls.model_fields[name].annotation
    if typing.get_origin(tp) in (typing.Union, types.UnionType):  # X | None
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return TypeAdapter(typing.get_args(tp)[part])


@dataclass(slots=True)
class _Place:
    """Where the last part of a path applies: a model (``holder`` None; ``item_of``, the keyed
    list it is an item of), or the list or mapping of the field ``holder`` of ``owner``."""

    node: Any
    holder: FieldShape | None = None
    owner: type[BaseModel] = OperatingModel
    item_of: FieldShape | None = None


class _Applier:
    """Operations applied one after the other to fresh copies of what they touch."""

    def __init__(self, document: OperatingModel) -> None:
        self.root = document.model_copy()
        self._fresh: dict[int, Any] = {id(self.root): self.root}
        self._positions: dict[int, dict[str, int]] = {}  # key → index, per fresh keyed list
        self._holes: dict[int, list[Any]] = {}  # fresh lists with removed items

    def finish(self) -> OperatingModel:
        """The new document."""
        for items in self._holes.values():
            items[:] = [item for item in items if item is not _GONE]
        return self.root

    def _copy(self, value: Any) -> Any:
        if id(value) in self._fresh:
            return value
        if isinstance(value, BaseModel):
            value = value.model_copy()
        else:
            value = list(value) if isinstance(value, list) else dict(value)
        self._fresh[id(value)] = value
        return value

    def run(self, op: OpName, path: Path, value: Any, trusted: bool) -> None:
        """Apply one operation; ``trusted`` values are valid objects, put in unchecked."""
        place = self._place(path)
        if place.holder is None:
            self._field_value(place, op, path, value, trusted)
        elif place.holder.container == "list":
            self._list_item(place, op, path, value, trusted)
        else:
            self._entry(place, op, path, value, trusted)

    def _place(self, path: Path) -> _Place:
        """Where the last part of ``path`` applies, copied on the way down."""
        place = _Place(self.root)
        for depth, part in enumerate(path[:-1]):
            here, node, holder = path[:depth + 1], place.node, place.holder
            if holder is None:
                field = _field(node, part, here)
                if field.container == "value" or (field.container == "list"
                                                  and not field.keyed_list):
                    raise _error("changeset.whole_value", here)
                child = node.__dict__.get(field.name)
                if child is None:
                    raise _error("changeset.missing", here)
                node.__dict__[field.name] = child = self._copy(child)
                node.__pydantic_fields_set__.add(field.name)
                place = (_Place(child) if field.container == "model"
                         else _Place(child, field, type(node)))
                continue
            key = _key(part, here)
            if holder.model is None:  # a reference or a plain value: nothing inside
                raise _error("changeset.whole_value", here)
            if holder.container == "list":
                index = self._index(node, holder).get(key)
                if index is None:
                    raise _error("changeset.missing", here)
                node[index] = child = self._copy(node[index])
                place = _Place(child, item_of=holder)
            else:
                entry = _entry_key(node, key)
                if entry is _GONE:
                    raise _error("changeset.missing", here)
                node[entry] = child = self._copy(node[entry])
                place = _Place(child)
        return place

    def _index(self, items: list[Any], holder: FieldShape) -> dict[str, int]:
        found = self._positions.get(id(items))
        if found is None:
            assert holder.model is not None
            key = keyer(holder.model)
            found = {key(item): i for i, item in enumerate(items) if item is not _GONE}
            self._positions[id(items)] = found
        return found

    def _field_value(self, place: _Place, op: OpName, path: Path, value: Any,
                     trusted: bool) -> None:
        node = place.node
        field = _field(node, path[-1], path)
        if place.item_of is not None and place.item_of.model is not None and \
                field.name in key_fields(place.item_of.model):
            raise _error("changeset.key_field", path, field=field.alias)
        if op != "replace":  # a field is always there to be replaced, even when unset
            _check_presence(op, node.__dict__.get(field.name) is not None, path)
        new = None if op == "remove" else value
        if trusted:
            node.__dict__[field.name] = new
        else:
            try:
                type(node).__pydantic_validator__.validate_assignment(node, field.name, new)
            except ValidationError as exc:
                raise _invalid(exc, path[:-1]) from None
        if op == "remove":
            node.__pydantic_fields_set__.discard(field.name)
        else:
            node.__pydantic_fields_set__.add(field.name)

    def _list_item(self, place: _Place, op: OpName, path: Path, value: Any,
                   trusted: bool) -> None:
        items, holder = place.node, place.holder
        assert holder is not None
        key = _key(path[-1], path)
        if holder.model is None:  # a list of references: a set of ids
            if op == "replace":
                raise _error("changeset.reference_replace", path)
            _check_presence(op, any(key_text(v) == key for v in items), path)
            if op == "remove":
                items[:] = [v for v in items if key_text(v) != key]
                return
            item = value if trusted else self._valid(place, path, key if value is None
                                                     else value)
            if key_text(item) != key:
                raise _error("changeset.key_mismatch", path, key=key, found=key_text(item))
            items.append(item)
            return
        positions = self._index(items, holder)
        index = positions.get(key)
        _check_presence(op, index is not None, path)
        if op == "remove":
            assert index is not None
            items[index] = _GONE
            del positions[key]
            self._holes[id(items)] = items
            return
        item = value if trusted else self._valid(place, path, value)
        found = keyer(holder.model)(item)
        if found != key:
            raise _error("changeset.key_mismatch", path, key=key, found=found)
        if index is None:
            positions[key] = len(items)
            items.append(item)
        else:
            items[index] = item

    def _entry(self, place: _Place, op: OpName, path: Path, value: Any,
               trusted: bool) -> None:
        entries = place.node
        key = _key(path[-1], path)
        entry = _entry_key(entries, key)
        _check_presence(op, entry is not _GONE, path)
        if op == "remove":
            del entries[entry]
            return
        if entry is _GONE:
            entry = self._valid(place, path, key, part=0)
        entries[entry] = value if trusted else self._valid(place, path, value, part=1)

    @staticmethod
    def _valid(place: _Place, path: Path, value: Any, part: int = 0) -> Any:
        assert place.holder is not None
        try:
            return _adapter(place.owner, place.holder.name, part).validate_python(value)
        except ValidationError as exc:
            raise _invalid(exc, path) from None


def _check_presence(op: OpName, present: bool, path: Path) -> None:
    if op == "add" and present:
        raise _error("changeset.exists", path)
    if op != "add" and not present:
        raise _error("changeset.missing", path)


def _field(node: BaseModel, part: Any, path: Path) -> FieldShape:
    cls = type(node)
    field = (by_alias(cls).get(part) or shapes(cls).get(part)) if isinstance(part, str) \
        else None
    if field is None:
        raise _error("changeset.unknown_field", path, field=str(part))
    return field


def _key(part: Any, path: Path) -> str:
    if isinstance(part, Key):
        return part.value
    raise _error("changeset.not_a_key", path, part=str(part))


def _entry_key(entries: dict[Any, Any], key: str) -> Any:
    """The mapping's own key written ``key`` (an enum, an id), or _GONE when it has none."""
    if key in entries:
        return key
    return next((k for k in entries if key_text(k) == key), _GONE)
