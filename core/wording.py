"""Question wording as data: the shape of ``core/domain/questions.toml`` and its validating reader
(intent, level and kind words, scope phrases, answer types, figure conditions, the lead line)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from core.datafile import QUESTION_FLAGS, KnowledgeError, compile_regex, keys_of, read_toml, strings

@dataclass(frozen=True)
class AnswerType:
    """A kind of answer: `ask` finds it in a question, `find` in a sentence that may hold it."""

    name: str
    ask: re.Pattern
    find: re.Pattern
    rank: re.Pattern | None = None      # a unit: the noun a ranking by it names (「最も多くの部署」)
    label: tuple[str, ...] = ()         # a unit: its column header, Japanese and English


@dataclass(frozen=True)
class Questions:
    count: re.Pattern
    list: re.Pattern
    cases: re.Pattern                   # the thing counted or listed is cases, not a detail
    every: re.Pattern                   # "list all": every case, even next to a named place
    all_of: re.Pattern                  # "both A and B": the cases with every facet it names
    any_of: re.Pattern                  # "A or B" (one kind): the cases with any facet it names
    each_of: re.Pattern                 # "A, and B" (two kinds): the cases with each facet it joins
    stopped: re.Pattern                 # "stopped using it", 「やめた」: a use ended (question and sentence)
    after: re.Pattern                   # 「試行を経て本格導入に」: two stages as a sequence, the later asked
    about_cases: re.Pattern             # 「事例について教えて」: names the cases, asks nothing of them
    negated: re.Pattern                 # 「使わない」, "not yet decided": what a list asks is not done
    needs: re.Pattern                   # 「受けないと使えない」: a requirement, not a negation
    unused: re.Pattern                  # 「…には使用禁止」 right after a thing: no use is made of it
    levels: tuple[tuple[str, re.Pattern], ...]
    kinds: tuple[tuple[str, re.Pattern], ...]   # municipality suffix → pattern
    including: re.Pattern
    excluding: re.Pattern
    region_suffix: re.Pattern
    within: re.Pattern                  # after a prefecture's name: the places in it (「神奈川県で…ところは？」)
    firsts: re.Pattern                  # 「県内初」, 「23区初」: where a case was the first
    quantity: re.Pattern
    answer_types: tuple[AnswerType, ...]
    units: tuple[AnswerType, ...]       # what a "how many" counts in (people, items, departments …)
    topic_ja: re.Pattern
    topic_en: re.Pattern
    lead_endings: re.Pattern
    conditions: dict[str, re.Pattern]   # figures a list is filtered by (see questions.toml)
    conversation: dict[str, re.Pattern]  # narrow, back, swap, widen, asks, thing (follow-ups)
    tables: dict[str, re.Pattern]       # questions about all the cases at once
    months: tuple[str, ...]             # English month names, January first
    numbers: tuple[str, ...]            # English number words, one first


def read_questions(path: Path) -> Questions:
    data = read_toml(path)
    shape = {"intent": {"count", "list", "cases", "about_cases", "every", "all_of", "any_of", "each_of", "after", "stopped", "negated", "needs", "unused"}, "level": {"国", "都道府県", "市区町村"},
             "kind": {"市", "区", "町", "村", "政令市"}, "scope": {"including", "excluding", "region_suffix", "within", "firsts"},
             "topic": {"ja", "en"}, "lead": {"endings"},
             "conversation": {"narrow", "those", "back", "swap", "widen", "asks", "thing", "others", "alike", "new",
                             "not_only", "same_prefecture", "ordinal", "restore", "adding", "rest",
                             "lacking_after", "lacking_before", "thanks", "ack", "greeting", "listed", "opposite", "negated",
                             "other_one", "which_one", "correct", "earlier", "which_few", "asker",
                             "introduce", "resume", "instead", "meant", "nearby", "pick", "tell", "who_does", "alike_span", "limit",
                             "original", "adding_back", "countrywide", "left",
                             "leaving_after", "leaving_before"},
             "tables": {"compare", "timeline", "aggregate", "rank", "ascending", "figure_staff",
                        "figure_time", "figure_period", "figure_end", "figure_start", "group_rule", "group_use",
                        "group_vendor", "group_status", "group_region", "group_prefecture", "per_region", "per_prefecture", "which_region", "each", "tally", "fewest", "what", "rank_uses", "share", "exclusive", "local",
                        "latest", "many", "adopted", "whole", "common", "when_started", "uses_asked"},
             "conditions": {"staff_at_least", "staff_below", "ends_in", "starts_in", "starts_after", "starts_before", "starts_by", "starts_in_year", "lasts", "lasts_at_least", "lasts_over", "lasts_below", "lasts_at_most",
                            "case_end", "case_start", "asks_start", "recurring", "refers_back", "place_building", "case_start_year", "case_length", "figure", "months",
                            "numbers"}}
    keys_of(data, set(shape) | {"answer", "units"}, str(path))
    for table, keys in shape.items():
        keys_of(data.get(table, {}), keys, f"{path} [{table}]")
        missing = keys - set(data.get(table, {}))
        if missing:
            raise KnowledgeError(f"{path} [{table}]: missing {', '.join(sorted(missing))}")

    def rx(table, key):
        return compile_regex(data[table][key], f"{path} [{table}] {key}")

    answer = data.get("answer", {})
    if not isinstance(answer.get("quantity"), str):
        raise KnowledgeError(f"{path} [answer]: needs quantity (a regex)")
    types = []
    for name, spec in answer.items():
        if name == "quantity":
            continue
        where = f"{path} [answer.{name}]"
        if not isinstance(spec, dict):
            raise KnowledgeError(f"{where}: expected a table with ask and find")
        keys_of(spec, {"ask", "find"}, where)
        if set(spec) != {"ask", "find"}:
            raise KnowledgeError(f"{where}: needs ask and find")
        types.append(AnswerType(name, compile_regex(spec["ask"], f"{where} ask", QUESTION_FLAGS),
                                compile_regex(spec["find"], f"{where} find")))
    units = []
    for name, spec in data.get("units", {}).items():
        where = f"{path} [units.{name}]"
        if not isinstance(spec, dict) or not {"ask", "find"} <= set(spec) <= {"ask", "find", "rank", "label"} \
                or ("rank" in spec) != ("label" in spec):
            raise KnowledgeError(f"{where}: needs ask and find (and optionally both rank and label)")
        label = spec.get("label", [])
        if not isinstance(label, list) or len(label) not in (0, 2) or not all(isinstance(x, str) for x in label):
            raise KnowledgeError(f"{where}: label must be [Japanese, English]")
        units.append(AnswerType(name, compile_regex(spec["ask"], f"{where} ask", QUESTION_FLAGS),
                                compile_regex(spec["find"], f"{where} find"),
                                compile_regex(spec["rank"], f"{where} rank", QUESTION_FLAGS) if "rank" in spec else None,
                                tuple(label)))
    return Questions(rx("intent", "count"), rx("intent", "list"), rx("intent", "cases"),
                     rx("intent", "every"), rx("intent", "all_of"), rx("intent", "any_of"), rx("intent", "each_of"),
                     rx("intent", "stopped"), rx("intent", "after"), rx("intent", "about_cases"), rx("intent", "negated"),
                     rx("intent", "needs"), rx("intent", "unused"),
                     tuple((level, rx("level", level)) for level in data["level"]),
                     tuple((kind, rx("kind", kind)) for kind in data["kind"]),
                     rx("scope", "including"), rx("scope", "excluding"), rx("scope", "region_suffix"),
                     rx("scope", "within"), rx("scope", "firsts"),
                     compile_regex(answer["quantity"], f"{path} [answer] quantity"), tuple(types),
                     tuple(units),
                     rx("topic", "ja"), rx("topic", "en"), rx("lead", "endings"),
                     {name: compile_regex(value, f"{path} [conditions] {name}", QUESTION_FLAGS)
                      for name, value in data["conditions"].items() if isinstance(value, str)},
                     {name: compile_regex(value, f"{path} [conversation] {name}", QUESTION_FLAGS)
                      for name, value in data["conversation"].items()},
                     {name: compile_regex(value, f"{path} [tables] {name}", QUESTION_FLAGS)
                      for name, value in data["tables"].items()},
                     tuple(strings(data["conditions"]["months"], f"{path} [conditions] months")),
                     tuple(strings(data["conditions"]["numbers"], f"{path} [conditions] numbers")))




__all__ = ["AnswerType", "Questions", "read_questions"]
