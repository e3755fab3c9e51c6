# Shortcuts for those who have make; dev.py does the work and needs only Python.
PYTHON ?= $(shell command -v python3.11 || command -v python3)

.PHONY: run test lint
run:
	$(PYTHON) dev.py run
test:
	$(PYTHON) dev.py test $(PYTEST_ARGS)
lint:
	.venv/bin/ruff check .
