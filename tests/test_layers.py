"""The layers hold: import-linter's contracts (pyproject.toml, run by .ci/run) pass on the
code as it is and break when an import runs back up the stack or closes a cycle.

Each case copies the project's modules into a temporary directory, adds one import to one
module and runs ``lint-imports`` there; the copy is what it analyses (it comes first on
PYTHONPATH), never the installed package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def copy_project(dest: Path) -> Path:
    def only_code(folder, names):
        return [n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
                or n == "__pycache__"]

    for package in ("crawler", "archive"):
        shutil.copytree(ROOT / package, dest / package, ignore=only_code)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def lint(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=project, env=env, text=True,
                          capture_output=True, timeout=300)


def add_import(project: Path, module: str, line: str) -> None:
    path = project / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = project / module.replace(".", "/") / "__init__.py"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("layers") / "project")


def test_the_contracts_hold_on_the_code_as_it_is(pristine):
    result = lint(pristine)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout
    assert "Layers: application > crawl > parsers, archive > kernel KEPT" in " ".join(
        result.stdout.split())


@pytest.mark.parametrize("module, line, contract", [
    # the kernel reaching up into the archive
    ("crawler.kernel.text", "import archive.store", "Layers"),
    # the archive reaching into the parsers
    ("archive.store", "import crawler.parsers.roles", "The archive imports only the kernel"),
    # a parser reaching up into the crawl
    ("crawler.parsers.roles", "import crawler.spiders.portal", "Layers"),
    # the crawl reaching up into the application
    ("crawler.pipelines", "import archive.cli", "Layers"),
    # production code importing the replica
    ("crawler.pipelines", "import crawler.replica.server", "Production code never imports"),
    # two archive modules importing each other
    ("archive.access", "import archive.store", "No cycles"),
])
def test_an_import_against_the_layers_breaks_the_build(tmp_path, module, line, contract):
    project = copy_project(tmp_path / "project")
    add_import(project, module, line)
    result = lint(project)
    assert result.returncode != 0, result.stdout
    broken = " ".join(result.stdout.split("Broken contracts", 1)[-1].split())
    assert contract in broken, result.stdout
