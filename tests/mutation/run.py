"""``make mutation``: mutate each workflow module and run the tests that exercise it.

A report, not a CI gate (like ``make bench``). For each module of ``MODULES``, mutmut 3
copies the project into ``mutants/``, rewrites the module's functions into trampolines,
and runs only that module's test files against each mutant, one worker at a time. The
table at the end gives each module's score (killed / total) and lists its survivors with
their diff.

    python tests/mutation/run.py                      # every module of the table
    python tests/mutation/run.py jury/ranking.py ...  # some of them

Needs mutmut (``pip install -e ".[dev]"``). Shared settings (what is copied into
``mutants/``, pytest options) are in ``[tool.mutmut]`` in pyproject.toml; this script
sets, per module, what to mutate and which tests to run. mutmut does not mutate
decorated functions (the ``@rules.predicate`` ones) nor module-level tables (the
lifecycles' moves, the ``rules.add_perm`` lines): ``operators.py`` mutates those, against
the same tests, and its mutants (``op.*``) count in the same score.
"""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

# The one table to edit when modules move or are renamed: module -> its test files.
MODULES = {
    "programme/lifecycles.py": [
        "tests/programme/test_lifecycles.py",
    ],
    "programme/audit.py": [
        "tests/programme/test_audit.py",
        "tests/programme/test_audit_erasure.py",
        "tests/test_audit_of_services.py",
    ],
    "programme/services.py": [
        "tests/programme/test_services.py",
        "tests/programme/test_models.py",
        "tests/programme/test_views_news.py",
        "tests/programme/test_audit.py",
    ],
    "programme/transitions.py": [
        "tests/programme/test_services.py",
        "tests/programme/test_views_news.py",
        "tests/programme/test_audit.py",
    ],
    "programme/rules.py": [
        "tests/programme/test_rules.py",
    ],
    "programme/retention.py": [
        "tests/programme/test_retention_schedule.py",
        "tests/programme/test_retention.py",
        "tests/projects/test_retention_entries.py",
        "tests/projects/test_retention_kinds.py",
        "tests/projects/test_retention.py",
    ],
    "editions/services.py": [
        "tests/editions/test_services.py",
        "tests/editions/test_next_season.py",
        "tests/editions/test_call_admin.py",
        "tests/editions/test_admin.py",
    ],
    "projects/applications/transitions.py": [
        "tests/projects/test_transitions.py",
        "tests/projects/test_lifecycle_edges.py",
        "tests/projects/test_screening_publication.py",
        "tests/projects/test_submission_rules.py",
    ],
    "projects/applications/services/lifecycle.py": [
        "tests/test_audit_of_services.py",
        "tests/projects/test_services.py",
        "tests/projects/test_transitions.py",
        "tests/projects/test_lifecycle_edges.py",
        "tests/projects/test_lifecycle_history.py",
    ],
    "projects/applications/services/screening.py": [
        "tests/projects/test_screening_publication.py",
        "tests/projects/test_decision_letters.py",
    ],
    "projects/applications/services/team.py": [
        "tests/projects/test_views_team.py",
        "tests/projects/test_team_services.py",
        "tests/projects/test_team_entries.py",
        "tests/projects/test_manager_answer.py",
        "tests/test_audit_of_services.py",
    ],
    "projects/laureates/transitions.py": [
        "tests/projects/test_transitions.py",
        "tests/projects/test_services.py",
        "tests/projects/test_lifecycle_edges.py",
        "tests/projects/test_lifecycle_history.py",
        "tests/projects/test_follow_up_services.py",
        "tests/projects/reporting/test_report.py",
    ],
    "projects/laureates/services/lifecycle.py": [
        "tests/test_audit_of_services.py",
        "tests/projects/test_services.py",
        "tests/projects/test_transitions.py",
        "tests/projects/test_lifecycle_edges.py",
        "tests/projects/test_lifecycle_history.py",
    ],
    "projects/laureates/services/follow_up.py": [
        "tests/projects/test_follow_up_services.py",
        "tests/projects/test_follow_up_audit.py",
        "tests/test_audit_of_services.py",
    ],
    "projects/mailings/services.py": [
        "tests/projects/test_mailings.py",
    ],
    "projects/publication.py": [
        "tests/projects/test_publication.py",
        "tests/jury/test_publication.py",
        "tests/jury/test_services.py",
        "tests/projects/test_notifications.py",
        "tests/test_audit_of_services.py",
    ],
    "projects/retention.py": [
        "tests/projects/test_retention_entries.py",
        "tests/projects/test_retention_kinds.py",
        "tests/projects/test_retention.py",
        "tests/projects/test_retention_public.py",
        "tests/projects/test_mailings.py",
        "tests/projects/test_decision_letters.py",
        "tests/test_audit_of_services.py",
    ],
    "projects/rights.py": [
        "tests/projects/test_rights.py",
        "tests/projects/test_rights_export.py",
        "tests/projects/test_admin_rights.py",
        "tests/programme/test_second_factor.py",
        "tests/test_audit_of_services.py",
    ],
    "projects/rules.py": [
        "tests/projects/test_rules.py",
        "tests/projects/test_rules_by_object.py",
        "tests/test_rules_without_object.py",
    ],
    "jury/ranking.py": [
        "tests/jury/test_ranking.py",
        "tests/jury/test_ranking_edges.py",
        "tests/jury/test_deliberation_queries.py",
    ],
    "jury/normalisation.py": [
        "tests/jury/test_normalisation.py",
        "tests/jury/test_ranking_sql.py",
    ],
    "jury/transitions.py": [
        "tests/projects/test_transitions.py",
        "tests/jury/test_session.py",
        "tests/jury/test_chair_rules.py",
        "tests/jury/test_agenda_rules.py",
        "tests/jury/test_outcomes.py",
    ],
    "jury/services/deliberation.py": [
        "tests/jury/test_services.py",
        "tests/jury/test_deliberation.py",
        "tests/jury/test_decisions.py",
        "tests/jury/test_chair_rules.py",
        "tests/jury/test_agenda_rules.py",
        "tests/jury/test_audit.py",
        "tests/test_audit_of_services.py",
        "tests/jury/test_refusals.py",
    ],
    "jury/services/session.py": [
        "tests/jury/test_services.py",
        "tests/jury/test_session.py",
        "tests/jury/test_session_grids.py",
        "tests/jury/test_averaging.py",
        "tests/jury/test_chair_rules.py",
        "tests/jury/test_agenda_rules.py",
        "tests/jury/test_audit.py",
        "tests/test_audit_of_services.py",
    ],
    "jury/services/agenda.py": [
        "tests/jury/test_chair_rules.py",
        "tests/jury/test_agenda_rules.py",
        "tests/jury/test_deliberation.py",
        "tests/test_audit_of_services.py",
        "tests/jury/test_audit.py",
        "tests/jury/test_pitch_cancellations.py",
    ],
    "jury/services/attendance.py": [
        "tests/jury/test_attendance_sheet.py",
        "tests/jury/test_chair_rules.py",
        "tests/jury/test_agenda_rules.py",
        "tests/jury/test_deliberation.py",
        "tests/test_audit_of_services.py",
        "tests/jury/test_audit.py",
    ],
    "jury/services/minutes.py": [
        "tests/jury/test_minutes_record.py",
        "tests/jury/test_minutes_pdf.py",
        "tests/test_audit_of_services.py",
    ],
    "jury/services/publication.py": [
        "tests/jury/test_publication.py",
        "tests/jury/test_decision_letters.py",
    ],
    "jury/services/pitches.py": [
        "tests/jury/test_pitch_invitations.py",
        "tests/jury/test_pitch_cancellations.py",
    ],
    "jury/rules.py": [
        "tests/jury/test_rules.py",
        "tests/jury/test_rules_by_object.py",
        "tests/test_rules_without_object.py",
        "tests/jury/test_visibility.py",
    ],
}

ROOT = Path(__file__).resolve().parents[2]
REPORTS = Path("mutants") / "reports"
KILLED = {"killed", "timeout", "caught by type check"}


def _slug(module):
    return module.removesuffix(".py").replace("/", ".")


def _run_one(module):
    """In a child process: mutmut on ``module`` alone, then its results as JSON."""
    from mutmut import configuration

    tests = [path for path in MODULES[module] if Path(path).exists()]
    if not tests:
        # pytest would otherwise run its whole ``testpaths``.
        _write_report(module, tests, {}, note="no test file yet")
        return
    configuration._config = dataclasses.replace(
        configuration.config(), only_mutate=[module], pytest_add_cli_args_test_selection=tests
    )
    from mutmut.__main__ import cli
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    data = SourceFileMutationData(path=Path(module))
    try:
        cli.main(["run", "--max-children", "1"], standalone_mode=False)
    except SystemExit as stop:
        data.load()
        # mutmut stops when no test reaches a mutant, as when there is none to reach.
        if stop.code and data.exit_code_by_key:
            raise
    data.load()
    statuses = {name: status_by_exit_code[code] for name, code in data.exit_code_by_key.items()}
    survivors = {
        name: [status, get_diff_for_mutant(name, path=module)]
        for name, status in sorted(statuses.items())
        if status not in KILLED
    }
    note = "" if statuses else "no function for mutmut"
    _write_report(module, tests, statuses, survivors=survivors, note=note)


def _write_report(module, tests, statuses, *, survivors=None, note=""):
    report = {
        "module": module,
        "tests": tests,
        "total": len(statuses),
        "killed": sum(status in KILLED for status in statuses.values()),
        "survivors": survivors or {},
        "note": note,
    }
    (REPORTS / f"{_slug(module)}.json").write_text(json.dumps(report, indent=2))


def _add_operator_mutants(module):
    """Run ``operators.py`` on ``module`` and add its verdicts to the module's report."""
    path = REPORTS / f"{_slug(module)}.json"
    if not path.exists():
        return
    report = json.loads(path.read_text())
    if not report["tests"]:
        return
    verdicts = REPORTS / f"{_slug(module)}.operators.json"
    with open(REPORTS / f"{_slug(module)}.operators.log", "w") as log:
        subprocess.run(
            [sys.executable, Path(__file__).with_name("operators.py"), module, verdicts]
            + report["tests"],
            stdout=log,
            stderr=log,
            check=False,
        )
    if not verdicts.exists():
        report["note"] = f"operators failed: see {verdicts.with_suffix('.log')}"
    else:
        found = json.loads(verdicts.read_text())
        report["total"] += len(found["statuses"])
        report["killed"] += sum(s in KILLED for s in found["statuses"].values())
        report["survivors"].update(found["survivors"])
        if found["statuses"]:
            report["note"] = ""
    path.write_text(json.dumps(report, indent=2))


def _fresh_start(module):
    """Forget this module's previous mutants and verdicts: mutmut keeps a verdict across
    runs unless asked, and each module runs against different tests."""
    for path in (Path("mutants") / module, Path("mutants") / f"{module}.meta"):
        path.unlink(missing_ok=True)
    (Path("mutants") / "mutmut-stats.json").unlink(missing_ok=True)


def _print_report(modules):
    print(f"\n{'module':<34} {'killed':>7} {'total':>6} {'score':>7}")
    reports = []
    for module in modules:
        path = REPORTS / f"{_slug(module)}.json"
        if not path.exists():
            print(f"{module:<34} {'failed: see ' + str(REPORTS / _slug(module)) + '.log':>22}")
            continue
        report = json.loads(path.read_text())
        reports.append(report)
        total, killed = report["total"], report["killed"]
        score = f"{100 * killed / total:.1f} %" if total else "—"
        print(f"{module:<34} {killed:>7} {total:>6} {score:>7}  {report['note']}".rstrip())
    for report in reports:
        if report["survivors"]:
            print(f"\n### {report['module']}: {len(report['survivors'])} not killed")
        for name, (status, diff) in report["survivors"].items():
            print(f"\n{name} ({status})\n{diff.strip()}")


def main(arguments):
    if arguments[:1] == ["--one"]:
        _run_one(arguments[1])
        return 0
    modules = arguments or list(MODULES)
    unknown = [module for module in modules if module not in MODULES]
    if unknown:
        print(f"Not in the table: {', '.join(unknown)}", file=sys.stderr)
        return 2
    REPORTS.mkdir(parents=True, exist_ok=True)
    for module in modules:
        print(f"mutating {module} ...", flush=True)
        _fresh_start(module)
        (REPORTS / f"{_slug(module)}.json").unlink(missing_ok=True)
        with open(REPORTS / f"{_slug(module)}.log", "w") as log:
            subprocess.run(
                [sys.executable, __file__, "--one", module], stdout=log, stderr=log, check=False
            )
        _add_operator_mutants(module)
    _print_report(modules)
    return 0


if __name__ == "__main__":
    sys.path.remove(str(Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
