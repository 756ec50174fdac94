package storage

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// csvLanguages are the languages an export's header is written in.
var csvLanguages = []string{"en", "de", "fr", "es"}

// csvByColumn reads an exported CSV into rows keyed by the English column names, read from
// the file's own header: the comparison does not depend on the language or the order.
func csvByColumn(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("the export is not CSV: %v", err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, cell := range recs[0] {
			name := csvColumnOf(cell)
			if name == "" {
				t.Fatalf("header cell %q names no column", cell)
			}
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// emptyCopy is a new plan with a's objectives and steps but no metric entries, to import a
// CSV into.
func emptyCopy(t *testing.T, a *Store, name string) *Store {
	var doc Document
	if err := json.Unmarshal(exportJSON(t, a), &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc.Tables, "metric_entries")
	data, _ := json.Marshal(doc)
	b := openAt(t, filepath.Join(t.TempDir(), name+".db"))
	if _, err := b.ImportJSON(ctx, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCSVHeaderInEveryLanguage: each language's header names every column of the schema,
// once, and no word means two columns across the languages.
func TestCSVHeaderInEveryLanguage(t *testing.T) {
	seen := map[string]string{}
	for _, l := range csvLanguages {
		h := CSVHeader(l)
		if len(h) != len(csvHeader) {
			t.Fatalf("%s: %d header cells, the schema has %d columns", l, len(h), len(csvHeader))
		}
		for i, cell := range h {
			if got := csvColumnOf(cell); got != csvHeader[i] {
				t.Errorf("%s: %q reads as column %q, want %q", l, cell, got, csvHeader[i])
			}
			if o, ok := seen[foldHeader(cell)]; ok && o != csvHeader[i] {
				t.Errorf("%q names %s and %s", cell, o, csvHeader[i])
			}
			seen[foldHeader(cell)] = csvHeader[i]
		}
		if l != "en" && strings.Join(h, ",") == strings.Join(csvHeader, ",") {
			t.Errorf("%s: the header is the English one", l)
		}
	}
}

// TestCSVRoundTripAcrossLanguages exports a plan's metric entries with the header in one
// language and imports the file into a plan in another, along a chain en → de → fr → es →
// en: every column of the schema comes back as it left, and a file exported in German imports
// where the app speaks French.
func TestCSVRoundTripAcrossLanguages(t *testing.T) {
	a := demoWithRituals(t, 30, 120)
	var first bytes.Buffer
	if _, err := a.ExportCSVIn(ctx, &first, 0, "en"); err != nil {
		t.Fatal(err)
	}
	want := csvByColumn(t, first.Bytes())
	if len(want) != 120 {
		t.Fatalf("the export has %d rows", len(want))
	}
	from, data := a, first.Bytes()
	for i, l := range []string{"de", "fr", "es", "en"} {
		var out bytes.Buffer
		if _, err := from.ExportCSVIn(ctx, &out, 0, l); err != nil {
			t.Fatal(err)
		}
		if head, _, _ := strings.Cut(out.String(), "\n"); head != strings.Join(quoteAll(CSVHeader(l)), ",") {
			t.Fatalf("%s export's header is %q", l, head)
		}
		got := csvByColumn(t, out.Bytes())
		for r := range want {
			for _, c := range csvHeader {
				if got[r][c] != want[r][c] {
					t.Fatalf("step %d (%s): row %d column %s is %q, want %q", i, l, r, c, got[r][c], want[r][c])
				}
			}
		}
		data = out.Bytes()
		to := emptyCopy(t, a, fmt.Sprintf("to-%d", i))
		res, err := to.ImportCSV(ctx, bytes.NewReader(data))
		if err != nil || res.Added != 120 {
			t.Fatalf("import of the %s export: %+v, %v", l, res, err)
		}
		from = to
	}
}

// quoteAll is the cells as encoding/csv writes them in a row.
func quoteAll(cells []string) []string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(cells)
	w.Flush()
	return []string{strings.TrimSuffix(b.String(), "\n")}
}

// TestCSVOldAndMixedHeaders: a file from before the counts column, a header in another
// order, in capitals or without accents imports; a header with an unknown or a repeated
// column, or without the goal, is refused and changes nothing.
func TestCSVOldAndMixedHeaders(t *testing.T) {
	a := demoWithRituals(t, 10, 20)
	var en bytes.Buffer
	if _, err := a.ExportCSVIn(ctx, &en, 0, "en"); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(bytes.NewReader(en.Bytes())).ReadAll()
	write := func(head []string, cols []int) string {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write(head)
		for _, r := range recs[1:] {
			var row []string
			for _, c := range cols {
				row = append(row, r[c])
			}
			w.Write(row)
		}
		w.Flush()
		return b.String()
	}
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	old := write(csvHeader[:10], all[:10])
	reordered := write([]string{"WERT", "Eintrag", "micro objectif", "Zeitpunkt", "NOTA", "cuenta"}, []int{5, 0, 1, 4, 7, 10})
	unaccented := write([]string{"ENTREE", "micro_objectif", "titre du micro-objectif", "objectif", "moment", "valeur", "unite", "note", "corrige", "saisie_le", "compte"}, all)
	for name, data := range map[string]string{"old English": old, "reordered, mixed languages": reordered, "no accents": unaccented} {
		b := emptyCopy(t, a, strings.ReplaceAll(name, " ", "-"))
		res, err := b.ImportCSV(ctx, strings.NewReader(data))
		if err != nil || res.Added != 20 {
			t.Fatalf("%s: %+v, %v", name, res, err)
		}
		var back bytes.Buffer
		b.ExportCSVIn(ctx, &back, 0, "en")
		got := csvByColumn(t, back.Bytes())
		want := csvByColumn(t, en.Bytes())
		for r := range want {
			for _, c := range []string{csvEntry, csvGoal, csvAt, csvValue, csvNote} {
				if got[r][c] != want[r][c] {
					t.Fatalf("%s: row %d column %s is %q, want %q", name, r, c, got[r][c], want[r][c])
				}
			}
		}
	}
	b := emptyCopy(t, a, "refused")
	sum := dbChecksum(t, b)
	for name, head := range map[string][]string{
		"unknown column":  append(append([]string(nil), csvHeader[:10]...), "colour"),
		"repeated column": append(append([]string(nil), csvHeader[:10]...), "Wert"),
		"no goal":         {"entry", "at", "value"},
	} {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(head)
		w.Write(make([]string, len(head)))
		w.Flush()
		if _, err := b.ImportCSV(ctx, &buf); err == nil {
			t.Errorf("%s: the header %q was taken", name, head)
		}
		if dbChecksum(t, b) != sum {
			t.Fatalf("%s: the refused file changed the plan", name)
		}
	}
}
