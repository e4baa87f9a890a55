"""Where the settings come from: the environment, and a local `.env` file for developers.

Pure module, read by ``programme.settings`` and its parts before Django starts.
"""

import os
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# A local, git-ignored `.env` file (written by `make` with DJANGO_DEBUG=1) lets developers
# and tools run `manage.py` without exporting variables. Real environment variables win;
# DJANGO_ENV_FILE names another file, or an empty value reads none (as production does
# when no such file exists).
_ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if _ENV_FILE:
    load_dotenv(_ENV_FILE, override=False)


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
