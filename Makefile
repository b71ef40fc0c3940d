# The README's commands. Everything runs inside .venv, which `make install` creates.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
AG     := $(VENV)/bin/autograde

.PHONY: help install postgres test check watch hint solution reset list progress leaderboard regrade validate mutate new bench venv

help:            ## this list
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

install:         ## create .venv: torch 2.13.0 (CPU wheel) first, then the project with its dev extras (no root needed)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'

postgres:        ## PostgreSQL's server programs, which the tests start privately (Debian's package, as root, if missing)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] || { echo "PostgreSQL's server programs are missing and only root installs them:" \
	      "the store's PostgreSQL tests will be skipped"; exit 0; }; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

venv:
	@test -x $(AG) || { echo "run 'make install' first: it creates .venv, where autograde lives"; exit 2; }

test: postgres   ## the whole test suite (engine, manifest, every unit's validation)
	$(PY) -m pytest -n 2 -q

# Below full marks `autograde check` exits 1: a score, not a failure, so make says nothing more.
check: venv      ## grade your work in work/UNIT/: make check unit=18.06-lec5 (learner=NAME to choose who is recorded)
	@test -n "$(unit)" || { echo "usage: make check unit=ID   (make list shows the ids)"; exit 2; }
	@$(AG) check $(unit) $(if $(learner),--learner $(learner)) || [ $$? -eq 1 ]

watch: venv      ## grade your work again on every save: make watch [unit=ID] (h hints, n next unit, q quit)
	@$(AG) watch $(unit) $(if $(learner),--learner $(learner))

hint: venv       ## hints for the tests you do not pass yet: make hint unit=ID
	@$(AG) hint $(unit) || [ $$? -eq 1 ]

reset: venv      ## put the stub back in your work: make reset unit=ID [function=NAME] (a backup is kept)
	@$(AG) reset $(unit) $(function)

solution: venv   ## the reference solution, once you have full marks: make solution unit=ID
	@$(AG) solution $(unit)

list: venv      ## every unit of the curriculum and whether it has content
	@$(AG) list

progress: venv  ## your roadmap: rows done, Pulse balance, next unit (learner=NAME to choose)
	@$(AG) progress $(if $(learner),--learner $(learner))

leaderboard: venv ## the study group's standings (since=YYYY-MM-DD, phase=N to filter)
	@$(AG) leaderboard $(if $(since),--since $(since)) $(if $(phase),--phase $(phase))

regrade:         ## re-grade stored attempts and flag scores that do not reproduce
	@$(AG) regrade

validate:        ## prove the graders of every unit with content (authors)
	@$(AG) validate

mutate:          ## automatic mutation testing of the graders (authors): make mutate unit=ID (default: every unit)
	@$(AG) mutate $(unit)

new:             ## scaffold a unit (authors): make new unit=ID
	@$(AG) new $(unit)

bench:           ## time `autograde check` of each flagship unit against its import floor
	@$(PY) -m autograde.authoring.bench
