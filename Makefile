# Tremplin — the two commands: `make run` (demo on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# `make run` is a local demonstration: debug mode, SQLite unless DATABASE_URL says otherwise.
RUN_ENV := DJANGO_DEBUG=1

.PHONY: run test bench bench-ranking wrk mutation lint format messages update-messages chromium clamav pdf oidc-provider clean lock

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	touch $(STAMP)

# Re-pin requirements.lock from the ranges in pyproject.toml (runtime and dev).
lock:
	rm -rf /tmp/tremplin-lock && $(PYTHON) -m venv /tmp/tremplin-lock
	/tmp/tremplin-lock/bin/python -m pip install --quiet --upgrade pip
	/tmp/tremplin-lock/bin/python -m pip install --quiet ".[dev]"
	/tmp/tremplin-lock/bin/python -m pip freeze --exclude tremplin > requirements.lock

# A local settings file for development: manage.py then runs without exported variables.
.env:
	printf '# Local development settings (not in git). See the README configuration table.\nDJANGO_DEBUG=1\n' > .env

messages: $(STAMP) .env
	$(RUN_ENV) $(BIN)/python manage.py compile_translations

run: messages
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: messages chromium clamav pdf oidc-provider wrk
	$(BIN)/pytest $(PYTEST_ARGS)

# The load benchmark (tests/bench/run.py): the pages that grow, served as in production
# (gunicorn, 2 sync workers, PostgreSQL, Redis, DEBUG off) on generated data of SCALE
# editions, loaded with wrk; prints a Markdown table. `make bench SCALE=100`, `QUICK=1` for
# 1 s runs; BENCH_ARGS passes more (`--pages`, `--deliberation 100x15x6`, `--reuse`).
SCALE ?= 1
QUICK ?=
BENCH_ARGS ?=
bench: messages wrk
	$(BIN)/python -m tests.bench.run --scale $(SCALE) $(if $(QUICK),--quick) $(BENCH_ARGS)

# One million marks ranked, timed in-process (minutes to generate): tests/bench/ranking.py.
bench-ranking: messages
	$(BIN)/python -m tests.bench.ranking $(BENCH_ARGS)

# The load generator of the benchmark is Debian's wrk; install it when we can (root).
wrk:
	@command -v wrk >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; \
	    else echo "The load benchmark needs wrk: sudo apt-get install wrk" >&2; exit 1; fi; }

# Mutation testing of the workflow modules, each against its own tests: a slow report, not in
# CI. `make mutation MODULES=jury/ranking.py` for some; the table is in tests/mutation/run.py.
MODULES ?=
MUTATION_PYTHON ?= $(BIN)/python
mutation: messages
	$(MUTATION_PYTHON) tests/mutation/run.py $(MODULES)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Developers only (needs GNU gettext): refresh the .po files after changing strings.
update-messages: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py makemessages --locale fr --locale en --no-obsolete \
		--ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*" --ignore "mutants/*"

# Browser tests drive Debian's Chromium; install it when we can (root), else say how.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	    else echo "Browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# The antivirus tests start Debian's ClamAV daemon with a signature database of their own.
clamav:
	@[ -x /usr/sbin/clamd ] || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq clamav-daemon; \
	    else echo "Antivirus tests need ClamAV: sudo apt-get install clamav-daemon" >&2; exit 1; fi; }

# The PDF minutes: WeasyPrint draws with Debian's Pango and DejaVu fonts (never a font
# from the network); the tests read the PDFs back with poppler's pdftotext.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
pdf:
	@{ [ -x /usr/bin/pdftotext ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && \
	   ldconfig -p | grep -q 'libpangoft2-1.0.so.0'; } || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(PDF_PACKAGES); \
	    else echo "The PDF minutes need: sudo apt-get install $(PDF_PACKAGES)" >&2; exit 1; fi; }

# The ProConnect tests sign in against a real OpenID Connect provider started by the tests
# (node's oidc-provider, in tests/oidc_provider): Debian's Node.js when npm is missing,
# then the locked packages (npm ci), again only when the lock changes.
OIDC_PROVIDER := tests/oidc_provider
oidc-provider: $(OIDC_PROVIDER)/node_modules/.package-lock.json

$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package.json $(OIDC_PROVIDER)/package-lock.json
	@command -v npm >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm; \
	    else echo "The ProConnect tests need Node.js: sudo apt-get install nodejs npm" >&2; exit 1; fi; }
	cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) staticfiles test-artifacts $(OIDC_PROVIDER)/node_modules
