"""Commands on documents themselves: new, validate, schema (and diff, in diff_cmd)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from opmodel.cli.common import (
    Format,
    FormatOption,
    Lang,
    LangOption,
    console,
    err_console,
    fail,
    pick,
    print_json,
    resolve_lang,
)
from opmodel.cli.model_writes import write_file


class NewState(StrEnum):
    """The states a new model can start in."""

    current = "current"
    target = "target"
    scenario = "scenario"


def _profile(industry: str | None, interactive: bool, language: str) -> dict[str, Any]:
    """The profile to write: the industry's template, then the answers to the prompts."""
    from opmodel.knowledge.industry_profiles import industry_profiles

    facts: dict[str, Any] = {}
    if industry is not None:
        templates = industry_profiles()
        key = industry.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in templates:
            known = ", ".join(templates)
            fail(language, f"--from '{industry}' is not an industry; use one of: {known}",
                 f"--from '{industry}' は業種ではありません。次のいずれかを指定してください: "
                 f"{known}", code=2)
        facts = {"industry": key, **templates[key]}
    if interactive:
        from opmodel.cli.new_prompts import ask_profile

        facts = ask_profile(facts, language)
    return facts


def new(
    name: Annotated[str, typer.Argument(help="The model's name, e.g. 'Target model 2027'.")],
    org: Annotated[str | None, typer.Option("--org", help="The organisation's name.")] = None,
    lang: LangOption = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    state: Annotated[NewState, typer.Option(
        "--state", help="The state the model describes: current, target or scenario.")
    ] = NewState.current,
    industry: Annotated[str | None, typer.Option(
        "--from", metavar="INDUSTRY",
        help="Start the profile from this industry's typical design factors (banking, "
             "insurance, manufacturing, software, ...).")] = None,
    interactive: Annotated[bool, typer.Option(
        "--interactive", "-i", help="Ask the dozen profile facts, one at a time.")] = False,
) -> None:
    """Scaffold a new, valid model file to fill in step by step.

    Example: opmodel new "Current state" --org "Example Bank" --from banking --out current.yaml
    """
    from opmodel.document.io import format_of
    from opmodel.document.scaffold import scaffold

    language = resolve_lang(lang)
    if not name.strip():
        fail(language, "the model's NAME is empty; give a name, e.g. opmodel new \"Target model "
             "2027\" (see opmodel new --help)",
             "モデル名 NAME が空です。名前を指定してください（例: opmodel new \"目標モデル 2027\"。"
             "opmodel new --help も参照）", code=2)
    if out is not None and out.is_dir():
        fail(language, f"--out {out} is a folder; give the path of the file to write, "
             f"e.g. --out {out / 'current.yaml'}",
             f"--out {out} はフォルダーです。書き出すファイルのパスを指定してください"
             f"（例: --out {out / 'current.yaml'}）", code=2)
    profile = _profile(industry, interactive, language)
    text = scaffold(name, org, language, file=str(out) if out else "model.yaml",
                    fmt=format_of(str(out)) if out else "yaml", state=state.value,
                    profile=profile)
    if out is None:
        sys.stdout.write(text)
        return
    if out.exists() and not force:
        err_console().print(pick(language, f"{out} exists; use --force to overwrite it.",
                                 f"{out} は既に存在します。上書きするには --force を指定してください。"))
        raise typer.Exit(1)
    write_file(out, text, language)
    err_console().print(pick(language, f"Wrote {out}.", f"{out} を作成しました。"))


def validate(
    files: Annotated[list[Path], typer.Argument(help="Model files (YAML or JSON).")],
    fmt: FormatOption = Format.text,
    lang: LangOption = None,
    max_size: Annotated[int | None, typer.Option(
        "--max-size", min=1,
        help="Largest file in bytes (default: OPMODEL_MAX_FILE_SIZE, else 50 MB).")] = None,
) -> None:
    """Check model files; exit 0 when all are valid, 1 with every problem listed.

    With --format json, prints {"valid": ..., "files": [{"file", "valid", "language",
    "problems": [{"path", "line", "column", "code", "params", "message", "hint"}]}]}; a valid
    YAML file also lists "notes" (values written with full-width digits, as they were read).

    Example: opmodel validate examples/*/current.yaml
    """
    from opmodel.cli.common import document_problems, max_file_size, report_document_error
    from opmodel.document import DocumentError
    from opmodel.interop.model_files import load

    entries: list[dict[str, Any]] = []
    for path in files:
        try:
            model = load(path, max_bytes=max_size or max_file_size(str(path)))
        except DocumentError as exc:
            language = resolve_lang(lang, exc.language)
            report_document_error(exc, language, Format.text)  # the text, on standard error
            entries.append(document_problems(exc, language, str(path)))
            continue
        language = resolve_lang(lang, model.metadata.language.value
                                if model.metadata.language else None)
        notes = _full_width_notes(path, language)
        entries.append({"file": str(path), "valid": True, "language": language, "problems": [],
                        "notes": notes})
        if fmt is Format.text:
            console().print(pick(language, f"{path}: valid", f"{path}: 問題ありません"), markup=False)
            for note in notes:
                console().print(f"{path}:{note['line']}:{note['column']}: {note['message']}",
                                markup=False)
    valid = all(entry["valid"] for entry in entries)
    if fmt is Format.json:
        print_json({"valid": valid, "files": entries})
    if not valid:
        raise typer.Exit(1)


def _full_width_notes(path: Path, lang: str) -> list[dict[str, Any]]:
    """Values a YAML file wrote with full-width digits, read as numbers or dates."""
    from opmodel.cli.common import read_file_text
    from opmodel.document.parsing import full_width_values
    from opmodel.knowledge.texts import render

    if path.suffix.lower() not in (".yaml", ".yml"):
        return []
    return [{"line": line, "column": column, "code": "document.full_width_read",
             "params": {"text": text, "value": value},
             "message": render("document.full_width_read", {"text": text, "value": value}, lang)}
            for line, column, text, value in full_width_values(read_file_text(path))]


def schema(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    lang: LangOption = None,
) -> None:
    """Print the JSON Schema of the document, for editor completion and checks.

    Example: opmodel schema --out opmodel.schema.json
    """
    from opmodel.document.schema import document_schema

    language = resolve_lang(lang)  # the descriptions editors show, in the user's language
    text = json.dumps(document_schema(language), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        write_file(out, text, language)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(new)
    app.command()(validate)
    app.command()(schema)
    from opmodel.cli import diff_cmd

    diff_cmd.register(app)


__all__ = ["Lang", "register"]
