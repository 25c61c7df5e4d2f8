#!/usr/bin/env bash
# Builds the seed corpus of each fuzz target in fuzz/corpus/<target>/ from the test
# fixtures and from files the app itself exports (a small demo shop as CSV, xlsx, vCard).
# The corpus grows while fuzzing and is not committed; this only adds the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=(cargo run -q --locked --bin stammkunde-cli --)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${cli[@]}" --db "$work/shop.sqlite3" demo --customers 30 --years 2 >/dev/null
for ext in csv xlsx vcf; do
	"${cli[@]}" --db "$work/shop.sqlite3" export customers "$work/kunden.$ext" >/dev/null
done
seed() { mkdir -p "fuzz/corpus/$1"; cp "$2" "fuzz/corpus/$1/"; }
csvs=(tests/fixtures/febrl/dataset1.csv tests/fixtures/cdnow/*.csv ui/e2e/fixtures/*.csv
	tests/fixtures/repro/*.csv "$work/kunden.csv")
for f in "${csvs[@]}"; do
	seed csv "$f"
	mkdir -p fuzz/corpus/import_rows
	{ printf '\0'; cat "$f"; } >"fuzz/corpus/import_rows/$(basename "$f")"
done
seed xlsx tests/fixtures/repro/xlsx_far_cell_abort.xlsx
seed xlsx "$work/kunden.xlsx"
seed vcard "$work/kunden.vcf"
mkdir -p fuzz/corpus/purchases fuzz/corpus/survey_answers fuzz/corpus/kiosk_pin
printf 'Kundennummer;Datum;Betrag;Rabatt;Artikel;Warengruppe;Menge\r\n1;01.02.2026;12,50;;Brot;Backwaren;2\r\n2;15.03.2026;1.234,56;10,00;Rad;;1\r\n' \
	>fuzz/corpus/purchases/kauf.csv
printf 'E-Mail;Datum;Betrag\nanna@example.de;31.12.2025;99\n' >fuzz/corpus/purchases/email.csv
printf '\001[{"type":"score","value":9},{"type":"score","value":4},{"type":"choices","value":[0,2]},{"type":"text","value":"Sehr nett"}]' \
	>fuzz/corpus/survey_answers/complete.json
printf '\000[{"type":"skipped"},{"type":"score","value":11}]' >fuzz/corpus/survey_answers/partial.json
printf '4711\n$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' \
	>fuzz/corpus/kiosk_pin/hash.txt
printf '0000\n' >fuzz/corpus/kiosk_pin/same.txt
echo "seeds in fuzz/corpus: $(find fuzz/corpus -type f | wc -l) files"
