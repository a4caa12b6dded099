"""The Open Group's ArchiMate exchange schemas (tests/data/archimate/xsd), loaded offline: the
schemas' import of xml.xsd from w3.org is answered by the local copy, and nothing else may
be fetched."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

XSD = Path(__file__).resolve().parents[1] / "data" / "archimate" / "xsd"


@cache
def exchange_schema() -> Any:
    """archimate3_Diagram.xsd (it includes the view and model schemas) and Dublin Core's
dc.xsd, as Archi's validator loads them, as an lxml schema."""
    from lxml import etree

    class Local(etree.Resolver):  # type: ignore[misc]
        def resolve(self, url: str, pubid: str, context: Any) -> Any:
            name = url.rsplit("/", 1)[-1]
            if url.startswith(("http:", "https:")):
                if not (XSD / name).is_file():
                    raise AssertionError(f"the schema asks for {url}, not held offline")
                return self.resolve_filename(str(XSD / name), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    # as Archi's validator: the diagram schema and Dublin Core's, for the model's metadata
    both = (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
            f'<xs:import namespace="http://www.opengroup.org/xsd/archimate/3.0/" '
            f'schemaLocation="{(XSD / "archimate3_Diagram.xsd").as_uri()}"/>'
            f'<xs:import namespace="http://purl.org/dc/elements/1.1/" '
            f'schemaLocation="{(XSD / "dc.xsd").as_uri()}"/></xs:schema>')
    return etree.XMLSchema(etree.fromstring(both.encode(), parser, base_url=str(XSD) + "/"))


def schema_errors(xml: bytes) -> list[str]:
    """The schema's complaints about ``xml``, each with its line; empty when it is valid."""
    from lxml import etree

    schema = exchange_schema()
    if schema.validate(etree.fromstring(xml, etree.XMLParser(no_network=True,
                                                             resolve_entities=False))):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
