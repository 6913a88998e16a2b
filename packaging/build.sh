#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller, then run the smoke test of the frozen app:
# the command line (version, installation check, demo base, integrity, SMIC table and aid,
# an encrypted base, speed-meeting plan and its PDFs, event report) and the window
# (`essdesk --smoke-test`, offscreen without a screen).
#
#   PYTHON=.venv/bin/python packaging/build.sh           # build + smoke test
#   packaging/build.sh --smoke-only                      # test a bundle already built
#
# PYTHON: the interpreter with ESS Desk's dependencies and the `build` extra (pip install -e
# '.[build]'). ESSDESK_BUILD_DIR: where the bundle goes (default build/frozen, git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
OUT=${ESSDESK_BUILD_DIR:-$ROOT/build/frozen}
APP="$OUT/dist/essdesk"
SAMPLE="$ROOT/tests/data/speed_meeting"
START=$(date +%s)

step() { printf '\n== %s\n' "$*"; }
die() { printf 'ÉCHEC : %s\n' "$*" >&2; exit 1; }
is_pdf() { [ -s "$1" ] && [ "$(head -c 5 "$1")" = "%PDF-" ] || die "PDF absent ou illisible : $1"; }

if [ "${1:-}" != "--smoke-only" ]; then
    step "Construction du dossier de l'application (PyInstaller)"
    "$PYTHON" -m PyInstaller --version >/dev/null 2>&1 \
        || die "PyInstaller manque : $PYTHON -m pip install -e '.[build]'"
    "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$OUT/dist" --workpath "$OUT/work" "$ROOT/packaging/essdesk.spec"
    BUILT=$(date +%s)
    echo "Construit en $((BUILT - START)) s : $APP ($(du -sh "$APP" | cut -f1))"
fi
[ -x "$APP/essdesk-cli" ] && [ -x "$APP/essdesk" ] || die "exécutables absents de $APP"

# Everything the smoke test writes stays in a temporary folder, never in the user's own.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export ESSDESK_DATA_DIR="$WORK/donnees" QT_QPA_PLATFORM=offscreen
unset ESSDESK_DATABASE_URL ESSDESK_BACKUP_DIR ESSDESK_USER
BASE="$WORK/demo.sqlite3"
CLI="$APP/essdesk-cli"
SMOKE_START=$(date +%s)

step "Version"
EXPECTED=$(PYTHONPATH="$ROOT" "$PYTHON" -c "import essdesk; print(essdesk.__version__)")
VERSION=$("$CLI" --version)
echo "$VERSION"
[ "$VERSION" = "essdesk $EXPECTED" ] || die "version « $VERSION », attendu « essdesk $EXPECTED »"

step "Fichiers de l'application"
"$CLI" doctor

step "Base de démonstration"
"$CLI" --database "$BASE" demo --youths 120
"$CLI" --database "$BASE" check --full

step "Barème du SMIC et aide de l'État"
[ -n "$("$CLI" --database "$BASE" smic list)" ] || die "barème du SMIC vide"
YEAR=$(date +%Y)
"$CLI" --database "$BASE" aid --from "01/$YEAR" --to "12/$YEAR" --output "$WORK/aide.csv"
[ -s "$WORK/aide.csv" ] || die "aide.csv absent"

step "Base chiffrée (SQLCipher)"
ENCRYPTED="$WORK/chiffree.sqlite3"
ESSDESK_KEY=cle-de-la-construction "$CLI" --database "$ENCRYPTED" encrypt
[ "$(head -c 15 "$ENCRYPTED")" != "SQLite format 3" ] || die "la base n'est pas chiffrée"
ESSDESK_KEY=cle-de-la-construction "$CLI" --database "$ENCRYPTED" check

step "Plan d'un speed meeting et ses PDF"
"$CLI" schedule --recruiters "$SAMPLE/recruiters.csv" --candidates "$SAMPLE/candidates.csv" \
    --wishes "$SAMPLE/wishes.csv" --rounds 8 --min-meetings 2 --time-limit 20 \
    --output "$WORK/plan.json" --pdf "$WORK/speed-meeting"
[ -s "$WORK/plan.json" ] || die "plan absent"
[ -s "$WORK/speed-meeting/planning.csv" ] || die "planning.csv absent"
PDFS=0
for pdf in "$WORK"/speed-meeting/*.pdf; do is_pdf "$pdf"; PDFS=$((PDFS + 1)); done
[ "$PDFS" -gt 0 ] || die "aucun PDF du speed meeting"
echo "$PDFS PDF vérifiés"

step "Rapport d'événement"
"$CLI" --database "$BASE" report event --output "$WORK/rapport-evenement.pdf"
is_pdf "$WORK/rapport-evenement.pdf"

step "Application fenêtrée : chaque écran une fois"
rm -rf "$OUT/ecrans"  # each screen of the frozen app as PNG, to look at after the build
ESSDESK_SMOKE_SCREENSHOTS="$OUT/ecrans" "$APP/essdesk" --database "$BASE" --smoke-test
echo "Images des écrans : $OUT/ecrans"

END=$(date +%s)
printf '\nTest de l%sapplication construite réussi (test : %s s, total : %s s).\n' \
    "'" "$((END - SMOKE_START))" "$((END - START))"
