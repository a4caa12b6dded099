"""The default views of an exported model, one per layer (business, application,
implementation and migration): which elements each shows, laid out on a grid a band per
element type, and the relationships drawn between them."""

from __future__ import annotations

from dataclasses import dataclass, field

from opmodel.interop.archimate_concepts import Concept, ConceptModel

# element types per view, in the order of their bands
VIEWS: dict[str, tuple[str, ...]] = {
    "business": ("BusinessActor", "Capability", "BusinessProcess", "Contract"),
    "application": ("ApplicationComponent",),
    "implementation": ("WorkPackage", "Plateau"),
}
COLUMNS = 6
WIDTH, HEIGHT, GAP, MARGIN = 145, 55, 25, 20
# Archi's default fill colours of the three layers
FILL = {"business": (255, 255, 181), "application": (181, 255, 255),
        "implementation": (224, 255, 224)}


@dataclass
class Node:
    """An element placed on a view."""

    identifier: str
    element: str
    x: int
    y: int


@dataclass
class View:
    """A view: its key (business, application, implementation), nodes and connections
    (relationship identifier, source node, target node)."""

    key: str
    identifier: str
    nodes: list[Node] = field(default_factory=list)
    connections: list[tuple[str, str, str]] = field(default_factory=list)


def _shown(key: str, model: ConceptModel) -> list[Concept]:
    """The elements of a view: those of its types and, on the application view, the
    elements the applications are related to (what they serve and realise)."""
    types = VIEWS[key]
    shown = [e for e in model.elements if e.type in types]
    if key == "application":
        ids = {e.identifier for e in shown}
        near = {r.target for r in model.relationships if r.source in ids} | {
            r.source for r in model.relationships if r.target in ids}
        shown += [e for e in model.elements if e.identifier in near - ids and e.type != "Plateau"]
    return shown


def _bands(elements: list[Concept]) -> list[list[Concept]]:
    order: dict[str, list[Concept]] = {}
    for element in elements:
        order.setdefault(element.type, []).append(element)
    return list(order.values())


def layout_views(model: ConceptModel) -> list[View]:
    """A view per layer that has elements, nodes on a grid, every relationship between two
    of its nodes drawn."""
    views = []
    for key in VIEWS:
        shown = _shown(key, model)
        if not shown:
            continue
        view = View(key, f"id-view-{key}")
        y = MARGIN
        for band in _bands(shown):
            for n, element in enumerate(band):
                column, row = n % COLUMNS, n // COLUMNS
                view.nodes.append(Node(f"{view.identifier}--{element.identifier[3:]}",
                                       element.identifier, MARGIN + column * (WIDTH + GAP),
                                       y + row * (HEIGHT + GAP)))
            y += ((len(band) - 1) // COLUMNS + 1) * (HEIGHT + GAP) + GAP
        placed = {node.element: node.identifier for node in view.nodes}
        view.connections = [(r.identifier, placed[r.source], placed[r.target])
                            for r in model.relationships
                            if r.source in placed and r.target in placed]
        views.append(view)
    return views
