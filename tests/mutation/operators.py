"""Mutants of what mutmut 3 leaves alone: module-level statements (the lifecycle tables,
the ``rules.add_perm`` lines) and decorated functions (the ``rules`` predicates).

Each mutant changes one node of the module's syntax tree (an operator, a comparison, a
boolean, an element of a table, a keyword of a call, a predicate's answer). The mutated
module is written into a copy of the project in ``mutants/operators/<module>/`` and the module's
tests are run there; a mutant the tests do not fail on survives. Strings are left alone:
they are labels and messages, whose wording the tests read on purpose elsewhere.

    python tests/mutation/operators.py MODULE REPORT.json TEST [TEST ...]
"""

import ast
import copy
import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPIES = ROOT / "mutants" / "operators"
PYTEST = [
    sys.executable,
    "-m",
    "pytest",
    "-x",
    "-q",
    "--nomigrations",
    "-p",
    "no:cacheprovider",
]

SWAPPED_OPERATORS = {ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr}
SWAPPED_BOOLEANS = {ast.And: ast.Or, ast.Or: ast.And}
SWAPPED_COMPARISONS = {
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
}
SWAPPED_METHODS = {"filter": "exclude", "exclude": "filter"}


def _walk(node, path=()):
    """Every node under ``node`` with its path from it: ((field, index or None), ...)."""
    yield path, node
    for field, value in ast.iter_fields(node):
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from _walk(item, (*path, (field, index)))
        elif isinstance(value, ast.AST):
            yield from _walk(value, (*path, (field, None)))


def _out_of_mutmut_reach(statement):
    """Module-level statements mutmut does not mutate, and that are not imports,
    docstrings or plain functions and classes (mutmut's own ground)."""
    if isinstance(statement, (ast.Import, ast.ImportFrom, ast.ClassDef)):
        return False
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return bool(statement.decorator_list)
    is_docstring = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    return not is_docstring


def _variants(node):
    """(description, replacement) for each way of mutating ``node``."""
    if isinstance(node, ast.BinOp) and type(node.op) in SWAPPED_OPERATORS:
        swapped = copy.copy(node)
        swapped.op = SWAPPED_OPERATORS[type(node.op)]()
        yield "operator swapped", swapped
        yield "right operand dropped", node.left
        yield "left operand dropped", node.right
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Invert, ast.Not)):
        yield "negation dropped", node.operand
    elif isinstance(node, ast.BoolOp):
        swapped = copy.copy(node)
        swapped.op = SWAPPED_BOOLEANS[type(node.op)]()
        yield "and/or swapped", swapped
        for index in range(len(node.values)):
            rest = node.values[:index] + node.values[index + 1 :]
            yield (
                f"condition {index + 1} dropped",
                (rest[0] if len(rest) == 1 else ast.BoolOp(op=node.op, values=rest)),
            )
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        swapped_type = SWAPPED_COMPARISONS.get(type(node.ops[0]))
        if swapped_type:
            swapped = copy.copy(node)
            swapped.ops = [swapped_type()]
            yield "comparison reversed", swapped
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield "boolean flipped", ast.Constant(value=not node.value)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        yield "number changed", ast.Constant(value=node.value + 1)
    elif isinstance(node, ast.Return) and node.value is not None:
        yield "answer negated", ast.Return(value=ast.UnaryOp(op=ast.Not(), operand=node.value))
    elif isinstance(node, ast.Attribute) and node.attr in SWAPPED_METHODS:
        swapped = copy.copy(node)
        swapped.attr = SWAPPED_METHODS[node.attr]
        yield "filter/exclude swapped", swapped
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)) and isinstance(
        getattr(node, "ctx", ast.Load()), ast.Load
    ):
        for index in range(len(node.elts)):
            smaller = copy.copy(node)
            smaller.elts = node.elts[:index] + node.elts[index + 1 :]
            yield f"element {index + 1} dropped", smaller
    elif isinstance(node, ast.Dict):
        for index in range(len(node.keys)):
            smaller = copy.copy(node)
            smaller.keys = node.keys[:index] + node.keys[index + 1 :]
            smaller.values = node.values[:index] + node.values[index + 1 :]
            yield f"entry {index + 1} dropped", smaller
    elif isinstance(node, ast.Call):
        for index, keyword in enumerate(node.keywords):
            smaller = copy.copy(node)
            smaller.keywords = node.keywords[:index] + node.keywords[index + 1 :]
            yield f"keyword {keyword.arg or '**'} dropped", smaller


def _replace(tree, path, replacement):
    parent = tree
    for field, index in path[:-1]:
        value = getattr(parent, field)
        parent = value if index is None else value[index]
    field, index = path[-1]
    if index is None:
        setattr(parent, field, replacement)
    else:
        getattr(parent, field)[index] = replacement


def mutants(source):
    """(name, line, description, mutated source) for each mutant of ``source``; the
    mutated source is the module unparsed, so two mutants differ from the original only
    where they were mutated."""
    tree = ast.parse(source)
    original = ast.unparse(tree)
    found = []
    for position, statement in enumerate(tree.body):
        if not _out_of_mutmut_reach(statement):
            continue
        for path, node in _walk(statement, (("body", position),)):
            for description, replacement in _variants(node):
                mutated = copy.deepcopy(tree)
                if path:
                    _replace(mutated, path, copy.deepcopy(replacement))
                text = ast.unparse(ast.fix_missing_locations(mutated))
                if text != original:
                    line = getattr(node, "lineno", statement.lineno)
                    name = f"op.{len(found) + 1}.line{line}"
                    found.append((name, line, description, text))
    return original, found


def _prepare_copy(copy_root):
    if copy_root.exists():
        shutil.rmtree(copy_root)
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split("\0")
    compiled = [str(path.relative_to(ROOT)) for path in (ROOT / "locale").rglob("*.mo")]
    for name in [*filter(None, tracked), *compiled, ".env"]:
        source = ROOT / name
        if source.is_file():
            target = copy_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _tests_pass(copy_root, tests, timeout):
    try:
        result = subprocess.run(
            [*PYTEST, *tests], cwd=copy_root, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return None
    return result.returncode == 0


def run(module, tests):
    """Statuses by mutant name, and the survivors with their diff."""
    # A copy per module, so that several modules can be mutated at once.
    copy_root = COPIES / module.removesuffix(".py").replace("/", ".")
    _prepare_copy(copy_root)
    target = copy_root / module
    source = target.read_text()
    original, found = mutants(source)
    target.write_text(original)
    if not _tests_pass(copy_root, tests, timeout=None):
        raise SystemExit(f"The tests of {module} fail on the unmutated module: no verdict.")
    statuses, survivors = {}, {}
    for name, _line, description, text in found:
        target.write_text(text)
        passed = _tests_pass(copy_root, tests, timeout=600)
        statuses[name] = "timeout" if passed is None else "survived" if passed else "killed"
        if passed:
            diff = "".join(
                difflib.unified_diff(
                    original.splitlines(keepends=True), text.splitlines(keepends=True), n=1
                )
            )
            survivors[name] = ["survived", f"{description}\n{diff}"]
    target.write_text(source)
    return statuses, survivors


def main(arguments):
    module, report, *tests = arguments
    statuses, survivors = run(module, tests)
    Path(report).write_text(json.dumps({"statuses": statuses, "survivors": survivors}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
