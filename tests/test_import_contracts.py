"""The import contracts in pyproject.toml ([tool.importlinter]) hold, and they would catch a new
upward import: a copy of the code with one added breaks them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["campaigns", "cms", "tasks", "config", "demo"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root):
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "migrations",
                                                                                           "static", "*.jpg", "*.svg"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_a_domain_module_importing_the_cms_breaks_the_build(tmp_path):
    root = copy_of_the_code(tmp_path)
    (root / "campaigns" / "training" / "services" / "upward.py").write_text("from cms.models import HomePage\n")
    result = lint_imports(root)
    assert result.returncode == 1
    assert "Layers: demo above tasks above cms above the domain BROKEN" in " ".join(result.stdout.split())
    assert "campaigns.training.services.upward -> cms.models" in result.stdout


def test_notifications_importing_a_new_part_of_training_breaks_the_build(tmp_path):
    root = copy_of_the_code(tmp_path)
    (root / "campaigns" / "notifications" / "services" / "sideways.py").write_text(
        "from campaigns.training.services import registration\n")
    result = lint_imports(root)
    assert result.returncode == 1
    assert "Notifications imports none of the apps it serves BROKEN" in " ".join(result.stdout.split())


def test_the_newsletter_importing_cms_or_tasks_breaks_the_build(tmp_path):
    root = copy_of_the_code(tmp_path)
    (root / "campaigns" / "newsletter" / "upward.py").write_text("from cms.models import ArticlePage\nimport tasks.cms\n")
    result = lint_imports(root)
    assert result.returncode == 1
    assert "The domain imports neither cms nor tasks (cms renders it, tasks run it) BROKEN" in " ".join(result.stdout.split())
    assert "campaigns.newsletter.upward -> cms.models" in result.stdout
    assert "campaigns.newsletter.upward -> tasks.cms" in result.stdout
