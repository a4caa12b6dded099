"""Texts of document problems in English and Japanese, with a hint on how to fix each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from opmodel.document.problems import Path, Problem

# code: (message en, message ja, hint en, hint ja); placeholders are filled from params.
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "duplicate_id": (
        "id '{id}' is used twice in {collection}",
        "ID '{id}' が {collection} の中で重複しています",
        "give each entry of {collection} its own id",
        "{collection} の各要素に別々の ID を付けてください",
    ),
    "dangling_reference": (
        "'{id}' does not name any entry of {collection}",
        "'{id}' は {collection} のどの要素の ID でもありません",
        "use the id of an existing entry (known: {known}) or add '{id}' to {collection}",
        "既存の ID（例: {known}）を指定するか、{collection} に '{id}' を追加してください",
    ),
    "dangling_reference_in": (
        "'{id}' does not name any entry of {collection} (referred to by '{owner}')",
        "'{owner}' が参照する '{id}' は {collection} のどの要素の ID でもありません",
        "use the id of an existing entry (known: {known}) or add '{id}' to {collection}",
        "既存の ID（例: {known}）を指定するか、{collection} に '{id}' を追加してください",
    ),
    "dependency_cycle": (
        "roadmap dependencies form a cycle: {cycle}",
        "ロードマップの依存関係が循環しています: {cycle}",
        "remove one of these dependencies so that the initiatives can be ordered",
        "施策を順序付けられるよう、いずれかの依存関係を外してください",
    ),
    "self_dependency": (
        "initiative '{id}' depends on itself",
        "施策 '{id}' が自分自身に依存しています",
        "remove '{id}' from its own depends_on",
        "depends_on から '{id}' を外してください",
    ),
    "estimate_order": (
        "initiative '{id}': the estimate must satisfy optimistic <= most_likely <= pessimistic (got {o} / {m} / {p})",
        "施策 '{id}': 見積りは 楽観値 <= 最頻値 <= 悲観値 である必要があります（{o} / {m} / {p}）",
        "swap the values so the optimistic one is the smallest and the pessimistic one the largest",
        "楽観値が最小、悲観値が最大になるよう値を入れ替えてください",
    ),
    "window_order": (
        "'{id}': the end ({end}) comes before the start ({start})",
        "'{id}': 終了（{end}）が開始（{start}）より前です",
        "set an end on or after the start",
        "終了を開始と同じか後の日付にしてください",
    ),
    "negative_duration": (
        "initiative '{id}': the {field} duration is negative ({value} weeks)",
        "施策 '{id}': 期間の {field} が負の値です（{value} 週）",
        "give durations in weeks, zero or more",
        "期間は 0 以上の週数で指定してください",
    ),
    "cost_range_order": (
        "initiative '{id}': the cost range must satisfy low <= amount <= high (got {low} / {amount} / {high})",
        "施策 '{id}': 費用の幅は 下限 <= 金額 <= 上限 である必要があります（{low} / {amount} / {high}）",
        "set low at most the amount and high at least the amount",
        "下限を金額以下、上限を金額以上にしてください",
    ),
    "zero_capacity": (
        "team '{team}' has no capacity, yet it is needed by {initiatives}",
        "チーム '{team}' のキャパシティが 0 ですが、{initiatives} が必要としています",
        "give '{team}' a capacity per week (or a capacity period), or remove the demand",
        "'{team}' に週あたりのキャパシティ（または期間別キャパシティ）を設定するか、需要を外してください",
    ),
    "demand_exceeds_capacity": (
        "initiative '{id}' needs {demand} of team '{team}' per week, more than its capacity {capacity}",
        "施策 '{id}' はチーム '{team}' を週 {demand} 必要としますが、キャパシティは {capacity} です",
        "lower the demand (and lengthen the duration) or raise the team's capacity",
        "需要を下げて期間を延ばすか、チームのキャパシティを増やしてください",
    ),
    "anchor_target": (
        "'{id}': {edge} must name exactly one of date, phase, milestone or initiative (got {got})",
        "'{id}': {edge} には date、phase、milestone、initiative のいずれか 1 つだけを指定してください（指定: {got}）",
        "keep one of them, e.g. 'phase: pilot' or 'date: 2026-04-01'",
        "いずれか 1 つを残してください（例: 'phase: pilot' や 'date: 2026-04-01'）",
    ),
    "unknown_group": (
        "'{id}': group '{group}' is not the group of any stakeholder",
        "'{id}': グループ '{group}' はどのステークホルダーのグループでもありません",
        "use a group given in change.stakeholders (known: {known}) or set it on a stakeholder",
        "change.stakeholders にあるグループ（例: {known}）を使うか、ステークホルダーに設定してください",
    ),
    "impact_target": (
        "the impact of initiative '{initiative}' names neither a stakeholder nor a group",
        "施策 '{initiative}' の影響にステークホルダーもグループも指定されていません",
        "add 'stakeholder: ID' or 'group: NAME' to say whose work changes",
        "誰の業務が変わるのか 'stakeholder: ID' か 'group: 名前' を追加してください",
    ),
    "completion_count": (
        "course '{course}': {completed} completed but only {enrolled} enrolled",
        "研修 '{course}': 修了 {completed} 人が受講登録 {enrolled} 人を超えています",
        "raise 'enrolled' or lower 'completed'",
        "'enrolled' を増やすか 'completed' を減らしてください",
    ),
    "unknown_risk_template": (
        "risk '{id}': template '{template}' is not a known risk template",
        "リスク '{id}': テンプレート '{template}' は存在しません",
        "use one of: {known} (see `opmodel change templates`)",
        "次のいずれかを使ってください: {known}（`opmodel change templates` で一覧表示）",
    ),
    "kpi_unknown_library": (
        "'{id}' is not a KPI of the library",
        "'{id}' は KPI ライブラリにありません",
        "use a library id (e.g. {known}; `opmodel kpi library` lists them) or leave kpi out and define a custom KPI",
        "ライブラリの ID（例: {known}。一覧は `opmodel kpi library`）を指定するか、kpi を外して独自 KPI として定義してください",
    ),
    "kpi_custom_incomplete": (
        "custom KPI '{id}' needs a direction and an aggregation",
        "独自 KPI '{id}' には direction と aggregation が必要です",
        "add direction: higher|lower and aggregation: mean|sum|ratio|last|p90, or set kpi to a library id",
        "direction: higher|lower と aggregation: mean|sum|ratio|last|p90 を追加するか、kpi にライブラリの ID を指定してください",
    ),
    "rights_holder_unknown": (
        "decision '{decision}': '{holder}' is neither a role nor a governance body",
        "意思決定 '{decision}': '{holder}' はロールでも会議体でもありません",
        "use the id of a role in design.organization.roles or of a body in design.governance.bodies",
        "design.organization.roles のロール ID か design.governance.bodies の会議体 ID を指定してください",
    ),
    "kpi_threshold_order": (
        "KPI '{id}': {worse} is better than {better} although {direction} is better",
        "KPI '{id}': {direction} が良い指標なのに {worse} が {better} より良い値です",
        "order the thresholds target, warning, critical from best to worst",
        "しきい値を target、warning、critical の順に良い値から悪い値へ並べてください",
    ),
    "schedule_no_start": (
        "the roadmap has no start date to schedule from",
        "スケジュールの起点となるロードマップの開始日がありません",
        "set roadmap.calendar.start (or a phase start, or metadata.as_of)",
        "roadmap.calendar.start（またはフェーズの開始日、metadata.as_of）を設定してください",
    ),
    "schedule_no_duration": (
        "initiative '{id}' has no duration estimate to schedule it with",
        "施策 '{id}' にスケジュールに使う期間の見積りがありません",
        "add duration: {{optimistic, most_likely, pessimistic}} in weeks",
        "duration: {{optimistic, most_likely, pessimistic}} を週単位で追加してください",
    ),
    "schedule_unknown_initiative": (
        "'{id}' is not an initiative of the roadmap",
        "'{id}' はロードマップの施策ではありません",
        "select initiatives by their id (known: {known})",
        "施策は ID で指定してください（例: {known}）",
    ),
    "schedule_no_working_days": (
        "the calendar has no working days",
        "カレンダーに稼働日がありません",
        "list the working weekdays, 0 = Monday, e.g. [0, 1, 2, 3, 4]",
        "稼働する曜日を指定してください（0 = 月曜、例: [0, 1, 2, 3, 4]）",
    ),
    "schedule_never_fits": (
        "initiative '{id}' never fits: its teams never again have the capacity it needs",
        "施策 '{id}' は配置できません: 必要なチームのキャパシティが今後確保できません",
        "raise the capacity of its teams in the last capacity period, or lower its demand",
        "最後のキャパシティ期間でチームのキャパシティを増やすか、需要を下げてください",
    ),
    "schedule_not_found": (
        "no schedule was found within {seconds} s; the first try could not place initiative '{id}'",
        "{seconds} 秒以内にスケジュールが見つかりませんでした。最初の試行では施策 '{id}' を配置できませんでした",
        "allow more time (--time-limit), or check the capacity periods of its teams",
        "時間制限（--time-limit）を延ばすか、チームの期間別キャパシティを確認してください",
    ),
    "file_missing": (
        "file not found",
        "ファイルが見つかりません",
        "check the path",
        "パスを確認してください",
    ),
    "file_is_directory": (
        "this is a directory, not a file",
        "これはファイルではなくディレクトリです",
        "give the path of a model file (.yaml, .yml or .json)",
        "モデルファイル（.yaml、.yml、.json）のパスを指定してください",
    ),
    "file_unreadable": (
        "the file cannot be read: {reason}",
        "ファイルを読み込めません: {reason}",
        "check the path and its permissions",
        "パスとアクセス権を確認してください",
    ),
    "file_too_large": (
        "the file is {size} bytes, more than the limit of {limit} bytes",
        "ファイルサイズ {size} バイトが上限 {limit} バイトを超えています",
        "split the model, or raise the limit: OPMODEL_MAX_FILE_SIZE=BYTES for every command "
        "(opmodel validate also takes --max-size)",
        "モデルを分割するか上限を引き上げてください: 全コマンドは OPMODEL_MAX_FILE_SIZE=バイト数、"
        "opmodel validate は --max-size でも指定できます",
    ),
    "max_size_setting": (
        "OPMODEL_MAX_FILE_SIZE is '{value}', not a size in bytes",
        "OPMODEL_MAX_FILE_SIZE が '{value}' です。バイト数ではありません",
        "set it to a whole number of bytes, e.g. OPMODEL_MAX_FILE_SIZE=104857600 for 100 MB, "
        "or unset it for the default of 50 MB",
        "バイト数の整数を指定してください（例: 100 MB なら OPMODEL_MAX_FILE_SIZE=104857600）。"
        "既定の 50 MB にするには設定を外してください",
    ),
    "file_empty": (
        "the file is empty",
        "ファイルが空です",
        "start from `opmodel new NAME`, which writes a valid model",
        "`opmodel new NAME` で有効なモデルの雛形を作成できます",
    ),
    "file_binary": (
        "the file is binary data, not text",
        "ファイルがテキストではなくバイナリデータです",
        "save the model as UTF-8 YAML or JSON",
        "モデルを UTF-8 の YAML または JSON で保存してください",
    ),
    "syntax_yaml": (
        "not valid YAML: {reason}",
        "YAML として正しくありません: {reason}",
        "check indentation, colons and quotes around this place",
        "この付近のインデント、コロン、引用符を確認してください",
    ),
    "syntax_json": (
        "not valid JSON: {reason}",
        "JSON として正しくありません: {reason}",
        "check brackets, commas and quotes around this place",
        "この付近の括弧、カンマ、引用符を確認してください",
    ),
    "too_deep": (
        "the data is nested more than {limit} levels deep",
        "データの入れ子が {limit} 階層を超えています",
        "an operating model is never this deep; check the file is the right one",
        "運用モデルがこれほど深くなることはありません。正しいファイルか確認してください",
    ),
    "alias_bomb": (
        "YAML aliases expand to more than {limit} nodes (a 'billion laughs' document)",
        "YAML のエイリアス展開が {limit} ノードを超えます（いわゆる YAML 爆弾）",
        "write the data out instead of repeating it through anchors and aliases",
        "アンカーとエイリアスで繰り返さず、データを直接記述してください",
    ),
    "not_a_mapping": (
        "the document must be a mapping with apiVersion, kind and metadata, not {kind}",
        "ドキュメントは apiVersion、kind、metadata を持つマッピングである必要があります（{kind} ではなく）",
        "start from `opmodel new NAME` to see the expected shape",
        "`opmodel new NAME` で期待される形を確認できます",
    ),
    "multiple_documents": (
        "the file holds more than one YAML document",
        "ファイルに複数の YAML ドキュメントが含まれています",
        "keep one operating model per file",
        "1 ファイルに 1 つの運用モデルを記述してください",
    ),
    "assessment_no_answers": (
        "respondent '{respondent}' has no answers",
        "回答者 '{respondent}' の回答がありません",
        "add the respondent's answers, or remove the respondent",
        "回答を追加するか、この回答者を削除してください",
    ),
    "assessment_unknown_question": (
        "respondent '{respondent}' answers question '{question}', which is neither in the question bank in use nor in assessment.questions",
        "回答者 '{respondent}' が回答している設問 '{question}' は、使用中の設問バンクにも assessment.questions にもありません",
        "use a known question id (e.g. {known}) or add '{question}' to assessment.questions",
        "既存の設問 ID（例: {known}）を使うか、assessment.questions に '{question}' を追加してください",
    ),
    "assessment_level_range": (
        "respondent '{respondent}', question '{question}': level {level} is outside 0–5",
        "回答者 '{respondent}'、設問 '{question}': レベル {level} が 0〜5 の範囲外です",
        "give a level from 0 (incomplete) to 5 (optimising), or dont_know: true",
        "0（未実施）〜5（最適化）のレベルを指定するか、dont_know: true にしてください",
    ),
    "assessment_answer_empty": (
        "respondent '{respondent}', question '{question}': the answer has neither a level nor dont_know",
        "回答者 '{respondent}'、設問 '{question}': レベルも dont_know も指定されていません",
        "add a level 0–5, or dont_know: true when the respondent cannot say",
        "0〜5 のレベルを指定するか、分からない場合は dont_know: true にしてください",
    ),
    "assessment_answer_both": (
        "respondent '{respondent}', question '{question}': the answer gives a level and also says dont_know",
        "回答者 '{respondent}'、設問 '{question}': レベルと dont_know が両方指定されています",
        "keep either the level or dont_know: true",
        "レベルか dont_know: true のどちらか一方にしてください",
    ),
    "assessment_duplicate_answer": (
        "respondent '{respondent}' answers question '{question}' more than once",
        "回答者 '{respondent}' が設問 '{question}' に複数回回答しています",
        "keep one answer per question and respondent",
        "回答者ごとに 1 設問 1 回答にしてください",
    ),
    "assessment_unknown_bank_question": (
        "assessment.bank lists '{question}', which is not in the question bank",
        "assessment.bank に指定された '{question}' は設問バンクにありません",
        "check the id with `opmodel knowledge`, or define it in assessment.questions",
        "`opmodel knowledge` で ID を確認するか、assessment.questions に定義してください",
    ),
    "assessment_custom_shadows_bank": (
        "custom question '{question}' has the id of a question in the bank",
        "独自設問 '{question}' の ID が設問バンクの設問と重複しています",
        "give the custom question its own id",
        "独自設問には別の ID を付けてください",
    ),
    "assessment_custom_levels": (
        "custom question '{question}' describes {count} levels; give all six (0–5) or none",
        "独自設問 '{question}' のレベル記述が {count} 個です。0〜5 の 6 個すべてを記述するか、省略してください",
        "describe what you would observe at each level 0–5",
        "各レベル 0〜5 で観察される状態を記述してください",
    ),
    "duplicate_key": (
        "the key '{key}' appears twice in the same mapping",
        "キー '{key}' が同じマッピング内に 2 回現れています",
        "keep one of them; otherwise the first value would be silently lost",
        "どちらか一方だけを残してください（そのままでは先の値が黙って失われます）",
    ),
    "file_encoding": (
        "the file is not UTF-8 (first undecodable byte on line {at_line})",
        "ファイルが UTF-8 ではありません（{at_line} 行目に解読できないバイトがあります）",
        "save it as UTF-8, e.g. `iconv -f SHIFT_JIS -t UTF-8 in.yaml > out.yaml`",
        "UTF-8 で保存し直してください（例: `iconv -f SHIFT_JIS -t UTF-8 in.yaml > out.yaml`）",
    ),
}

# pydantic error type: (message en, message ja, hint en, hint ja)
VALIDATION: dict[str, tuple[str, str, str, str]] = {
    "missing": (
        "required field '{field}' is missing",
        "必須項目 '{field}' がありません",
        "add '{field}'",
        "'{field}' を追加してください",
    ),
    "extra_forbidden": (
        "unknown field '{field}'",
        "不明な項目 '{field}' です",
        "check the spelling; `opmodel schema` lists every field",
        "綴りを確認してください。`opmodel schema` で全項目を確認できます",
    ),
    "string_pattern_mismatch": (
        "'{input}' is not a valid id",
        "'{input}' は有効な ID ではありません",
        "use lower-case letters and digits joined by hyphens, e.g. 'cloud-migration'",
        "半角英小文字と数字をハイフンでつないだ形にしてください（例: cloud-migration）",
    ),
    "enum": (
        "'{input}' is not allowed here",
        "'{input}' はここでは使えません",
        "use one of: {expected}",
        "次のいずれかを使ってください: {expected}",
    ),
    "literal_error": (
        "'{input}' is not allowed here",
        "'{input}' はここでは使えません",
        "use {expected}",
        "{expected} を使ってください",
    ),
    "greater_than_equal": (
        "{input} is too small",
        "{input} は小さすぎます",
        "use a value of at least {ge}",
        "{ge} 以上の値にしてください",
    ),
    "less_than_equal": (
        "{input} is too large",
        "{input} は大きすぎます",
        "use a value of at most {le}",
        "{le} 以下の値にしてください",
    ),
    "greater_than": (
        "{input} is too small",
        "{input} は小さすぎます",
        "use a value greater than {gt}",
        "{gt} より大きい値にしてください",
    ),
    "less_than": (
        "{input} is too large",
        "{input} は大きすぎます",
        "use a value less than {lt}",
        "{lt} 未満の値にしてください",
    ),
    "string_type": (
        "expected text, got {input_type}",
        "文字列が必要ですが {input_type} が指定されています",
        "put the value in quotes (YAML reads yes/no/on/off as true/false)",
        "値を引用符で囲んでください（YAML は yes/no/on/off を真偽値として読みます）",
    ),
    "int_parsing": (
        "expected a whole number, got '{input}'",
        "整数が必要ですが '{input}' が指定されています",
        "write a whole number such as 3",
        "3 のような整数を指定してください",
    ),
    "int_type": (
        "expected a whole number, got {input_type}",
        "整数が必要ですが {input_type} が指定されています",
        "write a whole number such as 3",
        "3 のような整数を指定してください",
    ),
    "int_from_float": (
        "expected a whole number, got {input}",
        "整数が必要ですが {input} が指定されています",
        "drop the decimals",
        "小数部分を取り除いてください",
    ),
    "float_parsing": (
        "expected a number, got '{input}'",
        "数値が必要ですが '{input}' が指定されています",
        "write a number such as 2.5 (no units, no thousands separators)",
        "2.5 のような数値を指定してください（単位や桁区切りは不要です）",
    ),
    "float_type": (
        "expected a number, got {input_type}",
        "数値が必要ですが {input_type} が指定されています",
        "write a number such as 2.5",
        "2.5 のような数値を指定してください",
    ),
    "finite_number": (
        "the number must be finite",
        "有限の数値が必要です",
        "replace inf or nan with a number",
        "inf や nan ではなく数値を指定してください",
    ),
    "bool_parsing": (
        "expected true or false, got '{input}'",
        "true または false が必要ですが '{input}' が指定されています",
        "write true or false",
        "true か false を指定してください",
    ),
    "bool_type": (
        "expected true or false, got {input_type}",
        "true または false が必要ですが {input_type} が指定されています",
        "write true or false",
        "true か false を指定してください",
    ),
    "date_from_datetime_parsing": (
        "'{input}' is not a date",
        "'{input}' は日付ではありません",
        "write the date as YYYY-MM-DD, e.g. 2026-04-01",
        "YYYY-MM-DD 形式で指定してください（例: 2026-04-01）",
    ),
    "date_parsing": (
        "'{input}' is not a date",
        "'{input}' は日付ではありません",
        "write the date as YYYY-MM-DD, e.g. 2026-04-01",
        "YYYY-MM-DD 形式で指定してください（例: 2026-04-01）",
    ),
    "date_type": (
        "expected a date, got {input_type}",
        "日付が必要ですが {input_type} が指定されています",
        "write the date as YYYY-MM-DD, e.g. 2026-04-01",
        "YYYY-MM-DD 形式で指定してください（例: 2026-04-01）",
    ),
    "list_type": (
        "expected a list, got {input_type}",
        "リストが必要ですが {input_type} が指定されています",
        "write the items one per line, each starting with '- '",
        "各要素を '- ' で始まる行として記述してください",
    ),
    "dict_type": (
        "expected a mapping (key: value), got {input_type}",
        "マッピング（キー: 値）が必要ですが {input_type} が指定されています",
        "write 'key: value' pairs, indented under this field",
        "この項目の下にインデントして 'キー: 値' を記述してください",
    ),
    "model_type": (
        "expected a mapping (key: value), got {input_type}",
        "マッピング（キー: 値）が必要ですが {input_type} が指定されています",
        "write 'key: value' pairs, indented under this field",
        "この項目の下にインデントして 'キー: 値' を記述してください",
    ),
    "model_attributes_type": (
        "expected a mapping (key: value), got {input_type}",
        "マッピング（キー: 値）が必要ですが {input_type} が指定されています",
        "write 'key: value' pairs, indented under this field",
        "この項目の下にインデントして 'キー: 値' を記述してください",
    ),
    "string_too_long": (
        "the text is too long",
        "文字列が長すぎます",
        "use at most {max_length} characters",
        "{max_length} 文字以内にしてください",
    ),
    "rating_range": (
        "{field} of '{id}' is {value}, outside {low}–{high}",
        "'{id}' の {field} が {value} です（{low}〜{high} の範囲外）",
        "use a whole number from {low} (lowest) to {high} (highest)",
        "{low}（最低）から {high}（最高）までの整数を指定してください",
    ),
    "date_from_datetime_inexact": (
        "'{input}' has a time of day; a date is expected here",
        "'{input}' に時刻が含まれています。ここには日付を指定してください",
        "write the date only, as YYYY-MM-DD",
        "YYYY-MM-DD 形式の日付だけを指定してください",
    ),
    "datetime_parsing": (
        "'{input}' is not a date and time",
        "'{input}' は日時ではありません",
        "write it as YYYY-MM-DDTHH:MM, e.g. 2026-04-01T09:00",
        "YYYY-MM-DDTHH:MM 形式で指定してください（例: 2026-04-01T09:00）",
    ),
    "datetime_type": (
        "expected a date and time, got {input_type}",
        "日時が必要ですが {input_type} が指定されています",
        "write it as YYYY-MM-DDTHH:MM, e.g. 2026-04-01T09:00",
        "YYYY-MM-DDTHH:MM 形式で指定してください（例: 2026-04-01T09:00）",
    ),
    "time_parsing": (
        "'{input}' is not a time of day",
        "'{input}' は時刻ではありません",
        "write the time as HH:MM, e.g. 09:30",
        "HH:MM 形式で指定してください（例: 09:30）",
    ),
    "time_type": (
        "expected a time of day, got {input_type}",
        "時刻が必要ですが {input_type} が指定されています",
        "write the time as HH:MM, e.g. 09:30",
        "HH:MM 形式で指定してください（例: 09:30）",
    ),
    "string_too_short": (
        "the text is too short",
        "文字列が短すぎます",
        "use at least {min_length} characters",
        "{min_length} 文字以上にしてください",
    ),
    "too_long": (
        "too many items",
        "要素が多すぎます",
        "give at most {max_length}",
        "{max_length} 個以下にしてください",
    ),
    "invalid_key": (
        "the key {input} is not text",
        "キー {input} が文字列ではありません",
        "write field names as text; quote keys such as 1 or yes",
        "項目名は文字列で書いてください。1 や yes のようなキーは引用符で囲んでください",
    ),
    "value_error": (
        "the value is not valid: {error}",
        "値が正しくありません: {error}",
        "correct the value as the message says",
        "メッセージに従って値を修正してください",
    ),
    "union_tag_invalid": (
        "'{tag}' is not one of the allowed kinds",
        "'{tag}' は使用できる種類ではありません",
        "use one of: {expected_tags}",
        "次のいずれかを使ってください: {expected_tags}",
    ),
    "too_short": (
        "too few items",
        "要素が少なすぎます",
        "give at least {min_length}",
        "{min_length} 個以上指定してください",
    ),
}

_TYPE_NAMES = {
    "str": ("text", "文字列"),
    "int": ("a whole number", "整数"),
    "float": ("a number", "数値"),
    "bool": ("true/false", "真偽値"),
    "list": ("a list", "リスト"),
    "dict": ("a mapping", "マッピング"),
    "NoneType": ("nothing (null)", "空 (null)"),
    "date": ("a date", "日付"),
    "datetime": ("a date and time", "日時"),
}


class Bilingual(NamedTuple):
    """A message parameter that differs by language."""

    en: str
    ja: str


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def type_name(value: Any) -> tuple[str, str]:
    """What kind of value this is, in English and Japanese (for messages)."""
    name = type(value).__name__
    return _TYPE_NAMES.get(name, (name, name))


def problem(code: str, path: Path, **params: Any) -> Problem:
    """A :class:`Problem` from the message table, with ``params`` filled in.

    A parameter given as :class:`Bilingual` is filled in each language's own words.
    """
    en, ja, hint_en, hint_ja = MESSAGES[code]
    p_en = _Params({k: v.en if isinstance(v, Bilingual) else v for k, v in params.items()})
    p_ja = _Params({k: v.ja if isinstance(v, Bilingual) else v for k, v in params.items()})
    return Problem(path, en.format_map(p_en), ja.format_map(p_ja), hint_en.format_map(p_en),
                   hint_ja.format_map(p_ja))


def nearest_ids(wrong: str, ids: Iterable[str], limit: int = 5) -> str | Bilingual:
    """Known ids for a message about ``wrong``: the most similar first (a typo's fix leads),
    then the others in their order, at most ``limit``, "…" when there are more."""
    import difflib

    others = [i for i in dict.fromkeys(ids) if i != wrong]
    if not others:
        return Bilingual("none yet", "まだありません")
    close = difflib.get_close_matches(wrong, others, n=limit, cutoff=0.6)
    shown = close + [i for i in others if i not in close][:limit - len(close)]
    return ", ".join(shown) + (" …" if len(others) > limit else "")


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def validation_problem(error: Any) -> Problem:
    """A :class:`Problem` from one pydantic error dict, in both languages."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    type_name = type(value).__name__
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    params = _Params(ctx, field=field, input=_short(value))
    if kind in VALIDATION:
        en, ja, hint_en, hint_ja = VALIDATION[kind]
        names = _TYPE_NAMES.get(type_name, (type_name, type_name))
        en_p = _Params(params, input_type=names[0])
        ja_p = _Params(params, input_type=names[1])
        return Problem(loc, en.format_map(en_p), ja.format_map(ja_p), hint_en.format_map(en_p),
                       hint_ja.format_map(ja_p))
    msg = str(error.get("msg", kind))
    return Problem(loc, msg, f"値が正しくありません: {msg}")
