"""Rules of the code's shape that a reviewer would otherwise have to remember."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("programme", "editions", "projects", "jury")
# Lifecycle fields: only the service of each lifecycle writes them.
PROTECTED_FIELDS = {"status", "phase", "outcome", "phase_since", "manager_response"}
SERVICES = {
    "programme/services.py",
    "projects/services/lifecycle.py",
    "projects/services/team.py",
    "projects/services/follow_up.py",
    "jury/services/session.py",
}
WRITING_METHODS = {"update", "create", "get_or_create", "update_or_create", "bulk_update"}


def source_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield relative, ast.parse(path.read_text(), filename=relative)


def direct_writes(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                for element in elements:
                    if isinstance(element, ast.Attribute) and element.attr in PROTECTED_FIELDS:
                        yield node.lineno, element.attr
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITING_METHODS
        ):
            for keyword in node.keywords:
                if keyword.arg in PROTECTED_FIELDS:
                    yield node.lineno, keyword.arg


def test_no_code_outside_the_services_writes_a_lifecycle_field():
    offenders = [
        f"{path}:{line} writes {field}"
        for path, tree in source_files()
        if path not in SERVICES
        for line, field in direct_writes(tree)
    ]

    assert offenders == []


def test_the_scan_finds_a_direct_write_when_there_is_one():
    tree = ast.parse("application.status = 'selected'\nProject.objects.update(phase='x')")

    assert list(direct_writes(tree)) == [(1, "status"), (2, "phase")]


def test_no_module_passes_400_lines():
    long_modules = [
        f"{path} ({len((ROOT / path).read_text().splitlines())} lines)"
        for path, _tree in source_files()
        if len((ROOT / path).read_text().splitlines()) > 400
    ]

    assert long_modules == []
