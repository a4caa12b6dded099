"""ArchiMate export and import of a large model, against writing and loading the same model as
YAML (the baseline, measured side by side in the same run).

The model of benchmarks/load.py (10,000 applications, 2,000 initiatives …): the exchange file
written (elements, relationships, three views) and read back into a model, and Archi's CSV
written; each the best of N runs, with the ratio to opmodel's own YAML dump and load.

Run: python benchmarks/exchange.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from load import best_of, generate
from opmodel.document import dumps, validate_data
from opmodel.interop.model_files import load
from opmodel.services.exchange import export_model, import_file


def main(argv: list[str] | None = None) -> int:
    """Time export and import against YAML; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    model = validate_data(generate())
    xml = export_model(model, "archimate", "en")
    assert isinstance(xml, bytes)
    outcome = import_file(xml, "large.xml", "archimate")
    apps = outcome.imported["design.technology.applications"]
    assert apps == 10_000, apps
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.yaml"
        path.write_text(dumps(model), encoding="utf-8")
        yaml_size = path.stat().st_size
        export_s = best_of(args.repeat, lambda: export_model(model, "archimate", "en"))
        csv_s = best_of(args.repeat, lambda: export_model(model, "archi-csv", "en"))
        dump_s = best_of(args.repeat, lambda: dumps(model))
        import_s = best_of(args.repeat, lambda: import_file(xml, "large.xml", "archimate"))
        load_s = best_of(args.repeat, lambda: load(path))
    print(f"exchange file: {len(xml) / 1e6:.1f} MB; YAML: {yaml_size / 1e6:.1f} MB")
    print(f"export archimate: {export_s:.3f} s; archi-csv: {csv_s:.3f} s; YAML dump: "
          f"{dump_s:.3f} s; ratio archimate/YAML {export_s / dump_s:.2f}")
    print(f"import archimate: {import_s:.3f} s; YAML load: {load_s:.3f} s; ratio "
          f"{import_s / load_s:.2f} (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
