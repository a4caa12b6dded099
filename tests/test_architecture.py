"""The layer arrows of DESIGN.md hold: import-linter's contracts pass."""

import shutil
import subprocess
import sys
from pathlib import Path


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([exe], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stdout + result.stderr


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from opmodel.cli.app import create_app\n"
        "create_app()\n"
        "heavy = {'ortools', 'pandas', 'polars', 'numpy', 'duckdb', 'openpyxl', 'django',\n"
        "         'pydantic', 'yaml', 'rich', 'opmodel.document', 'opmodel.engines'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
