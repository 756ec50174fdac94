package storage

import "strings"

// colKind says how a column is stored in SQLite and how it is written in a JSON export.
type colKind int

const (
	colText colKind = iota // TEXT
	colInt                 // INTEGER
	colReal                // REAL
	colBool                // INTEGER 0 or 1, a JSON boolean
	colTime                // INTEGER unix milliseconds, an RFC 3339 instant in a file
	colDay                 // TEXT 'YYYY-MM-DD'
	colRef                 // INTEGER id of a row of column.ref, that row's uuid in a file
)

// column is one column of a table: the single description that the scan lists, the insert
// and update statements, the JSON export and the import's merge are all built from.
type column struct {
	name string
	kind colKind
	null bool   // may be NULL (null in a file)
	ref  string // the table a colRef points into
	// file is the column's name in an export when it differs from name (references are
	// named by what they point at: "objective", "parent").
	file string
	// local columns belong to this database only (its integer ids, the trash) and never
	// travel in an export.
	local bool
	// noScan columns are left out of the list the app's reads use (identities read only by
	// export and merge, the trash marker).
	noScan bool
	// placement columns say where a row sits in the local outline; a merge that updates a
	// known row keeps the local placement.
	placement bool
	// def is the value an import uses when an older file has no such field; nil with null
	// false means the field is required.
	def any
}

func (c column) fileName() string {
	if c.file != "" {
		return c.file
	}
	return c.name
}

// table describes one user table for scan, insert, update, export and merge.
type table struct {
	name string
	cols []column
	// key names the columns that identify a row across databases: "uuid", or a natural key.
	key []string
	// stamp is the column whose larger value wins when a file's row is already here; empty
	// means rows are only ever added (an audit log), never changed by an import.
	stamp string
	// live is the SQL condition (on alias t) of the rows an export holds.
	live string
	// order is the ORDER BY of an export: a stable order that does not use local ids.
	order string
}

// names joins the names of the columns for which keep is true.
func (t *table) names(keep func(c column) bool) string {
	var b strings.Builder
	for _, c := range t.cols {
		if !keep(c) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.name)
	}
	return b.String()
}

// scanCols is the column list of the app's reads, in the order of their scan targets.
func (t *table) scanCols() string { return t.names(func(c column) bool { return !c.noScan }) }

// exported are the columns an export writes.
func (t *table) exported() []column {
	var out []column
	for _, c := range t.cols {
		if !c.local {
			out = append(out, c)
		}
	}
	return out
}

// fileIndex maps the file name of each exported column to its place in exported().
func (t *table) fileIndex() map[string]int {
	m := map[string]int{}
	for i, c := range t.exported() {
		m[c.fileName()] = i
	}
	return m
}

// column returns the column named name; it panics on a name not in the list, which only a
// programming error can cause.
func (t *table) column(name string) column {
	for _, c := range t.cols {
		if c.name == name {
			return c
		}
	}
	panic("storage: table " + t.name + " has no column " + name)
}

// insertSQL is an INSERT of the columns for which keep is true, in list order.
func (t *table) insertSQL(keep func(c column) bool) string {
	cols := t.names(keep)
	n := strings.Count(cols, ",") + 1
	return `INSERT INTO ` + t.name + ` (` + cols + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + `)`
}

// setSQL is "a = ?, b = ?" over the columns for which keep is true, in list order.
func (t *table) setSQL(keep func(c column) bool) string {
	return strings.ReplaceAll(t.names(keep), ",", " = ?,") + " = ?"
}

func isCol(names ...string) func(c column) bool {
	return func(c column) bool {
		for _, n := range names {
			if c.name == n {
				return true
			}
		}
		return false
	}
}

func not(f func(c column) bool) func(c column) bool { return func(c column) bool { return !f(c) } }

// Helpers that keep the lists below readable.
func text(name string) column    { return column{name: name, kind: colText, def: ""} }
func integer(name string) column { return column{name: name, kind: colInt, def: int64(0)} }
func boolean(name string) column { return column{name: name, kind: colBool, def: int64(0)} }
func instant(name string) column { return column{name: name, kind: colTime} }
func optInstant(name string) column {
	return column{name: name, kind: colTime, null: true}
}
func optDay(name string) column { return column{name: name, kind: colDay, null: true} }
func ref(name, table, file string, null bool) column {
	return column{name: name, kind: colRef, ref: table, file: file, null: null}
}
func rowID() column { return column{name: "id", kind: colInt, local: true} }
func uuidCol(scan bool) column {
	return column{name: "uuid", kind: colText, noScan: !scan}
}
func trashCol() column {
	return column{name: "trash_id", kind: colInt, null: true, local: true, noScan: true}
}
func required(c column) column {
	c.def = nil
	return c
}
func placed(c column) column {
	c.placement = true
	return c
}

// liveGoal is the condition that the micro-goal id col is outside the trash, its objective too.
func liveGoal(col string) string {
	return `EXISTS (SELECT 1 FROM micro_goals g JOIN objectives o ON o.id = g.objective_id
		WHERE g.id = ` + col + ` AND g.trash_id IS NULL AND o.trash_id IS NULL)`
}

var objectivesTable = &table{
	name: "objectives",
	cols: []column{
		rowID(), required(text("title")), text("why"), optDay("target_date"), {name: "status", kind: colText, def: "active"},
		boolean("in_focus"), placed(integer("position")), placed(instant("created_at")), instant("updated_at"),
		optInstant("achieved_at"), text("notes"), uuidCol(false), trashCol(),
	},
	key:   []string{"uuid"},
	stamp: "updated_at",
	live:  `t.trash_id IS NULL`,
	order: `t.created_at, t.uuid`,
}

var goalsTable = &table{
	name: "micro_goals",
	cols: []column{
		rowID(), placed(ref("objective_id", "objectives", "objective", false)), placed(ref("parent_id", "micro_goals", "parent", true)),
		placed(integer("position")), required(text("title")), text("outcome"), text("done_when"), optInstant("due_at"),
		boolean("due_has_time"), optDay("due_day"), {name: "horizon", kind: colText, def: "day"},
		{name: "stage", kind: colText, def: "planning"}, {name: "status", kind: colText, def: "open"},
		integer("estimate_minutes"), text("metric_kind"), text("metric_unit"), {name: "metric_target", kind: colReal, def: 0.0},
		text("owner"), text("partner"), placed(instant("created_at")), instant("updated_at"), optInstant("done_at"),
		optInstant("dropped_at"), text("drop_reason"), text("anchor"), text("rrule"), boolean("metric_can_decrease"), boolean("repeat_from_completion"),
		text("tags"), text("notes"), text("done_where"), text("done_with"), uuidCol(false), trashCol(),
	},
	key:   []string{"uuid"},
	stamp: "updated_at",
	live:  liveGoal("t.id"),
	order: `t.created_at, t.uuid`,
}

var entriesTable = &table{
	name: "metric_entries",
	cols: []column{
		rowID(), ref("goal_id", "micro_goals", "goal", false), instant("at"), {name: "value", kind: colReal},
		text("note"), ref("corrects_id", "metric_entries", "corrects", true), instant("created_at"), uuidCol(false),
	},
	key:   []string{"uuid"},
	live:  liveGoal("t.goal_id"),
	order: `t.at, t.uuid`,
}

var exceptionsTable = &table{
	name: "occurrence_exceptions",
	cols: []column{
		ref("goal_id", "micro_goals", "goal", false), {name: "day", kind: colDay}, {name: "status", kind: colText},
		{name: "moved_to", kind: colDay, null: true}, instant("at"),
	},
	key:   []string{"goal_id", "day"},
	stamp: "at",
	live:  liveGoal("t.goal_id"),
	order: `(SELECT uuid FROM micro_goals WHERE id = t.goal_id), t.day`,
}

var sprintsTable = &table{
	name: "sprints",
	cols: []column{
		rowID(), ref("goal_id", "micro_goals", "goal", false), instant("started_at"),
		{name: "planned_minutes", kind: colInt}, integer("paused_ms"), optInstant("paused_at"), optInstant("ended_at"),
		boolean("completed"), text("environment"), text("partner"),
		{name: "entry_id", kind: colRef, ref: "metric_entries", file: "entry", null: true, noScan: true},
	},
	key:   []string{"goal_id", "started_at"},
	live:  liveGoal("t.goal_id"),
	order: `t.started_at, (SELECT uuid FROM micro_goals WHERE id = t.goal_id)`,
}

var reviewsTable = &table{
	name: "reviews",
	cols: []column{
		rowID(), uuidCol(true), {name: "period_start", kind: colDay}, {name: "period_end", kind: colDay},
		integer("completed"), integer("streak"), text("actions"), text("adjustments"), text("wins"), text("lessons"),
		instant("created_at"), instant("updated_at"),
	},
	key:   []string{"uuid"},
	stamp: "updated_at",
	live:  `1`,
	order: `t.period_start, t.created_at, t.uuid`,
}

var decisionsTable = &table{
	name: "decisions",
	cols: []column{
		rowID(), uuidCol(true), ref("objective_id", "objectives", "objective", true), ref("goal_id", "micro_goals", "goal", true),
		required(text("subject")), {name: "decision", kind: colText}, text("essential"), text("best_use"), text("evidence"),
		text("rationale"), ref("reverses_id", "decisions", "reverses", true), instant("decided_at"),
	},
	key: []string{"uuid"},
	live: `coalesce((SELECT trash_id FROM objectives WHERE id = t.objective_id),
		(SELECT g.trash_id FROM micro_goals g WHERE g.id = t.goal_id),
		(SELECT o.trash_id FROM micro_goals g JOIN objectives o ON o.id = g.objective_id WHERE g.id = t.goal_id)) IS NULL`,
	order: `t.decided_at, t.uuid`,
}

var settingsTable = &table{
	name:  "settings",
	cols:  []column{{name: "key", kind: colText}, {name: "value", kind: colText}},
	key:   []string{"key"},
	live:  `1`,
	order: `t.key`,
}

// exportTables are the user tables an export holds, in the order a merge adds them: a table
// comes after every table it references.
var exportTables = []*table{objectivesTable, goalsTable, entriesTable, exceptionsTable, sprintsTable, reviewsTable, decisionsTable, settingsTable}

// localTables hold this machine's state, never exported: what the notifier already sent
// (another machine sends its own), and the trash (deleted work stays where it was deleted).
var localTables = []string{"notification_log", "trash", "sync_items", "sync_outbox"}

// localSettings are the settings of this machine that an export leaves out and an import
// ignores: names ending in "." are prefixes.
var localSettings = []string{"backup.", "notify.since", "notify.unavailable", "report.dir", "sync.", "window."}

func isLocalSetting(key string) bool {
	for _, p := range localSettings {
		if key == p || (strings.HasSuffix(p, ".") && strings.HasPrefix(key, p)) {
			return true
		}
	}
	return false
}

var (
	objectiveCols = objectivesTable.scanCols()
	goalCols      = goalsTable.scanCols()
	decisionCols  = decisionsTable.scanCols()
	reviewCols    = reviewsTable.scanCols()
	sprintColumns = sprintsTable.scanCols()
)
