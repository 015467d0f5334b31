#!/usr/bin/env bash
# Set up a fresh machine (Debian, Python 3.11+, Node.js) and build the edition.
#   bash scripts/setup.sh
# Installs: Debian packages the edition and its tests need (fonts for the PDF, Chromium for
# browser tests, poppler-utils and qpdf for PDF checks), a virtual environment .venv with the
# package and its test extras, the npm packages of package.json; then checks the generated
# schemas and runs `edition build`. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(chromium fonts-noto-core fonts-noto-cjk fonts-dejavu-core poppler-utils qpdf)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! command -v java >/dev/null 2>&1; then missing+=(default-jre-headless); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
echo "setup: installing the teiedition package with its test extras"
.venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import teiedition, lxml, saxonche" # fails loudly if the install did not work
# the package's own modules as bytecode, as a wheel's install leaves them: an editable
# install has none, and where PYTHONDONTWRITEBYTECODE is set (as on the machine of the
# measurements) every run compiled them again (0.06 s of each build's start)
.venv/bin/python -m compileall -q scripts/teiedition transforms >/dev/null

if [ -f package.json ]; then
  echo "setup: installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi
fi

echo "setup: checking the generated schemas"
.venv/bin/edition schema --check
echo "setup: building the edition"
.venv/bin/edition build
