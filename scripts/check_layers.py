"""Checks the import graph of the package against the allowed-dependency table in docs/design.md.

Reads every module with `ast` (function-level imports included, so a lazy import cannot hide a
dependency) and fails when a layer imports one the table does not allow, or when a module other than
`ui/qt.py` imports PySide6. Run: uv run python scripts/check_layers.py
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "beratung_desktop"
DESIGN = ROOT / "docs" / "design.md"
TABLE_TITLE = "### Allowed imports"
QT_SEAM = Path("ui/qt.py")
# The package's own __init__ holds only __version__; every layer may read it.
PACKAGE_ROOT = "__init__"


@dataclass(frozen=True)
class Violation:
    module: Path
    line: int
    imported: str

    def __str__(self) -> str:
        return f"src/beratung_desktop/{self.module}:{self.line}: may not import {self.imported}"


def allowed_table(design: Path = DESIGN) -> dict[str, set[str]]:
    """The table under TABLE_TITLE: `| `layer` | `a`, `b` |` rows; a dash means nothing."""
    text = design.read_text("utf-8")
    section = text.split(TABLE_TITLE, 1)[1].split("\n#", 1)[0]
    table: dict[str, set[str]] = {}
    for row in re.findall(r"^\|\s*`([\w.]+)`\s*\|([^|\n]*)\|", section, re.MULTILINE):
        table[row[0]] = set(re.findall(r"`([\w.]+)`", row[1]))
    return table


def _layer(module: Path) -> str:
    return module.with_suffix("").parts[0]


def _imports(module: Path, tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, imported top-level name) for every import of our package or of PySide6."""
    package = ["beratung_desktop", *module.parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "PySide6":
                    yield node.lineno, "PySide6"
                elif parts[0] == "beratung_desktop":
                    yield node.lineno, parts[1] if len(parts) > 1 else PACKAGE_ROOT
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                parts = base + (node.module.split(".") if node.module else [])
            else:
                parts = (node.module or "").split(".")
            if parts[0] == "PySide6":
                yield node.lineno, "PySide6"
            elif parts[0] == "beratung_desktop":
                if len(parts) > 1:
                    yield node.lineno, parts[1]
                else:  # from .. import name: a module or package of ours, or __version__
                    for alias in node.names:
                        yield (
                            node.lineno,
                            alias.name
                            if (PACKAGE / alias.name).exists() or (PACKAGE / f"{alias.name}.py").exists()
                            else PACKAGE_ROOT,
                        )


def violations(table: dict[str, set[str]] | None = None) -> list[Violation]:
    table = allowed_table() if table is None else table
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE)
        layer = _layer(module)
        if layer == PACKAGE_ROOT:
            continue
        allowed = table.get(layer)
        if allowed is None:
            found.append(Violation(module, 1, f"anything (layer {layer!r} is missing from the table)"))
            continue
        for line, imported in _imports(module, ast.parse(path.read_text("utf-8"), str(path))):
            if imported == "PySide6":
                if module != QT_SEAM:
                    found.append(Violation(module, line, "PySide6 directly (use beratung_desktop.ui.qt)"))
            elif imported not in (layer, PACKAGE_ROOT) and imported not in allowed:
                found.append(Violation(module, line, imported))
    return found


def main() -> int:
    found = violations()
    for violation in found:
        print(violation)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
