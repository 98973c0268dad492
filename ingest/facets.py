"""Facets of a case: adoption stage, vendors, uses and usage rules, read from its sentences.

The taxonomy below was designed from 「ChatGPTを導入した自治体の活用事例」 (62 cases of 省庁,
都道府県 and 市区町村 adopting ChatGPT) but names no case: every facet is found by regular
expressions that state an *idea* ("personal data must not be entered", "used to draft greetings"),
so next month's article, phrased differently, still matches.

Groups
------
* ``status``  — how far the organisation itself got: 検討 < 試験導入 < 本格導入. One hit at most.
* ``vendor``  — products, companies and universities involved, plus two generic facets
  (any partner company/university; a dedicated system built for the organisation).
* ``use``     — what ChatGPT is used for (要約, 翻訳, 議事録, …).
* ``rule``    — usage rules (個人情報の入力禁止, 外部向け利用の禁止, 複数人での確認, …).

How a sentence is read (all matching on the NFKC form; evidence is always the verbatim sentence)
-------------------------------------------------------------------------------------------
* A sentence whose subject is *another* organisation (「伊賀市もFIXERと提携し」, 「県内では藤岡市と
  大泉町も試験運用を開始」, 「他の自治体も導入を検討」) is skipped for every facet.
* Polarity. A *use* is rejected when its clause goes on to forbid it (「答弁資料の作成…には使用禁止」,
  「外部向けの資料作成には使用しない」). A *rule* is written with its negation inside the pattern
  (個人情報 … 入力 … 禁止/しない/せず/含まない/扱わない/制限/排除), so a sentence that merely mentions
  個人情報 or 著作権 as a risk is not a rule; a sentence reporting a concern (「…の懸念も確認され
  ました」) is never a rule.
* Stage. A stage cue counts only when it was reached: the rest of its clause must not make it an
  aim (「本格導入を目指す/検討/計画」, 「正式導入を検討する方針」, 「試験運用を目指し」 are not reached;
  「試験導入し、…本格利用に切り替えました」 reaches 本格導入). Weak full-adoption cues (「全職員が利用
  可能」, 「業務に導入しました」) count only when the case states no trial — 「全職員の端末で使用でき」
  during a 試験導入 is still a trial. Announced trials with a start date (「7月末から試験導入すると
  発表」) count as 試験導入; ones the case only aims at (「6月中の試験運用を目指し」) are 検討, and
  that aim is then the preferred evidence of 検討.
* Guidelines and training count only when they exist or are under way, not when planned
  (「ガイドラインの策定も予定」, 「研修も予定」, 「今後…指針を策定し」).

Decisions worth knowing
-----------------------
* ``rule.external_use_banned`` means *generated output must not go outside*: 外部向けの資料作成には
  使用しない / 外部への回答には使わない / 対外的な資料には使用しない / 生成物の利用は内部資料に限定 /
  (当初は職員への支援に限定し)市民への直接のサービスは対象外. It is *not* 「公開情報に限定」, which
  limits the *input* (``rule.public_info_only``), and not 「外部へのメール文の素案」 or 「外部向けの
  あいさつの文章の作成」, which are the use ``use.external_drafting``.
* ``extract_staff_counts``: a range 「20~30人」 gives its upper bound (30: the planned scale);
  「約」 is dropped (約5万人 → 50000); shares (約3割) and non-staff counts (件, 人口) are ignored.
* ``extract_dates`` returns dates with digits, exactly as written (2023年7月20日, 7月末, 23年9月,
  2024年度, 令和5年6月末日); relative words (来年度, 年内) are not dates here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Sequence

__all__ = [
    "facet_metadata",
    "Facet", "FacetHit", "TAXONOMY", "FACETS", "GROUPS", "STAGES",
    "extract_facets", "facets_in_question", "extract_staff_counts", "extract_dates",
]

GROUPS = ("status", "vendor", "use", "rule", "info")


@dataclass(frozen=True)
class Facet:
    """One facet: identity and labels, plus the patterns that find it.

    Pattern fields (regexes over NFKC text, case-insensitive unless ``(?-i:...)`` says otherwise):
      cues       — a case sentence states the facet;
      weak       — (status only) weaker cues: for 本格導入 they count only when the case states no
                   trial; for 検討 they are evidence only when no stronger cue is found;
      unless     — a sentence matching this is never evidence for the facet;
      tentative  — check that the cue was reached, not only planned (status, guidelines, training);
      ask        — a question (ja or en) asks about the facet;
      ask_unless — a question matching this does not ask about it (polarity);
      subsumes   — keys of broader facets dropped from a question's facets when this one is asked.
    """

    key: str
    group: str
    ja: str
    en: str
    cues: tuple[str, ...] = field(default=(), repr=False, compare=False)
    weak: tuple[str, ...] = field(default=(), repr=False, compare=False)
    unless: str = field(default="", repr=False, compare=False)
    tentative: bool = field(default=False, repr=False, compare=False)
    ask: tuple[str, ...] = field(default=(), repr=False, compare=False)
    ask_unless: str = field(default="", repr=False, compare=False)
    subsumes: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def label(self) -> str:
        return f"{self.ja} / {self.en}"


@dataclass(frozen=True)
class FacetHit:
    key: str
    evidence: str     # one element of the sentences given, verbatim


# --- shared pieces of patterns ---------------------------------------------------------------

# Negation / prohibition attached to an input or handling verb (rules).
_NEG = r"(?:禁止|禁じ|しない|しません|せず|させない|ない|不可|控え|避け|排除|除外|制限|NG)"
# A use forbidden in its own clause: 「…には使用しない」「…には使わない」「…は使用禁止」「…は対象外」.
_VERB_DENIED = (r"(?:使用|利用|活用|使|用い)(?:する|う|る)?(?:こと|の)?(?:は|を|も)?"
                r"(?:(?:し|せ|わ|い|でき)?(?:ない|ず|ません|禁止|不可|禁じ)|認め(?:ない|ず|ません|られない))")
_USE_DENIED = _VERB_DENIED + r"|使用禁止|利用禁止|対象外|除く|除外"
# A stage or rule that is only aimed at / planned in the rest of its clause.
_AIM_STAGE = r"目指|めざ|検討(?!してき|を行ってき|しました|した結果)|計画|予定|意向|方針|向け|たい|かどうか|視野|構想|見込|可能性|企画"
_AIM_RULE = (r"目指|めざ|検討(?!してき|を行ってき|しました|した結果)|計画|予定|意向|向け|たい|企画"
             r"|る(?:という|とのこと|見込み)|^[^、]{0,4}方針")
# Words before a cue that put it in the future, unless the verb after is past/perfect.
_FUTURE_BEFORE = r"今後|将来|までに|をめどに|めどに|踏まえ|来年度|来月|年内|年度中に|月中に"
_PAST_AFTER = r"した|ました|された|されて|済|ている|ています|ており"
# Clause ends: te/renyō forms before a comma (not 「アイデア出し、」, an enumeration), とともに.
_BOUNDARY = r"(?<!出)(?:し|て|で|が|り|れ|め|き|ば|け|い)、|とともに、|[。！？!?]"
# Another organisation is the subject: 「伊賀市も…」「藤岡市と大泉町も…」「他の自治体も…」.
_OTHER_ORG = (r"[一-龥ァ-ヶー]{1,10}(?:市|区|町|村|県|府|省|庁)(?:で|に|と)?も(?![のうっ])"
              r"|(?:他|ほか)の(?:自治体|市町村|団体)(?:で|に)?も|県内では|他自治体でも")
# A concern being reported is not a rule.
_CONCERN = r"懸念[もがは]?(?:確認|指摘|示|挙げ)され"

_COMPANY = r"(?:社|会社|企業|グループ|研究室|大学|研究所|[ァ-ヶー]{3,}|[A-Za-z][A-Za-z0-9+&.\-]*\)?)」?"

# Question-side: a prohibition near a use mention turns the question into a rule question.
_ASK_BAN = (r"禁止|使わない|使用しない|利用しない|使ってはいけない|使えない|不可|対象外|"
            r"\bban|\bforbid|prohibit|not allowed|must not|mustn't|never|don't|do not|not (?:be )?used|disallow")

_STAGE = ("status.considering", "status.trial", "status.full")


def _f(key, group, ja, en, cues=(), **kw) -> Facet:
    return Facet(key, group, ja, en, tuple(cues), **{k: tuple(v) if isinstance(v, list) else v
                                                     for k, v in kw.items()})


# --- the taxonomy: one table -----------------------------------------------------------------

TAXONOMY: tuple[Facet, ...] = (
    # ---- status: the most advanced stage the organisation itself reached ----
    _f("status.considering", "status", "検討・計画段階", "Considering / planning", [
        r"検討", r"意向", r"方針", r"調査研究", r"計画"],
       weak=[r"検証", r"に向け", r"議論", r"予定", r"構想", r"模索"],
       ask=[r"検討(?:中|段階|して|のみ|だけ)", r"計画(?:中|段階)", r"構想", r"意向", r"調査研究",
            r"consider", r"contemplat", r"\bplan(?:s|ning)? to\b", r"\bplanning\b", r"studying",
            r"exploring", r"thinking about", r"not yet (?:adopt|introduc|start)", r"evaluating whether"]),
    _f("status.trial", "status", "試験導入", "Trial / pilot", [
        r"試験(?!問題)", r"試行(?!錯誤)", r"試用", r"実証", r"トライアル", r"パイロット",
        r"先行(?:導入|利用|運用)",
        r"暫定(?:的に|的な)?(?:利用|運用|導入)", r"テスト(?:運用|導入|利用|を?開始|では|は)",
        r"(?:部署|部局|課)での検証"],
       tentative=True,
       ask=[r"試験", r"試行", r"試用", r"実証", r"トライアル", r"パイロット", r"暫定", r"テスト",
            r"\btrial", r"\bpilot", r"\btest(?:ing|s)?\b", r"experiment", r"proof of concept", r"\bpoc\b"],
       ask_unless=r"(?:試験|試行|実証|トライアル)[^?？]{0,8}(?:を|の)?(?:検討|目指|予定|計画)"),
    _f("status.full", "status", "本格導入", "Full adoption", [
        r"本格(?:的)?(?:な|に)?(?:導入|利用|運用|活用|稼働|展開)", r"正式(?:に|な)?(?:導入|運用|利用|採用)",
        r"全庁(?:的に|的な|で)?(?:導入|展開|解禁|活用|利用)", r"解禁",
        r"本番(?:運用|導入|利用|稼働)"],
       weak=[r"(?:全職員|職員全員|全ての職員|すべての職員|全庁の職員|[0-9,.]+[万千]?人の[都道府県市区町村]?職員)"
             r"[^。]{0,30}?(?:(?:利用|使用|アクセス)[^。]{0,8}?(?:可能|認め|許可|でき)|使え(?:る|ます))",
             r"導入(?:しました|した(?=[。、])|し(?=[、て])|しており|しています|している|済み)",
             r"業務(?:で|に)?(?:利用|活用|使用)して(?:いる|います|おり)"],
       tentative=True,
       ask=[r"本格", r"正式(?:に|な)?(?:導入|採用|運用)", r"全庁(?:導入|展開|的に導入|で導入)", r"解禁",
            r"full[- ]?scale", r"\bfully\b", r"full adoption", r"formal(?:ly)? adopt",
            r"official(?:ly)? (?:adopt|introduc|launch|roll)", r"organi[sz]ation[- ]wide",
            r"roll(?:ed)?[- ]?out", r"production use", r"all (?:staff|employees)", r"in full\b"],
       ask_unless=r"本格[^?？]{0,10}(?:検討|目指|予定|向け|計画)|(?:consider|plan|aim)[^?]{0,25}full"),

    # ---- vendors and platforms ----
    _f("vendor.azure_openai", "vendor", "Azure OpenAI Service", "Azure OpenAI Service",
       [r"Azure", r"アジュール"],
       ask=[r"azure", r"アジュール", r"microsoft", r"マイクロソフト"]),
    _f("vendor.gpt4", "vendor", "GPT-4", "GPT-4",
       [r"GPT-?4(?![0-9])"],
       ask=[r"gpt-?4(?![0-9])"]),
    _f("vendor.google_bard", "vendor", "Google Bard(Gemini)", "Google Bard (Gemini)",
       [r"(?<![A-Za-z])Bard(?![A-Za-z])", r"バード", r"Gemini", r"ジェミニ"],
       ask=[r"\bbard\b", r"バード", r"gemini", r"ジェミニ", r"google"]),
    _f("vendor.logo_chat", "vendor", "LoGoチャット/LoGoAIアシスタント(トラストバンク)",
       "LoGo Chat / LoGo AI Assistant (Trustbank)",
       [r"LoGo\s*(?:チャット|AI|chat|フォーム)", r"ロゴチャット", r"ロゴAI", r"トラストバンク", r"Trust\s*Bank"],
       ask=[r"logo ?(?:chat|ai|チャット)", r"ロゴチャット", r"ロゴ ?ai", r"トラストバンク", r"trust ?bank"]),
    _f("vendor.aws", "vendor", "AWS(アマゾンウェブサービス)", "AWS (Amazon Web Services)",
       [r"(?<![A-Za-z])AWS(?![A-Za-z])", r"アマゾン", r"Amazon", r"Bedrock"],
       ask=[r"\baws\b", r"amazon", r"アマゾン", r"bedrock"]),
    _f("vendor.fixer", "vendor", "FIXER", "FIXER",
       [r"(?-i:FIXER)", r"フィクサー"],
       ask=[r"\bfixer\b", r"フィクサー"]),
    _f("vendor.graffer", "vendor", "グラファー", "Graffer",
       [r"グラファー", r"Graffer"],
       ask=[r"グラファー", r"graffer"]),
    _f("vendor.access_obotai", "vendor", "ACCESS・ObotAI・アノテテ", "ACCESS / ObotAI / Annotete",
       [r"(?-i:ACCESS)(?![a-z])", r"ObotAI", r"アノテテ", r"Annotete"],
       ask=[r"obotai", r"アノテテ", r"annotete", r"access社", r"access ?(?:co|inc)\b"]),
    _f("vendor.shiftplus", "vendor", "シフトプラス(zevo)", "Shift Plus (zevo)",
       [r"シフトプラス", r"Shift\s*Plus", r"(?<![A-Za-z])zevo(?![A-Za-z])"],
       ask=[r"シフトプラス", r"shift ?plus", r"\bzevo\b"]),
    _f("vendor.ntt", "vendor", "NTTグループ(日本情報通信)", "NTT group (NI+C)",
       [r"(?<![A-Za-z])NTT", r"日本情報通信", r"NI\+C"],
       ask=[r"\bntt\b", r"日本情報通信", r"ni\+c", r"nippon information"]),
    _f("vendor.logmeets", "vendor", "時空テクノロジーズ(ログミーツ)", "Jiku Technologies (LogMeets)",
       [r"時空テクノロジーズ", r"ログミーツ", r"LogMeets"],
       ask=[r"時空テクノロジーズ", r"ログミーツ", r"logmeets", r"jiku"]),
    _f("vendor.mental_compass", "vendor", "メンタルコンパス", "Mental Compass",
       [r"メンタルコンパス", r"Mental\s*Compass"],
       ask=[r"メンタルコンパス", r"mental ?compass"]),
    _f("vendor.crew", "vendor", "Crew(社内ChatGPTサービス)", "Crew (in-house ChatGPT service)",
       [r"(?-i:Crew)(?![A-Za-z])", r"「クルー」"],
       ask=[r"\bcrew\b", r"クルー"]),
    _f("vendor.matsuo_lab", "vendor", "東京大学 松尾研究室", "University of Tokyo, Matsuo Lab",
       [r"松尾[^。、]{0,8}研究室", r"松尾研", r"東京大学[^。]{0,12}松尾", r"Matsuo\s*Lab"],
       ask=[r"松尾", r"東京大学", r"東大", r"matsuo", r"university of tokyo"]),
    _f("vendor.partner", "vendor", "民間企業・大学との連携・協定", "Partnership with a company or university",
       [_COMPANY + r"(?:と|とも)(?:共に|ともに|共同|連携|協力|協定|提携|協業)",
        r"(?:社|会社|企業|グループ|\))[^。]{0,30}?と(?:共に|連携|協力|協定|提携)",
        r"協定を(?:結|締結)", r"(?:社|[ァ-ヶー]{3,}|[A-Za-z]{2,})が提供する"],
       ask=[r"企業と", r"民間", r"連携", r"協定", r"提携", r"共同開発", r"ベンダー", r"事業者",
            r"partner", r"collaborat", r"agreement", r"vendor", r"compan(?:y|ies)", r"universit"]),
    _f("vendor.dedicated_system", "vendor", "専用環境・独自システムの構築", "Dedicated environment / own system",
       [r"専用(?:の)?(?:クラウド)?(?:AI)?(?:環境|システム|基盤)", r"オーダーメイド",
        r"独自(?:の)?(?:システム|環境|プラットフォーム)",
        r"(?:システム|プラットフォーム|ツール|環境)(?:を|の)?(?:共同)?(?:開発|構築)",
        r"(?:を|に)(?:使った|活用した|組み込んだ)[^。]{0,12}(?:システム|プラットフォーム|チャット|アプリ|ツール)"],
       ask=[r"専用(?:環境|システム)", r"独自(?:の)?(?:システム|環境)", r"自前", r"構築", r"オーダーメイド",
            r"dedicated", r"custom[- ](?:built|system|platform|environment)", r"own (?:system|platform|environment)",
            r"in-house (?:system|platform)", r"built their own"]),

    # ---- uses ----
    _f("use.summary", "use", "要約", "Summarising",
       [r"要約", r"要旨", r"サマリ"],
       ask=[r"要約", r"要旨", r"まとめ", r"summar"]),
    _f("use.translation", "use", "翻訳・多言語対応", "Translation / multilingual",
       [r"翻訳", r"多言語", r"外国語", r"英訳", r"和訳", r"通訳", r"[0-9]+(?:カ|ヶ|か|ケ)国(?:以上)?の言語"],
       ask=[r"翻訳", r"多言語", r"外国語", r"英訳", r"translat", r"multilingual", r"foreign language"]),
    _f("use.minutes", "use", "議事録・会議録の作成", "Meeting minutes",
       [r"(?:議事録|会議録)(?:や[^。、]{0,12})?の?(?:作成|要約|作り|まとめ|整理)", r"(?:議事録|会議録)要約",
        r"文字起こし"],
       ask=[r"議事録", r"会議録", r"文字起こし", r"minutes", r"transcri"]),
    _f("use.ideas", "use", "アイデア出し・企画立案", "Ideas / planning and policy drafting",
       [r"アイデア", r"アイディア", r"企画(?:の)?立案", r"施策(?:の)?立案", r"政策(?:の)?立案", r"政策形成",
        r"ブレ(?:イン|ーン)ストーミング", r"壁打ち", r"キャッチコピー", r"ヒント(?:集め|を得)",
        r"論点(?:の)?(?:洗い出し|整理)", r"政策課題の整理"],
       ask=[r"アイデア", r"アイディア", r"企画", r"立案", r"政策形成", r"ブレスト", r"ブレインストーミング",
            r"壁打ち", r"\bideas?\b", r"brainstorm", r"ideation", r"policy (?:making|planning|drafting)",
            r"planning (?:new )?(?:projects|policies)"]),
    _f("use.drafting", "use", "文章作成・下書き", "Drafting documents",
       [r"文章(?:の)?(?:作成|生成)", r"文書(?:の)?(?:作成|生成)", r"文案", r"草案", r"下書き", r"たたき台",
        r"叩き台", r"素案", r"(?:資料|書類|原稿|報告書|企画書|コンテンツ)(?:の)?(?:作成|作り|制作)",
        r"文章を作"],
       ask=[r"文章作成", r"文書作成", r"資料作成", r"文案", r"草案", r"下書き", r"たたき台", r"叩き台", r"素案",
            r"文章を(?:作|書)", r"\bdraft", r"writing (?:documents|texts|reports)", r"document (?:creation|drafting)",
            r"write (?:documents|texts|reports)"]),
    _f("use.greetings", "use", "あいさつ文の作成", "Greetings and speeches",
       [r"挨拶", r"あいさつ", r"祝辞", r"スピーチ", r"式辞", r"感謝状", r"お礼状"],
       ask=[r"挨拶", r"あいさつ", r"祝辞", r"スピーチ", r"greeting", r"speech", r"salutation"]),
    _f("use.proofreading", "use", "校正・誤字脱字チェック・リライト", "Proofreading / rewriting",
       [r"校正", r"添削", r"誤字", r"脱字", r"推敲", r"リライト", r"書き直", r"言い換え",
        r"(?:文|文章|表現)の[^。、]{0,6}(?:修正|手直し)",
        r"(?:わかり|分かり|理解し|読み)やすい(?:文章|表現)?に?(?:直|修正|書き換)"],
       ask=[r"校正", r"添削", r"誤字", r"脱字", r"推敲", r"リライト", r"proofread", r"typo", r"spell",
            r"copy[- ]?edit", r"rewrit", r"plain language"]),
    _f("use.inquiry_response", "use", "問い合わせ対応・住民対応(FAQ・窓口)",
       "Answering inquiries / resident services (FAQ, counter)",
       [r"問い?合わ?せ", r"FAQ", r"よくある(?:質問|問い合わせ)", r"問答集", r"Q&A",
        r"(?:住民|市民|県民|区民|町民)(?:向け|から|への)(?:の)?(?:質問|回答|問い?合わ?せ|案内|サービス|対応)",
        r"窓口", r"コールセンター", r"ごみ(?:出し|分別)(?:の)?案内"],
       ask=[r"問い?合わ?せ", r"\bfaq", r"よくある質問", r"問答集", r"住民対応", r"住民向け", r"市民向け",
            r"県民向け", r"窓口", r"コールセンター", r"ごみ", r"inquir", r"enquir", r"call cent",
            r"(?:resident|citizen)s?['’]? (?:questions|inquiries|services)", r"helpdesk", r"help desk",
            r"front desk", r"counter service", r"chatbot", r"garbage", r"waste sorting"]),
    _f("use.info_gathering", "use", "情報収集・検索・調べもの", "Research / information gathering",
       [r"情報(?:の)?(?:収集|整理|検索)", r"調べ物", r"調べもの", r"データ(?:の)?(?:収集|検索)", r"検索",
        r"リサーチ", r"専門用語(?:の)?説明"],
       ask=[r"情報収集", r"情報整理", r"調べ", r"検索", r"リサーチ", r"research", r"information gathering",
            r"gather(?:ing)? information", r"look(?:ing)? (?:things )?up", r"\bsearch"]),
    _f("use.programming", "use", "プログラム作成", "Programming / code",
       [r"プログラム(?:の)?(?:作成|生成)", r"プログラミング", r"コード(?:の)?(?:作成|生成)", r"ソースコード",
        r"マクロ", r"VBA", r"関数(?:の)?作成", r"Excel関数"],
       ask=[r"プログラム", r"プログラミング", r"コード", r"マクロ", r"program", r"\bcod(?:e|ing)\b",
            r"script", r"macro", r"\bvba\b", r"excel formula"]),
    _f("use.manual_revision", "use", "マニュアルの作成・改訂", "Writing / revising manuals",
       [r"(?:マニュアル|手引き?|要綱)(?:の)?(?:改訂|改定|作成|修正|簡略化|見直し|更新)"],
       ask=[r"マニュアル", r"手引", r"manual", r"handbook"]),
    _f("use.external_drafting", "use", "外部向け文書の作成(メール・あいさつ・広報)",
       "Drafting outward-facing texts (e-mails, greetings, PR)",
       [r"(?:外部|対外|庁外|外向け)(?:向け|へ|的)?(?:の|な)?[^。、]{0,8}?(?:メール|文書|文章|資料|あいさつ|挨拶|回答|通知|案内)",
        r"メール(?:文)?(?:の)?(?:作成|素案|文案|下書き|返信)", r"(?:文|文章)やメール",
        r"(?:広報|(?-i:PR)|プレスリリース|報道発表|SNS)[^。]{0,8}?(?:資料|文章|文|記事|投稿|原稿|シナリオ|台本|チラシ|ポスター)?"
        r"(?:の)?(?:作成|要約)",
        r"SNSで(?:知らせ|発信|周知)", r"キャッチコピー"],
       ask=[r"(?:外部|対外|庁外)(?:向け|へ|的)?(?:の|な)?[^?？]{0,6}(?:メール|文書|文章|資料|あいさつ|挨拶|通知|案内)(?:の)?(?:作成|下書き|素案)?",
            r"メール(?:文)?(?:の)?(?:作成|素案|文案|下書き|返信)", r"広報", r"sns", r"プレスリリース",
            r"(?:draft|writ|compos|prepar)\w*[^?.]{0,30}(?:external|outgoing|outward|outbound|public[- ]facing)",
            r"(?:external|outgoing|outbound|outward)[^?.]{0,12}(?:e-?mails?|mail|letters?|greetings?|messages?|documents?|texts?)",
            r"e-?mails? to (?:residents|citizens|outside)", r"press release", r"\bpr\b", r"social media"],
       ask_unless=_ASK_BAN, subsumes=["use.drafting"]),
    _f("use.parliament", "use", "議会答弁の作成", "Drafting answers for the assembly",
       [r"議会答弁", r"答弁(?:書|資料|案)?(?:の)?(?:作成|作り|準備)", r"議会(?:対応|質問)"],
       ask=[r"議会", r"答弁", r"assembly", r"council (?:answers|questions|sessions)", r"parliament"]),
    _f("use.budget", "use", "予算編成", "Budget compilation",
       [r"予算(?:の)?編成", r"予算(?:書|要求|査定)"],
       ask=[r"予算", r"budget"]),
    _f("use.own_data", "use", "自庁データの学習・参照(マニュアル・例規・FAQ)",
       "Answering from the organisation's own data (RAG / training on own documents)",
       [r"学習させ(?!ない|ず)", r"読み込ませ", r"参照させ", r"に(?:従った|基づいた)回答", r"(?-i:RAG)",
        r"検索拡張"],
       ask=[r"学習させ", r"読み込ませ", r"独自データ", r"例規", r"\brag\b", r"own (?:data|documents)",
            r"internal (?:data|documents)", r"fine[- ]?tun", r"trained on", r"train(?:ing)? (?:it )?on"]),
    _f("use.education", "use", "学校・教育での利用", "Schools / education",
       [r"教育利用", r"学校(?:で|での|における)?(?:の)?(?:利用|活用)", r"小中高", r"児童", r"生徒", r"授業",
        r"教育機関", r"教員"],
       ask=[r"学校", r"教育", r"小中高", r"school", r"education", r"teacher", r"pupil", r"student"]),
    _f("use.data_analysis", "use", "データ分析", "Data analysis",
       [r"データ(?:の)?(?:解析|分析)", r"統計(?:処理|分析)", r"アンケート(?:の)?(?:分析|集計)"],
       ask=[r"データ(?:の)?(?:解析|分析)", r"統計", r"data analy", r"analy[sz]e data", r"statistic"]),

    # ---- rules ----
    _f("rule.no_personal_info", "rule", "個人情報の入力禁止", "No personal data input",
       [r"個人(?:情報|・|や)[^。]{0,25}?(?:入力|(?:取り)?扱|含|使用|利用|記載)[^。]{0,8}?" + _NEG,
        r"個人(?:情報|・秘匿情報)[^。]{0,15}?(?:は|を)(?:排除|除外|除き|除く|マスキング)"],
       unless=_CONCERN,
       ask=[r"個人情報", r"個人・秘匿", r"マイナンバー", r"personal (?:data|info)", r"\bpii\b", r"privacy",
            r"personally identifiable", r"private data"]),
    _f("rule.no_confidential_info", "rule", "機密・非公開情報の入力禁止", "No confidential / non-public data input",
       [r"(?:機密|秘匿|秘密|非公開|非公表|未公表|未公開|開示していない|公開前|守秘義務|内部資料|機微|契約に関する)"
        r"[^。]{0,20}?(?:入力|(?:取り)?扱|含|使用|記載)[^。]{0,8}?" + _NEG],
       unless=_CONCERN,
       ask=[r"機密", r"秘匿", r"秘密", r"非公開", r"非公表", r"守秘", r"内部情報", r"confidential", r"secret",
            r"classified", r"non-?public", r"sensitive (?:data|information)", r"undisclosed", r"漏え?い", r"漏洩",
            r"\bleak"]),
    _f("rule.external_use_banned", "rule", "外部向け利用の禁止・内部利用限定",
       "No external-facing use / internal use only",
       [r"(?:外部|対外|庁外|部外|外向け)[^。]{0,15}?" + _VERB_DENIED,
        r"(?:外部|対外|庁外)(?:向け|へ)?の?(?:利用|使用|公開|提供)[^。]{0,4}?(?:禁止|不可)",
        r"(?:外部|対外|庁外)(?:に|へ)(?:出す|公開|提供|送付|発信)[^。]{0,8}?(?:禁止|しない|せず|不可|認めない|NG)",
        r"内部(?:資料|利用|検討|向け|での利用)?(?:に|のみに?)(?:限定|限る|限り|留め|とどめ)",
        r"(?:市民|住民|県民|区民|町民)(?:へ|向け)の?(?:直接の)?(?:サービス|回答|提供|公開)[^。]{0,6}?"
        r"(?:対象外|行わない|しない|使わない|禁止)",
        r"職員(?:への|の)?(?:支援|業務|内部利用)に限(?:定|る|り)"],
       unless=_CONCERN,
       ask=[r"(?:外部|対外|庁外|外向け)[^?？]{0,15}(?:禁止|しない|使わない|使用しない|利用しない|不可|制限|限定|ダメ)",
            r"(?:禁止|使わない|制限)[^?？]{0,10}(?:外部|対外|庁外)",
            r"内部(?:資料|利用|向け)?(?:のみ|に限|だけ)", r"内部限定", r"対外的",
            r"(?:ban|forbid|prohibit|restrict|disallow|not allow|don't allow|do not allow|not permit|keep)\w*"
            r"[^?.]{0,50}(?:external|outward|outside|public[- ]facing)",
            r"(?:external|outward|outside|public[- ]facing)[^?.]{0,30}(?:bann|forbid|prohibit|not allowed|restrict|disallow)",
            r"internal[- ](?:use )?only", r"only (?:for )?internal", r"internal (?:documents|materials|use) only"],
       subsumes=["rule.restricted_use", "use.external_drafting"]),
    _f("rule.public_info_only", "rule", "公開情報に限定して利用", "Public information only",
       [r"(?<![非未])公開(?:済み?|され(?:てい)?る|情報|資料|データ|文書)[^。]{0,10}?"
        r"(?:に限定|に限る|に限り|のみ(?:を|に)|を対象|に焦点)"],
       ask=[r"(?<![非未])公開(?:情報|済|されている|データ|資料)[^?？]{0,6}(?:のみ|に限|だけ|限定)",
            r"public(?:ly available)? (?:information|data|documents) only", r"only public",
            r"limited to public", r"only (?:use |uses |using )?public(?:ly available)? (?:information|data|documents)"]),
    _f("rule.copyright", "rule", "著作権・第三者の権利への注意", "Copyright / third-party rights",
       [r"(?:著作権|第三者の権利|知的財産|肖像権|出典)[^。]{0,30}?"
        r"(?:留意|注意|確認|配慮|避け|明示|精査|点検|チェック|ないこと|ないか|侵害しない)"],
       unless=_CONCERN,
       ask=[r"著作権", r"出典", r"第三者の権利", r"知的財産", r"copyright", r"intellectual property",
            r"third[- ]party rights", r"plagiari", r"attribution"]),
    _f("rule.accuracy_check", "rule", "正確性・事実確認", "Check accuracy / facts",
       [r"(?:正確性|正確さ|真偽|真実性|正当性|事実(?:関係)?|裏付け|誤り|誤情報|誤った情報|間違った?(?:表現|情報)?|根拠|中身)"
        r"[^。]{0,40}?(?:確認|精査|検証|点検|チェック|取る|注意|担保)",
        r"(?:回答|出力|生成物|生成された[^。]{0,4}|得られた[^。]{0,4}|作成された(?:内容|文章))"
        r"(?:(?!著作権)[^。]){0,12}?(?:確認|精査|点検|チェック|そのまま使わない|そのまま使用しない|鵜呑み)",
        r"(?:内容|文章)[^。]{0,8}?精査", r"職員(?:による|が)[^。]{0,6}?(?:確認|精査|点検|チェック)",
        r"ファクトチェック"],
       unless=_CONCERN,
       ask=[r"正確", r"事実確認", r"真偽", r"ファクト", r"裏付け", r"誤り", r"誤情報", r"精査", r"そのまま使わない",
            r"鵜呑み",
            r"fact[- ]?check", r"accura", r"verif", r"hallucinat", r"check (?:the )?(?:output|answers|results|facts)",
            r"misinformation", r"wrong answers"]),
    _f("rule.multi_person_check", "rule", "複数人・組織での確認", "Checked by several staff / the organisation",
       [r"複数(?:の|人の?)?(?:職員|人|者|名)?(?:で|により|による)(?:の)?(?:確認|チェック|点検|精査)",
        r"(?:組織|課内|チーム)(?:で|として)[^。]{0,4}?(?:判断|確認|決定)", r"ダブルチェック", r"二重チェック",
        r"上司(?:の|による|が)[^。]{0,4}?(?:確認|承認|チェック)"],
       unless=_CONCERN,
       ask=[r"複数", r"組織で(?:判断|確認)", r"ダブルチェック", r"二重チェック", r"上司",
            r"(?:several|multiple|two|more than one) (?:staff|people|persons|employees|officials|reviewers|members)",
            r"double[- ]?check", r"four[- ]eyes", r"peer review", r"by the organi[sz]ation", r"supervisor"]),
    _f("rule.usage_logging", "rule", "利用状況の記録・報告", "Usage recorded / reported",
       [r"(?:利用|使用)(?:状況|履歴|ログ|記録|実績)[^。]{0,12}?(?:記録|報告|チェック|確認|管理|把握|モニタリング|提出)",
        r"(?:利用|使用)(?:報告|記録)", r"ログ(?:を|の)?(?:保存|取得|記録|管理)"],
       unless=r"アンケート|効果",
       ask=[r"利用状況", r"使用状況", r"利用履歴", r"記録", r"使用報告", r"利用報告", r"ログ", r"\blogs?\b",
            r"logging", r"record", r"usage report", r"report (?:their |its )?usage", r"monitor", r"audit"]),
    _f("rule.guideline", "rule", "ガイドライン・利用ルールの策定", "Guidelines / usage rules in place",
       [r"(?:ガイドライン|指針|活用方針|利用方針|運用方針|ルール|原則|要領|条例|注意事項|留意事項|順守事項|遵守事項|"
        r"注意点|留意点|規程|規則)[^。]{0,8}?(?:を|が|は|も)?(?:策定|作成|制定|設け|定め|まとめ|公表|盛り込|明記|設定|"
        r"示し|作っ|作り|周知|共有|適用|改定|改訂)",
        r"(?:定め|策定し|作成し|制定し)た[^。]{0,6}?(?:ガイドライン|指針|ルール|方針|原則)",
        r"ガイドライン(?:では|には|に基づ|の内容)", r"ルールとして"],
       tentative=True,
       ask=[r"ガイドライン", r"指針", r"ルール", r"原則", r"条例", r"規程", r"guideline", r"\brules?\b",
            r"polic(?:y|ies)", r"principles", r"ordinance", r"regulation"]),
    _f("rule.training", "rule", "研修・講習の実施", "Staff training / workshops",
       [r"研修", r"講習", r"勉強会", r"ワークショップ", r"体験会", r"セミナー", r"説明会",
        r"スキル(?:の)?(?:底上げ|向上)", r"リテラシー(?:の)?向上"],
       tentative=True,
       ask=[r"研修", r"講習", r"勉強会", r"ワークショップ", r"セミナー", r"体験会", r"staff training",
            r"training (?:sessions?|courses?|programs?)", r"\btraining\b", r"workshops?", r"seminars?",
            r"lectures?", r"train(?:s|ing)? (?:its |their )?(?:staff|employees)", r"upskill"],
       ask_unless=r"(?:used?|data)[^?]{0,15}train|train\w*[^?]{0,6}(?:data|model)|train(?:ed|ing)? on|学習"),
    _f("rule.application_required", "rule", "利用申請・届出制", "Use requires application / registration",
       [r"(?:利用|使用)?(?:の)?(?:申請|届け?出|許可制|承認制|登録制)",
        r"(?:所属長|上司|管理者|所属)の?(?:承認|許可)を(?:得|受け)"],
       unless=r"補助金|交付|手続|転出|転入",
       ask=[r"申請", r"届出", r"届け出", r"許可制", r"承認制", r"登録制", r"apply for", r"application (?:form|process|required|before)", r"requires? (?:an )?application",
            r"permission", r"approval", r"registration", r"register"]),
    _f("rule.restricted_use", "rule", "用途の制限(特定業務・業務外での使用禁止)",
       "Restricted purposes (banned tasks, no private use)",
       [r"(?:業務外|私的|私用|目的外)(?:の)?(?:利用|使用)[^。]{0,15}?(?:禁止|しない|不可|禁じ)",
        r"(?:答弁|予算編成|政策決定|意思決定|重要(?:な)?(?:政策|判断)|人事|採点|審査)[^。]{0,20}?(?:には|では)"
        r"(?:使用|利用|活用)(?:を|は)?(?:禁止|しない|せず|不可|できない)",
        r"に限(?:り|って)(?:利用|使用|活用)", r"(?:利用|使用)(?:範囲|用途)を[^。]{0,6}?(?:限定|制限)",
        r"限定的な(?:利用|活用|使用)"],
       unless=_CONCERN,
       ask=[r"用途(?:の)?制限", r"業務外", r"私的", r"使用禁止", r"利用禁止", r"使ってはいけない",
            r"(?:には|では)(?:使用|利用)(?:しない|禁止)", r"(?:使う|使用|利用)(?:の|こと)?(?:は|を)?禁止",
            r"restricted (?:use|purposes|tasks)",
            r"(?:banned|prohibited|forbidden) (?:uses|tasks|purposes)", r"not allowed for", r"private use",
            r"non-work"]),
    _f("rule.assistive_only", "rule", "補助・参考としての利用(最終判断は職員)",
       "Assistive / reference use only (staff decide)",
       [r"補助的", r"あくまで(?:も)?参考", r"参考」?として(?:のみ)?(?:用い|使用|利用|活用)",
        r"最終(?:的な)?判断は(?:職員|人)"],
       ask=[r"補助的", r"補助ツール", r"あくまで", r"参考(?:として|程度)", r"最終判断", r"assistive", r"auxiliary",
            r"reference only", r"supporting tool", r"support tool", r"final (?:decision|judg)"]),
    _f("rule.no_training", "rule", "入力データを学習・外部共有させない設定", "Inputs not used for training / not shared",
       [r"学習(?:データ)?(?:に|として)(?:利用|使用|使わ|活用)(?:され|させ|れ)?(?:ない|ず)", r"学習させない",
        r"学習されない", r"オプトアウト", r"吸い上げられない",
        r"(?:企業|事業者|外部|ベンダー)[^。]{0,6}?(?:と|に)?(?:共有|提供|送信)されない"],
       tentative=True,
       ask=[r"学習[^?？]{0,8}(?:使われ|利用され|使用され|され)(?:ない|ず)", r"学習させない", r"オプトアウト",
            r"吸い上げ", r"opt[- ]?out", r"not (?:be )?used (?:for|to|as) (?:\w+ )?train", r"training data", r"(?:data|inputs?) (?:is |are )?not (?:used|shared|stored)",
            r"no training on", r"used for training"]),
    _f("rule.sensitive_info_detection", "rule", "個人情報等の入力検知・警告機能", "Detection / warning on sensitive input",
       [r"(?:個人情報|センシティブ|機密|機微)[^。]{0,20}?(?:検知|検出|警告|マスキング|フィルタ)",
        r"(?:入力|送信)(?:した|する)?場合に[^。]{0,4}?警告"],
       ask=[r"検知", r"警告", r"検出", r"マスキング", r"detect", r"warn", r"alert", r"mask(?:ing)?\b", r"filter"]),
    _f("rule.isolated_environment", "rule", "端末・ネットワークの分離", "Separate terminals / network",
       [r"(?:保存されていない|扱わない|接続されていない)[^。]{0,4}?(?:端末|PC|パソコン|ネットワーク)",
        r"(?:端末|PC|パソコン|ネットワーク)[^。]{0,8}?(?:には|に)?接続し(?:ない|ません)",
        r"(?:インターネット|ネット)(?:系|分離|規則)", r"専用(?:の)?端末"],
       ask=[r"端末", r"ネットワーク", r"分離", r"インターネット", r"terminal", r"network", r"isolat",
            r"separate (?:pc|device|machine|computer)"]),
    _f("rule.bias_check", "rule", "差別表現・公平性の確認", "Check for bias / discriminatory wording",
       [r"(?:差別(?:的)?(?:な)?表現|公平性|偏り|バイアス|人権)[^。]{0,30}?(?:確認|配慮|注意|チェック|ないこと|ないか)"],
       unless=_CONCERN,
       ask=[r"差別", r"公平", r"偏り", r"バイアス", r"人権", r"\bbias", r"discriminat", r"fairness"]),
    # ---- info: what a case states that staff compare across cases ----
    _f("info.staff_count", "info", "対象・利用職員数の記載", "States a number of staff",
       [r"(?:職員|対象|利用|参加|正規|非常勤)[^。]{0,30}?(?:約|およそ)?[0-9][0-9,.]*[万千百]?(?:[~〜～][0-9]+)?人"
        r"(?!口)",
        r"(?:約|およそ)?[0-9][0-9,.]*[万千百]?(?:[~〜～][0-9]+)?人(?:規模)?の[^。]{0,8}?職員",
        r"(?:約|およそ)?[0-9][0-9,.]*[万千百]?人(?:規模|程度)?(?:から|を対象|が対象|が利用|の職員)"],
       ask=[r"何人", r"人数", r"職員数", r"headcount", r"number of (?:staff|employees|users|people)",
            r"how many (?:staff|employees|people|users|workers)"]),
    _f("info.first", "info", "「初」の取り組み", "A first (nationwide, in the prefecture, …)",
       [r"(?:全国|国内|日本|県内|都内|23区|自治体|市町村)[^。]{0,12}?(?:で|として|の中で|では)?(?:は)?初(?:めて|の|と|で)",
        r"全国初", r"県内初", r"初めて(?:導入|制定|の)"],
       ask=[r"初め", r"全国初", r"県内初", r"\d+区初", r"初の", r"“初", r"\bfirst\b"]),
)

FACETS: dict[str, Facet] = {f.key: f for f in TAXONOMY}
STAGES: tuple[str, ...] = _STAGE

assert len(FACETS) == len(TAXONOMY), "duplicate facet key"
assert all(f.group in GROUPS for f in TAXONOMY)


# --- compiled forms --------------------------------------------------------------------------

def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_CUES = {f.key: [_rx(p) for p in f.cues] for f in TAXONOMY}
_WEAK = {f.key: [_rx(p) for p in f.weak] for f in TAXONOMY}
_UNLESS = {f.key: _rx(f.unless) for f in TAXONOMY if f.unless}
# questions: \b must see Japanese as a boundary (「Bardを」), so \w is ASCII-only there
_ASK = {f.key: [re.compile(p, re.I | re.A) for p in f.ask] for f in TAXONOMY}
_ASK_UNLESS = {f.key: re.compile(f.ask_unless, re.I | re.A) for f in TAXONOMY if f.ask_unless}
_BOUNDARY_RX = re.compile(_BOUNDARY)
_USE_DENIED_RX = re.compile(_USE_DENIED)
_AIM_STAGE_RX = re.compile(_AIM_STAGE)
_AIM_RULE_RX = re.compile(_AIM_RULE)
_FUTURE_BEFORE_RX = re.compile(_FUTURE_BEFORE)
_PAST_AFTER_RX = re.compile(_PAST_AFTER)
_OTHER_ORG_RX = re.compile(_OTHER_ORG)
_ASK_BAN_RX = re.compile(_ASK_BAN, re.I | re.A)
# cues of 試験導入/本格導入 end each other's clause: 「試験導入し、本格導入を目指す」
_STAGE_STOPS = [rx for key in ("status.trial", "status.full") for rx in _CUES[key] + _WEAK[key]]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _clause_after(s: str, end: int, stops: Iterable[re.Pattern[str]] = ()) -> str:
    """Text from ``end`` to the end of its clause (or the next stage cue)."""
    cut = len(s)
    m = _BOUNDARY_RX.search(s, end)
    if m:
        cut = m.start() + 1    # keep the verb ending (し, て, …) in the clause
    for rx in stops:
        m = rx.search(s, end)
        if m and m.start() < cut:
            cut = m.start()
    return s[end:cut]


def _clause_before(s: str, start: int) -> str:
    begin = 0
    for m in _BOUNDARY_RX.finditer(s, 0, start):
        begin = m.end()
    return s[begin:start]


def _reached(s: str, m: re.Match[str], aim: re.Pattern[str], stops=()) -> bool:
    """The cue ``m`` states something done or under way, not an aim or a plan."""
    after = _clause_after(s, m.end(), stops)
    if aim.search(after):
        return False
    if _FUTURE_BEFORE_RX.search(_clause_before(s, m.start())) and not _PAST_AFTER_RX.search(after):
        return False
    return True


def _first_cue(facet: Facet, s: str, patterns: list[re.Pattern[str]]) -> re.Match[str] | None:
    """The first cue of ``facet`` in normalised sentence ``s`` that holds with its polarity."""
    for rx in patterns:
        for m in rx.finditer(s):
            if facet.group == "use" and _USE_DENIED_RX.search(_clause_after(s, m.end())):
                continue
            if facet.tentative:
                if facet.group == "status":
                    if not _reached(s, m, _AIM_STAGE_RX, [x for x in _STAGE_STOPS if x is not rx]):
                        continue
                elif not _reached(s, m, _AIM_RULE_RX):
                    continue
            return m
    return None


def _usable(facet: Facet, s: str) -> bool:
    unless = _UNLESS.get(facet.key)
    return not (unless and unless.search(s))


# --- public API --------------------------------------------------------------------------------

def extract_facets(sentences: Sequence[str]) -> tuple[FacetHit, ...]:
    """At most one hit per facet key (the best evidence sentence); status: exactly one hit of group
    "status" when any status is stated (the most advanced stage the case reached:
    検討 < 試験導入 < 本格導入).

    Best evidence is the first sentence, in the case's order, that states the facet. For status
    the winning stage's first strong cue is preferred over a weak one.
    """
    norm = [(orig, _nfkc(orig)) for orig in sentences]
    own = [(orig, s) for orig, s in norm if not _OTHER_ORG_RX.search(s)]
    hits: list[FacetHit] = []

    # status
    found: dict[str, str] = {}
    weak: dict[str, str] = {}
    for orig, s in own:
        for key in _STAGE:
            f = FACETS[key]
            if key not in found and _first_cue(f, s, _CUES[key]):
                found[key] = orig
            if key not in weak and _first_cue(f, s, _WEAK[key]):
                weak[key] = orig
        # an unreached trial/full cue (「6月中の試験運用を目指し」) is itself evidence of 検討
        if "status.considering" not in found and any(
                rx.search(s) for key in _STAGE[1:] for rx in _CUES[key]):
            found["status.considering"] = orig
    if "status.full" not in found and "status.trial" not in found and "status.full" in weak:
        found["status.full"] = weak["status.full"]      # 「全職員が利用可能」 with no trial stated
    if "status.considering" not in found and "status.considering" in weak:
        found["status.considering"] = weak["status.considering"]
    for key in reversed(_STAGE):
        if key in found:
            hits.append(FacetHit(key, found[key]))
            break

    for f in TAXONOMY:
        if f.group == "status":
            continue
        for orig, s in own:
            if _usable(f, s) and _first_cue(f, s, _CUES[f.key]):
                hits.append(FacetHit(f.key, orig))
                break
    return tuple(hits)


def _question_form(question: str) -> str:
    """NFKC, lower case, single spaces; spaces next to Japanese text removed."""
    q = re.sub(r"\s+", " ", _nfkc(question)).strip().lower()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", q)


def facets_in_question(question: str) -> tuple[Facet, ...]:
    """Facets a question (Japanese or English, any case/spacing, NFKC) asks about. Polarity-aware:
    a use mentioned next to a prohibition (「外部向けの資料作成を禁止」, "ban drafting external
    mail") is not asked as a use, and rule facets need their own wording (a ban for
    ``rule.external_use_banned``); a more specific facet drops the broader ones it subsumes."""
    q = _question_form(question)
    chosen: list[Facet] = []
    for f in TAXONOMY:
        unless = _ASK_UNLESS.get(f.key)
        if unless and unless.search(q):
            continue
        for rx in _ASK[f.key]:
            m = rx.search(q)
            if not m:
                continue
            if f.group == "use":
                window = q[max(0, m.start() - 25):m.end() + 15]
                if _ASK_BAN_RX.search(window):
                    continue
            chosen.append(f)
            break
    dropped = {k for f in chosen for k in f.subsumes}
    return tuple(f for f in chosen if f.key not in dropped)


# --- numbers and dates -------------------------------------------------------------------------

_D = r"[0-9０-９]"
_NUM = rf"{_D}+(?:[,，.．]{_D}+)*"
_STAFF_RX = re.compile(
    rf"(?<!人口)(?<!人口約)(?:約|およそ|計|合計)?(?:({_NUM})[万千百]?\s*[~〜～ー－-]\s*)?({_NUM})([万千百]?)人"
    r"(?![口件分日時月年])")
_STAFF_CONTEXT = re.compile(r"職員|人規模|対象|利用|使用|参加|アクセス|部署|課")
_MULT = {"": 1, "百": 100, "千": 1000, "万": 10000}


def _to_int(num: str, mult: str) -> int:
    n = _nfkc(num).replace(",", "")
    return int(round(float(n) * _MULT[mult]))


def extract_staff_counts(sentences: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """(number of staff, evidence sentence) for every staff count stated.

    約5万人 → 50000, 約13,000人 → 13000, 約6千人 → 6000, 28人 → 28; a range 20~30人 gives its
    upper bound 30 (the planned scale). Only sentences about staff/users/targets are read, and
    counts of people that are not staff (人口…人) are skipped.
    """
    out: list[tuple[int, str]] = []
    for orig in sentences:
        s = _nfkc(orig)
        if not _STAFF_CONTEXT.search(s):
            continue
        for m in _STAFF_RX.finditer(orig):
            pair = (_to_int(m.group(2), m.group(3)), orig)
            if pair not in out:
                out.append(pair)
    return tuple(out)


_DATE_RX = re.compile(
    rf"(?:(?:令和|平成)?(?:{_D}{{1,4}}|元)年度?)?{_D}{{1,2}}月(?:{_D}{{1,2}}日|末日?|上旬|中旬|下旬|初旬|初め|頭|中)?"
    rf"|(?:令和|平成)?(?:{_D}{{2,4}}|元)年度?(?:末|中|内)?(?![0-9０-９])"
)


def extract_dates(sentences: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(date text exactly as written, evidence sentence): 2023年7月20日, 7月末, 8月23日, 23年9月,
    2024年度, 令和5年6月末日. Needs digits; durations (2カ月, 3カ月間) and relative words (来年度)
    are not dates."""
    out: list[tuple[str, str]] = []
    for orig in sentences:
        for m in _DATE_RX.finditer(orig):
            text = m.group(0)
            if re.fullmatch(rf"{_D}{{1,2}}年", text):   # 「1年」「2年」: a duration, not a year
                continue
            pair = (text, orig)
            if pair not in out:
                out.append(pair)
    return tuple(out)


def facet_metadata(case) -> dict[str, int]:
    """Chroma metadata for a case's facets: ``facet.<key>`` → index of its evidence sentence."""
    return {f"facet.{h.key}": case.sentences.index(h.evidence)
            for h in extract_facets(case.sentences) if h.evidence in case.sentences}
