"""The layout's rules, checked on the source: no import cycles, imports only downward, small
modules, a public API, and a `chatbot --help` that loads neither gradio nor torch."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGES = ("core", "ingest", "chatbot")
MAX_LINES = 400
# Layers, lowest first. A module may import its own layer and any lower one, never a higher
# one; web and tools are clients of the public API (`chatbot` and its service modules) and
# reach neither ingest nor chatbot.qa directly. tools (the CLI) may start the web app.
SERVICE = {"chatbot", "chatbot.service", "chatbot.settings", "chatbot.feedback", "chatbot.privacy"}


def layer(module: str) -> int:
    if module.startswith("core"):
        return 0
    if module.startswith("ingest"):
        return 1
    if module.startswith("chatbot.qa"):
        return 2
    if module.startswith("chatbot.web"):
        return 4
    if module.startswith("chatbot.tools"):
        return 5
    return 3   # the public API and its service modules


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Project modules `name` imports, anywhere in its code (function-level imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] +
                                ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def test_no_import_cycles(graph):
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycle = stack[stack.index(n):] + [n]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_imports_only_go_downward(graph):
    wrong = []
    for m, targets in graph.items():
        for t in targets:
            if layer(t) > layer(m) and not (layer(m) == 3 and t in SERVICE):
                wrong.append(f"{m} → {t} (up)")
            if layer(m) in (4, 5) and (t.startswith("ingest") or t.startswith("chatbot.qa")):
                wrong.append(f"{m} → {t} (web and tools use the public API)")
            if m.startswith("chatbot.web") and t.startswith("chatbot.tools"):
                wrong.append(f"{m} → {t} (web does not use tools)")
    assert not wrong, "\n".join(sorted(wrong))


# A question's way through chatbot.qa, one direction: read → scope → evidence → shape → compose.
# A stage may import its own and earlier stages and the base modules underneath all of them.
QA_STAGES = (
    ("chatbot.qa.policy", "chatbot.qa.lexical", "chatbot.qa.retrieve", "chatbot.qa.catalog",
     "chatbot.qa.kinds", "chatbot.qa.compose"),      # base: index access, thresholds, the Answer model
    ("chatbot.qa.read",),
    ("chatbot.qa.scope",),
    ("chatbot.qa.evidence",),
    ("chatbot.qa.shape", "chatbot.qa.changes"),
    ("chatbot.qa.wording", "chatbot.qa.lead"),
    ("chatbot.qa.answer",),
)


def stage(module: str) -> int | None:
    for n, prefixes in enumerate(QA_STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return n
    return None


def test_a_question_goes_one_way_through_the_stages(graph):
    qa = [m for m in graph if m.startswith("chatbot.qa.")]
    assert all(stage(m) is not None for m in qa), [m for m in qa if stage(m) is None]
    back = [f"{m} → {t}" for m in qa for t in graph[m]
            if t.startswith("chatbot.qa.") and stage(t) > stage(m)]
    assert not back, "a stage calls a later one:\n" + "\n".join(sorted(back))


def test_modules_stay_small():
    big = {str(p.relative_to(ROOT)): n for p in modules().values()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not big, f"split these by job: {big}"


def test_public_api():
    import chatbot

    assert {"Chatbot", "Answer", "Citation", "Filters", "UserError", "ingest"} <= set(chatbot.__all__)
    for name in chatbot.__all__:
        assert getattr(chatbot, name) is not None


def test_help_loads_neither_gradio_nor_torch():
    code = ("import sys\nfrom chatbot.tools.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "import json\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('gradio', 'torch', 'chromadb', 'sentence_transformers'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == []
