"""Without Chromium the README's test command still passes: the browser tests are skipped
with one line naming the Debian package, and under ``.ci/run`` (GOVNEWS_REQUIRE_BROWSER=1)
they fail instead, so CI never passes without running them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_browser_test(tmp_path, **env):
    # No chromium on PATH and the Debian path pointing at nothing: a machine without it.
    environment = {key: value for key, value in os.environ.items()
                   if key != "GOVNEWS_REQUIRE_BROWSER"}
    environment.update(PATH=str(Path(sys.executable).parent),
                       GOVNEWS_CHROMIUM=str(tmp_path / "no-chromium"), **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/test_browser_view.py"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)


def test_browser_tests_skip_naming_the_package_when_chromium_is_missing(tmp_path):
    result = run_browser_test(tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    assert " skipped" in result.stdout and " passed" not in result.stdout
    assert "apt-get install chromium" in result.stdout


def test_under_ci_a_missing_chromium_fails(tmp_path):
    result = run_browser_test(tmp_path, GOVNEWS_REQUIRE_BROWSER="1")
    assert result.returncode != 0
    assert "apt-get install chromium" in result.stdout
