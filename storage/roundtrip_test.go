package storage

import (
	"bytes"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// schemaColumn is one row of PRAGMA table_info.
type schemaColumn struct {
	name, typ string
	notNull   bool
	dflt      sql.NullString
	pk        bool
}

type schemaTable struct {
	name string
	sql  string
	cols []schemaColumn
	fks  map[string]string // column → referenced table
}

// readSchema reads the user tables of db from sqlite_master and PRAGMA table_info, leaving
// out the tables the export leaves out by its explicit list (localTables).
func readSchema(t *testing.T, db *sql.DB) []*schemaTable {
	t.Helper()
	rows, err := db.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var out []*schemaTable
	for rows.Next() {
		st := &schemaTable{fks: map[string]string{}}
		if err := rows.Scan(&st.name, &st.sql); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(localTables, st.name) {
			out = append(out, st)
		}
	}
	rows.Close()
	for _, st := range out {
		cr, err := db.Query(`SELECT name, type, "notnull", dflt_value, pk > 0 FROM pragma_table_info(?)`, st.name)
		if err != nil {
			t.Fatal(err)
		}
		for cr.Next() {
			var c schemaColumn
			if err := cr.Scan(&c.name, &c.typ, &c.notNull, &c.dflt, &c.pk); err != nil {
				t.Fatal(err)
			}
			st.cols = append(st.cols, c)
		}
		cr.Close()
		fr, err := db.Query(`SELECT "from", "table" FROM pragma_foreign_key_list(?)`, st.name)
		if err != nil {
			t.Fatal(err)
		}
		for fr.Next() {
			var from, to string
			if err := fr.Scan(&from, &to); err != nil {
				t.Fatal(err)
			}
			st.fks[from] = to
		}
		fr.Close()
	}
	// Referenced tables first.
	var ordered []*schemaTable
	placed := map[string]bool{}
	for len(ordered) < len(out) {
		progress := false
		for _, st := range out {
			if placed[st.name] {
				continue
			}
			ready := true
			for _, to := range st.fks {
				if to != st.name && !placed[to] && !slices.Contains(localTables, to) {
					ready = false
				}
			}
			if ready {
				ordered, placed[st.name], progress = append(ordered, st), true, true
			}
		}
		if !progress {
			t.Fatal("the schema's foreign keys go round in a loop")
		}
	}
	return ordered
}

// enumValues are the values a CHECK (col IN (...)) allows, from the table's SQL.
func enumValues(tableSQL, col string) []string {
	m := regexp.MustCompile(`CHECK \(` + regexp.QuoteMeta(col) + ` IN \(([^)]*)\)\)`).FindStringSubmatch(tableSQL)
	if m == nil {
		return nil
	}
	var out []string
	for _, v := range strings.Split(m[1], ",") {
		out = append(out, strings.Trim(strings.TrimSpace(v), "'"))
	}
	return out
}

// fillRows puts rows into every user table of db with every column set to a value other than
// its default (a self-referencing table gets a second row pointing at the first). The few
// values that must make sense to the app are named here; everything else is derived from the
// schema, so a column added later is filled too.
func fillRows(t *testing.T, db *sql.DB, schema []*schemaTable) {
	t.Helper()
	first := map[string]int64{} // table → rowid of its first row
	dayish := regexp.MustCompile(`(^|_)(day|date)$|^moved_to$|^period_`)
	meaningful := map[string]func(row int) any{
		"micro_goals.rrule": func(int) any { return "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH" },
		// A decision is about an objective or a micro-goal, never both; the first row is the
		// drop that the second reverses.
		"decisions.goal_id": func(row int) any {
			if row == 0 {
				return nil
			}
			return first["micro_goals"]
		},
		"decisions.objective_id": func(row int) any {
			if row == 1 {
				return nil
			}
			return first["objectives"]
		},
		"decisions.decision": func(row int) any { return []string{"drop", "reverse"}[row] },
	}
	for _, st := range schema {
		n := 1
		if slices.Contains(mapValues(st.fks), st.name) {
			n = 2
		}
		for row := 0; row < n; row++ {
			var names []string
			var args []any
			for i, c := range st.cols {
				if c.pk && strings.EqualFold(c.typ, "INTEGER") && c.name == "id" {
					continue // the row's local id
				}
				var v any
				switch to, isFK := st.fks[c.name]; {
				case meaningful[st.name+"."+c.name] != nil:
					v = meaningful[st.name+"."+c.name](row)
				case isFK && slices.Contains(localTables, to):
					continue // the trash: rows in it are not exported
				case isFK && to == st.name:
					if row == 0 {
						continue
					}
					v = first[st.name]
				case isFK:
					v = first[to]
				case enumValues(st.sql, c.name) != nil:
					vals := enumValues(st.sql, c.name)
					v = vals[len(vals)-1]
					if c.dflt.Valid && strings.Trim(c.dflt.String, "'") == vals[len(vals)-1] {
						v = vals[0]
					}
					if strings.EqualFold(c.typ, "INTEGER") {
						v = 1
					}
				case strings.EqualFold(c.typ, "INTEGER") && strings.HasSuffix(c.name, "_at"):
					v = int64(1764000000000) + int64(i)*60000 + int64(row)
				case strings.EqualFold(c.typ, "INTEGER"):
					v = 7 + row
				case strings.EqualFold(c.typ, "REAL"):
					v = 2.5 + float64(row)
				case dayish.MatchString(c.name):
					v = fmt.Sprintf("2026-11-%02d", 1+i+row)
				default:
					v = fmt.Sprintf("%s %s %d", st.name, c.name, row)
				}
				if v != nil && c.dflt.Valid && fmt.Sprint(v) == strings.Trim(c.dflt.String, "'") {
					t.Fatalf("%s.%s filled with its default %v", st.name, c.name, v)
				}
				names = append(names, c.name)
				args = append(args, v)
			}
			q := `INSERT INTO ` + st.name + ` (` + strings.Join(names, ", ") + `) VALUES (` +
				strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + `)`
			r, err := db.Exec(q, args...)
			if err != nil {
				t.Fatalf("fill %s: %v", st.name, err)
			}
			if row == 0 {
				first[st.name], _ = r.LastInsertId()
			}
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// tableRows reads every row of st, each as one line: the local id left out, a reference
// replaced by the identity (uuid) of the row it points at.
func tableRows(t *testing.T, db *sql.DB, st *schemaTable) []string {
	t.Helper()
	var cols []string
	for _, c := range st.cols {
		if c.pk && c.name == "id" {
			continue
		}
		expr := `quote(t.` + c.name + `)`
		if to, ok := st.fks[c.name]; ok && !slices.Contains(localTables, to) {
			expr = `quote((SELECT uuid FROM ` + to + ` WHERE id = t.` + c.name + `))`
		}
		cols = append(cols, `'`+c.name+`=' || `+expr)
	}
	rows, err := db.Query(`SELECT ` + strings.Join(cols, ` || ' | ' || `) + ` FROM ` + st.name + ` t`)
	if err != nil {
		t.Fatalf("read %s: %v", st.name, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// roundTrip fills every column of every user table of a fresh plan (after alter, if any,
// changed its schema), exports it, imports it into another fresh plan (altered alike) and
// returns the differences, table by table.
func roundTrip(t *testing.T, alter string) []string {
	dir := t.TempDir()
	a := openAt(t, filepath.Join(dir, "full.db"))
	b := openAt(t, filepath.Join(dir, "empty.db"))
	if alter != "" {
		for _, s := range []*Store{a, b} {
			if _, err := s.db.Exec(alter); err != nil {
				t.Fatal(err)
			}
		}
	}
	schema := readSchema(t, a.db)
	fillRows(t, a.db, schema)
	// Machine-local state that must stay behind.
	for _, k := range []string{"notify.since", "notify.unavailable", "backup.last", "window.close_to_tray"} {
		if _, err := a.db.Exec(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, 'local')`, k); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.db.Exec(`INSERT INTO notification_log (key, kind, due_at, claimed_at) VALUES ('k', 'due', 1, 1)`); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := a.ExportJSON(ctx, &file); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ImportJSON(ctx, bytes.NewReader(file.Bytes())); err != nil {
		t.Fatalf("import of the full plan: %v", err)
	}
	var diffs []string
	for _, st := range schema {
		ra, rb := tableRows(t, a.db, st), tableRows(t, b.db, st)
		if st.name == "settings" {
			ra = slices.DeleteFunc(ra, func(s string) bool { return strings.Contains(s, "'local'") })
		}
		if len(ra) == 0 {
			diffs = append(diffs, st.name+": nothing was filled")
		}
		if !slices.Equal(ra, rb) {
			diffs = append(diffs, fmt.Sprintf("%s:\n  exported %q\n  imported %q", st.name, ra, rb))
		}
	}
	var n int
	b.db.QueryRow(`SELECT count(*) FROM settings WHERE value = 'local'`).Scan(&n)
	if n != 0 {
		diffs = append(diffs, fmt.Sprintf("%d machine-local settings travelled", n))
	}
	b.db.QueryRow(`SELECT count(*) FROM notification_log`).Scan(&n)
	if n != 0 {
		diffs = append(diffs, "the notification log travelled")
	}
	return diffs
}

// TestSchemaDrivenRoundTrip: every column of every user table, filled with a value other than
// its default, comes back row by row from export → import into an empty file.
func TestSchemaDrivenRoundTrip(t *testing.T) {
	if diffs := roundTrip(t, ""); len(diffs) > 0 {
		t.Fatalf("the round trip loses data:\n%s", strings.Join(diffs, "\n"))
	}
}

// TestSchemaDrivenRoundTripCatchesANewColumn shows the test above failing for a column added
// to the schema without export support.
func TestSchemaDrivenRoundTripCatchesANewColumn(t *testing.T) {
	diffs := roundTrip(t, `ALTER TABLE micro_goals ADD COLUMN added_later TEXT NOT NULL DEFAULT ''`)
	if len(diffs) != 1 || !strings.HasPrefix(diffs[0], "micro_goals:") || !strings.Contains(diffs[0], "added_later='micro_goals added_later 0'") {
		t.Fatalf("a column without export support went unnoticed: %q", diffs)
	}
}
