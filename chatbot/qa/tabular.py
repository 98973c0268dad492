"""Composition of a table answer: the lead line that says what the table shows (the top rows with
their counts, the first of a ranking with its figure, how many cases state it), the table itself
with a [n] citation in every cell that comes from a sentence, and the quotes."""
from __future__ import annotations

from chatbot.qa.compose import Answer, Citation, render

_FIGURE = {"staff": ("職員数", "staff"), "period": ("期間", "period"), "time": ("短縮した時間", "time saved"),
           "start": ("開始時期", "start"), "end": ("終了時期", "finish date"), "uses": ("用途の数", "number of uses")}
_STATED_EN = {"staff": "staff count", "time": "time saving", "uses": "use"}      # "the 9 cases that state a staff count"
_GROUP = {"rule": ("ルール", "rules"), "use": ("用途", "uses"), "vendor": ("ベンダー・連携先", "vendors / partners"),
          "status": ("導入段階", "stages"), "region": ("地方", "regions"),
          "level": ("区分", "levels"), "prefecture": ("都道府県", "prefectures")}
_MOST = {("staff", False): ("最も多い", "most"), ("staff", True): ("最も少ない", "fewest"),
         ("period", False): ("最も長い", "longest"), ("period", True): ("最も短い", "shortest"),
         ("time", False): ("最も大きい", "largest"), ("time", True): ("最も小さい", "smallest"),
         ("start", True): ("最も早い", "earliest"), ("start", False): ("最も新しい", "latest"),
         ("end", True): ("最も早い", "earliest"), ("end", False): ("最も遅い", "latest"),
         ("uses", False): ("最も多い", "largest"), ("uses", True): ("最も少ない", "smallest")}


def _in(where: str) -> str:
    """" in Kanto" — once, however the scope is worded ("in Kanto (関東)", "prefectures")."""
    return "" if not where else f" {where}" if where.startswith("in ") else f" in {where}"


def table_answer(found, cites: list[Citation], where: str, when: str, share: bool = False) -> Answer:
    """The answer of a table: its lead line, one line per row (cells with their [n]), the quotes;
    with ``share`` (「…の割合は？」) a tally's lead gives each top row's share of the cases."""
    request = found.request
    q, t, lang = request.q, request.table, request.q.lang
    marker = {(c.case_id, c.sentence): c.marker for c in cites}
    title = {c.case_id: c.case for c in cites}

    def cell(key: str, text: str, quotes) -> str:
        ns = [marker.get((key.split(":", 1)[1], x.n)) for x in quotes]
        refs = "".join(f"[{n}]" for n in ns if n)
        return f"{text} {refs}" if refs else text

    ja = lang == "ja"
    if t.kind.value == "aggregate":
        name = _GROUP[t.group][0 if ja else 1]
        columns = [name, "件数" if ja else "Cases", "事例" if ja else "Which"]
        rows = [[row.label, row.value, ("、" if ja else ", ").join(cell(k, txt, x) for k, txt, x in row.cells)]
                for row in found.rows]
        pct = {row.label: f"、約{round(100 * int(row.value) / found.stated)}%" if ja else
               f", about {round(100 * int(row.value) / found.stated)}%" for row in found.rows} \
            if share and found.stated else {}
        top = ("、" if ja else "; ").join(
            (f"{row.label} {row.value}件（{pct[row.label][1:]}）" if pct else f"{row.label} {row.value}件") if ja else
            f"{row.label} ({row.value}{pct.get(row.label, '')})" for row in found.rows[:3])
        of = (f"のうち「{found.label}」の事例" if where else f"「{found.label}」の事例") if found.label else ""
        head = (f"記事の{where or ('' if of else '事例')}{of}（{found.stated}件）で{'少ない' if t.ascending else '多い'}{name}は、{top}です。"
                if ja else
                f"The {'least' if t.ascending else 'most'} common {name} among the article's cases"
                f"{f' ({where})' if where else ''}{f' with {found.label!r}' if found.label else ''} "
                f"({found.stated}): {top}.")
    elif t.kind.value == "rank" and t.per:
        name = (t.header or _FIGURE[t.figure])[0 if ja else 1]
        most = _MOST[("staff" if t.header else t.figure, t.ascending)][0 if ja else 1]
        group = _GROUP[t.per][0 if ja else 1]
        columns = [group if ja else group.capitalize(), "事例" if ja else "Case", name if ja else name.capitalize()]
        rows = [[row.label, ("、" if ja else ", ").join(title.get(k.split(":", 1)[1], txt) for k, txt, _ in row.cells),
                 row.value + " " + "".join(cell(k, "", xs).strip() for k, _, xs in row.cells)] for row in found.rows]
        head = (f"{where + 'について、' if where else ''}{group}ごとに、{name}が{most}事例を示します"
                f"（{name}を記載している{found.stated}件から。同じ時期・値の事例は並べて示します）。" if ja else
                f"The {most} {name} in each {group[:-1]}{_in(where)}, from the {found.stated} cases that state "
                f"one (cases tied are shown together):")
        if t.which:                            # "Which region started earliest?": that region first
            head = _first_group(found, rows, f"{name}が{most}{group}は" if ja else f"{most} {name}", ja) + head
        head = _claimed(found, marker, title, ja) + head
    elif t.kind.value == "rank":
        name = (t.header or _FIGURE[t.figure])[0 if ja else 1]      # a unit's count: its own header
        most = _MOST[("staff" if t.header else t.figure, t.ascending)][0 if ja else 1]
        columns = ["順位" if ja else "Rank", "事例" if ja else "Case", name]
        rows = [[str(i), row.label, cell(*row.cells[0])] for i, row in enumerate(found.rows, start=1)]
        first = found.rows[0]
        head = (f"{where + 'で' if where else ''}{name}が{most}のは{first.label}（{cell(*first.cells[0])}）です。"
                f"{name}を記載している{found.stated}件を順に示します（記載のない事例は順位に入れていません）。"
                if ja else
                f"{first.label} has the {most} {name} ({cell(*first.cells[0])}){_in(where)}. "
                f"The {found.stated} {'case that states' if found.stated == 1 else 'cases that state'} "
                f"a {name if t.header else _STATED_EN.get(t.figure, name)}, "
                f"in order (cases that state none are not ranked):")
        head = _claimed(found, marker, title, ja) + head
    elif t.kind.value == "timeline":
        columns = ["月" if ja else "Month", "件数" if ja else "Cases", "事例" if ja else "Which"]
        rows = [[row.label, row.value, ("、" if ja else ", ").join(cell(k, txt, x) for k, txt, x in row.cells)]
                for row in found.rows]
        peak = max(found.rows, key=lambda r: int(r.value))
        head = (f"{where + 'の' if where else ''}開始時期を記載している{found.stated}件を月別に見ると、"
                f"最初は{found.rows[0].label}、最も多いのは{peak.label}（{peak.value}件）です。" if ja else
                f"By the month they started{f' ({where})' if where else ''}: the {found.stated} cases that "
                f"state it begin in {found.rows[0].label}; most started in {peak.label} ({peak.value}).")
    else:
        names = [title.get(k.split(":", 1)[1], k.split(":", 1)[1]) if ":" in k else k
                 for k, _, _ in found.rows[0].cells] if not found.label else found.label.split(" / ")
        columns = ["観点" if ja else "Aspect", *names]
        rows = [[row.label, *(cell(k, txt, x) if k else txt for k, txt, x in row.cells)] for row in found.rows]
        head = (f"{'と'.join(_grouped(found, title, ja) or names)}を比べると次のとおりです（記載のない観点は「記載なし」）。"
                if ja else f"{' and '.join(_grouped(found, title, ja) or names)} side by side (an aspect a case "
                           f"does not state says so):")
        if found.common is not None:           # 「共通点は？」: what every case compared states
            head += "\n" + (("共通して記載があるのは：" + "、".join(found.common) + "。") if ja and found.common else
                             "記事の記載では、全事例に共通する項目はありません。" if ja else
                             ("All of them state: " + "; ".join(found.common) + ".") if found.common else
                             "The article states nothing all of them share.")
        for row in rows[:found.asked]:         # the aspect asked, case by case, in the lead
            head += ("\n" + f"{row[0]}：" + "、".join(f"{n} {c}" for n, c in zip(names, row[1:])) if ja else
                     "\n" + f"{row[0]}: " + "; ".join(f"{n} {c}" for n, c in zip(names, row[1:])))
    lines = [head] + [" ｜ ".join(r) if ja else " | ".join(r) for r in [columns] + rows]
    cases = [[marker[(k.split(":", 1)[1], x.n)] for k, _, xs in row.cells for x in xs
              if (k.split(":", 1)[1], x.n) in marker] for row in found.rows]
    text = render(q.text, t.kind.value, cites, lang, heading="\n".join(lines), as_of=when)
    return Answer(q.text, text, tuple(cites), (), lang, t.kind.value, when,
                  table={"columns": columns, "rows": rows, "cases": cases})


def _grouped(found, title, ja: bool) -> list[str]:
    """The places a comparison named, each with the cases it stands for: 「大阪府（大阪市・枚方市・
    門真市）」 beside 「神戸市」 (a place that is one case is named as asked)."""
    out = []
    for name, keys in found.groups:
        shown = [title.get(k.split(":", 1)[-1], k.split(":", 1)[-1]) for k in keys]
        if len(keys) == 1 and shown[0].endswith(name):
            out.append(shown[0])
        elif not keys:
            out.append(f"{name}（記事に事例なし）" if ja else f"{name} (no case in the article)")
        else:
            out.append(f"{name}（{'・'.join(shown)}）" if ja else f"{name} ({', '.join(shown)})")
    return out


def _first_group(found, rows: list, said: str, ja: bool) -> str:
    """The lead of a ranking of groups: the group (tied: groups) whose first comes first, with its
    case and figure — 「開始時期が最も早い地方は北陸・甲信越（新潟県、2023年4月 [2]）です。」."""
    tops = [row for row, r in zip(rows, found.rows) if r.value == found.rows[0].value]
    if ja:
        return said + "、".join(f"{row[0]}（{row[1]}、{row[2]}）" for row in tops) + "です。"
    return "; ".join(f"{row[0]} ({row[1]}, {row[2]})" for row in tops) + f" {'have' if len(tops) > 1 else 'has'} the {said}. "


def _claimed(found, marker, title, ja: bool) -> str:
    """「記事で全国初の導入とされているのは横須賀市です [n]。」 before a ranking of starts, when a
    case says so in its own words (it may state no month, so the ranking alone would miss it)."""
    named = {}
    for x in found.claims:
        if (key := x.key.split(":", 1)[1]) in title and (n := marker.get((key, x.n))):
            named.setdefault(title[key], []).append(f"[{n}]")
    if not named:
        return ""
    who = [f"{name} {''.join(ns)}" for name, ns in named.items()]
    return (f"記事で「初」の導入とされているのは{'、'.join(who)}です。" if ja else
            f"The article says {', '.join(who)} {'was' if len(who) == 1 else 'were'} the first to adopt it. ")


__all__ = ["table_answer"]
