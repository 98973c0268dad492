"""The answer policy's thresholds in one object, keyed to the embedding model where they depend
on it (a cosine floor tuned for e5 means nothing for another model).

Each value says what measured it. Change them only against ``chatbot eval`` on the tuning set
(``tests/qa/questions.jsonl``), never the held-out set.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

E5 = "e5:multilingual-e5-small-q4"


@dataclass(frozen=True)
class Policy:
    # Retrieval.
    rrf_k: int = 60                 # reciprocal-rank fusion constant (Cormack et al. 2009)
    dense_depth: int = 120          # sentences asked from Chroma per question
    # How deep the lexical ranking and the case list go. Past these ranks a passage adds less
    # than 1/(rrf_k + depth) to a case, far below any case an answer cites; they bound the
    # work per question as the corpus grows (the article's 285 sentences never reach them).
    lexical_depth: int = 300        # best BM25 sentences fused
    case_depth: int = 100           # cases a search returns
    # Which cases are cited.
    max_fact_cases: int = 3         # a fact answer cites at most this many cases
    max_each_cases: int = 8         # a detail asked of the cases on screen ("each of them") answers this many
    verbatim_cases: int = 3         # a facet's list adds the cases (at most this many) that write a
                                    # four-kanji compound of the question word for word
    min_coverage: float = 0.5       # share of the question's idf-weighted words a cited case holds
    relative_cutoff: float = 0.75   # a further case must score this share of the best one
    # Model-dependent: cosine similarity above which a sentence is about the question even when
    # none of its words are (questions made only of generic words). e5-small: 0.83 separated
    # the tuning set's answerable from its off-topic questions.
    dense_floor: float = 0.83
    # Lists over any topic (`chatbot.qa.evidence.support`): a sentence supports a "which …"
    # question when it holds list_share of its idf-weighted words, or list_share_low of them
    # and is as close in meaning as list_dense (e5-small cosine; 0.91 kept every tuning set's
    # no-answer questions unanswered, 0.86 let three through).
    list_share: float = 0.5
    list_share_low: float = 0.3
    list_dense: float = 0.91
    # When that finds no case, a sentence still supports the question when it holds near_share
    # of its words and its cosine is within near_gap of the scope's nearest sentence. Tuning
    # lists left empty: the answering sentence 0.000–0.024 from the nearest, share ≥ 0.44 (one
    # 0.38); no-answer questions (questions.jsonl, tune next month): 0.33 and 0.39 within the
    # gap (「費用の金額を公表」 → 費用 only; 「消費生活センター」 → another センター), so 0.4.
    near_share: float = 0.4
    near_gap: float = 0.025
    # ...and near_share_low of them when less than near_unwritten of its weight is in topics no
    # case writes: the words the sentence lacks are then the question's paraphrase of what it
    # says (「専門のチームを作った」 for 「AI活用検討チーム」を設置), not a topic the article lacks
    # (the no-answer questions above: 0.42 and more of their weight unwritten).
    near_share_low: float = 0.3
    near_unwritten: float = 0.4
    # When even that finds no case, the one case whose sentence is nearest to the question once
    # the sentences' mean direction is removed (centered cosine), at least centered_gap ahead of
    # every other case's and holding a noun of the question (`chatbot.qa.evidence.centered`).
    # Tuning lists left empty (open lists 2–14, questions.jsonl): 6 such winners at 0.07 or
    # more, all gold; no-answer questions holding a noun of theirs: 0.066 and 0.055 at most.
    centered_gap: float = 0.07
    # When even that finds none, a Japanese question whose topic words no case writes gets that
    # nearest case when its sentence says each such word in other words: among the
    # paraphrase_cases cases nearest (centered) to the word alone, at paraphrase_dense or more
    # (`chatbot.qa.evidence.centered.by_paraphrase`). Tune open lists 14/18: 残業 → 「長時間勤務」
    # .207, 相性 → 「親和性」 .253, ポイント → 「論点」 .156; no-answer questions' words to their
    # nearest sentence: 料金 .211 (with 水道 .138, 3rd), the rest .14 or less or further down.
    paraphrase_cases: int = 2
    paraphrase_dense: float = 0.15
    # When even that finds none, the one sentence nearest to the question in plain cosine, when
    # it holds the question's rarest written noun (written by one_rare_cases of the cases or
    # fewer) and one_share of its words (`chatbot.qa.evidence.nearest.by_nearest_one`). Tuning
    # lists left empty (open lists 2–21, none 2–3, questions.jsonl): 7 such sentences of a gold
    # case; of the others, none held .15 with a noun that rare (実際 of 「実際に起きた」 says how).
    one_rare_cases: float = 1 / 3
    one_share: float = 0.15
    # When no case answers, the cases the search ranks first that hold related_share of the
    # question's words are offered to read (never cited, never counted): a list the words missed
    # is then one click away (tuning lists and facts left empty: a gold case among them in 9 of 19).
    related_share: float = 0.3
    related_max: int = 3
    verb_weight: float = 0.5        # a Japanese question's verbs weigh this share of a noun
    # ...and, where a list is decided sentence by sentence, at most verb_cap of its nouns' mean
    # weight when it has two nouns or more: a verb no case writes (狙う, 良くする) is how it is
    # asked, not what (`evidence.how_said`; s15 split-half, single-question lists: recall A
    # .818→.821, B .794→.795, precision A .783→.783, B .752→.755).
    verb_cap: float = 0.5
    # A row holding only the members of an English word's group that JMdict glosses with none of
    # the question's words (定期 for "contracts", 会社 for "workplace") holds this share of its weight.
    loose_member: float = 0.4
    # A compound the question writes (「デジタル戦略」) that a sentence in scope writes too: its
    # words weigh this share in a sentence holding them apart or alone (「デジタル庁…AI戦略」);
    # 0.4 keeps such a sentence under list_share, and one with the question's other words over it.
    compound_apart: float = 0.4
    # A facet the question names covers it unless its other words, rare among the facet's
    # cases (held by fewer than narrow_df of them), weigh narrow_weight of the question or more
    # ("free trials" is narrower than 'Trial / pilot'); a supporting sentence then holds
    # narrow_share of those words.
    narrow_df: float = 0.3
    narrow_rare: float = 0.15       # and that at most this share of all cases use
    # A facet's list keeps the cases whose quoted sentence holds the question's rarest noun beyond
    # the facet (one narrow_rare of all cases write) when at most this share of its cases' quotes
    # hold it (`by_quoted_part`): 画像 in one of the ten 'Copyright' sentences. Tuning (split
    # halves, session 15): 0.5 beside 0.34 and 0.67.
    quoted_part_share: float = 0.5
    narrow_weight: float = 0.3
    narrow_share: float = 0.5
    # ... and a label word asked alone narrows it to the cases that write it when at most this
    # share of the article's cases do (2 of 62: 講習 of 研修・講習の実施; not 研修, which five
    # write; a share, so a copy of the article 160 times over reads it the same)
    narrow_one: float = 0.035
    # A list keeps the cases that write a rare word the question ties to a commoner word of its
    # own (「窓口で市民に対応する」, 「組織で判断」), when one of them writes the two within
    # qualifier_window words of a sentence (`chatbot.qa.evidence.qualifier`): rare is at most this
    # share of the article's cases (2 of 62). Split halves (session 16): single-question lists
    # precision A .7899 → .7922, B .7670 → .7686 (recall A the same, B −.0005); 0.06 (3 of 62)
    # lost recall on both halves (A −.0016, B −.0015) for no more precision; a window of 2 or 8
    # words moved the same rows in a simulation on the article's lists.
    qualifier_rare: float = 0.04
    qualifier_window: int = 4
    # A facet's list of at least this many cases is narrowed to the few of them that write the
    # rare words the question asks beyond it (`evidence.rare_part`): the over-broad answers of
    # the tuning sets listed six or more cases beyond gold (52 of 1,218 list questions)
    rare_part_min: int = 6
    # ... unless those words are all verbs fewer than verb_narrow of the facet's cases write: what
    # was done (「作った」「決めた」), which the article writes as 策定 or 定める (one it writes
    # as a noun, 見直す → 見直し, or in several cases, 「本格導入をめざす」, still narrows).
    verb_narrow: int = 2
    # ... and a word of the facet's own label narrows it when at least this many of its cases hold it
    label_narrow: int = 2
    # A Japanese question's word at most this many cases write reads the glossary's other words
    # for it that as few cases write and that share a kanji with it (無償 → 無料, not SNS → 広報):
    # the article says it its own way.
    sibling_rare: int = 2
    # A Japanese question's noun few cases write whose JMdict synonym at least this share of the
    # cases write (仕事 → 業務) is read with it: the article's everyday word, not a rare topic.
    everyday_share: float = 0.5
    # A Japanese question's verb the article never writes reads the nouns in kanji it writes that
    # JMdict glosses with the same English (増える, 増加: "increase") and whose e5 cosine to it is
    # gloss_dense or more, at most gloss_words of them. 0.92 keeps 増加 for 増える (.94), drops
    # 返答 for 答える (.90: 「観光についての質問に答える」 is no いわき市's 「返答時間」) and 策定
    # for 決める (.85). Nouns are left as they are: their glosses' words read wider (手助け → サービス).
    gloss_dense: float = 0.92
    gloss_words: int = 3
    gloss_rare: float = 0.15        # ... each written by at most this share of the cases
    # A Japanese noun the article never writes reads the article's words in kanji that share a
    # kanji with it, at most sibling_rare cases write and whose e5 cosine to it is kin_dense or
    # more (`read.spelling.with_kin`). 0.94 keeps 妊娠 for 妊婦 (.955), 創業 for 起業 (.948), 応答
    # for 応対 (.946); drops 応用 for 応対 (.924), 消火 for 噴火 (.917), 作業 for 残業 (.91).
    kin_dense: float = 0.94
    # A facet is beside the question (a word of it named the facet in passing: "nursery school"
    # → 'Schools / education') when the question's other words weigh beside_weight of it and no
    # case of the facet holds any of them; its words then decide.
    beside_weight: float = 0.5
    # A facet whose words weigh less than facet_cover of the question is too broad for it: the
    # question's words decide when some sentence holds them.
    facet_cover: float = 0.2
    # A facet too broad for the question or beside it, when no sentence says the question's own
    # words and words no case writes weigh unwritten_share of it: no such case, not the facet;
    # nor is an empty English list then filled with the nearest sentences (`by_nearest`).
    unwritten_share: float = 0.5
    # An English list left with one common word (`chatbot.qa.evidence.common_word`): when
    # common_unwritten of the question's weight is in words no case writes (missing, or nouns the
    # reader dropped), a case listed only for words (not a facet) common_share of the cases write is
    # no answer (tune english_common and its misses: the leftover word 住民 14/62 cases; the rarer
    # words that still answer, 予算 3, 外国 1).
    common_unwritten: float = 0.5
    common_share: float = 0.1
    # Of several facets a question names, the list is built from those whose evidence holds
    # (on average) within this share of the best one's of the question's words, the rarest first.
    facet_said_margin: float = 0.15
    facet_said_sample: int = 300    # cases per facet read to weigh it (every case of the article)
    # Which sentences of a case are quoted (`chatbot.qa.select`): a weighted sum of
    quote_lexical: float = 1.0      # the share of the question's idf-weighted content words held
    quote_dense: float = 0.5        # the cosine to the question, min–max within the case
    quote_type: float = 1.2         # the share of the asked answer types held (a count, a date, …);
                                    # above quote_lexical: the sentence that holds the asked kind of
                                    # answer outranks one that only repeats the question's words
                                    # (「どの部署が…試験運用」: 企画政策課, not 「試験運用を開始」)
    quote_evidence: float = 0.3     # being the evidence of a facet the question names
    quote_carry: float = 0.5        # a fact question's words the sentence before holds, counted for a
                                    # sentence that refers back to it (「これを3割減らす目標」 after
                                    # 「食品ロスは年間約1,700トン」): its topic is there, at this weight
    quote_share: float = 0.6        # a further quote must score this share of the case's best
    untyped_quote_share: float = 0.3  # … or this share, when the question asks no answer type the
                                    # cues know: its best sentence won on shared words and nearness
                                    # alone (「試験」 for "the dates of the trial"), so the next ones
                                    # are quoted with it (session 15, fact sets, single questions:
                                    # fact text A .983 → .986, B .971 → .976, nothing lower)
    max_quotes: int = 3             # quotes of a single named case
    # Answer types a named case must state for the question to be answered at all: asked "how
    # many / how much time / what share / how much money" of a case that states no such figure,
    # the article does not say. Dates and periods are left out: 「来年度」 answers "when" and
    # 「7月から9月末まで」 or 「期間は未定」 answer "how long" without the asked unit.
    # A company or service asked of a case that names none and says nothing of who supplies it
    # or where it runs is not stated either (issue 16: 「提供会社はどこ？」 of a case with no word of it),
    # nor a change asked of a case that states none (「事故はどれだけ減った？」 of a plan not yet begun).
    stated_types: tuple[str, ...] = ("count", "time", "share", "price", "date", "org", "change")
    # Asked of each case on screen (「期間は？」 after a list), a period is stated or not as plainly:
    # the cases that give none are named on one line, not quoted with a sentence of something else.
    each_stated_types: tuple[str, ...] = stated_types + ("duration",)
    # When the asked kind is not stated, a related statement that is about what was asked
    # answers in its stead: a share or a count for "how much time was saved" (「約4割削減」), a
    # share for "how many", a period for "when", a change from one figure to another for "how much
    # shorter" or 「何割減った」 (「約1,200字から約600字に減り」). Only when no sentence is about it at all does
    # the answer say the case does not state it.
    # A sentence that speaks of the asked thing without its figure (「費用面などを検証」 for "how
    # much will it cost", 「業務時間が短縮された」 for "how much time") is such a statement too:
    # the topic types (`core/domain/questions.toml`, never asked) say what it is about.
    # (A period is not a stated type — "how long does it take" is often a time — but a start or
    # an end is the clause an answer line shows when a case gives no length: 「5月中に…始め」.)
    related_types: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("time", ("share", "change", "count", "duration", "saving", "date")), ("count", ("share",)),
        ("share", ("count", "change")),
        ("date", ("duration", "until")), ("duration", ("date", "until")), ("price", ("cost",)), ("org", ("platform",)))
    topic_types: tuple[str, ...] = ("cost", "saving", "platform")
    related_about: float = 0.3      # the share of the question's words a related statement holds,
                                    # unless it is a topic type's, or a count in the asked unit
                                    # (「28人の職員」 for "what share of staff")

    def related_to(self, asks: tuple[str, ...]) -> tuple[str, ...]:
        """The answer kinds related to the asked ones (``related_types``), in order, once each."""
        return tuple(dict.fromkeys(t for asked, near in self.related_types if asked in asks for t in near))


# Embedding model ("backend:model", as recorded in the index) → its policy.
POLICIES: dict[str, Policy] = {
    E5: Policy(),
}


def policy_for(model: str) -> Policy:
    """The policy of an embedding model; models nobody measured get the e5 values, except that
    dense similarity alone is never enough to cite a case (their cosine scale is unknown), nor
    is their nearest sentence with a noun of the question (`by_nearest_one`)."""
    return POLICIES.get(model) or replace(Policy(), dense_floor=1.01, gloss_dense=1.01, kin_dense=1.01,
                                          one_share=1.01)


__all__ = ["E5", "POLICIES", "Policy", "policy_for"]
