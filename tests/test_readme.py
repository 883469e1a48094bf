"""The README's two commands are the ones CI runs, so the quickstart cannot rot."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command_and_both_install_what_is_missing():
    readme = (ROOT / "README.md").read_text()
    ci = [ln.strip() for ln in (ROOT / ".ci/run").read_text().splitlines()
          if ln.strip() and not ln.lstrip().startswith("#")]
    assert "make test" in ci and "make test" in readme and "make demo" in readme
    makefile = (ROOT / "Makefile").read_text()
    for target, extra in (("demo", "ui"), ("test", "all")):
        deps = re.search(rf"^{target}:(.*)$", makefile, re.M).group(1)
        stamp = re.search(r"\$\((\w*STAMP)\)", deps)
        assert stamp, target                       # installs what is missing first ...
        rule = re.search(rf"^\$\({stamp.group(1)}\):.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
        assert f"pip install -q -e '.[{extra}]'" in rule, target   # ... and what it needs
    assert "pytest" in re.search(r"^test:.*\n\t(.*)$", makefile, re.M).group(1)
    assert "imgsearch demo" in re.search(r"^demo:.*\n\t(.*)$", makefile, re.M).group(1)


def test_the_all_extra_names_every_package_itself():
    """`make` installs `.[all]`; a self-referencing extra (imgsearch[ui,...]) was resolved
    against the package index on CI and installed none of the test tools."""
    import tomllib
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    everything = set(extras["all"])
    assert not any(req.startswith("imgsearch") for req in everything)
    for name, reqs in extras.items():
        assert set(reqs) <= everything, name
