# Two commands on a fresh machine: `make demo` (install what the demo needs, build the demo
# collection and its map, open the app) and `make test` (install everything, run the tests).
PY ?= python3
PORT ?= 8501
VENV := .venv
DEMO_STAMP := $(VENV)/.installed-demo
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test install chromium

# the demo needs the core (no torch: the default model ships as ONNX) and the app
$(DEMO_STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[ui]'
	$(VENV)/bin/python -c "import streamlit, plotly, onnxruntime, imgsearch"
	touch $(DEMO_STAMP)

# the tests need every extra (torch, the zoo, Ray, OpenVINO) and the test tools
$(TEST_STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[all]'
	$(VENV)/bin/python -c "import pytest, hypothesis, playwright, schemathesis, streamlit, ray, onnxruntime, torch, imgsearch"
	touch $(TEST_STAMP) $(DEMO_STAMP)

install: $(TEST_STAMP)

# Debian's chromium for the real-browser tests (Playwright drives it; nothing downloads a browser)
chromium:
	@command -v chromium >/dev/null || command -v /usr/bin/chromium >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: the browser tests will be skipped"

demo: $(DEMO_STAMP)
	$(VENV)/bin/imgsearch demo --port $(PORT)

test: $(TEST_STAMP) chromium
	IMGSEARCH_PROGRESS=0 $(VENV)/bin/python -m pytest -q
