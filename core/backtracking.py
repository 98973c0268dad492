"""Patterns that cannot hold the interpreter: every knowledge regex is checked when it is loaded.

Python's `re` backtracks. Two quantifiers that can take the same characters, side by side or one
inside the other, make a search cubic or exponential in the length of the text:
``\\s*(千|万)?\\s*人`` took 4.4 s on 2,000 spaces and 23 s on 4,000, and the interpreter lock is
held all that time (issue 18). Two checks refuse such a pattern, naming the file and the entry:

- `structure` (every pattern, every load; 40 ms for the package's ~1,000) reads the parsed
  pattern and refuses two unbounded quantifiers that can take the same character with only
  optional items between them — side by side (``\s*(千|万)?\s*``) or across the repetitions of
  an outer one (``(a+)+``, ``(\w+\s?)*``, but not ``(,\d+)*``) — and a quantifier over
  something that can match nothing (``(a?)*``).
- `timed` (a site's own files, and the package's in tests/test_backtracking.py) searches
  adversarial texts — long runs of white space, digits, 人, kana, Latin letters and of each
  character the pattern names — and refuses a pattern that takes longer than a budget a
  linear search meets many times over, or whose time grows with the square of the text: a
  pattern that starts with a run (``\d+割``, ``[ァ-ヶー]{3,}が提供する``) is tried from every
  character of a long run unless it may only start where the run starts (``(?<!\d)\d+割``);
  23 of the package's patterns did, up to 6 s on 10,000 digits.

Why not google-re2 (linear by construction)? It installs from PyPI, but it has no look-around,
and 36 of the package's ~1,400 patterns need one (「県(?!内)」, 「(?<![市町村])県」, 「試験(?!問題)」,
every glossary term's word boundary); its ``\\w`` / ``\\b`` / ``\\d`` are ASCII-only where the case
patterns rely on Unicode classes. Running two engines would double every caller's match API.
"""
from __future__ import annotations

import re
import time
from functools import cached_property
from re import _compiler, _constants as C, _parser   # the parsed form `re` itself compiles

# A quantifier that may take more than this many characters counts as unbounded: two bounded
# ones side by side cost at most LARGE² steps per position, which stays linear in the text.
LARGE = 50
# Characters every pattern is probed with; each character the pattern names is added.
_PROBES = " \t\n0 9,.-_aZz%(「」、。・ーあアン人市県都区町村万千一"
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
_MAY_REPEAT = re.compile(r"[*+]|\{[0-9]*,[0-9]*\}|\\[1-9]|\(\?P=")   # or a back-reference
_ONE_CHAR = (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN)
# The timed check: texts of this length, and the time one search may take on one of them. A
# linear search takes microseconds, a quadratic one (a quantifier scanning a long run from each
# start) ~30 ms at most; the cubic patterns of issue 18 took 0.6 s here.
TIMED_LENGTH = 1000
TIMED_BUDGET = 0.15
# A search slower than GROWTH_FROM on TIMED_LENGTH characters is timed again on the two longer
# texts: four times the text may take about four times as long, not sixteen (quadratic). A
# quadratic run of one character class (「[ァ-ヶー]{3,}が提供する」) takes 0.6 ms on 1,000
# characters and 60 ms on 10,000 on a quiet machine: a gate of 1 ms and a floor of 50 ms let it
# through there, so the gate is 0.2 ms and the 10,000-character search must exceed GROWTH_LONG.
GROWTH_FROM = 0.0002
GROWTH_LONG = 0.02
_GROWTH_LENGTHS = (2500, 10000)
_LENGTHS = (8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1000)


class Backtracking(ValueError):
    """A pattern that can backtrack for a long time; the message says where."""


def structure(rx: re.Pattern) -> None:
    """Refuse nested or adjacent unbounded quantifiers that can take the same characters.

    Raises:
        Backtracking: the message names the two quantifiers' characters.
    """
    if not _MAY_REPEAT.search(rx.pattern):    # most patterns: words and bounded classes only
        return
    parsed = _parser.parse(rx.pattern, rx.flags)
    _Reader(parsed).sequence(parsed.data)


def timed(rx: re.Pattern, budget: float = TIMED_BUDGET, length: int = TIMED_LENGTH) -> float:
    """The slowest search of rx over adversarial texts, in seconds.

    Each text grows in small steps up to length, so an exponential pattern is stopped at a
    few dozen characters instead of running for ever (a search cannot be interrupted).

    Raises:
        Backtracking: a search took longer than budget (twice, so a busy machine is not blamed),
            or its time grew with the square of the text.
    """
    worst = 0.0
    for unit in _units(rx):
        for n in _LENGTHS:
            if n > length:
                break
            text = (unit * n)[:n] + "\x00"
            took = _search_time(rx, text)
            if took > budget:
                took = min(took, _search_time(rx, text))
                if took > budget:
                    raise Backtracking(f"a search of {n:,} characters ({unit!r} repeated) took "
                                       f"{took:.2f} s (budget {budget:.2f} s)")
            worst = max(worst, took)
        if length >= TIMED_LENGTH and took > GROWTH_FROM:
            _grows_linearly(rx, unit)
    return worst


def _grows_linearly(rx: re.Pattern, unit: str) -> None:
    short, long = (min(_search_time(rx, (unit * n)[:n] + "\x00") for _ in range(2))
                   for n in _GROWTH_LENGTHS)
    if long > GROWTH_LONG and long > 9 * short:
        raise Backtracking(f"a search of {_GROWTH_LENGTHS[1]:,} characters ({unit!r} repeated) took "
                           f"{long:.2f} s, {long / short:.0f} times one of {_GROWTH_LENGTHS[0]:,} "
                           f"(it grows with the square of the text)")


def adversarial(rx: re.Pattern, length: int = TIMED_LENGTH) -> list[str]:
    """The longest texts `timed` searches: runs of each character, and of a few pairs."""
    return [(unit * length)[:length] + "\x00" for unit in _units(rx)]


def _units(rx: re.Pattern) -> list[str]:
    chars = sorted(_alphabet(_parser.parse(rx.pattern, rx.flags)))
    return chars + ["0 ", "0,", "0.", "a ", "人 ", "0人"]


def _search_time(rx: re.Pattern, text: str) -> float:
    # the thread's CPU time: what the search costs, not how busy the machine's other work is
    # (wall time made the growth check fail now and then with evaluations on both cores)
    start = time.thread_time()
    rx.search(text)
    return time.thread_time() - start


def _alphabet(parsed) -> frozenset[str]:
    found = set(_PROBES)

    def walk(data):
        for op, av in data:
            if op in (C.LITERAL, C.NOT_LITERAL):
                found.add(chr(av))
            elif op == C.RANGE:
                found.update((chr(av[0]), chr(av[1])))
            elif op == C.IN:
                walk(av)
            elif op == C.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (C.SUBPATTERN, C.ATOMIC_GROUP, C.ASSERT, C.ASSERT_NOT) or op in _REPEATS \
                    or op == C.POSSESSIVE_REPEAT:
                walk(av[-1] if op != C.ATOMIC_GROUP else av)
    walk(parsed.data)
    return frozenset(found)


class _Info:
    """What a piece of a pattern can do: match nothing; which unbounded quantifiers can take
    its first and its last character (each as the characters it can take there); and the
    characters it can start and end with (computed inside unbounded quantifiers only)."""

    __slots__ = ("nullable", "head", "tail", "first", "last")

    def __init__(self, nullable=False, head=(), tail=(), first=frozenset(), last=frozenset()):
        self.nullable, self.head, self.tail = nullable, tuple(head), tuple(tail)
        self.first, self.last = first, last


def _union(sets) -> frozenset:
    return frozenset().union(*sets)


class _Reader:
    def __init__(self, parsed):
        self.parsed, self.state = parsed, parsed.state

    @cached_property
    def alphabet(self) -> frozenset[str]:
        return _alphabet(self.parsed)

    def sequence(self, data, chars: bool = False) -> _Info:
        infos = [self.node(op, av, chars) for op, av in data]
        for i, left in enumerate(infos):
            for right in infos[i + 1:]:
                self._adjacent(left.tail, right.head)
                if not right.nullable:
                    break
        start, end = _ends(infos), _ends(infos[::-1])
        return _Info(all(i.nullable for i in infos), [r for i in start for r in i.head],
                     [r for i in end for r in i.tail], _union(i.first for i in start),
                     _union(i.last for i in end))

    def node(self, op, av, chars: bool) -> _Info:
        """chars: whether its characters matter (it is inside an unbounded quantifier)."""
        if op in _ONE_CHAR:
            taken = self._chars(op, av) if chars else frozenset()
            return _Info(first=taken, last=taken)
        if op in (C.SUBPATTERN, C.ATOMIC_GROUP):
            return self.sequence(av[-1] if op == C.SUBPATTERN else av, chars)
        if op in (C.BRANCH, C.GROUPREF_EXISTS):
            branches = av[1] if op == C.BRANCH else [b for b in av[1:] if b is not None]
            infos = [self.sequence(b, chars) for b in branches]
            return _Info(op == C.GROUPREF_EXISTS or any(i.nullable for i in infos),
                         [r for i in infos for r in i.head], [r for i in infos for r in i.tail],
                         _union(i.first for i in infos), _union(i.last for i in infos))
        if op in _REPEATS or op == C.POSSESSIVE_REPEAT:
            return self._repeat(op, *av, chars)
        if op in (C.ASSERT, C.ASSERT_NOT):
            self.sequence(av[1])              # its own quantifiers are checked; it takes nothing
            return _Info(nullable=True)
        if op in (C.GROUPREF, C.GROUPREF_IGNORE):
            raise Backtracking("a back-reference (\\1) can make matching exponential; not allowed")
        return _Info(nullable=True)           # AT (^, $, \b): takes nothing

    def _repeat(self, op, low, high, data, chars: bool) -> _Info:
        unbounded = high == C.MAXREPEAT or high > LARGE
        body = self.sequence(data, chars or unbounded)
        if op == C.POSSESSIVE_REPEAT:         # never gives back what it took
            return _Info(low == 0 or body.nullable, first=body.first, last=body.last)
        if high >= 2:                         # one repetition's end meets the next one's start:
            self._adjacent(body.tail, body.head)   # (a+)+, (\w+\s?)* — but not (,\d+)*
        if not unbounded:
            return _Info(low == 0 or body.nullable, body.head, body.tail, body.first, body.last)
        if body.nullable:
            raise Backtracking("an unbounded quantifier over something that can match nothing "
                               "(like (a?)*) can backtrack exponentially")
        return _Info(low == 0, [(body.first, _shown(body.first))], [(body.last, _shown(body.last))],
                     body.first, body.last)

    def _adjacent(self, tails, heads) -> None:
        for chars, shown in tails:
            for other, other_shown in heads:
                shared = chars & other
                if shared:
                    raise Backtracking(
                        f"two unbounded quantifiers, ending in {shown} and starting with {other_shown}, "
                        f"can both take {_shown(shared)} with only optional items between them: on a "
                        "long run of those a search is cubic; bound one ({0,10}) or make them disjoint")

    def _chars(self, op, av) -> frozenset[str]:
        key = (op, repr(av), self.state.flags)
        if key not in _ONE_CHAR_RX:
            _ONE_CHAR_RX[key] = _compiler.compile(_parser.SubPattern(self.state, [(op, av)]),
                                                  self.state.flags)
        single = _ONE_CHAR_RX[key]
        return frozenset(c for c in self.alphabet if single.fullmatch(c))


_ONE_CHAR_RX: dict = {}     # one-character items (\s, [\d,], 人) compiled once per process


def _ends(infos: list[_Info]) -> list[_Info]:
    """The items a sequence's match can start with: up to the first that takes a character."""
    out = []
    for info in infos:
        out.append(info)
        if not info.nullable:
            break
    return out


def _shown(chars: frozenset[str]) -> str:
    listed = "".join(sorted(chars))
    return repr(listed if len(listed) <= 12 else listed[:12] + "…")


__all__ = ["Backtracking", "LARGE", "TIMED_BUDGET", "TIMED_LENGTH", "adversarial", "structure", "timed"]
