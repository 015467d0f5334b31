#!/usr/bin/env bash
# The toolchain as a user installs it: build the wheel, install it into a fresh virtual
# environment outside the repository (no editable install, no node_modules), build a copy
# of this edition with it, and start a new edition with `edition init` and build that.
#   bash scripts/check_wheel.sh          (after bash scripts/setup.sh; run by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d "${TMPDIR:-/tmp}/edition-wheel-XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "wheel: building"
.venv/bin/python -m build --wheel --outdir "$work/dist" . >"$work/build.log" 2>&1 \
  || { tail -20 "$work/build.log"; exit 1; }
wheel="$(ls "$work"/dist/teiedition-*.whl)"
echo "wheel: $(basename "$wheel") into a fresh virtual environment"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$wheel" 2>&1 | grep -v "^WARNING: Location" || true

echo "wheel: building a copy of the edition with it"
mkdir "$work/project"
cp -r edition.toml edition schemas "$work/project/"
rm -f "$work/project/schemas/__init__.py"
cd "$work/project"
"$work/venv/bin/python" - <<'PY'
import teiedition, pathlib, sys
where = pathlib.Path(teiedition.__file__).resolve()
if "site-packages" not in where.parts:
    sys.exit(f"teiedition was imported from {where}, not from the installed wheel")
print(f"wheel: teiedition imported from {where.parent}")
PY
"$work/venv/bin/edition" schema --check
"$work/venv/bin/edition" validate -q
"$work/venv/bin/edition" build --quiet --out "$work/site"
for file in index.html karakhan-declarations.html karakhan-declarations.pdf map.html \
            citations.json dts/index.json pagefind/pagefind.js assets/edition.css; do
  [ -s "$work/site/$file" ] || { echo "wheel: $file is missing from the site"; exit 1; }
done
grep -q 'class="map-land"' "$work/site/map.html" \
  || { echo "wheel: the map has no basemap"; exit 1; }
echo "wheel: the installed wheel built the edition"

echo "wheel: edition init, then validate and build the new project"
cd "$work"
"$work/venv/bin/edition" init "$work/new-edition" --title "A new edition" >/dev/null
cd "$work/new-edition"
"$work/venv/bin/edition" schema --check
"$work/venv/bin/edition" validate
"$work/venv/bin/edition" build --quiet
for file in index.html letter.html letter.pdf persons/anna.html places/harbourtown.html \
            citations.json dts/index.json; do
  [ -s "build/site/$file" ] || { echo "wheel: $file is missing from the new edition's site"; exit 1; }
done
"$work/venv/bin/edition" init "$work/new-edition" >/dev/null 2>&1 \
  && { echo "wheel: edition init wrote into a folder that is not empty"; exit 1; }
echo "wheel: the installed wheel started and built a new edition"
