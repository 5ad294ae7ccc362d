# print_crm: the README's commands. The work is done by tools/harness.py, which
# needs only python3 to start and finds Odoo 18.0 as the README says.
PYTHON3 ?= python3
HARNESS := $(PYTHON3) tools/harness.py

.PHONY: help setup run test test-odoo test-compat lint bench clean-db check-odoo pot

help:
	@echo "make run       create or update the demo database and serve Odoo at http://localhost:8069"
	@echo "make test      lint, then every test (pure, Odoo, browser, suite); ends 'N passed, N failed'"
	@echo "make test-odoo TAGS=/print_crm_quote:TestX   only the Odoo tests those tags select"
	@echo "make test-compat  Odoo's own tests of sale, purchase, portal, helpdesk... with the suite installed"
	@echo "               (BASELINE=1: the same tests without the suite; TAGS=... other Odoo tags)"
	@echo "make lint      ruff, pylint-odoo mandatory checks, Odoo 18 XML checks"
	@echo "make bench     every benchmark under tests/bench/, one 'bench <name> <value> <unit>' line each"
	@echo "               (ONLY=quote_orm: only tests/bench/bench_*quote_orm*.py)"
	@echo "make setup     prepare the virtualenv, chromium, PostgreSQL role and template databases"
	@echo "make clean-db  drop every database, filestore and log the harness created"
	@echo "make pot       export each addon's translation template (i18n/<addon>.pot)"

check-odoo:
	@$(HARNESS) check

setup:
	@$(HARNESS) setup

run:
	@$(HARNESS) run $(if $(WORKERS),--workers $(WORKERS))

test:
	@$(HARNESS) test

test-odoo:
	@$(HARNESS) test-odoo --tags "$(TAGS)"

test-compat:
	@$(HARNESS) test-compat --tags "$(TAGS)" $(if $(BASELINE),--without-suite)

lint:
	@$(HARNESS) lint

bench:
	@$(HARNESS) bench $(if $(ONLY),--only "$(ONLY)")

clean-db:
	@$(HARNESS) clean-db

pot:
	@$(HARNESS) pot
