#!/usr/bin/env bash
# Are the demo sets' PDFs the same as at REV, in text (pdftotext -layout) and in every page image
# (pdftoppm at 80 dpi, compared byte for byte)? For changes that must not change a document.
#   bench/pdf_identity.sh REV        e.g. bench/pdf_identity.sh 5a79011
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: bench/pdf_identity.sh REV}
PY=$PWD/.venv/bin/python
WORK=$(mktemp -d)
trap 'git worktree remove --force "$WORK/old" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add -q --detach "$WORK/old" "$REV"
cp bench/render_demo_sets.py "$WORK/render.py"
render() { # checkout out
  (cd "$1" && DEBUG=true DATABASE_URL="sqlite:///$WORK/$(basename "$2").sqlite3" \
    FILE_STORAGE_ROOT="$WORK/files-$(basename "$2")" "$PY" "$WORK/render.py" "$2" | tail -1)
}
render "$WORK/old" "$WORK/old-pdfs"
render "$PWD" "$WORK/new-pdfs"
status=0
for old in "$WORK"/old-pdfs/*.pdf; do
  name=$(basename "$old"); new="$WORK/new-pdfs/$name"
  text=same; pages=same
  cmp -s <(pdftotext -layout "$old" -) <(pdftotext -layout "$new" -) || text=DIFFERENT
  rm -rf "$WORK/po" "$WORK/pn"; mkdir "$WORK/po" "$WORK/pn"
  pdftoppm -r 80 -png "$old" "$WORK/po/p"; pdftoppm -r 80 -png "$new" "$WORK/pn/p"
  [ "$(ls "$WORK/po" | wc -l)" = "$(ls "$WORK/pn" | wc -l)" ] || pages=DIFFERENT
  for page in "$WORK"/po/*.png; do cmp -s "$page" "$WORK/pn/$(basename "$page")" || pages=DIFFERENT; done
  echo "$name: text $text, pages $pages ($(ls "$WORK/po" | wc -l))"
  [ "$text$pages" = samesame ] || status=1
done
[ $status = 0 ] && echo "IDENTICAL to $REV" || echo "DIFFERENT from $REV"
exit $status
