# HTTP Status Codes: build, translate and test.
#   make html        both languages into _build/html/{en,zh_CN}/ (sets up .venv first)
#   make test        the whole test suite (sets up .venv first)
#   make gettext     extract messages into _build/gettext/*.pot
#   make update-po   refresh locale/zh_CN catalogues from the sources
#   make stat        translation status of the zh_CN catalogues
#   make livehtml    serve the English site with live reload while you write
#   make audit       Lighthouse scores and page weight of sample pages, both languages
#   make bench       time a clean build, a one-page rebuild, update-po and an empty project's floor
#   make clean       remove _build (keeps .venv)

LANGUAGES   := en zh_CN
BUILDDIR    := _build
VENV        := .venv
BIN         := $(VENV)/bin
SPHINXOPTS  ?= -n -W --keep-going -q
SPHINXBUILD := $(BIN)/sphinx-build
export PYTHONWARNINGS ?= ignore::DeprecationWarning,ignore::SyntaxWarning

.PHONY: help html test livehtml audit bench gettext update-po stat clean venv system-packages

help:
	@sed -n 's/^#   //p' Makefile

# Creates .venv, or rebuilds one that cannot be used (tools/ensure-venv says why).
# VENV_READY=1 skips the check in the sub-make that builds the languages.
venv:
ifndef VENV_READY
	@tools/ensure-venv
endif

# msgfmt, Chromium and Java for the tests: installed when missing (Debian, Ubuntu).
system-packages:
	@tools/install-system-packages

# The languages build side by side: one Sphinx process per core.
html: venv
	@$(MAKE) --no-print-directory -j2 VENV_READY=1 $(addprefix html-,$(LANGUAGES))
	@cp tools/root-index.html $(BUILDDIR)/html/index.html
	@cp $(BUILDDIR)/html/en/404.html $(BUILDDIR)/html/404.html
	@echo "Built $(LANGUAGES) under $(BUILDDIR)/html/; open $(BUILDDIR)/html/index.html"

# Build into a temporary directory and swap it in, so a failed build never
# replaces the last good site with a half-written one.
html-%: venv FORCE
	@mkdir -p $(BUILDDIR)/html
	@rm -rf $(BUILDDIR)/html/.$*.new
	@if [ -d $(BUILDDIR)/html/$* ]; then cp -a $(BUILDDIR)/html/$* $(BUILDDIR)/html/.$*.new; fi
	@$(SPHINXBUILD) -b html $(SPHINXOPTS) -D language=$* -d $(BUILDDIR)/doctrees/$* . $(BUILDDIR)/html/.$*.new
	@rm -rf $(BUILDDIR)/html/.$*.old
	@if [ -d $(BUILDDIR)/html/$* ]; then mv $(BUILDDIR)/html/$* $(BUILDDIR)/html/.$*.old; fi
	@mv $(BUILDDIR)/html/.$*.new $(BUILDDIR)/html/$* && rm -rf $(BUILDDIR)/html/.$*.old

test: venv system-packages
	$(BIN)/python -m pytest

gettext: venv
	@rm -rf $(BUILDDIR)/gettext
	$(SPHINXBUILD) -b gettext -E $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/gettext . $(BUILDDIR)/gettext

update-po: gettext
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locale -l zh_CN --line-width=-1 --no-obsolete

stat: venv
	@$(BIN)/sphinx-intl stat -d locale -l zh_CN

livehtml: venv
	$(BIN)/sphinx-autobuild -n --keep-going -D language=$(or $(LANG_CODE),en) . $(BUILDDIR)/live

audit: html
	tools/install-audit-deps
	$(BIN)/python tools/audit.py $(BUILDDIR)/html

# Times the build on temporary copies of the sources (never _build or locale/);
# BENCHFLAGS="--repeat 3" keeps the best of three runs.
bench: venv
	$(BIN)/python tools/bench.py --sphinxopts="$(SPHINXOPTS)" $(BENCHFLAGS)

clean:
	rm -rf $(BUILDDIR)
FORCE:
