package storage

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/microgoals/microgoals/model"
)

// ExportFormat names a Microgoals export in its "format" field; ExportVersion is the
// document version this build writes and reads.
const (
	ExportFormat  = "microgoals-export"
	ExportVersion = 1
)

// ErrBadImport is matched by every refusal of an import file: it is not JSON, not a
// Microgoals export, from a newer version, or inconsistent. Nothing was changed.
var ErrBadImport = errors.New("the file cannot be imported")

// Document is the JSON export: every table of the plan, rows in a stable order, linked by
// identities (uuid) rather than by the database's integer ids, so that it can be merged into
// any database. Times are RFC 3339 instants in UTC with milliseconds; days are YYYY-MM-DD.
// Items in the trash are not exported.
type Document struct {
	Format     string         `json:"format"`
	Version    int            `json:"version"`
	ExportedAt string         `json:"exported_at"`
	Objectives []DocObjective `json:"objectives"`
	Goals      []DocGoal      `json:"micro_goals"`
	Entries    []DocEntry     `json:"metric_entries"`
	Reviews    []DocReview    `json:"reviews"`
	Decisions  []DocDecision  `json:"decisions"`
	Settings   []DocSetting   `json:"settings"`
}

// DocObjective is an objectives row of a Document.
type DocObjective struct {
	UUID       string  `json:"uuid"`
	Title      string  `json:"title"`
	Why        string  `json:"why"`
	TargetDate *string `json:"target_date"`
	Status     string  `json:"status"`
	InFocus    bool    `json:"in_focus"`
	Position   int64   `json:"position"`
	CreatedAt  string  `json:"created_at"`
	UpdatedAt  string  `json:"updated_at"`
	AchievedAt *string `json:"achieved_at"`
}

// DocGoal is a micro_goals row of a Document.
type DocGoal struct {
	UUID            string  `json:"uuid"`
	Objective       string  `json:"objective"`
	Parent          *string `json:"parent"`
	Position        int64   `json:"position"`
	Title           string  `json:"title"`
	Outcome         string  `json:"outcome"`
	DoneWhen        string  `json:"done_when"`
	DueAt           *string `json:"due_at"`
	DueHasTime      bool    `json:"due_has_time"`
	DueDay          *string `json:"due_day"`
	Horizon         string  `json:"horizon"`
	Stage           string  `json:"stage"`
	Status          string  `json:"status"`
	EstimateMinutes int64   `json:"estimate_minutes"`
	MetricKind      string  `json:"metric_kind"`
	MetricUnit      string  `json:"metric_unit"`
	MetricTarget    float64 `json:"metric_target"`
	Owner           string  `json:"owner"`
	Partner         string  `json:"partner"`
	CreatedAt       string  `json:"created_at"`
	UpdatedAt       string  `json:"updated_at"`
	DoneAt          *string `json:"done_at"`
	DroppedAt       *string `json:"dropped_at"`
	DropReason      string  `json:"drop_reason"`
}

// DocEntry is a metric_entries row of a Document.
type DocEntry struct {
	UUID      string  `json:"uuid"`
	Goal      string  `json:"goal"`
	At        string  `json:"at"`
	Value     float64 `json:"value"`
	Note      string  `json:"note"`
	Corrects  *string `json:"corrects"`
	CreatedAt string  `json:"created_at"`
}

// DocReview is a reviews row of a Document.
type DocReview struct {
	UUID        string `json:"uuid"`
	PeriodStart string `json:"period_start"`
	PeriodEnd   string `json:"period_end"`
	Completed   int64  `json:"completed"`
	Streak      int64  `json:"streak"`
	Actions     string `json:"actions"`
	Adjustments string `json:"adjustments"`
	Wins        string `json:"wins"`
	Lessons     string `json:"lessons"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
}

// DocDecision is a decisions row of a Document.
type DocDecision struct {
	UUID      string  `json:"uuid"`
	Objective *string `json:"objective"`
	Goal      *string `json:"goal"`
	Subject   string  `json:"subject"`
	Decision  string  `json:"decision"`
	Essential string  `json:"essential"`
	BestUse   string  `json:"best_use"`
	Evidence  string  `json:"evidence"`
	Rationale string  `json:"rationale"`
	Reverses  *string `json:"reverses"`
	DecidedAt string  `json:"decided_at"`
}

// DocSetting is a settings row of a Document.
type DocSetting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// localSettings are settings of this machine that an export leaves out.
var localSettings = []string{"backup.", "sync."}

const isoMilli = "2006-01-02T15:04:05.000Z"

func msText(ms int64) string { return time.UnixMilli(ms).UTC().Format(isoMilli) }

func nullMsText(ms sql.NullInt64) *string {
	if !ms.Valid {
		return nil
	}
	t := msText(ms.Int64)
	return &t
}

func nullText(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// assignUUIDs gives every row that has no identity yet one.
func assignUUIDs(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"objectives", "micro_goals", "metric_entries"} {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET uuid = lower(hex(randomblob(16))) WHERE uuid IS NULL`); err != nil {
			return err
		}
	}
	return nil
}

// ensureUUIDs gives rows without an identity one, writing only when some lack it.
func (s *Store) ensureUUIDs(ctx context.Context) error {
	var missing bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM objectives WHERE uuid IS NULL)
		OR EXISTS (SELECT 1 FROM micro_goals WHERE uuid IS NULL)
		OR EXISTS (SELECT 1 FROM metric_entries WHERE uuid IS NULL)`).Scan(&missing); err != nil || !missing {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error { return assignUUIDs(ctx, tx) })
}

// ExportJSON writes everything outside the trash as one JSON Document to w. Rows that have no
// identity yet get one first (the only write an export makes).
func (s *Store) ExportJSON(ctx context.Context, w io.Writer) error {
	err := s.ensureUUIDs(ctx)
	if err == nil {
		// The rows are read from one snapshot without holding the write lock: a large plan
		// takes a second to read, and the app stays free to save meanwhile.
		err = s.read(ctx, func(c *sql.Conn) error { return s.writeDocument(ctx, c, w) })
	}
	if err != nil {
		return fmt.Errorf("export the plan: %w", err)
	}
	return nil
}

// writeDocument streams every exported table to w as a Document, one row a line, in a stable
// order: by creation time and identity, never by the local integer ids, so two databases with
// the same content export the same bytes. Rows are written as they are read, so a plan of
// 100,000 entries is never held in memory twice.
func (s *Store) writeDocument(ctx context.Context, q querier, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	head := struct {
		Format     string `json:"format"`
		Version    int    `json:"version"`
		ExportedAt string `json:"exported_at"`
	}{ExportFormat, ExportVersion, s.now().UTC().Format(isoMilli)}
	if err := enc.Encode(head); err != nil {
		return err
	}
	// The head object without its closing brace; each table follows as a member.
	bw.Write(bytes.TrimSuffix(bytes.TrimSpace(line.Bytes()), []byte("}")))
	n := 0
	put := func(v any) error {
		line.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString(",")
		}
		n++
		bw.WriteString("\n  ")
		_, err := bw.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
		return err
	}
	scan := func(name, query string, row func(sc func(...any) error) error) error {
		fmt.Fprintf(bw, ",\n\"%s\": [", name)
		n = 0
		rows, err := q.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := row(rows.Scan); err != nil {
				return err
			}
		}
		if n > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]")
		return rows.Err()
	}
	err := scan("objectives", `SELECT uuid, title, why, target_date, status, in_focus, position, created_at, updated_at, achieved_at
		FROM objectives WHERE trash_id IS NULL ORDER BY created_at, uuid`, func(sc func(...any) error) error {
		var o DocObjective
		var target sql.NullString
		var created, updated int64
		var achieved sql.NullInt64
		if err := sc(&o.UUID, &o.Title, &o.Why, &target, &o.Status, &o.InFocus, &o.Position, &created, &updated, &achieved); err != nil {
			return err
		}
		o.TargetDate, o.CreatedAt, o.UpdatedAt, o.AchievedAt = nullText(target), msText(created), msText(updated), nullMsText(achieved)
		return put(o)
	})
	if err != nil {
		return err
	}
	err = scan("micro_goals", `SELECT g.uuid, o.uuid, p.uuid, g.position, g.title, g.outcome, g.done_when, g.due_at, g.due_has_time,
		g.due_day, g.horizon, g.stage, g.status, g.estimate_minutes, g.metric_kind, g.metric_unit, g.metric_target,
		g.owner, g.partner, g.created_at, g.updated_at, g.done_at, g.dropped_at, g.drop_reason
		FROM micro_goals g JOIN objectives o ON o.id = g.objective_id LEFT JOIN micro_goals p ON p.id = g.parent_id
		WHERE g.trash_id IS NULL AND o.trash_id IS NULL ORDER BY g.created_at, g.uuid`, func(sc func(...any) error) error {
		var g DocGoal
		var parent, day sql.NullString
		var created, updated int64
		var due, done, dropped sql.NullInt64
		if err := sc(&g.UUID, &g.Objective, &parent, &g.Position, &g.Title, &g.Outcome, &g.DoneWhen, &due, &g.DueHasTime,
			&day, &g.Horizon, &g.Stage, &g.Status, &g.EstimateMinutes, &g.MetricKind, &g.MetricUnit, &g.MetricTarget,
			&g.Owner, &g.Partner, &created, &updated, &done, &dropped, &g.DropReason); err != nil {
			return err
		}
		g.Parent, g.DueAt, g.DueDay = nullText(parent), nullMsText(due), nullText(day)
		g.CreatedAt, g.UpdatedAt, g.DoneAt, g.DroppedAt = msText(created), msText(updated), nullMsText(done), nullMsText(dropped)
		return put(g)
	})
	if err != nil {
		return err
	}
	err = scan("metric_entries", `SELECT e.uuid, g.uuid, e.at, e.value, e.note, c.uuid, e.created_at
		FROM metric_entries e JOIN micro_goals g ON g.id = e.goal_id JOIN objectives o ON o.id = g.objective_id
		LEFT JOIN metric_entries c ON c.id = e.corrects_id
		WHERE g.trash_id IS NULL AND o.trash_id IS NULL ORDER BY e.at, e.uuid`, func(sc func(...any) error) error {
		var e DocEntry
		var corrects sql.NullString
		var at, created int64
		if err := sc(&e.UUID, &e.Goal, &at, &e.Value, &e.Note, &corrects, &created); err != nil {
			return err
		}
		e.At, e.Corrects, e.CreatedAt = msText(at), nullText(corrects), msText(created)
		return put(e)
	})
	if err != nil {
		return err
	}
	err = scan("reviews", `SELECT uuid, period_start, period_end, completed, streak, actions, adjustments, wins, lessons, created_at, updated_at
		FROM reviews ORDER BY period_start, created_at, uuid`, func(sc func(...any) error) error {
		var r DocReview
		var created, updated int64
		if err := sc(&r.UUID, &r.PeriodStart, &r.PeriodEnd, &r.Completed, &r.Streak, &r.Actions, &r.Adjustments, &r.Wins, &r.Lessons, &created, &updated); err != nil {
			return err
		}
		r.CreatedAt, r.UpdatedAt = msText(created), msText(updated)
		return put(r)
	})
	if err != nil {
		return err
	}
	err = scan("decisions", `SELECT d.uuid, o.uuid, g.uuid, d.subject, d.decision, d.essential, d.best_use, d.evidence, d.rationale, r.uuid, d.decided_at
		FROM decisions d LEFT JOIN objectives o ON o.id = d.objective_id LEFT JOIN micro_goals g ON g.id = d.goal_id
		LEFT JOIN objectives go ON go.id = g.objective_id LEFT JOIN decisions r ON r.id = d.reverses_id
		WHERE coalesce(o.trash_id, g.trash_id, go.trash_id) IS NULL ORDER BY d.decided_at, d.uuid`, func(sc func(...any) error) error {
		var d DocDecision
		var obj, goal, rev sql.NullString
		var at int64
		if err := sc(&d.UUID, &obj, &goal, &d.Subject, &d.Decision, &d.Essential, &d.BestUse, &d.Evidence, &d.Rationale, &rev, &at); err != nil {
			return err
		}
		d.Objective, d.Goal, d.Reverses, d.DecidedAt = nullText(obj), nullText(goal), nullText(rev), msText(at)
		return put(d)
	})
	if err != nil {
		return err
	}
	err = scan("settings", `SELECT key, value FROM settings ORDER BY key`, func(sc func(...any) error) error {
		var st DocSetting
		if err := sc(&st.Key, &st.Value); err != nil {
			return err
		}
		for _, p := range localSettings {
			if strings.HasPrefix(st.Key, p) {
				return nil
			}
		}
		return put(st)
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

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

// ImportJSON merges a JSON Document into the database in one transaction: rows are matched by
// identity (uuid); a new one is added, a known one is updated when the file's copy is newer
// (updated_at) and kept otherwise; metric entries, decisions and settings already present are
// kept as they are. An existing step keeps its place in the local outline. A file that is not
// JSON, not a Microgoals export, from a newer version, or inconsistent (a reference to a row
// that is neither in the file nor in the database, an impossible value) is refused with an
// error matching ErrBadImport, and nothing changes.
func (s *Store) ImportJSON(ctx context.Context, r io.Reader) (ImportResult, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: read the file: %w", err)
	}
	if len(data) > maxImportSize {
		return ImportResult{}, badImport("the file is larger than any Microgoals export (over %d MB)", maxImportSize>>20)
	}
	doc, err := parseDocument(data)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err = s.write(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = s.merge(ctx, tx, doc)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrBadImport) {
			return ImportResult{}, err
		}
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

func badImport(format string, args ...any) error {
	return fmt.Errorf("%w: %s; nothing was changed", ErrBadImport, fmt.Sprintf(format, args...))
}

// parseDocument reads and checks a Document without touching the database.
func parseDocument(data []byte) (Document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return Document{}, badImport("it is not a text file (not UTF-8), so not a Microgoals export")
	}
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return Document{}, badImport("it is not valid JSON (%v at byte %d)", se, se.Offset)
		}
		return Document{}, badImport("it is not a Microgoals export (%v)", err)
	}
	if head.Format == nil || *head.Format != ExportFormat {
		return Document{}, badImport("it is JSON, but not a Microgoals export (no \"format\": %q)", ExportFormat)
	}
	if head.Version == nil || *head.Version < 1 {
		return Document{}, badImport("the export has no valid version")
	}
	if *head.Version > ExportVersion {
		return Document{}, badImport("it was exported by a newer Microgoals (document version %d; this one reads up to %d) — update Microgoals to import it", *head.Version, ExportVersion)
	}
	var doc Document
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return Document{}, badImport("the export is damaged (%v)", err)
	}
	if dec.More() {
		return Document{}, badImport("the export has trailing data after the document")
	}
	return doc, nil
}

func parseMs(field, s string) (int64, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, badImport("%s “%s” is not a time (want e.g. 2026-11-25T09:00:00.000Z)", field, s)
	}
	return t.UnixMilli(), nil
}

func parseNullMs(field string, s *string) (any, error) {
	if s == nil {
		return nil, nil
	}
	return parseMs(field, *s)
}

func checkDayText(field string, s *string) error {
	if s == nil {
		return nil
	}
	if parseDay(*s, time.UTC).IsZero() {
		return badImport("%s “%s” is not a day (want YYYY-MM-DD)", field, *s)
	}
	return nil
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

func uniqueUUIDs(what string, uuids []string) error {
	seen := make(map[string]bool, len(uuids))
	for _, u := range uuids {
		if strings.TrimSpace(u) == "" || len(u) > 64 {
			return badImport("a row of %s has no valid uuid", what)
		}
		if seen[u] {
			return badImport("the uuid %s appears twice in %s", u, what)
		}
		seen[u] = true
	}
	return nil
}

// newer reports whether the file's updated_at is after the local row's.
func newer(ctx context.Context, tx *sql.Tx, table string, id, fileUpdated int64) (bool, error) {
	var local int64
	if err := tx.QueryRowContext(ctx, `SELECT updated_at FROM `+table+` WHERE id = ?`, id).Scan(&local); err != nil {
		return false, err
	}
	return fileUpdated > local, nil
}

func (s *Store) merge(ctx context.Context, tx *sql.Tx, doc Document) (ImportResult, error) {
	var res ImportResult
	if err := assignUUIDs(ctx, tx); err != nil {
		return res, err
	}
	// The identities must be unique within the file.
	collect := func(n int, f func(i int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	for _, c := range []struct {
		what  string
		uuids []string
	}{
		{"objectives", collect(len(doc.Objectives), func(i int) string { return doc.Objectives[i].UUID })},
		{"micro_goals", collect(len(doc.Goals), func(i int) string { return doc.Goals[i].UUID })},
		{"metric_entries", collect(len(doc.Entries), func(i int) string { return doc.Entries[i].UUID })},
		{"reviews", collect(len(doc.Reviews), func(i int) string { return doc.Reviews[i].UUID })},
		{"decisions", collect(len(doc.Decisions), func(i int) string { return doc.Decisions[i].UUID })},
	} {
		if err := uniqueUUIDs(c.what, c.uuids); err != nil {
			return res, err
		}
	}

	// Objectives.
	objIDs, err := localIDs(ctx, tx, "objectives")
	if err != nil {
		return res, err
	}
	for _, o := range doc.Objectives {
		if ps := model.Blocking(model.ValidateObjective(model.Objective{Title: o.Title, Why: o.Why, Status: model.ObjectiveStatus(o.Status)})); len(ps) > 0 {
			return res, badImport("objective “%s”: %s", o.Title, ps[0].Message)
		}
		if err := checkDayText("target_date", o.TargetDate); err != nil {
			return res, err
		}
		created, err := parseMs("created_at", o.CreatedAt)
		if err != nil {
			return res, err
		}
		updated, err := parseMs("updated_at", o.UpdatedAt)
		if err != nil {
			return res, err
		}
		achieved, err := parseNullMs("achieved_at", o.AchievedAt)
		if err != nil {
			return res, err
		}
		id, known := objIDs[o.UUID]
		cols := []any{o.Title, o.Why, o.TargetDate, o.Status, boolInt(o.InFocus), updated, achieved}
		switch {
		case !known:
			r, err := tx.ExecContext(ctx, `INSERT INTO objectives (title, why, target_date, status, in_focus, updated_at,
				achieved_at, position, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(cols, o.Position, created, o.UUID)...)
			if err != nil {
				return res, badImport("objective “%s” cannot be stored (%v)", o.Title, err)
			}
			if objIDs[o.UUID], err = r.LastInsertId(); err != nil {
				return res, err
			}
			res.Added++
		default:
			if ok, err := newer(ctx, tx, "objectives", id, updated); err != nil {
				return res, err
			} else if !ok {
				res.Unchanged++
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE objectives SET title = ?, why = ?, target_date = ?, status = ?,
				in_focus = ?, updated_at = ?, achieved_at = ? WHERE id = ?`, append(cols, id)...); err != nil {
				return res, badImport("objective “%s” cannot be stored (%v)", o.Title, err)
			}
			res.Updated++
		}
	}
	// One objective at most is in focus: the newest focus wins.
	if _, err := tx.ExecContext(ctx, `UPDATE objectives SET in_focus = 0 WHERE in_focus = 1 AND id <> (
		SELECT id FROM objectives WHERE in_focus = 1 ORDER BY updated_at DESC, id DESC LIMIT 1)`); err != nil {
		return res, err
	}

	// Micro-goals, parents before their children.
	goalIDs, err := localIDs(ctx, tx, "micro_goals")
	if err != nil {
		return res, err
	}
	pending := append([]DocGoal(nil), doc.Goals...)
	for len(pending) > 0 {
		var later []DocGoal
		for _, g := range pending {
			if g.Parent != nil {
				if _, ok := goalIDs[*g.Parent]; !ok {
					later = append(later, g)
					continue
				}
			}
			if err := s.mergeGoal(ctx, tx, g, objIDs, goalIDs, &res); err != nil {
				return res, err
			}
		}
		if len(later) == len(pending) {
			return res, badImport("micro-goal “%s” names a parent step that is neither in the file nor in this plan", later[0].Title)
		}
		pending = later
	}

	// Metric entries: added when new, never changed (the log is an audit trail).
	entryIDs, err := localIDs(ctx, tx, "metric_entries")
	if err != nil {
		return res, err
	}
	var corrections []DocEntry
	for _, e := range doc.Entries {
		if _, ok := entryIDs[e.UUID]; ok {
			res.Unchanged++
			continue
		}
		goal, ok := goalIDs[e.Goal]
		if !ok {
			return res, badImport("a metric entry names a micro-goal that is neither in the file nor in this plan")
		}
		at, err := parseMs("at", e.At)
		if err != nil {
			return res, err
		}
		created, err := parseMs("created_at", e.CreatedAt)
		if err != nil {
			return res, err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO metric_entries (uuid, goal_id, at, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			e.UUID, goal, at, e.Value, e.Note, created)
		if err != nil {
			return res, badImport("a metric entry cannot be stored (%v)", err)
		}
		if entryIDs[e.UUID], err = r.LastInsertId(); err != nil {
			return res, err
		}
		if e.Corrects != nil {
			corrections = append(corrections, e)
		}
		res.Added++
	}
	for _, e := range corrections {
		target, ok := entryIDs[*e.Corrects]
		if !ok {
			return res, badImport("a metric entry corrects an entry that is neither in the file nor in this plan")
		}
		var same int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM metric_entries a JOIN metric_entries b ON a.goal_id = b.goal_id
			WHERE a.id = ? AND b.id = ?`, entryIDs[e.UUID], target).Scan(&same); err != nil {
			return res, err
		}
		if same == 0 {
			return res, badImport("a metric entry corrects an entry of another micro-goal")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE metric_entries SET corrects_id = ? WHERE id = ?`, target, entryIDs[e.UUID]); err != nil {
			return res, err
		}
	}

	// Reviews.
	reviewIDs, err := localIDs(ctx, tx, "reviews")
	if err != nil {
		return res, err
	}
	for _, r := range doc.Reviews {
		if err := checkDayText("period_start", &r.PeriodStart); err != nil {
			return res, err
		}
		if err := checkDayText("period_end", &r.PeriodEnd); err != nil {
			return res, err
		}
		created, err := parseMs("created_at", r.CreatedAt)
		if err != nil {
			return res, err
		}
		updated, err := parseMs("updated_at", r.UpdatedAt)
		if err != nil {
			return res, err
		}
		cols := []any{r.PeriodStart, r.PeriodEnd, r.Completed, r.Streak, r.Actions, r.Adjustments, r.Wins, r.Lessons, updated}
		id, known := reviewIDs[r.UUID]
		if !known {
			if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (period_start, period_end, completed, streak, actions,
				adjustments, wins, lessons, updated_at, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				append(cols, created, r.UUID)...); err != nil {
				return res, badImport("a review cannot be stored (%v)", err)
			}
			res.Added++
			continue
		}
		if ok, err := newer(ctx, tx, "reviews", id, updated); err != nil {
			return res, err
		} else if !ok {
			res.Unchanged++
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET period_start = ?, period_end = ?, completed = ?, streak = ?,
			actions = ?, adjustments = ?, wins = ?, lessons = ?, updated_at = ? WHERE id = ?`, append(cols, id)...); err != nil {
			return res, badImport("a review cannot be stored (%v)", err)
		}
		res.Updated++
	}

	// Decisions: added when new; the log is never rewritten.
	decisionIDs, err := localIDs(ctx, tx, "decisions")
	if err != nil {
		return res, err
	}
	var reversals []DocDecision
	for _, d := range doc.Decisions {
		if _, ok := decisionIDs[d.UUID]; ok {
			res.Unchanged++
			continue
		}
		var obj, goal any
		switch {
		case d.Objective != nil && d.Goal == nil:
			id, ok := objIDs[*d.Objective]
			if !ok {
				return res, badImport("a decision names an objective that is neither in the file nor in this plan")
			}
			obj = id
		case d.Goal != nil && d.Objective == nil:
			id, ok := goalIDs[*d.Goal]
			if !ok {
				return res, badImport("a decision names a micro-goal that is neither in the file nor in this plan")
			}
			goal = id
		default:
			return res, badImport("a decision must name one objective or one micro-goal")
		}
		at, err := parseMs("decided_at", d.DecidedAt)
		if err != nil {
			return res, err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO decisions (uuid, objective_id, goal_id, subject, decision, essential,
			best_use, evidence, rationale, reverses_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.UUID, obj, goal, d.Subject, d.Decision, d.Essential, d.BestUse, d.Evidence, d.Rationale, nil, at)
		if err != nil {
			return res, badImport("a decision cannot be stored (%v)", err)
		}
		if decisionIDs[d.UUID], err = r.LastInsertId(); err != nil {
			return res, err
		}
		if d.Reverses != nil {
			reversals = append(reversals, d)
		}
		res.Added++
	}
	// A reversal may share its time with the drop it reverses, so it is linked once all are in.
	for _, d := range reversals {
		target, ok := decisionIDs[*d.Reverses]
		if !ok {
			return res, badImport("a decision reverses one that is neither in the file nor in this plan")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE decisions SET reverses_id = ? WHERE id = ?`, target, decisionIDs[d.UUID]); err != nil {
			return res, err
		}
	}

	// Settings: this plan's own values win.
	sort.SliceStable(doc.Settings, func(i, j int) bool { return doc.Settings[i].Key < doc.Settings[j].Key })
	for _, st := range doc.Settings {
		if st.Key == "" {
			return res, badImport("a setting has no key")
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, st.Key, st.Value)
		if err != nil {
			return res, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			res.Added++
		} else {
			res.Unchanged++
		}
	}
	return res, nil
}

// mergeGoal adds or updates one micro-goal of an import; its parent is already merged.
func (s *Store) mergeGoal(ctx context.Context, tx *sql.Tx, g DocGoal, objIDs, goalIDs map[string]int64, res *ImportResult) error {
	objective, ok := objIDs[g.Objective]
	if !ok {
		return badImport("micro-goal “%s” names an objective that is neither in the file nor in this plan", g.Title)
	}
	var parent any
	if g.Parent != nil {
		pid := goalIDs[*g.Parent]
		var pobj int64
		if err := tx.QueryRowContext(ctx, `SELECT objective_id FROM micro_goals WHERE id = ?`, pid).Scan(&pobj); err != nil {
			return err
		}
		if pobj != objective {
			return badImport("micro-goal “%s” and its parent step belong to different objectives", g.Title)
		}
		parent = pid
	}
	mg := model.MicroGoal{Title: g.Title, Outcome: g.Outcome, DoneWhen: g.DoneWhen, Horizon: model.Horizon(g.Horizon),
		Stage: model.Stage(g.Stage), Status: model.Status(g.Status), EstimateMinutes: int(g.EstimateMinutes),
		Metric: model.Metric{Kind: model.MetricKind(g.MetricKind), Unit: g.MetricUnit, Target: g.MetricTarget},
		Owner:  g.Owner, Partner: g.Partner, DropReason: g.DropReason}
	if ps := model.Blocking(model.ValidateGoal(mg)); len(ps) > 0 {
		return badImport("micro-goal “%s”: %s", g.Title, ps[0].Message)
	}
	if err := checkDayText("due_day", g.DueDay); err != nil {
		return err
	}
	var times [5]any
	for i, f := range []struct {
		name string
		v    *string
	}{{"due_at", g.DueAt}, {"created_at", &g.CreatedAt}, {"updated_at", &g.UpdatedAt}, {"done_at", g.DoneAt}, {"dropped_at", g.DroppedAt}} {
		v, err := parseNullMs(f.name, f.v)
		if err != nil {
			return err
		}
		times[i] = v
	}
	if times[1] == nil || times[2] == nil {
		return badImport("micro-goal “%s” has no created_at or updated_at", g.Title)
	}
	cols := []any{g.Title, g.Outcome, g.DoneWhen, times[0], boolInt(g.DueHasTime), g.DueDay, g.Horizon, g.Stage, g.Status,
		g.EstimateMinutes, g.MetricKind, g.MetricUnit, g.MetricTarget, g.Owner, g.Partner, times[2], times[3], times[4], g.DropReason}
	id, known := goalIDs[g.UUID]
	if !known {
		r, err := tx.ExecContext(ctx, `INSERT INTO micro_goals (title, outcome, done_when, due_at, due_has_time, due_day,
			horizon, stage, status, estimate_minutes, metric_kind, metric_unit, metric_target, owner, partner, updated_at,
			done_at, dropped_at, drop_reason, objective_id, parent_id, position, created_at, uuid)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(cols, objective, parent, g.Position, times[1], g.UUID)...)
		if err != nil {
			return badImport("micro-goal “%s” cannot be stored (%v)", g.Title, err)
		}
		if goalIDs[g.UUID], err = r.LastInsertId(); err != nil {
			return err
		}
		res.Added++
		return nil
	}
	if ok, err := newer(ctx, tx, "micro_goals", id, times[2].(int64)); err != nil {
		return err
	} else if !ok {
		res.Unchanged++
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET title = ?, outcome = ?, done_when = ?, due_at = ?,
		due_has_time = ?, due_day = ?, horizon = ?, stage = ?, status = ?, estimate_minutes = ?, metric_kind = ?,
		metric_unit = ?, metric_target = ?, owner = ?, partner = ?, updated_at = ?, done_at = ?, dropped_at = ?,
		drop_reason = ? WHERE id = ?`, append(cols, id)...); err != nil {
		return badImport("micro-goal “%s” cannot be stored (%v)", g.Title, err)
	}
	res.Updated++
	return nil
}
