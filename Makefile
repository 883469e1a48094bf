# Two commands on a fresh machine: `make demo` (install what is missing, build the demo
# collection and its map, open the app) and `make test` (install what is missing, run the tests).
PY ?= python3
PORT ?= 8501
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test install chromium

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[all]'
	$(VENV)/bin/python -c "import pytest, hypothesis, playwright, schemathesis, streamlit, ray, onnxruntime, imgsearch"
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the real-browser tests (Playwright drives it; nothing downloads a browser)
chromium:
	@command -v chromium >/dev/null || command -v /usr/bin/chromium >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: the browser tests will be skipped"

demo: $(STAMP)
	$(VENV)/bin/imgsearch demo --port $(PORT)

test: $(STAMP) chromium
	IMGSEARCH_PROGRESS=0 $(VENV)/bin/python -m pytest -q
