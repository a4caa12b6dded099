"""The Japanese help of each command's options and arguments (the commands' own texts are in
``help_ja``)."""

from __future__ import annotations

from opmodel.cli.help_ja_texts import (
    CORRELATION,
    DISTRIBUTION,
    FORMAT,
    LANG,
    MODEL_FILE,
    OUT,
    START,
    THE_MODEL,
)

EXCHANGE_FORMAT = ("archimate、archi-csv または xlsx。既定: ファイルの拡張子から（.xml、.csv、"
                   ".zip またはフォルダー、.xlsx）。")
MEASUREMENTS = "測定値ファイル（Parquet）。既定: モデルと同じ場所の MODEL.measurements.parquet。"

INVENTORY_KIND = ("台帳の種類: applications（アプリケーション）、vendors（ベンダー）、"
                  "contracts（契約）、service-levels（サービスレベル）、capabilities"
                  "（ケイパビリティ）。")
PARAMS: dict[str, dict[str, str]] = {
    "": {"show_version": "バージョンを表示して終了します。"},
    "new": {
        "name": "モデルの名前（例: '目標モデル 2027'）。",
        "org": "組織の名前。",
        "lang": LANG,
        "out": OUT,
        "force": "既存のファイルを上書きします。",
        "state": "モデルが表す状態: current（現状）、target（目標）、scenario（シナリオ）。",
        "industry": "この業種に典型的な設計要因をプロファイルの初期値にします（banking、"
                    "insurance、manufacturing、software など）。",
        "interactive": "プロファイルの主な項目を 1 つずつ尋ねます。",
    },
    "upgrade": {
        "file": "書き換えるモデルファイル（YAML または JSON）。",
        "out": "書き出し先（既定: 元のファイル。元の内容は FILE.bak に保存）。",
        "lang": LANG,
    },
    "validate": {
        "files": "モデルファイル（YAML または JSON）。複数指定できます。",
        "fmt": FORMAT,
        "lang": LANG,
        "max_size": "読み込むファイルの最大サイズ（バイト。既定: OPMODEL_MAX_FILE_SIZE、"
                    "なければ 50 MB）。",
    },
    "schema": {"out": OUT, "lang": LANG},
    "diff": {
        "a": "変更前のモデル（YAML または JSON）。",
        "b": "変更後のモデル（YAML または JSON）。",
        "fmt": FORMAT,
        "lang": LANG,
    },
    "assess": {"file": MODEL_FILE, "fmt": FORMAT, "lang": LANG,
               "by": "回答者のグループも比較します: business_unit（部門）、role（役割）、"
                     "employment（社内・委託先）、it_or_business（IT 部門・事業部門）。"},
    "recommend": {"file": MODEL_FILE, "fmt": FORMAT, "lang": LANG,
                  "current": "FILE が目標モデルのときの現状モデル。前提の要因が一致するか確かめます。"},
    "align": {"file": MODEL_FILE, "fmt": FORMAT, "lang": LANG},
    "design": {"file": MODEL_FILE, "fmt": FORMAT, "lang": LANG},
    "progress": {"file": MODEL_FILE, "fmt": FORMAT, "lang": LANG},
    "check": {
        "file": MODEL_FILE,
        "list_rules": "ルールを一覧表示して終了します。",
        "fmt": FORMAT,
        "lang": LANG,
    },
    "knowledge": {
        "topic": "types, components, steps, challenges, domains, archetypes, practices, "
                 "design-factors, questions のいずれか。省略すると概要を表示します。",
        "entry_id": "1 つのエントリを詳しく表示します（例: 'federated'、'gov-it-strategy'）。",
        "lang": LANG,
        "output": FORMAT,
        "all_languages": "--format json と併せて使い、すべてのテキストを {ja, en} の形で"
                         "残します。",
    },
    "plan": {
        "file": MODEL_FILE,
        "time_limit": "ソルバー（ポートフォリオ、スケジュール）ごとの制限時間（秒）。",
        "iterations": "モンテカルロ・シミュレーションの反復回数（0 でシミュレーションを省略）。",
        "seed": "乱数のシード。同じシードなら同じリスクの数値になります。",
        "distribution": DISTRIBUTION,
        "correlation": CORRELATION,
        "start": START,
        "strict": "予算上限（roadmap.budget_limits）を超える計画なら終了コード 1 で終了します。",
        "fmt": FORMAT,
        "lang": LANG,
    },
    "report": {
        "file": MODEL_FILE,
        "out": "書き出すファイル。",
        "fmt": "html、pdf、pptx、xlsx のいずれか（既定: --out の拡張子）。",
        "compare": "比較する別のモデル（シナリオや選択肢）。複数回指定できます。",
        "template": "--format pptx で使う、独自の PowerPoint テンプレート（.pptx）。",
        "measurements": "KPI の測定値ファイル（Parquet）。既定: モデルと同じ場所に "
                        "MODEL.measurements.parquet があればそれを使います。",
        "as_of": "レポートとスコアカードの基準日（既定: metadata.as_of、なければ今日）。",
        "time_limit": "計画時のソルバー（ポートフォリオ、スケジュール）ごとの制限時間（秒）。",
        "iterations": "モンテカルロ・シミュレーションの反復回数（0 でリスクの章を省略）。",
        "seed": "乱数のシード。同じシードなら同じリスクの数値になります。",
        "distribution": DISTRIBUTION,
        "correlation": CORRELATION,
        "start": START,
        "lang": LANG,
    },
    "compare": {
        "files": "比較する案のモデルファイル（YAML または JSON）。2 つ以上指定します。",
        "baseline": "各案が変えるもとのモデル（現状モデルなど）。各案のそこからの変更を件数で示します。",
        "time_limit": "案ごと・ソルバー（ポートフォリオ、スケジュール）ごとの制限時間（秒）。",
        "iterations": "案ごとのモンテカルロ・シミュレーションの反復回数（0 でシミュレーションを省略）。",
        "seed": "乱数のシード。同じシードなら同じ比較結果になります。",
        "distribution": DISTRIBUTION,
        "correlation": CORRELATION,
        "start": START,
        "fmt": FORMAT,
        "lang": LANG,
    },
    "schedule": {
        "model_file": "ロードマップをスケジュールするモデルファイル。",
        "psplib": "モデルの代わりに PSPLIB の .sm インスタンスをスケジュールします。",
        "select": "カンマ区切りの施策 id（既定: すべて）。",
        "time_limit": "CP-SAT の制限時間（秒）。",
        "method": "auto（規模に応じて選択）、cpsat、heuristic のいずれか。",
        "fmt": FORMAT,
        "lang": LANG,
    },
    "serve": {
        "host": "待ち受けるアドレス。",
        "port": "待ち受けるポート。",
        "workers": "Web ワーカーのプロセス数。",
        "no_job_worker": "ここではジョブワーカーを動かしません（別の場所で `opmodel worker` を実行）。",
        "lang": LANG,
    },
    "worker": {"lang": LANG},
    "db upgrade": {"lang": LANG},
    "user create": {
        "username": "ユーザー名。",
        "password_stdin": "パスワードを標準入力から読みます（必須）。",
        "email": "メールアドレス。",
        "superuser": "管理サイトを使えるユーザーにします。",
        "update": "既存ユーザーのパスワードを設定します。",
        "lang": LANG,
    },
    "user unlock": {
        "username": "ユーザー名。",
        "lang": LANG,
    },
    "demo load": {
        "owner": "デモ用ワークスペースのオーナー（いなければ作成）。",
        "lang": LANG,
    },
    "tour": {
        "examples": "デモ組織のフォルダー（既定: opmodel に同梱のもの）。",
        "organisation": "この組織だけをたどります（フォルダー名）。",
        "lang": LANG,
    },
    "survey import": {"answers": "回答: .csv（UTF-8、BOM 付き、CP932）または .xlsx。横長形式か縦長形式。",
                      "into": "回答を書き込むモデル。", "sheet": "XLSX のシート（既定: 最初）。",
                      "out": "--into を上書きせず、このファイルにモデルを書き出します。",
                      "fmt": FORMAT, "lang": LANG},
    "survey template": {"file": "質問する設問を持つモデル（既定: 設問バンクのすべて）。",
                        "out": "書き出す .xlsx ファイル。", "lang": LANG,
                        "questions": "カンマ区切りの設問 ID（既定: 使用中のすべての設問）。"},
    "inventory import": {"table": "台帳: .csv（UTF-8、BOM 付き、CP932）または .xlsx。1 件 1 行。",
                         "into": "台帳を書き込むモデル。",
                         "kind": INVENTORY_KIND + " --from で決まる場合は不要です。",
                         "tool": "ツールのエクスポートとして読みます: leanix（ファクトシートの"
                                 "種類ごとのシート）、servicenow（cmdb_ci_business_app）。",
                         "mapping": "YAML: 自動の対応付けに代えて、項目名: 列名 を指定します。",
                         "dry_run": "対応付けと件数を表示するだけで、何も書き込みません。",
                         "sheet": "XLSX のシート（既定: 最初。--from ではすべてのシート）。",
                         "out": "--into を上書きせず、このファイルにモデルを書き出します。",
                         "fmt": FORMAT, "lang": LANG},
    "inventory template": {"kind": INVENTORY_KIND,
                           "file": "モデル。その ID（契約、ベンダー、KPI など）を、ID を記入する"
                                   "列のドロップダウンにします。",
                           "out": "書き出す .xlsx ファイル。", "lang": LANG},
    "export": {"file": MODEL_FILE,
               "out": "書き出すファイル（.xml、.xlsx。archi-csv ではフォルダー、.zip、"
                      "またはファイル名の接頭辞）。",
               "fmt": EXCHANGE_FORMAT, "lang": LANG},
    "import": {"path": "読み込むファイル: .xml（ArchiMate）、.csv・.zip・フォルダー（Archi の "
                       "CSV）、.xlsx。",
               "out": "書き出すモデル（YAML。名前が .json で終われば JSON）。",
               "into": "このモデルに取り込みます。同じ id のエンティティは読み込んだ項目で"
                       "更新し、それ以外は追加します（Excel ブックではシートが台帳全体を置き換えます）。",
               "fmt": EXCHANGE_FORMAT,
               "dry_run": "読み込む内容と変更点を示すだけで、何も書き出しません。",
               "as_json": "結果を JSON で出力します。", "lang": LANG},
    "change report": {"file": MODEL_FILE, "fmt": FORMAT, "lang": LANG},
    "change calendar": {
        "file": MODEL_FILE,
        "out": ".ics の書き出し先（既定: 標準出力）。",
        "rrule": "すべての回を個別のイベントにせず、メッセージごとに繰り返しルール付きの"
                 "イベントを 1 つ作ります。",
        "lang": LANG,
    },
    "change templates": {
        "file": "モデルファイル。指定すると、それに当てはまるテンプレートだけを提案します。",
        "fmt": FORMAT,
        "lang": LANG,
    },
    "kpi library": {
        "component": "この構成要素の KPI だけを表示します。",
        "fmt": FORMAT,
        "lang": LANG,
    },
    "kpi import": {
        "file": THE_MODEL,
        "data": "測定値: .csv（UTF-8、BOM 付き UTF-8、CP932。.csv.gz も可）、.xlsx、.json（行のリスト）のファイル。",
        "map_": "FIELD=COLUMN（FIELD は kpi, scope, period, timestamp, value, numerator, "
                "denominator のいずれか）。繰り返し指定できます。",
        "mapping": "FIELD: COLUMN の行を並べた YAML ファイル。",
        "sheet": "XLSX のシート（既定: 先頭のシート）。",
        "skip_invalid": "正しい行だけを取り込み、それ以外の行を報告します。",
        "decimal_comma": "1.234,5 を 1234.5 として読みます。",
        "dayfirst": "01/04/2027 を 4 月 1 日（--dayfirst）または 1 月 4 日（--monthfirst）"
                    "として読みます。どちらも指定しないと、このような日付は受け付けません。"
                    "2027-04-01 や 2027/04/01 にはどちらも不要です。",
        "measurements": MEASUREMENTS,
        "fmt": FORMAT,
        "lang": LANG,
    },
    "kpi report": {
        "file": THE_MODEL,
        "period": "day, week, month, quarter, fiscal_quarter, fiscal_year のいずれか。",
        "last": "テキスト出力で KPI ごとに表示する期間の数。",
        "as_of": "この日付（YYYY-MM-DD）より後の測定値を無視します。",
        "measurements": MEASUREMENTS,
        "fmt": FORMAT,
        "lang": LANG,
    },
    "kpi status": {
        "file": THE_MODEL,
        "as_of": "スコアカードの基準日（既定: metadata.as_of、なければ今日）。",
        "trend": "傾向（傾き）を求める期間の数。",
        "measurements": MEASUREMENTS,
        "fmt": FORMAT,
        "lang": LANG,
    },
    "kpi itsm": {
        "log": "インシデントのイベントログ: CSV（.gz 圧縮も可）。--from では、インシデントの "
               "CSV または XLSX のエクスポート。",
        "mapping": "YAML: case, timestamp, state, resolved_states, group, priority, opened_at, "
                   "sla_met, dayfirst を指定します。",
        "tool": "ツールのインシデントのエクスポート（1 件 1 行）として読みます: servicenow"
                "（number, opened_at, resolved_at, closed_at, priority, assignment_group, "
                "made_sla）。",
        "fmt": FORMAT,
        "lang": LANG,
    },
}
