# Two commands do everything on a fresh machine: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-run
TESTS   := $(VENV)/.installed-test
DATA    ?= data
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install setup run test test-fast index bench clean system-packages

# `make run` needs the runtime dependencies only; the test tools (pytest, playwright,
# langchain-tests, llama-cpp-python, which compiles llama.cpp, and the test models) come with
# `make setup`, which `make test` runs.
install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(STAMP)

setup: $(TESTS)

# llama.cpp (llama-cpp-python builds it from source) is compiled for portable x86-64 with AVX2, not
# for the build machine's CPU: a virtual machine may report AMX / AVX-512 it then refuses (the server
# died on its first answer with an invalid opcode). --no-cache-dir: never reuse a wheel pip cached
# from a native build.
$(TESTS): $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install -q --no-cache-dir -e '.[test]'
	touch $(TESTS)

# Debian packages for the browser tests: Chromium and CJK fonts (skipped when present).
system-packages:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
		else echo "install Debian packages chromium and fonts-noto-cjk (needs root)"; fi; \
	fi

index: install
	CHATBOT_DATA_DIR=$(DATA) $(BIN)/chatbot ingest corpus/ --if-missing

run: index
	CHATBOT_DATA_DIR=$(DATA) $(BIN)/chatbot serve

# PYTEST_ARGS: e.g. make test PYTEST_ARGS=--durations=30 (the slowest tests, to keep the suite short)
# PYTEST_WORKERS: test processes (pytest-xdist), one per core here; each test file runs whole on
# one worker, so its shared index is built once. PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2
PYTEST  = $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: setup system-packages
	$(PYTEST) $(PYTEST_ARGS)

test-fast: setup
	$(PYTEST) -m "not browser and not slow and not llm"

# Speed and memory beside the plain LangChain pipeline, at 62 and 10,000 cases (about 10 minutes).
bench: install
	$(BIN)/chatbot bench

clean:
	rm -rf $(VENV) $(DATA) *.egg-info
