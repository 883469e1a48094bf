"""The README's commands are the ones CI runs, so the quickstart cannot rot."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_install_and_test_commands():
    readme = (ROOT / "README.md").read_text()
    ci = [ln.strip() for ln in (ROOT / ".ci/run").read_text().splitlines()
          if ln.strip() and not ln.lstrip().startswith("#")]
    install = next(ln for ln in ci if "pip install" in ln)
    test = next(ln for ln in ci if "pytest" in ln)
    assert install in readme and test in readme
    assert ".venv/bin/imgsearch demo" in readme
