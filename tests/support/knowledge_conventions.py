"""The conventions every knowledge-base YAML file follows, as a checker.

The rule, precisely (a file passes when ``convention_problems`` returns nothing):

1. The file is YAML whose top level is a mapping, with no key repeated in any mapping.
2. A *text* is a mapping that has a ``ja`` or an ``en`` key. It must have exactly the
   two keys ``ja`` and ``en``, both non-empty strings. The English must contain no
   Japanese characters; when the English has four words or more, the Japanese must
   contain at least one Japanese character (kana or kanji), so an untranslated
   sentence is caught while names such as "DevOps" may stay the same in both.
3. Every other mapping has code-like keys (rule 5) and its values are checked in turn.
4. A list of mappings is a *collection* when any of its items has an ``id``: then every
   item has one, each id is a slug (``KnowledgeId``) and no id repeats within the list.
   A list directly under the top-level mapping that holds mappings must be a collection.
5. A plain string outside a text must be an id or a code, never prose: it matches
   ``CODE`` (a lower-case slug or dotted path such as ``it_maturity.devops``, an upper-case
   code such as ``EDM01`` or ``R``, or a comparison operator), or it sits under a key of
   ``CODE_KEYS`` or ending in ``_id``, ``_ids``, ``_ref`` or ``_refs`` and has no spaces.
6. Numbers, booleans and null are values, not texts, and always pass.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
CODE = re.compile(
    r"^(?:[a-z0-9]+(?:[-_.:/][a-z0-9]+)*"  # slugs and dotted paths
    r"|[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*"  # upper-case codes: EDM01, RACI, R
    r"|==|!=|<=|>=|<|>)$"  # comparison operators
)
CODE_KEYS = frozenset({"id", "ref", "type", "kind", "category", "component", "step", "role",
                       "field", "path", "pattern", "operator", "op", "code"})
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key repeated within one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(key) for key, _ in node.value]
    repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
    if repeated:
        raise yaml.constructor.ConstructorError(
            None, None, f"key repeated: {', '.join(repeated)}", node.start_mark)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse(text: str) -> Any:
    """Parse YAML, refusing repeated keys."""
    return yaml.load(text, Loader=_UniqueKeyLoader)


def convention_problems(text: str) -> list[str]:
    """Every breach of the conventions in one YAML file's text, as 'path: problem'."""
    try:
        data = parse(text)
    except yaml.YAMLError as exc:
        return [f"not valid YAML: {exc}"]
    if not isinstance(data, dict):
        return ["the top level must be a mapping"]
    problems: list[str] = []
    for key, value in data.items():
        holds_mappings = isinstance(value, list) and any(isinstance(i, dict) for i in value)
        if holds_mappings and not all(isinstance(i, dict) and "id" in i for i in value):
            problems.append(f"{key}: every entry of a top-level list needs an id")
        _check(value, str(key), str(key), problems)
    problems.extend(_check_key(key, "") for key in data if not _is_code(key))
    return problems


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and bool(CODE.match(value))


def _is_code_key(key: str) -> bool:
    return key in CODE_KEYS or key.endswith(("_id", "_ids", "_ref", "_refs"))


def _is_code_value(value: str, key: str) -> bool:
    return _is_code(value) or (_is_code_key(key) and bool(value) and not re.search(r"\s", value))


def _check_key(key: Any, path: str) -> str:
    return f"{path or '<top>'}: key {key!r} is not a code (use lower-case slugs as keys)"


def _check(node: Any, path: str, key: str, problems: list[str]) -> None:
    if isinstance(node, dict):
        if "ja" in node or "en" in node:
            problems.extend(_text_problems(node, path))
            return
        for child_key, child in node.items():
            if not _is_code(child_key):
                problems.append(_check_key(child_key, path))
            _check(child, f"{path}.{child_key}", str(child_key), problems)
    elif isinstance(node, list):
        _collection_problems(node, path, problems)
        for index, item in enumerate(node):
            _check(item, f"{path}[{index}]", key, problems)
    elif isinstance(node, str) and not _is_code_value(node, key):
        problems.append(f"{path}: {node!r} is prose; write it as {{ja: ..., en: ...}}")


def _text_problems(node: dict[Any, Any], path: str) -> list[str]:
    if set(node) != {"ja", "en"}:
        return [f"{path}: a text has exactly the keys ja and en, not {sorted(map(str, node))}"]
    ja, en = node["ja"], node["en"]
    if not (isinstance(ja, str) and ja.strip() and isinstance(en, str) and en.strip()):
        return [f"{path}: ja and en must both be non-empty strings"]
    problems = []
    if JAPANESE.search(en):
        problems.append(f"{path}.en: contains Japanese: {en!r}")
    if len(en.split()) >= 4 and not JAPANESE.search(ja):
        problems.append(f"{path}.ja: looks untranslated: {ja!r}")
    return problems


def _collection_problems(items: list[Any], path: str, problems: list[str]) -> None:
    entries = [item for item in items if isinstance(item, dict)]
    if not any("id" in item for item in entries):
        return
    seen: set[Any] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict) or "id" not in item:
            problems.append(f"{path}[{index}]: every entry of a collection needs an id")
            continue
        ident = item["id"]
        if not (isinstance(ident, str) and SLUG.match(ident)):
            problems.append(f"{path}[{index}].id: {ident!r} is not a slug")
        elif ident in seen:
            problems.append(f"{path}[{index}].id: {ident!r} appears more than once")
        seen.add(ident)
