"""English → Japanese words of this domain, so English questions reach Japanese text lexically.

The multilingual embedding links languages only loosely (e5-small scores an English question
against its Japanese answer barely above unrelated sentences), so the lexical half of retrieval
gets the Japanese words an English question means. Entries are vocabulary of municipal AI
adoption — not questions, not case names.
"""
from __future__ import annotations

import re

# English phrase (regex, matched case-insensitively on word boundaries) → Japanese words.
GLOSSARY: tuple[tuple[str, str], ...] = (
    # adoption and its stages
    (r"adopt(s|ed|ion|ing)?|introduc(e|ed|es|tion|ing)", "導入"),
    (r"full[- ]?scale|full adoption|fully|official(ly)?|formal(ly)?", "本格 正式"),
    (r"trial(s|led|ling)?|pilot(s|ed|ing)?|test(s|ed|ing)?|experiment(s|al)?|proof of concept",
     "試験 試行 実証 実験 トライアル"),
    (r"provisional(ly)?|interim|temporar(y|ily)", "暫定"),
    (r"consider(s|ed|ing)?|stud(y|ies|ying)|examin(e|es|ing)|plan(s|ned|ning)?", "検討 計画 方針"),
    (r"research", "調査 研究"),
    (r"verif(y|ies|ied|ication)|evaluat(e|es|ed|ion)|assess(ed|ment)?", "検証"),
    (r"survey(s|ed)?|questionnaire", "アンケート"),
    (r"result(s)?|outcome", "結果"),
    (r"effect(s|ive|iveness)?|efficien(t|cy)|productiv(e|ity)", "効率 効果"),
    (r"period|duration|until|through", "期間 まで"),
    (r"start(s|ed|ing)?|launch(es|ed|ing)?|began|begin(s)?", "開始 始め"),
    (r"announc(e|ed|es|ement)", "発表"),
    (r"decid(e|ed|es)|decision", "決定 決め"),
    (r"expand(s|ed)?|extend(s|ed)?|widen", "拡大"),
    (r"ban(s|ned)?|forbid(s|den)?|prohibit(s|ed|ion)?|not allowed|must not", "禁止"),
    (r"allow(s|ed)?|permit(s|ted)?|lift(ed)? the ban|unblock(ed)?", "認め 解禁 許可"),
    (r"restrict(s|ed|ion|ions)?|limit(s|ed)?|only", "限定 制限"),
    (r"block(ed|ing)?|access", "アクセス 制限"),
    (r"rule(s)?|principle(s)?", "ルール 原則"),
    (r"guideline(s)?|guidance|policy|policies", "ガイドライン 指針 方針"),
    (r"ordinance|bylaw|regulation", "条例"),
    (r"first", "初"),
    (r"nationwide|national(ly)?|in japan", "全国"),
    # who
    (r"governor", "知事"),
    (r"mayor", "市長"),
    (r"staff|employees?|officials?|workers?|personnel|civil servants?", "職員"),
    (r"department(s)?|division(s)?|office(s)?|bureau", "部署 課 局 室"),
    (r"team", "チーム"),
    (r"assembly|council|parliament", "議会"),
    (r"police", "警察"),
    (r"board of education|school(s)?|education(al)?", "学校 教育"),
    (r"fire department|firefight", "消防"),
    (r"company|companies|firm|vendor|partner(s|ed|ship)?|corporation", "企業 会社 社"),
    (r"agreement|pact|partnership agreement", "協定"),
    (r"jointly|co-?develop(ed|s|ing|ment)?|together with|collaborat(e|es|ed|ion)", "共同 連携 協力"),
    (r"universit(y|ies)|professor|laborator(y|ies)|lab", "大学 教授 研究室"),
    (r"expert(s)?|advis(e|er|or)", "専門家 アドバイザー"),
    (r"residents?|citizens?|public|people|inhabitants", "住民 市民 県民 区民"),
    (r"foreign(ers)?|non-japanese", "外国人"),
    (r"tourism|tourist(s)?|sightseeing", "観光"),
    # uses
    (r"summar(y|ies|ize|ise|izing|ising|isation|ization)", "要約"),
    (r"translat(e|es|ed|ion|ing)|multilingual|languages?", "翻訳 多言語 言語"),
    (r"minutes|meeting records?|transcri(be|ption)", "議事録 会議録 文字起こし"),
    (r"idea(s)?|brainstorm(ing)?|creative", "アイデア"),
    (r"draft(s|ing)?|writ(e|es|ing)|compos(e|ing)|creat(e|es|ing) documents?|documents?|texts?",
     "文章 文書 作成 下書き"),
    (r"greeting(s)?|speech(es)?|salutation", "挨拶 あいさつ"),
    (r"proofread(ing)?|typos?|correct(ion|ing)?|spell(ing)? check", "校正 添削 誤字"),
    (r"e-?mails?|mail", "メール"),
    (r"inquir(y|ies)|enquir(y|ies)|questions? from|call cent(er|re)|contact", "問い合わせ 質問"),
    (r"faqs?|frequently asked", "FAQ"),
    (r"garbage|rubbish|trash|waste", "ごみ"),
    (r"manual(s)?|handbook", "マニュアル"),
    (r"subsid(y|ies)|grant(s)?", "補助金"),
    (r"budget(s|ing)?", "予算"),
    (r"polic(y|ies) (planning|making)|planning|plan(s)? for (new )?(projects|policies)",
     "企画 立案 政策"),
    (r"answers? (for|to) (the )?(council|assembly)|council answers?|answer(ing)? drafts?", "答弁"),
    (r"data analysis|analy(s|z)e|analysis", "分析 解析"),
    (r"program(s|ming)?|code|calculation", "プログラム 計算"),
    (r"information gathering|research(ing)? information|search(es|ing)?|collect(ing)? information",
     "情報収集 検索"),
    (r"press releases?|public relations|pr\b|publicity|sns|social media", "広報 SNS"),
    (r"catch ?cop(y|ies)|slogan(s)?", "キャッチコピー"),
    (r"workshop(s)?", "ワークショップ"),
    (r"training(?! data)|seminar(s)?|lecture(s)?|course(s)?|session(s)?", "研修 講習 勉強会 体験会"),
    (r"training data|machine learning|learn(s|ed|ing)?", "学習"),
    (r"platform|system|service|tool", "プラットフォーム システム サービス ツール"),
    (r"cloud", "クラウド"),
    (r"voice|speech recognition|smartphone", "音声 スマートフォン"),
    (r"free( version)?|free of charge|no cost", "無料 無償"),
    (r"paid( version)?|charge|fee|cost(s)?", "有料 有償 費用"),
    # risks and rules
    (r"personal (data|information|info)|private information|privacy", "個人情報"),
    (r"confidential|secret|sensitive|classified|non-?public|undisclosed", "機密 秘匿 非公開"),
    (r"public information|published information|publicly available", "公開"),
    (r"copyright(s|ed)?|intellectual property", "著作権"),
    (r"accura(te|cy)|fact[- ]?check(ing)?|verify facts|correctness|truth|appropriate(ness)?",
     "正確 事実 確認 適切"),
    (r"answers?|repl(y|ies)|responses?|outputs?", "回答 返答 答え 生成"),
    (r"check(s|ed|ing)?|review(s|ed|ing)?|confirm(s|ed|ing)?|inspect", "確認 チェック"),
    (r"record(s|ed|ing)?|log(s|ged|ging)?|report(s|ed|ing)? (usage|use)", "記録 報告"),
    (r"apply|application|register|registration|sign up|request", "申請 届け出"),
    (r"leak(s|age)?|exposure", "漏洩 漏えい 流出"),
    (r"risk(s)?|danger(s)?|concern(s)?", "リスク 懸念 危険"),
    (r"warn(s|ing)?|alert", "警告"),
    (r"external(ly)?|outside|outsiders|outward", "外部 対外"),
    (r"internal(ly)?|in-house|inside", "内部 庁内 社内"),
    (r"security|secure|safe(ty)?", "セキュリティ 安全"),
    (r"network", "ネットワーク"),
    (r"terminal(s)?|pc(s)?|computer(s)?|device(s)?", "端末"),
    (r"time|hours?|minutes? (per|a|each)|minutes saved", "時間 分"),
    (r"save(d|s)?|saving(s)?|reduc(e|ed|tion)|shorten(ed)?|cut", "短縮 削減"),
    (r"how many people|headcount|number of (staff|employees|people)", "人"),
    (r"percent(age)?|share|proportion|ratio", "割 %"),
    (r"television|tv|broadcast", "番組 放送"),
    (r"news(paper)?|media|press", "報道 記事"),
    (r"name(d)?", "名"),
)
_COMPILED = tuple((re.compile(rf"(?<![a-z]){pattern}(?![a-z])", re.I), words.split())
                  for pattern, words in GLOSSARY)


def japanese_terms(question: str) -> list[tuple[str, ...]]:
    """Japanese words for the English domain vocabulary in a question, one group per phrase
    (the words of a group are alternatives: "allow" → 認め / 解禁 / 許可)."""
    return [tuple(words) for rx, words in _COMPILED if rx.search(question)]
