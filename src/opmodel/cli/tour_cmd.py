"""`opmodel tour`: walk through the demo organisations, one step of the article at a time,
running the commands (and so the use cases) a user would run."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from opmodel.cli.common import UNCUT_WIDTH, LangOption, console, pick, resolve_lang

# (heading en, heading ja, explanation en, explanation ja, command builder)
Step = tuple[str, str, str, str, Callable[[Path, Path], list[str]]]

STEPS: list[Step] = [
    ("Step 1 · Assess the current state", "ステップ1・現状を評価する",
     "Maturity per component from every respondent: medians, dispersion, gaps, who disagrees.",
     "回答者全員の成熟度を構成要素ごとに集計します（中央値・ばらつき・ギャップ・意見の相違）。",
     lambda org, _: ["assess", str(org / "current.yaml")]),
    ("Step 2 · Align with the business", "ステップ2・ビジネス戦略と整合させる",
     "Objectives → IT outcomes → capabilities → initiatives, and what nothing serves.",
     "事業目標 → IT の成果 → ケイパビリティ → 施策 のつながりと、その抜け漏れを示します。",
     lambda org, _: ["align", str(org / "target.yaml")]),
    ("Step 3 · Choose the model type", "ステップ3・モデルを選ぶ",
     "Which structure and sourcing stance fit the profile, factor by factor.",
     "プロファイルに合う組織構造と調達方針を、要因ごとの根拠とともに推奨します。",
     lambda org, _: ["recommend", str(org / "current.yaml")]),
    ("Step 3 · Review the design", "ステップ3・設計をレビューする",
     "Decision rights and archetypes, sourcing per capability, TIME dispositions.",
     "意思決定権限とアーキタイプ、ケイパビリティごとの調達、アプリケーションの TIME 分類を確認します。",
     lambda org, _: ["design", str(org / "target.yaml")]),
    ("Step 3 · Check the design", "ステップ3・設計を点検する",
     "Every consistency rule over the target model, most serious first.",
     "目標モデルに整合性ルールをすべて適用し、重大なものから示します。",
     lambda org, _: ["check", str(org / "target.yaml")]),
    ("Step 4 · Plan the roadmap and budget", "ステップ4・ロードマップと予算を計画する",
     "Portfolio under budget, resource-constrained schedule, Monte Carlo risk, hidden costs.",
     "予算内のポートフォリオ、資源制約付きスケジュール、モンテカルロ・リスク、隠れたコスト。",
     lambda org, _: ["plan", str(org / "target.yaml"), "--time-limit", "2",
                     "--iterations", "2000"]),
    ("Step 5 · Lead the change", "ステップ5・変革をリードする",
     "Stakeholders, communication calendar, training needs, adoption and risks.",
     "ステークホルダー、コミュニケーション計画、研修ニーズ、定着度、リスク。",
     lambda org, _: ["change", "report", str(org / "target.yaml")]),
    ("Step 6 · Measure and improve", "ステップ6・測定し改善する",
     "KPI scorecard from the organisation's measurements: RAG status, trends, benefits.",
     "測定データから KPI スコアカードを作成します（RAG 状況、傾向、効果）。",
     lambda _, work: ["kpi", "status", str(work / "target.yaml")]),
]


def _command() -> Any:
    from typer.main import get_command

    from opmodel.cli.app import create_app

    return get_command(create_app())


def _run(command: Any, args: list[str]) -> int:
    try:
        command.main(args=args, prog_name="opmodel", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except SystemExit as done:
        return int(done.code or 0)
    except Exception as exc:  # a usage error from click, shown like the CLI would
        show = getattr(exc, "show", None)
        if callable(show):
            show()
            return 2
        raise
    return 0


def _heading(out: Any, name: str) -> None:
    """A rule across a terminal; a plain line where the output is not cut to a width."""
    if out.width >= UNCUT_WIDTH:
        out.print(f"\n── {name} ──", style="bold", markup=False)
    else:
        out.rule(f"[bold]{name}[/bold]")


def installed_examples() -> Path:
    """The demo organisations installed with the package, wherever it runs from."""
    import opmodel

    return Path(opmodel.__file__).parent / "examples"


def _organisations(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "current.yaml").is_file()
                  and (p / "target.yaml").is_file())


def tour(
    examples: Annotated[Path | None, typer.Option(
        "--examples", help="Folder of demo organisations; default: those installed with opmodel.")
    ] = None,
    organisation: Annotated[str | None, typer.Option("--org", help="Only this organisation (folder name).")] = None,
    lang: LangOption = None,
) -> None:
    """Walk through the demo organisations, one step of the six-step method at a time.

    Nothing in the examples folder is changed: measurements are imported into a copy.

    Example: opmodel tour --org regional-bank --lang ja
    """
    language = resolve_lang(lang)
    out = console()
    if examples is None:
        examples = installed_examples()
    if not examples.is_dir():
        out.print(pick(language, f"No examples folder at {examples}; give the folder of the demo "
                       "organisations with --examples, or leave it out to use those installed "
                       "with opmodel.", f"{examples} に examples フォルダがありません。"
                       "--examples にデモ組織のフォルダを指定するか、省略して opmodel に"
                       "同梱のものを使ってください。"))
        raise typer.Exit(1)
    known = _organisations(examples)
    orgs = [p for p in known if organisation in (None, p.name)]
    if not orgs:
        names = ", ".join(p.name for p in known) or "—"
        out.print(pick(language, f"No demo organisation '{organisation}' (there are: {names}).",
                       f"デモ組織 '{organisation}' はありません（あるもの: {names}）。"),
                  markup=False)
        raise typer.Exit(1)
    # without --lang, each command speaks its document's language
    lang_args = ["--lang", lang.value] if lang is not None else []
    command = _command()  # one command tree for every step of the tour
    failures = 0
    for org in orgs:
        with tempfile.TemporaryDirectory(prefix="opmodel-tour-") as tmp:
            work = Path(tmp)
            shutil.copy(org / "target.yaml", work / "target.yaml")
            _heading(out, org.name)
            # the plain file first: a CP932 variant, when there is one, holds the same data
            for csv in sorted(org.glob("measurements*.csv"), key=lambda p: len(p.name))[:1]:
                _run(command, ["kpi", "import", str(work / "target.yaml"), str(csv),
                               *lang_args])
            for head_en, head_ja, text_en, text_ja, build in STEPS:
                out.print(f"\n[bold cyan]{pick(language, head_en, head_ja)}[/bold cyan]")
                out.print(pick(language, text_en, text_ja), style="dim")
                args = [*build(org, work), *lang_args]
                shown = [a.removeprefix(f"{work}{os.sep}") for a in args]  # not the temp folder
                out.print(f"$ opmodel {' '.join(shown)}", style="dim", markup=False)
                code = _run(command, args)
                failures += code not in (0, 1)
    out.print(pick(language, "\nThat was the tour. Try the commands on your own model: "
                   "opmodel new \"My model\" --out model.yaml",
                   "\nツアーは以上です。自分のモデルでも試してください: "
                   "opmodel new \"My model\" --out model.yaml"))
    if failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``opmodel tour`` to ``app``."""
    app.command()(tour)
