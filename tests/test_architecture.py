"""Rules of the code's shape that a reviewer would otherwise have to remember."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("programme", "editions", "projects", "jury", "demo")
# Lifecycle fields: only the service of each lifecycle writes them.
PROTECTED_FIELDS = {"status", "phase", "outcome", "phase_since", "manager_response"}
SERVICES = {
    "programme/services.py",
    "projects/applications/services/lifecycle.py",
    "projects/applications/services/team.py",
    "projects/laureates/services/lifecycle.py",
    "projects/laureates/services/follow_up.py",
    "jury/services/session.py",
    "jury/services/deliberation.py",
}
# Every module of mutating services: each public function that writes records an audit
# entry and uses the actor it takes.
SERVICE_MODULES = sorted(
    path.relative_to(ROOT).as_posix()
    for app in APPS
    for pattern in (
        "services.py",
        "services/*.py",
        "*/services/*.py",
        "publication.py",
        "retention.py",
        "rights.py",
    )
    for path in (ROOT / app).glob(pattern)
    if path.name != "__init__.py"
)
WRITES = {"save", "create", "update", "delete", "update_or_create", "get_or_create", "bulk_create"}
# Services that write without an ``actor`` argument, and who acts then.
ACTOR_ELSEWHERE = {
    "record_manager_response": "the line manager answers by link, without an account",
    "record_score": "the member who scores is the actor",
    "claim_memberships": "the user signing in is the actor",
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
    """The apps' code (the demo too) and the tests' own, migrations aside."""
    paths = [path for path, _tree in source_files()]
    paths += [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if "node_modules" not in path.parts
    ]
    long_modules = [
        f"{path} ({lines} lines)"
        for path in paths
        if (lines := len((ROOT / path).read_text().splitlines())) > 400
    ]

    assert long_modules == []


def _calls(function):
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                yield func.attr, ast.unparse(func.value)
            elif isinstance(func, ast.Name):
                yield func.id, ""


def _public_functions():
    for path in SERVICE_MODULES:
        tree = ast.parse((ROOT / path).read_text(), filename=path)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield path, node


def _writing_functions():
    """Public service functions that write, directly or through another service."""
    functions = {node.name: (path, node) for path, node in _public_functions()}
    writes = {
        name
        for name, (_path, node) in functions.items()
        if any(attr in WRITES for attr, _owner in _calls(node))
    }
    while True:
        more = {
            name
            for name, (_path, node) in functions.items()
            if name not in writes and any(called in writes for called, _o in _calls(node))
        }
        if not more:
            return {name: functions[name] for name in writes}
        writes |= more


def _records_audit(name, functions, seen=()):
    _path, node = functions[name]
    calls = {called for called, _owner in _calls(node)}
    if any(
        called in ("record", "record_move") and owner == "audit" for called, owner in _calls(node)
    ):
        return True
    return any(
        _records_audit(called, functions, (*seen, name))
        for called in calls & set(functions)
        if called not in seen and called != name
    )


def test_the_service_modules_are_found():
    assert "projects/applications/services/lifecycle.py" in SERVICE_MODULES
    assert "projects/laureates/services/follow_up.py" in SERVICE_MODULES
    assert "projects/publication.py" in SERVICE_MODULES
    assert "jury/services/deliberation.py" in SERVICE_MODULES
    assert "programme/services.py" in SERVICE_MODULES
    assert "programme/retention.py" in SERVICE_MODULES
    assert "projects/retention.py" in SERVICE_MODULES
    assert "projects/rights.py" in SERVICE_MODULES


def test_every_service_that_writes_records_an_audit_entry():
    functions = _writing_functions()

    silent = sorted(
        f"{path}:{node.lineno} {name}"
        for name, (path, node) in functions.items()
        if not _records_audit(name, functions)
    )

    assert silent == []
    assert len(functions) >= 25


def test_every_service_that_writes_takes_and_uses_its_actor():
    offenders = []
    for name, (path, node) in _writing_functions().items():
        arguments = {arg.arg for arg in node.args.args + node.args.kwonlyargs}
        if "actor" not in arguments:
            if name not in ACTOR_ELSEWHERE:
                offenders.append(f"{path}:{node.lineno} {name} takes no actor")
            continue
        used = any(isinstance(child, ast.Name) and child.id == "actor" for child in ast.walk(node))
        if not used:
            offenders.append(f"{path}:{node.lineno} {name} ignores its actor")

    assert offenders == []


def test_the_audit_scan_finds_a_service_that_does_not_record():
    tree = ast.parse(
        "def forget(item, *, actor):\n    item.save()\n"
        "def remember(item, *, actor):\n    item.save()\n    audit.record(item, 'x', actor=actor)\n"
    )
    functions = {node.name: ("x.py", node) for node in tree.body}

    assert not _records_audit("forget", functions)
    assert _records_audit("remember", functions)
