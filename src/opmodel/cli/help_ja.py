"""The ``--help`` texts in Japanese, keyed by command path and parameter name, and the help
formatter that lays them out by display width. Imported only when the language is Japanese."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from typer._click.formatting import HelpFormatter  # Typer bundles its own click

# "" is the root command; the Example line's command is kept as it is, labelled 例:
COMMANDS: dict[str, str] = {
    "": "opmodel: IT 運用モデルを設計し、計画し、運用します（日本語／英語）。\n\n"
        '例: opmodel new "Target model" --org "Example Bank" --lang en > target.yaml',
    "new": "段階的に記入していくための、新しい有効なモデルファイルのひな形を作ります。\n\n"
           '例: opmodel new "Current state" --org "Example Bank" --from banking --out current.yaml',
    "upgrade": "以前の形式で書かれたモデルを現在の形式に書き換えます。費用の id、change.groups での"
               "ステークホルダーグループの宣言、kpis.measurements の削除を行います。YAML のコメントは"
               "保持されません。\n\n"
               "例: opmodel upgrade target.yaml --out target-new.yaml",
    "validate": "モデルファイルを検証します。すべて有効なら 0、問題があればすべて列挙して 1 で"
                "終了します。\n\n"
                '--format json では {"valid": ..., "files": [{"file", "valid", "language", '
                '"problems": [{"path", "line", "column", "code", "params", "message", "hint"}]}]} を出力します。\n\n'
                "例: opmodel validate examples/*/current.yaml",
    "schema": "ドキュメントの JSON Schema を出力します。エディターでの入力補完やチェックに"
              "使えます。\n\n"
              "例: opmodel schema --out opmodel.schema.json",
    "diff": "A から B への変更点を示します。追加・削除・変更されたエンティティを、項目ごとに"
            "表示します。\n\n"
            "エンティティはコレクションごとに id で、その他のリスト要素はキーで対応付けます。"
            "並び順の違いは変更とみなしません。\n\n"
            "例: opmodel diff current.yaml target.yaml --format json",
    "assess": "アセスメントを採点します。設問別・構成要素別・全体のスコア、ギャップ、回答者間の"
              "見解の相違を示します。\n\n"
              "例: opmodel assess current.yaml --by business_unit",
    "recommend": "プロファイルから運用モデルの構造を推奨し、それとは別に調達方針を、"
                 "それぞれ理由と確信度とともに示します。\n\n"
                 "例: opmodel recommend target.yaml --current current.yaml --lang ja",
    "align": "事業目標 → IT 成果 → ケイパビリティ → 施策 のつながりをたどり、カバー状況と"
             "ギャップを示します。\n\n"
             "例: opmodel align target.yaml --format json",
    "design": "設計をレビューします。意思決定権とアーキタイプ、調達に関する助言、TIME による"
              "アプリケーションの処置を示します。\n\n"
              "例: opmodel design target.yaml --lang ja",
    "progress": "6つのステップそれぞれについて、完了の割合、不足しているもの、未解決の指摘を示します。\n\n"
                "例: opmodel progress target.yaml --lang ja",
    "check": "ドキュメントにすべての整合性ルールを適用します。重大度 error のルールに該当すると"
             "終了コード 1 で終了します。\n\n"
             "例: opmodel check target.yaml --format json",
    "knowledge": "ナレッジベースを参照します。\n\n"
                 "モデル類型、構成要素、ステップ、課題、Weill & Ross の意思決定領域と"
                 "アーキタイプ、ITIL 4 のプラクティス、COBIT 2019 のデザインファクター、"
                 "アセスメントの設問バンク（アセスメントの回答が参照する id）を収めています。\n\n"
                 "--format json では、選んだ言語のテキストでエントリを出力します。"
                 '--all-languages を付けると、両方の言語を {"ja": ..., "en": ...} の形で残します。\n\n'
                 "例: opmodel knowledge types federated --lang ja",
    "plan": "ポートフォリオを選定してスケジュールを組み、リスクをシミュレーションし、年度別の"
            "予算を立てます。\n\n"
            "選定された施策、施策別・フェーズ別の開始日と終了日、完了時期とコストの "
            "P10/P50/P80/P90、年度別・費目別の予算を出力します。Ctrl-C を押すと、それまでに"
            "見つかった最良の解を返します。\n\n"
            "予算上限を超える計画は最初にその旨を表示し、--strict を付けると終了コード 1 で"
            "終了します。\n\n"
            "例: opmodel plan target.yaml --time-limit 5 --iterations 20000 --seed 1 --strict",
    "report": "経営報告書を書き出します。サマリー、推奨モデル、アセスメント、設計、ロードマップ、"
              "リスク、予算、変革計画、KPI スコアカードを、モデルにデータがある章だけ収めます。\n\n"
              "HTML は 1 ファイルで完結し、PDF は A4 横のページです（日本語には fonts-noto-cjk など"
              "の CJK フォントが必要です）。PPTX は編集できるネイティブのグラフを収めた 16:9 の"
              "スライド（--template で独自テンプレートのレイアウトも使えます）、XLSX は章ごとに"
              "1 シートで数値を数値のまま収めます。モデルは opmodel plan と同じように計画します（Ctrl-C で"
              "それまでの最良の計画を使います）。失敗したときは何も書き出しません。\n\n"
              "例: opmodel report target.yaml --format pdf --out board.pdf --lang ja",
    "compare": "ステアリングコミッティが選ぶ案を並べて比較します。組織構造と調達方針、推奨エンジンに"
               "よる適合度、移行コストの P50 と P80（隠れコストは内訳を別に表示）、移行前後の年間"
               "運用コスト、NPV と投資回収期間、完了時期の P50 と P80 とクリティカルな施策、"
               "リスク、整合性の指摘、KPI の目標値とそれが測る事業目標、--baseline を付けると"
               "そのモデルからの変更件数を示します。各行で最も優れた案に印を付け、各案が何を"
               "得て何を手放すのかを 1 文で示します。\n\n"
               "各案は opmodel plan と同じ設定・同じシードで計画するため、数値は opmodel plan の"
               "出力と一致します。Ctrl-C を押すと、それまでに得られた計画で比較します。\n\n"
               "例: opmodel compare federated.yaml centralized.yaml --baseline current.yaml --lang ja",
    "schedule": "資源制約を考慮したスケジュールを作ります（CP-SAT、または高速なヒューリスティック）。"
                "Ctrl-C で探索を止め、それまでの最良のスケジュールを出力します。\n\n"
                "例: opmodel schedule --psplib j301_1.sm --time-limit 1 --format json",
    "serve": "Web アプリケーションと REST API を提供し、ジョブワーカーを 1 つ同時に動かします。\n\n"
             "設定は環境変数から読みます: OPMODEL_DATABASE_URL、OPMODEL_SECRET_KEY、"
             "OPMODEL_DATA_DIR、OPMODEL_ALLOWED_HOSTS、OPMODEL_DEBUG。\n\n"
             "例: opmodel serve --host 0.0.0.0 --port 8000 --workers 4",
    "worker": "ジョブワーカーを動かします。サーバーが受け付けた計画、シミュレーションなどの"
              "時間のかかる処理を実行します。\n\n例: opmodel worker",
    "db": "サーバーのデータベース。\n\n例: opmodel db upgrade",
    "db upgrade": "サーバーのデータベースのテーブルを作成または更新します（何度実行しても安全です）。"
                  "\n\n例: opmodel db upgrade",
    "user": "サーバーのユーザー。\n\n例: opmodel user create alice --password-stdin",
    "user create": "サーバーのユーザーを作成します。パスワードは標準入力から読みます。\n\n"
                   "例: printf '%s\\n' \"$PASSWORD\" | opmodel user create alice --password-stdin",
    "user unlock": "ログインに何度も失敗してロックされたユーザーを、どのアドレスからでも再びログインできるようにします。\n\n"
                   "例: opmodel user unlock alice",
    "demo": "サーバーのデモデータ。\n\n例: opmodel demo load --owner alice",
    "demo load": "サンプル組織をデモ用のワークスペースとして、測定値とともに読み込みます。\n\n"
                 "例: opmodel demo load --owner alice",
    "tour": "デモ組織を題材に、6 ステップの手法を 1 ステップずつたどります。\n\n"
            "examples フォルダーの中身は変更しません。測定値はコピーに取り込みます。\n\n"
            "例: opmodel tour --org regional-bank --lang ja",
    "survey": "アンケートの回答をスプレッドシートから取り込み、配布用の空の質問票を作ります。\n\n"
              "例: opmodel survey import answers.xlsx --into current.yaml",
    "survey import": "スプレッドシート（CSV または XLSX）の回答をモデルのアセスメントに取り込みます。"
                     "回答者 1 人 1 行で設問ごとに列を持つ横長形式と、Microsoft Forms や Google "
                     "フォームの書き出しのような縦長形式のどちらも読めます。問題が 1 つでもあれば"
                     "何も書き込まず、行と列を示します。モデルの YAML コメントは保持されません。\n\n"
                     "例: opmodel survey import answers.xlsx --into current.yaml",
    "survey template": "配布用の空の質問票（XLSX）を書き出します。回答者ごとに 1 行、設問ごとに 1 列で、"
                       "各回答欄では 6 段階のレベルの説明をドロップダウンから選べます。記入済みの"
                       "質問票はそのまま opmodel survey import で取り込めます。\n\n"
                       "例: opmodel survey template current.yaml --lang ja --out survey.xlsx",
    "inventory": "アプリケーション・ベンダー・契約・サービスレベル・ケイパビリティの台帳を"
                 "スプレッドシート（自社の台帳、または LeanIX や ServiceNow のエクスポート）から"
                 "取り込み、記入用の空の台帳を作ります。\n\n"
                 "例: opmodel inventory import apps.xlsx --into current.yaml --kind applications",
    "inventory import": "スプレッドシート（CSV または XLSX）の台帳をモデルに取り込みます。"
                        "書き込む前に、どの列をどの項目として読むかを表示します。モデルにある "
                        "ID の行はその項目を置き換え（空欄のセルはその項目を消去します）、ない "
                        "ID の行は追加します。問題が 1 つでもあれば何も書き込まず、シート・行・列を"
                        "示します。モデルの YAML コメントは保持されません。\n\n"
                        "例: opmodel inventory import apps.xlsx --into current.yaml --kind applications",
    "inventory template": "記入用の空の台帳（XLSX）を書き出します。1 件 1 行、項目ごとに 1 列で、"
                          "選択肢のある列はドロップダウンから選べます（モデルを指定すると、契約や "
                          "KPI などの ID も選べます）。記入済みの台帳はそのまま "
                          "opmodel inventory import で取り込めます。\n\n"
                          "例: opmodel inventory template --kind service-levels current.yaml --out sla.xlsx",
    "export": "モデルを他のツール向けのファイルに書き出します。ArchiMate モデル交換ファイル"
              "（Archi、BiZZdesign など）、Archi の CSV（elements・relations・properties）、"
              "Excel ブック（台帳ごとに 1 シート、選択肢はドロップダウン）です。--format を"
              "指定しなければ、--out の拡張子で形式を決めます。\n\n"
              "例: opmodel export target.yaml --format archimate --out target.xml",
    "import": "他のツールのファイルからモデルを読み込みます。opmodel の項目に対応する要素は"
              "エンティティになり、それ以外は種類ごとの件数で示します。--into を指定すると、"
              "そのモデルに取り込み、変更点を示します（--dry-run ではすべての変更を列挙し、"
              "何も書き出しません）。Excel ブックでは、シートごとに追加・更新・削除を示し、"
              "問題はシート・行・列で示します。エラーがあれば何も書き出しません。\n\n"
              "例: opmodel import model.xml --into current.yaml --out merged.yaml --dry-run",
    "change": "変革を推進します。利害関係者、コミュニケーション、研修、定着、リスクを扱います。\n\n"
              "例: opmodel change report target.yaml --lang ja",
    "change report": "影響力／関心度マトリクス、姿勢の差、影響のヒートマップ、カレンダー、研修、"
                     "定着度、リスクを示します。\n\n"
                     "例: opmodel change report target.yaml --format json",
    "change calendar": "コミュニケーション計画を iCalendar ファイルに書き出します（Outlook や "
                       "Google カレンダー用）。\n\n"
                       "例: opmodel change calendar target.yaml --out plan.ics",
    "change templates": "リスクのテンプレート（記事が挙げる課題と、各モデル類型の短所）を一覧"
                        "表示します。モデルを指定すると、それに当てはまるものだけを示します。\n\n"
                        "例: opmodel change templates target.yaml --lang ja",
    "kpi": "KPI を扱います。ライブラリ、測定値の取り込み、レポート、スコアカード、ITSM ログ。\n\n"
           "例: opmodel kpi status target.yaml",
    "kpi library": "KPI ライブラリを一覧表示します。id、構成要素、ステップ、望ましい方向、"
                   "集計方法、目標値を示します。\n\n"
                   "例: opmodel kpi library --component process --lang ja",
    "kpi import": "KPI の測定値を Parquet ファイルに取り込みます（すべて取り込むか、何も"
                  "取り込まないかのどちらかです）。既定ではモデルと同じ場所のファイル"
                  "（MODEL.measurements.parquet）、--measurements で別のファイルです。\n\n"
                  "例: opmodel kpi import target.yaml sla.csv --map kpi=指標 --map value=値 "
                  "--map period=年月",
    "kpi report": "KPI ごとに、その KPI の集計方法で期間別に集計し（全体とスコープ別）、RAG で"
                  "評価します。\n\n"
                  "例: opmodel kpi report target.yaml --period quarter --format json",
    "kpi status": "スコアカードです。KPI ごとの RAG ステータス、傾向、連続期間を構成要素別に示し、"
                  "効果も示します。\n\n"
                  "例: opmodel kpi status target.yaml --as-of 2027-03-31 --lang ja",
    "kpi itsm": "インシデントのイベントログからサービスマネジメントの KPI を求めます。解決、"
                "再オープン、担当の引き継ぎ、SLA、バックログ。\n\n"
                "例: opmodel kpi itsm incident_event_log.csv.gz --mapping servicenow.yaml "
                "--format json",
}


# Texts of the framework itself: section headings, the help option, the notes after a help text.
HEADINGS = {"Arguments": "引数", "Options": "オプション", "Commands": "コマンド"}
FRAMEWORK_TEXTS = {"Show this message and exit.": "このヘルプを表示して終了します。"}
NOTES = [("default: ", "既定値: "), ("env var: ", "環境変数: "), ("required", "必須")]

_WIDE = "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3" \
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
# A unit that may start a line: one wide character, a short label with its colon (例:, 既定値:) or
# a word of narrow ones, with the brackets that may not end a line before it and the
# punctuation that may not start one after it.
_UNIT = re.compile(rf"\s+|[（「『【〔\[]*(?:[{_WIDE}]{{1,4}}:|[{_WIDE}]|[^\s{_WIDE}]+)[、。，．）」』】〕：！？・ー:,.)]*")


def display_width(text: str) -> int:
    """Columns the text takes in a terminal (wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int, initial: str = "", subsequent: str = "") -> list[str]:
    """One paragraph wrapped to ``width`` columns, breaking between words or wide characters."""
    lines: list[str] = []
    line, used, space = initial, display_width(initial), False
    start = len(initial)
    for unit in _UNIT.findall(text):
        if unit.isspace():
            space = True
            continue
        gap = " " if space and len(line) > start else ""
        if len(line) > start and used + len(gap) + display_width(unit) > width:
            lines.append(line)
            line, used, start, gap = subsequent, display_width(subsequent), len(subsequent), ""
        line += gap + unit
        used += len(gap) + display_width(unit)
        space = False
    lines.append(line)
    return lines


def wrap_paragraphs(text: str, width: int, indent: str = "") -> str:
    """Paragraphs (split by empty lines) wrapped; a paragraph led by a \\b line is kept as is."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text.strip("\n")):
        if paragraph.startswith("\b"):
            out.append("\n".join(indent + line for line in paragraph.splitlines()[1:]))
        else:
            out.append("\n".join(wrap(" ".join(paragraph.split("\n")), width, indent, indent)))
    return "\n\n".join(out)


def _note_ja(help_text: str) -> str:
    """'… [default: text; required]' → '… [既定値: text; 必須]'."""
    help_text = FRAMEWORK_TEXTS.get(help_text, help_text)
    found = re.search(r"\[([^\[\]]*)\]$", help_text)
    if not found:
        return help_text
    note = found[1]
    for en, ja in NOTES:
        note = note.replace(en, ja)
    return f"{help_text[:found.start()]}[{note}]"


class JapaneseHelpFormatter(HelpFormatter):
    """The framework's help layout, with Japanese headings and lines measured in columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{' ' * self.current_indent}{prefix or '使い方: '}{prog} "
        lines = wrap(args, self.width, head, " " * display_width(head))
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_text(self, text: str) -> None:
        self.write(wrap_paragraphs(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0),
                        col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text = wrap_paragraphs(_note_ja(second), max(self.width - first_col - 2, 10))
            lines = text.splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{' ' * (first_col + self.current_indent)}{line}\n" if line else "\n")
