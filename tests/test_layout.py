"""README's Layout section names every package and top-level module of edi/ (a newcomer
reads the tree from it), and nothing that no longer exists."""

from __future__ import annotations

import re
from pathlib import Path

import edi

ROOT = Path(edi.__file__).resolve().parent
README = ROOT.parent / "README.md"


def _layout() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return section


def _parts() -> set[str]:
    packages = {f"edi/{p.name}/" for p in ROOT.iterdir()
                if p.is_dir() and (p / "__init__.py").is_file()}
    modules = {f"edi/{p.name}" for p in ROOT.glob("*.py") if p.name != "__init__.py"}
    return packages | modules


def test_the_layout_names_every_package_and_top_level_module() -> None:
    layout = _layout()
    missing = sorted(p for p in _parts() if not re.search(rf"^{re.escape(p)}(\s|$)", layout,
                                                         re.MULTILINE))
    assert missing == [], f"README's Layout does not name {missing}"


def test_the_layout_names_nothing_that_is_gone() -> None:
    named = set(re.findall(r"^(edi/[\w.]+/?)", _layout(), re.MULTILINE))
    assert named and named <= _parts(), sorted(named - _parts())
