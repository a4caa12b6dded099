"""Shared pieces of the knowledge base: bilingual text and cached YAML resources."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints

KnowledgeId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")]


class KnowledgeModel(BaseModel):
    """Base of every knowledge-base entry: frozen, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(KnowledgeModel):
    """A text in Japanese and English; both are required."""

    ja: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]

    def get(self, lang: str) -> str:
        """The text in ``lang`` (ja or en; anything else gives English)."""
        return self.ja if lang == "ja" else self.en


def require_unique_ids(ids: Iterable[str], what: str = "id") -> None:
    """Raise ValueError naming the first id that appears more than once."""
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ValueError(f"{what} {ident!r} appears more than once")
        seen.add(ident)


def resource_names() -> list[str]:
    """Names of every YAML file of the knowledge base, without the extension."""
    folder = resources.files("opmodel.knowledge") / "data"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def load_resource(name: str) -> Any:
    """The parsed contents of ``knowledge/data/NAME.yaml`` (read once per process)."""
    path = resources.files("opmodel.knowledge") / "data" / f"{name}.yaml"
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
