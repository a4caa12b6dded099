"""Reading exchange files safely: entity bombs, external entities and DTDs (never fetched),
files too large, not XML or not ArchiMate are each refused with a coded error naming the file
and the line; a file in Archi's style reads into its elements and relationships."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from opmodel.interop.archimate_xml_read import parse_safely, read_exchange_xml
from opmodel.interop.exchange_errors import ExchangeError
from opmodel.interop.table_errors import TableError

DATA = Path(__file__).parents[1] / "data" / "archimate"
MODEL = ('<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="id-m">'
         '<name xml:lang="en">{name}</name></model>')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE model [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
                    for n in range(1, 10))
          + ']>\n' + MODEL.format(name="&lol9;"))


def _refusal(raw: bytes, source: str = "in.xml") -> ExchangeError:
    with pytest.raises(ExchangeError) as caught:
        read_exchange_xml(raw, source)
    return caught.value


def _says_file_and_line(error: TableError, source: str, line: int) -> None:
    for lang in ("en", "ja"):
        text = error.message.text(lang)
        assert source in text and str(line) in text, text
    assert error.message.params["line"] == line


def test_billion_laughs_is_refused_at_once_without_expanding() -> None:
    started = time.perf_counter()
    error = _refusal(LAUGHS.encode())
    assert time.perf_counter() - started < 1.0
    assert error.message.code == "exchange.dtd"
    _says_file_and_line(error, "in.xml", 2)


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    raw = (f'<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY x SYSTEM "file://{secret}">]>\n'
           + MODEL.format(name="&x;")).encode()
    error = _refusal(raw)
    assert error.message.code == "exchange.dtd"
    assert "TOP-SECRET" not in error.message.text("en")
    # a DOCTYPE after a comment and in UTF-16 is found as well
    for hidden in ("<!-- a comment -->\n" + raw.decode()[22:]).encode(), (
            raw.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
            .encode("utf-16")):
        assert _refusal(hidden).message.code == "exchange.dtd"


def test_the_parser_itself_expands_no_entity_and_fetches_nothing() -> None:
    from opmodel.interop.archimate_xml_read import _parser

    parser = _parser()
    from lxml import etree

    root = etree.fromstring(LAUGHS.encode()[:LAUGHS.index("<model")] + b"<model>&lol1;</model>",
                            parser)
    assert "lol" * 10 not in etree.tostring(root).decode()


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A web server on this machine that records every request made to it."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "fetched">')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def test_an_external_dtd_over_http_is_not_fetched(listener: tuple[str, list[str]]) -> None:
    url, asked = listener
    for doctype in (f'<!DOCTYPE model SYSTEM "{url}/evil.dtd">',
                    f'<!DOCTYPE model [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>',
                    f'<!DOCTYPE model [<!ENTITY x SYSTEM "{url}/x">]>'):
        raw = f'<?xml version="1.0"?>\n{doctype}\n{MODEL.format(name="&x;")}'.encode()
        with pytest.raises(ExchangeError) as caught:
            read_exchange_xml(raw, "remote.xml")
        assert caught.value.message.code == "exchange.dtd"
        assert "remote.xml" in caught.value.message.text("ja")
    time.sleep(0.2)
    assert asked == []


def test_bytes_over_the_limit_are_refused_before_parsing() -> None:
    with pytest.raises(TableError) as caught:
        parse_safely(b"<" * 2000, "big.xml", max_bytes=1000)
    assert caught.value.message.code == "table.too_large"
    assert "big.xml" in caught.value.message.text("ja")


def test_text_that_is_not_xml_names_its_line() -> None:
    error = _refusal(b'<?xml version="1.0"?>\n<model>\n  <name>x</nam>\n</model>\n', "bad.xml")
    assert error.message.code == "exchange.not_xml"
    _says_file_and_line(error, "bad.xml", 3)


def test_another_namespace_is_not_archimate_3() -> None:
    raw = b'<?xml version="1.0"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate">\n</model>'
    error = _refusal(raw, "v2.xml")
    assert error.message.code == "exchange.not_archimate"
    _says_file_and_line(error, "v2.xml", 2)


def test_a_file_in_archis_style_reads_into_concepts() -> None:
    model = read_exchange_xml((DATA / "foreign-sample.xml").read_bytes(), "sample.xml")
    assert model.name == "Harbour Insurance" and model.language == "en"
    assert len(model.elements) == 15 and len(model.relationships) == 12
    system = next(e for e in model.elements if e.identifier == "id-ap1")
    assert system.type == "ApplicationComponent"
    assert system.documentation == "The core claims application."
    assert system.properties == {"lifecycle": "phase_out", "functional_fit": "very high",
                                 "Architect": "Jane"}
    assert model.lines["id-ap1"] > model.lines["id-a1"] > 1
