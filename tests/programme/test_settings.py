"""Production mode is the default, and it refuses to start half-configured."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-production-secret-for-the-settings-test-only-" + "z" * 10


def run_manage(*args, **env):
    # No DJANGO_* variable, and no local .env file: what a bare production server sees.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean["DJANGO_ENV_FILE"] = ""
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_without_secret_key_refuses_to_start_with_a_clear_message():
    result = run_manage("check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_mode_with_an_insecure_key_refuses_to_start():
    result = run_manage(
        "check", DJANGO_SECRET_KEY="django-insecure-abc", DJANGO_ALLOWED_HOSTS="example.fr"
    )

    assert result.returncode != 0
    assert "too weak for production" in result.stderr


def test_production_mode_without_allowed_hosts_refuses_to_start():
    result = run_manage("check", DJANGO_SECRET_KEY=STRONG_KEY)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is empty" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="tremplin.example.fr",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_mode_starts_without_any_configuration():
    result = run_manage("check", DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_a_local_env_file_is_read_and_real_variables_win(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_DEBUG=1\nDJANGO_ALLOWED_HOSTS=from-the-file.example\n")

    from_file = run_manage("diffsettings", DJANGO_ENV_FILE=str(env_file))
    overridden = run_manage(
        "diffsettings", DJANGO_ENV_FILE=str(env_file), DJANGO_ALLOWED_HOSTS="from-env.example"
    )

    assert "ALLOWED_HOSTS = ['from-the-file.example']" in from_file.stdout
    assert "ALLOWED_HOSTS = ['from-env.example']" in overridden.stdout


def test_a_bad_configuration_stops_manage_py_with_its_message_only():
    result = run_manage("makemigrations", "--check", "--dry-run")

    assert result.returncode == 1
    assert result.stderr.startswith("Configuration error: DJANGO_SECRET_KEY is not set.")
    assert "Traceback" not in result.stderr


def test_every_environment_variable_of_the_settings_is_in_the_readme_table():
    settings_source = (ROOT / "programme" / "settings.py").read_text()
    variables = set(re.findall(r'\benv(?:_bool|_list)?\(\s*"([A-Z0-9_]+)"', settings_source))
    readme = (ROOT / "README.md").read_text().splitlines()
    table = [line for line in readme if line.startswith("| `")]
    documented = {name for line in table for name in re.findall(r"`([A-Z0-9_]+)`", line)}

    assert variables - documented == set()
