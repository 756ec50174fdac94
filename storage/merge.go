package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/microgoals/microgoals/model"
)

// ImportResult counts what an import added and updated.
type ImportResult struct {
	Added, Updated, Unchanged int
}

func (r ImportResult) String() string {
	return fmt.Sprintf("%d added, %d updated, %d already there", r.Added, r.Updated, r.Unchanged)
}

// maxImportSize bounds what an import reads: far above any real plan, and a guard against a
// wrong file choice filling memory.
const maxImportSize = 512 << 20

// maxFieldLen bounds any one text value of an import; the app's own limits are far lower and
// are checked per field.
const maxFieldLen = 1 << 20

// maxRefusal is the longest refusal message, in characters: it is shown in a banner.
const maxRefusal = 300

// ImportJSON merges a JSON Document into the database in one transaction: rows are matched by
// identity (uuid, or a natural key for occurrence exceptions, sprints and settings); a new one
// is added, a known one is updated when the file's copy is newer (updated_at, or at) and kept
// otherwise; metric entries, sprints, decisions and settings already present are kept as they
// are. An existing step keeps its place in the local outline. A file that is not JSON, not a
// Microgoals export, from a newer version, or breaks a rule the app enforces (a reference to a
// row that is neither in the file nor in the database, a step nested deeper than
// model.MaxDepth or its own ancestor, an unknown status, a title the app would refuse) is
// refused with an error matching ErrBadImport that names the row, and nothing changes.
func (s *Store) ImportJSON(ctx context.Context, r io.Reader) (ImportResult, error) {
	return s.ImportJSONProgress(ctx, r, nil)
}

// ImportJSONProgress is ImportJSON telling progress (which may be nil) how many rows are
// merged. Cancelling ctx rolls everything back and returns ctx's error.
func (s *Store) ImportJSONProgress(ctx context.Context, r io.Reader, progress Progress) (ImportResult, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return ImportResult{}, wrapf(err, "import: read the file")
	}
	if len(data) > maxImportSize {
		return ImportResult{}, badImport("the file is larger than any Microgoals export (over {{.MB}} MB)", "MB", maxImportSize>>20)
	}
	doc, err := parseDocument(data)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err = s.write(ctx, func(tx *sql.Tx) error {
		m := &merger{ctx: ctx, tx: tx, progress: progress, stmts: map[string]*sql.Stmt{}}
		defer m.close()
		err := m.merge(doc)
		res = m.res
		return err
	})
	if err != nil {
		if errors.Is(err, ErrBadImport) {
			return ImportResult{}, err
		}
		return ImportResult{}, wrapf(err, "import")
	}
	return res, nil
}

// badImport is a refusal: the message is made safe to show (control characters escaped) and
// short (at most maxRefusal characters in all).
// The message is a model.Text message with its fields in kv, translated when it is read.
func badImport(msg string, kv ...any) error { return &importError{msg: msg, kv: kv} }

// importError is an import's refusal; it matches ErrBadImport.
type importError struct {
	msg string
	kv  []any
}

func (e *importError) Error() string {
	frame := func(reason string) string {
		return model.Text("the file cannot be imported: {{.Reason}}; nothing was changed", "Reason", reason)
	}
	room := maxRefusal - utf8.RuneCountInString(frame(""))
	return frame(clip(escapeControls(translate(e.msg, e.kv)), room))
}

func (e *importError) Unwrap() error { return ErrBadImport }
func (e *importError) userFacing()   {}

// escapeControls writes control characters as Go escapes (\n, \x01), so a refusal quoting a
// file's text stays one readable line.
func escapeControls(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// clip cuts s to n characters, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// parseDocument reads and checks a Document's structure without touching the database. It
// reads the file in one pass, each table straight into its rows.
func parseDocument(data []byte) (Document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return Document{}, badImport("it is not a text file (not UTF-8), so not a Microgoals export")
	}
	notJSON := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return badImport("it is not valid JSON ({{.Err}} at byte {{.Offset}})", "Err", se, "Offset", se.Offset)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return badImport("it is not valid JSON (it ends too early)")
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		if e := notJSON(err); e != nil {
			return Document{}, e
		}
		return Document{}, badImport("it is not a Microgoals export ({{.Err}})", "Err", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		// Valid JSON of another shape, or not JSON at all.
		if !json.Valid(data) {
			return Document{}, notJSON(json.Unmarshal(data, new(any)))
		}
		return Document{}, badImport("it is JSON, but not a Microgoals export (no \"format\": {{.Format}})", "Format", strconv.Quote(ExportFormat))
	}
	doc := Document{Tables: map[string][]Row{}}
	var format *string
	var version *json.Number
	var unknown string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			if e := notJSON(err); e != nil {
				return Document{}, e
			}
			return Document{}, badImport("the export is damaged ({{.Err}})", "Err", err)
		}
		name, _ := tok.(string)
		var derr error
		switch {
		case name == "format":
			derr = dec.Decode(&format)
		case name == "version":
			derr = dec.Decode(&version)
		case name == "exported_at":
			var at any
			derr = dec.Decode(&at)
			doc.ExportedAt, _ = at.(string)
		case slices.ContainsFunc(exportTables, func(t *table) bool { return t.name == name }):
			var rows []Row
			if derr = dec.Decode(&rows); derr == nil {
				doc.Tables[name] = rows
			} else if notJSON(derr) == nil {
				derr = badImport("the export is damaged: {{.Part}} is not a list of rows ({{.Err}})", "Part", name, "Err", derr)
			}
		default:
			var skip json.RawMessage
			derr = dec.Decode(&skip)
			if unknown == "" {
				unknown = name
			}
		}
		if derr != nil {
			if e := notJSON(derr); e != nil {
				return Document{}, e
			}
			if errors.Is(derr, ErrBadImport) {
				return Document{}, derr
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		if e := notJSON(err); e != nil {
			return Document{}, e
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return Document{}, badImport("it is not valid JSON (there is more after the document)")
	}
	if format == nil || *format != ExportFormat {
		return Document{}, badImport("it is JSON, but not a Microgoals export (no \"format\": {{.Format}})", "Format", strconv.Quote(ExportFormat))
	}
	if version == nil {
		return Document{}, badImport("the export has no valid version")
	}
	v, err := version.Int64()
	if err != nil || v < 1 {
		return Document{}, badImport("the export has no valid version")
	}
	doc.Format, doc.Version = *format, int(v)
	if doc.Version > ExportVersion {
		return Document{}, badImport("it was exported by a newer Microgoals (document version {{.Version}}; this one reads up to {{.Known}}) — update Microgoals to import it", "Version", doc.Version, "Known", ExportVersion)
	}
	if unknown != "" {
		return Document{}, badImport("the export has a part “{{.Part}}” this Microgoals does not know", "Part", clip(unknown, 40))
	}
	return doc, nil
}

func parseMs(field, s string) (int64, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, badImport("{{.Field}} “{{.Value}}” is not a time (want e.g. 2026-11-25T09:00:00.000Z)", "Field", field, "Value", clip(s, 40))
	}
	return t.UnixMilli(), nil
}

// localIDs maps the identities of one table to the local integer ids. A row in the trash
// keeps its identity but is not offered for merging: a file's copy of it is refused as a
// duplicate rather than hung under something the user deleted.
func localIDs(ctx context.Context, tx *sql.Tx, table string) (map[string]int64, error) {
	where := ""
	if table == "objectives" || table == "micro_goals" {
		where = " WHERE trash_id IS NULL"
	}
	rows, err := tx.QueryContext(ctx, `SELECT uuid, id FROM `+table+where)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var u string
		var id int64
		if err := rows.Scan(&u, &id); err != nil {
			return nil, err
		}
		out[u] = id
	}
	return out, rows.Err()
}

// merger is one import's merge inside one write transaction.
type merger struct {
	ctx      context.Context
	tx       *sql.Tx
	res      ImportResult
	progress Progress
	done     int
	total    int
	// ids maps, per table with identities, uuid to local id; rows added are added here.
	ids   map[string]map[string]int64
	stmts map[string]*sql.Stmt
	// late are self-references (a correction, a reversal) linked once their table is in.
	late []lateLink
	// tables caches per table what every row's merge needs.
	tables map[*table]*tableMerge
}

type lateLink struct {
	t      *table
	col    column
	id     int64
	target string
	label  string
}

func (m *merger) close() {
	for _, st := range m.stmts {
		st.Close()
	}
}

// stmt prepares query once per import.
func (m *merger) stmt(query string) (*sql.Stmt, error) {
	if st, ok := m.stmts[query]; ok {
		return st, nil
	}
	st, err := m.tx.PrepareContext(m.ctx, query)
	if err != nil {
		return nil, err
	}
	m.stmts[query] = st
	return st, nil
}

func (m *merger) merge(doc Document) error {
	if err := assignUUIDs(m.ctx, m.tx); err != nil {
		return err
	}
	m.ids = map[string]map[string]int64{}
	for _, t := range exportTables {
		m.total += len(doc.Tables[t.name])
		if slices.Equal(t.key, []string{"uuid"}) {
			ids, err := localIDs(m.ctx, m.tx, t.name)
			if err != nil {
				return err
			}
			m.ids[t.name] = ids
		}
		if err := uniqueKeys(t, doc.Tables[t.name]); err != nil {
			return err
		}
	}
	for _, t := range exportTables {
		rows := doc.Tables[t.name]
		order := make([]int, len(rows))
		for i := range order {
			order[i] = i
		}
		if t == goalsTable {
			var err error
			if order, err = m.goalOrder(rows); err != nil {
				return err
			}
		}
		for _, i := range order {
			if err := m.ctx.Err(); err != nil {
				return err
			}
			if err := m.mergeRow(t, i, rows[i]); err != nil {
				return err
			}
			if m.done++; m.progress != nil && m.done%256 == 0 {
				m.progress(m.done, m.total)
			}
		}
		if err := m.linkLate(); err != nil {
			return err
		}
	}
	// One objective at most is in focus: the newest focus wins.
	if _, err := m.tx.ExecContext(m.ctx, `UPDATE objectives SET in_focus = 0 WHERE in_focus = 1 AND id <> (
		SELECT id FROM objectives WHERE in_focus = 1 ORDER BY updated_at DESC, id DESC LIMIT 1)`); err != nil {
		return err
	}
	if m.progress != nil {
		m.progress(m.total, m.total)
	}
	return nil
}

// label names row i of t in a refusal: its table, number and title (or subject, or key),
// shortened.
func label(t *table, i int, row Row) string {
	for _, f := range []string{"title", "subject", "key"} {
		if s, ok := row[f].(string); ok {
			return model.Text("{{.Part}} row {{.Row}} (“{{.Title}}”)", "Part", t.name, "Row", i+1, "Title", clip(s, 60))
		}
	}
	return model.Text("{{.Part}} row {{.Row}}", "Part", t.name, "Row", i+1)
}

// uniqueKeys refuses a file that holds one identity twice in a table.
func uniqueKeys(t *table, rows []Row) error {
	seen := make(map[string]int, len(rows))
	for i, row := range rows {
		var key []string
		for _, k := range t.key {
			c := t.column(k)
			v, ok := row[c.fileName()].(string)
			if c.kind != colText && c.kind != colRef && c.kind != colDay && c.kind != colTime {
				v, ok = fmt.Sprint(row[c.fileName()]), row[c.fileName()] != nil
			}
			if !ok || strings.TrimSpace(v) == "" || len(v) > 255 {
				return badImport("{{.Row}} has no valid {{.Field}}", "Row", label(t, i, row), "Field", c.fileName())
			}
			key = append(key, v)
		}
		k := strings.Join(key, "\x00")
		if j, dup := seen[k]; dup {
			return badImport("{{.Row}} and row {{.Other}} have the same {{.Fields}} ({{.Values}})", "Row", label(t, i, row), "Other", j+1, "Fields", strings.Join(t.key, ", "), "Values", clip(strings.Join(key, ", "), 80))
		}
		seen[k] = i
	}
	return nil
}

// goalOrder checks the tree the file's new steps make with the plan's (every parent known,
// same objective, no loop, at most model.MaxDepth levels) and returns the rows in an order
// that merges every parent before its children. A step already in the plan keeps its place.
func (m *merger) goalOrder(rows []Row) ([]int, error) {
	type local struct{ objective, parent int64 }
	known := map[int64]local{}
	q, err := m.tx.QueryContext(m.ctx, `SELECT id, objective_id, coalesce(parent_id, 0) FROM micro_goals WHERE trash_id IS NULL`)
	if err != nil {
		return nil, err
	}
	for q.Next() {
		var id int64
		var l local
		if err := q.Scan(&id, &l.objective, &l.parent); err != nil {
			q.Close()
			return nil, err
		}
		known[id] = l
	}
	q.Close()
	if err := q.Err(); err != nil {
		return nil, err
	}
	localDepth := map[int64]int{}
	var depthOf func(id int64, n int) int
	depthOf = func(id int64, n int) int {
		if d, ok := localDepth[id]; ok {
			return d
		}
		d := 1
		if p := known[id].parent; p != 0 && n <= model.MaxDepth+1 {
			d = depthOf(p, n+1) + 1
		}
		localDepth[id] = d
		return d
	}
	goalIDs := m.ids["micro_goals"]
	byUUID := make(map[string]int, len(rows))
	for i, row := range rows {
		if u, ok := row["uuid"].(string); ok {
			byUUID[u] = i
		}
	}
	depth := make([]int, len(rows)) // 0: not yet known
	const visiting = -1
	var walk func(i int) error
	walk = func(i int) error {
		if depth[i] > 0 {
			return nil
		}
		if depth[i] == visiting {
			return badImport("{{.Row}} is its own ancestor: its parent steps go round in a loop", "Row", label(goalsTable, i, rows[i]))
		}
		row := rows[i]
		u, _ := row["uuid"].(string)
		if id, ok := goalIDs[u]; ok {
			depth[i] = depthOf(id, 0)
			return nil
		}
		objUUID, _ := row["objective"].(string)
		objective, ok := m.ids["objectives"][objUUID]
		if !ok {
			return badImport("{{.Row}} names an objective that is neither in the file nor in this plan", "Row", label(goalsTable, i, row))
		}
		parent, hasParent := row["parent"]
		if !hasParent || parent == nil {
			depth[i] = 1
			return nil
		}
		pu, ok := parent.(string)
		if !ok {
			return badImport("{{.Row}}: parent is not an identity", "Row", label(goalsTable, i, row))
		}
		var pdepth int
		var pobjective int64
		if j, inFile := byUUID[pu]; inFile {
			depth[i] = visiting
			if err := walk(j); err != nil {
				return err
			}
			pdepth = depth[j]
			if id, ok := goalIDs[pu]; ok {
				pobjective = known[id].objective
			} else {
				ou, _ := rows[j]["objective"].(string)
				pobjective = m.ids["objectives"][ou]
			}
		} else if id, ok := goalIDs[pu]; ok {
			pdepth, pobjective = depthOf(id, 0), known[id].objective
		} else {
			return badImport("{{.Row}} names a parent step that is neither in the file nor in this plan", "Row", label(goalsTable, i, row))
		}
		if pobjective != objective {
			return badImport("{{.Row}} and its parent step belong to different objectives", "Row", label(goalsTable, i, row))
		}
		if pdepth+1 > model.MaxDepth {
			return badImport("{{.Row}} would sit {{.Depth}} levels deep; steps nest at most {{.Max}} levels", "Row", label(goalsTable, i, row), "Depth", pdepth+1, "Max", model.MaxDepth)
		}
		depth[i] = pdepth + 1
		return nil
	}
	order := make([]int, len(rows))
	for i := range rows {
		if err := walk(i); err != nil {
			return nil, err
		}
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return depth[a] - depth[b] })
	return order, nil
}

// value turns the file's v for column c into what SQLite stores. refs maps are looked up
// for references; a self-reference of a log (late) is left for linkLate.
func (m *merger) value(t *table, c column, v any, present bool, label func() string) (any, error) {
	if !present {
		if c.def != nil || c.null {
			return c.def, nil
		}
		return nil, badImport("{{.Row}} has no {{.Field}}", "Row", label(), "Field", c.fileName())
	}
	if v == nil {
		if c.null {
			return nil, nil
		}
		return nil, badImport("{{.Row}}: {{.Field}} cannot be empty (null)", "Row", label(), "Field", c.fileName())
	}
	wrong := func(want string) error {
		return badImport("{{.Row}}: {{.Field}} {{.Value}} is not {{.Want}}", "Row", label(), "Field", c.fileName(), "Value", clip(fmt.Sprint(v), 40), "Want", want)
	}
	switch c.kind {
	case colText, colDay, colRef, colTime:
		s, ok := v.(string)
		if !ok {
			return nil, wrong(model.Text("text"))
		}
		if len(s) > maxFieldLen {
			return nil, badImport("{{.Row}}: {{.Field}} is longer than any Microgoals text ({{.Bytes}} bytes)", "Row", label(), "Field", c.fileName(), "Bytes", len(s))
		}
		switch c.kind {
		case colDay:
			if parseDay(s, time.UTC).IsZero() {
				return nil, badImport("{{.Row}}: {{.Field}} “{{.Value}}” is not a day (want YYYY-MM-DD)", "Row", label(), "Field", c.fileName(), "Value", clip(s, 40))
			}
		case colTime:
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return nil, badImport("{{.Row}}: {{.Field}} “{{.Value}}” is not a time (want e.g. 2026-11-25T09:00:00.000Z)", "Row", label(), "Field", c.fileName(), "Value", clip(s, 40))
			}
			return t.UnixMilli(), nil
		case colRef:
			if c.ref == t.name && t != goalsTable {
				return nil, nil
			}
			id, ok := m.ids[c.ref][s]
			if !ok {
				return nil, badImport("{{.Row}}: its {{.Field}} is neither in the file nor in this plan", "Row", label(), "Field", c.fileName())
			}
			return id, nil
		}
		return s, nil
	case colBool:
		b, ok := v.(bool)
		if !ok {
			return nil, wrong(model.Text("true or false"))
		}
		return boolInt(b), nil
	case colInt:
		n, ok := v.(json.Number)
		if !ok {
			return nil, wrong(model.Text("a whole number"))
		}
		i, err := n.Int64()
		if err != nil {
			return nil, wrong(model.Text("a whole number"))
		}
		return i, nil
	case colReal:
		n, ok := v.(json.Number)
		if !ok {
			return nil, wrong(model.Text("a number"))
		}
		f, err := n.Float64()
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, wrong(model.Text("a number"))
		}
		return f, nil
	}
	return nil, fmt.Errorf("column %s.%s has no kind", t.name, c.name)
}

// tableMerge is what merging the rows of one table needs again for every row.
type tableMerge struct {
	cols   []column
	index  map[string]int // file name → place in cols
	insert string
	key    []int // places of the key columns in cols
	args   []any
	vals   map[string]any
}

func (m *merger) tableMerge(t *table) *tableMerge {
	if tm, ok := m.tables[t]; ok {
		return tm
	}
	tm := &tableMerge{cols: t.exported(), index: t.fileIndex()}
	names := make([]string, len(tm.cols))
	for i, c := range tm.cols {
		names[i] = c.name
		if slices.Contains(t.key, c.name) {
			tm.key = append(tm.key, i)
		}
	}
	tm.insert = `INSERT INTO ` + t.name + ` (` + strings.Join(names, ", ") + `) VALUES (` +
		strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + `)`
	if m.tables == nil {
		m.tables = map[*table]*tableMerge{}
	}
	m.tables[t] = tm
	return tm
}

// mergeRow adds row i of table t, or updates the local copy when the file's is newer.
func (m *merger) mergeRow(t *table, i int, row Row) error {
	tm := m.tableMerge(t)
	lbl := func() string { return label(t, i, row) }
	for k := range row {
		if _, ok := tm.index[k]; !ok {
			return badImport("{{.Row}} has a field “{{.Field}}” this Microgoals does not know", "Row", lbl(), "Field", clip(k, 40))
		}
	}
	if t == settingsTable {
		if k, _ := row["key"].(string); isLocalSetting(k) {
			return nil // another machine's state
		}
	}
	// The row's values, in column order and by name; reused from row to row.
	if tm.args == nil {
		tm.args, tm.vals = make([]any, len(tm.cols)), make(map[string]any, len(tm.cols))
	}
	args, vals := tm.args, tm.vals
	for ci, c := range tm.cols {
		v, present := row[c.fileName()]
		sv, err := m.value(t, c, v, present, lbl)
		if err != nil {
			return err
		}
		args[ci] = sv
		vals[c.name] = sv
	}
	if err := checkRow(t, vals, row); err != nil {
		return badImport("{{.Row}}: {{.Problem}}", "Row", lbl(), "Problem", err.Error())
	}
	if v, _ := vals["value"].(float64); t == entriesTable && v < 0 {
		if err := m.checkNegative(vals["goal_id"].(int64), v); err != nil {
			return badImport("{{.Row}}: {{.Problem}}", "Row", lbl(), "Problem", err.Error())
		}
	}
	// Is the row already here?
	var where []string
	var keyArgs []any
	for _, ki := range tm.key {
		where = append(where, tm.cols[ki].name+" = ?")
		keyArgs = append(keyArgs, args[ki])
	}
	var id int64
	known := false
	if ids, ok := m.ids[t.name]; ok {
		id, known = ids[vals["uuid"].(string)]
	} else {
		var one int
		err := m.tx.QueryRowContext(m.ctx, `SELECT 1 FROM `+t.name+` WHERE `+strings.Join(where, " AND "), keyArgs...).Scan(&one)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		known = err == nil
	}
	if !known {
		st, err := m.stmt(tm.insert)
		if err != nil {
			return err
		}
		r, err := st.ExecContext(m.ctx, args...)
		if err != nil {
			return badImport("{{.Row}} cannot be stored ({{.Err}})", "Row", lbl(), "Err", err)
		}
		if ids, ok := m.ids[t.name]; ok {
			if id, err = r.LastInsertId(); err != nil {
				return err
			}
			ids[vals["uuid"].(string)] = id
		}
		m.res.Added++
		for _, c := range tm.cols {
			if c.kind == colRef && c.ref == t.name && t != goalsTable && row[c.fileName()] != nil {
				target, _ := row[c.fileName()].(string)
				m.late = append(m.late, lateLink{t: t, col: c, id: id, target: target, label: lbl()})
			}
		}
		return nil
	}
	if t.stamp == "" {
		m.res.Unchanged++
		return nil
	}
	if id != 0 {
		where, keyArgs = []string{"id = ?"}, []any{id}
	}
	var local int64
	if err := m.tx.QueryRowContext(m.ctx, `SELECT `+t.stamp+` FROM `+t.name+` WHERE `+strings.Join(where, " AND "), keyArgs...).Scan(&local); err != nil {
		return err
	}
	if vals[t.stamp].(int64) <= local {
		m.res.Unchanged++
		return nil
	}
	// Only the fields the file has are written: an older file without a field leaves it be.
	var set []string
	var upd []any
	for ci, c := range tm.cols {
		if _, present := row[c.fileName()]; !present || c.placement || slices.Contains(t.key, c.name) {
			continue
		}
		set = append(set, c.name+" = ?")
		upd = append(upd, args[ci])
	}
	st, err := m.stmt(`UPDATE ` + t.name + ` SET ` + strings.Join(set, ", ") + ` WHERE ` + strings.Join(where, " AND "))
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(m.ctx, append(upd, keyArgs...)...); err != nil {
		return badImport("{{.Row}} cannot be stored ({{.Err}})", "Row", lbl(), "Err", err)
	}
	m.res.Updated++
	return nil
}

// checkNegative refuses a negative value for a metric that cannot go down.
func (m *merger) checkNegative(goal int64, v float64) error {
	var can bool
	if err := m.tx.QueryRowContext(m.ctx, `SELECT metric_can_decrease FROM micro_goals WHERE id = ?`, goal).Scan(&can); err != nil {
		return err
	}
	if ps := model.ValidateEntryValue(model.Metric{CanDecrease: can}, v); len(ps) > 0 {
		return errors.New(ps[0].Message)
	}
	return nil
}

// linkLate sets the self-references of the rows just added: a correction may be logged in
// the same millisecond as the entry it corrects, so it is linked once all are in.
func (m *merger) linkLate() error {
	for _, l := range m.late {
		target, ok := m.ids[l.t.name][l.target]
		if !ok {
			return badImport("{{.Row}}: its {{.Field}} is neither in the file nor in this plan", "Row", l.label, "Field", l.col.fileName())
		}
		if l.t == entriesTable {
			var same bool
			if err := m.tx.QueryRowContext(m.ctx, `SELECT a.goal_id = b.goal_id FROM metric_entries a, metric_entries b
				WHERE a.id = ? AND b.id = ?`, l.id, target).Scan(&same); err != nil {
				return err
			}
			if !same {
				return badImport("{{.Row}} corrects an entry of another micro-goal", "Row", l.label)
			}
		}
		if _, err := m.tx.ExecContext(m.ctx, `UPDATE `+l.t.name+` SET `+l.col.name+` = ? WHERE id = ?`, target, l.id); err != nil {
			return badImport("{{.Row}} cannot be stored ({{.Err}})", "Row", l.label, "Err", err)
		}
	}
	m.late = m.late[:0]
	return nil
}

// checkRow enforces what the app enforces when the row is made by hand. vals are the stored
// values; row is the file's.
func checkRow(t *table, vals map[string]any, row Row) error {
	str := func(k string) string { s, _ := vals[k].(string); return s }
	num := func(k string) int64 { n, _ := vals[k].(int64); return n }
	at := func(k string) time.Time {
		if n, ok := vals[k].(int64); ok {
			return time.UnixMilli(n).UTC()
		}
		return time.Time{}
	}
	problem := func(ps []model.Problem) error {
		if ps = model.Blocking(ps); len(ps) > 0 {
			return errors.New(ps[0].Message)
		}
		return nil
	}
	switch t {
	case objectivesTable:
		target := time.Time{}
		if d := str("target_date"); d != "" {
			target = parseDay(d, time.UTC)
		}
		return problem(model.ValidateObjective(model.Objective{Title: str("title"), Why: str("why"),
			Status: model.ObjectiveStatus(str("status")), TargetDate: target}))
	case goalsTable:
		target, _ := vals["metric_target"].(float64)
		g := model.MicroGoal{Title: str("title"), Outcome: str("outcome"), DoneWhen: str("done_when"),
			Due: at("due_at"), DueHasTime: num("due_has_time") == 1, Horizon: model.Horizon(str("horizon")),
			Stage: model.Stage(str("stage")), Status: model.Status(str("status")), EstimateMinutes: int(num("estimate_minutes")),
			Metric: model.Metric{Kind: model.MetricKind(str("metric_kind")), Unit: str("metric_unit"), Target: target},
			Owner:  str("owner"), Partner: str("partner"), DropReason: str("drop_reason"), Anchor: str("anchor"), Repeat: str("rrule"), RepeatFromCompletion: num("repeat_from_completion") == 1}
		if num("estimate_minutes") > math.MaxInt32 {
			return errors.New(model.Text("the estimate is too large"))
		}
		return problem(model.ValidateGoal(g))
	case entriesTable:
		return problem(model.ValidateNote("note", "The note", str("note")))
	case exceptionsTable:
		switch model.Status(str("status")) {
		case model.StatusOpen, model.StatusDone, model.StatusDropped:
		default:
			return errors.New(model.Text("unknown status “{{.Status}}”", "Status", clip(str("status"), 20)))
		}
	case sprintsTable:
		if n := num("planned_minutes"); n <= 0 || n > 24*60 {
			return errors.New(model.Text("a sprint of {{.Minutes}} minutes is not possible", "Minutes", n))
		}
		if num("paused_ms") < 0 {
			return errors.New(model.Text("the paused time cannot be negative"))
		}
		if e, ok := vals["ended_at"].(int64); ok && e < num("started_at") {
			return errors.New(model.Text("the sprint ends before it starts"))
		}
		return problem(append(model.ValidateName("environment", "The place", str("environment")),
			model.ValidateName("partner", "The partner", str("partner"))...))
	case reviewsTable:
		if str("period_start") >= str("period_end") {
			return errors.New(model.Text("the review needs a period of at least one day"))
		}
		return problem(model.ValidateReview(model.Review{Period: model.Period{Start: parseDay(str("period_start"), time.UTC),
			End: parseDay(str("period_end"), time.UTC)}, Adjustments: str("adjustments"), Wins: str("wins"), Lessons: str("lessons")}))
	case decisionsTable:
		d := model.Decision{Kind: model.DecisionKind(str("decision")), Rationale: str("rationale")}
		if row["objective"] != nil {
			d.ObjectiveID = 1
		}
		if row["goal"] != nil {
			d.GoalID = 1
		}
		if d.Kind == model.DecisionReverse && row["reverses"] == nil {
			return errors.New(model.Text("a reversal names the decision it reverses"))
		}
		return problem(model.ValidateDecision(d))
	case settingsTable:
		if str("key") == "" || len(str("key")) > 200 || strings.ContainsFunc(str("key"), unicode.IsControl) {
			return errors.New(model.Text("a setting needs a one-line name"))
		}
	}
	return nil
}
