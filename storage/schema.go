package storage

// migrations are the schema changes in order; the database's user_version is the number
// applied. An applied migration is never edited: a later feature adds a new entry.
//
// Times are INTEGER unix milliseconds UTC (NULL when unset); calendar days are TEXT
// 'YYYY-MM-DD' in the user's zone. parent_id is NULL for a step directly under its
// objective, and a goal always has the objective_id of its parent. trash_id is NULL for
// everything not in the trash; one trash row groups what one action trashed.
var migrations = []string{
	// 1: objectives, micro-goals, trash, metric entries, settings.
	`
CREATE TABLE trash (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('objective', 'goal')),
	root_id    INTEGER NOT NULL,
	title      TEXT NOT NULL,
	trashed_at INTEGER NOT NULL
);

CREATE TABLE objectives (
	id          INTEGER PRIMARY KEY,
	title       TEXT NOT NULL,
	why         TEXT NOT NULL DEFAULT '',
	target_date TEXT,
	status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'archived')),
	in_focus    INTEGER NOT NULL DEFAULT 0 CHECK (in_focus IN (0, 1)),
	position    INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	achieved_at INTEGER,
	trash_id    INTEGER REFERENCES trash(id)
);
CREATE INDEX objectives_trash ON objectives (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE micro_goals (
	id               INTEGER PRIMARY KEY,
	objective_id     INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
	parent_id        INTEGER REFERENCES micro_goals(id) ON DELETE CASCADE,
	position         INTEGER NOT NULL,
	title            TEXT NOT NULL,
	outcome          TEXT NOT NULL DEFAULT '',
	done_when        TEXT NOT NULL DEFAULT '',
	due_at           INTEGER,
	due_has_time     INTEGER NOT NULL DEFAULT 0 CHECK (due_has_time IN (0, 1)),
	due_day          TEXT,
	horizon          TEXT NOT NULL DEFAULT 'day' CHECK (horizon IN ('day', 'week', 'fortnight', 'month')),
	stage            TEXT NOT NULL DEFAULT 'planning' CHECK (stage IN ('input', 'planning', 'execution', 'review', 'celebration')),
	status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
	estimate_minutes INTEGER NOT NULL DEFAULT 0 CHECK (estimate_minutes >= 0),
	metric_kind      TEXT NOT NULL DEFAULT '' CHECK (metric_kind IN ('', 'quantitative', 'qualitative')),
	metric_unit      TEXT NOT NULL DEFAULT '',
	metric_target    REAL NOT NULL DEFAULT 0,
	owner            TEXT NOT NULL DEFAULT '',
	partner          TEXT NOT NULL DEFAULT '',
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	done_at          INTEGER,
	dropped_at       INTEGER,
	drop_reason      TEXT NOT NULL DEFAULT '',
	trash_id         INTEGER REFERENCES trash(id),
	CHECK (parent_id IS NULL OR parent_id <> id)
);
-- The outline order, and the lookups of a step's siblings.
CREATE INDEX micro_goals_outline ON micro_goals (objective_id, parent_id, position);
-- Deleting a step cascades to its children through parent_id.
CREATE INDEX micro_goals_parent ON micro_goals (parent_id);
CREATE INDEX micro_goals_due_day ON micro_goals (due_day);
-- Partial, so that the planner reads the outline in index order instead of sorting the rows
-- found through this index for "trash_id IS NULL".
CREATE INDEX micro_goals_trash ON micro_goals (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE metric_entries (
	id          INTEGER PRIMARY KEY,
	goal_id     INTEGER NOT NULL REFERENCES micro_goals(id) ON DELETE CASCADE,
	at          INTEGER NOT NULL,
	value       REAL NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	corrects_id INTEGER REFERENCES metric_entries(id),
	created_at  INTEGER NOT NULL
);
CREATE INDEX metric_entries_goal ON metric_entries (goal_id, at);
-- Deleting an entry (only ever by purging its goal) checks for corrections pointing at it.
CREATE INDEX metric_entries_corrects ON metric_entries (corrects_id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
`,
	// 2: routine anchors, repeat rules and occurrence exceptions (calendar.go).
	calendarMigration,
	// 3: focus sprints.
	sprintsMigration,
	// 4 (issue 6; renumbered on merge): the notification log.
	migrationNotifyLog,
	// 5 (renumbered on merge): weekly reviews, the decision log, identities for export/import.
	reviewsSchema,
	// 6 (issue 11): whether a micro-goal's metric can go down (negative entries allowed), and
	// whether its repeat rule counts from the last completion.
	`ALTER TABLE micro_goals ADD COLUMN metric_can_decrease INTEGER NOT NULL DEFAULT 0 CHECK (metric_can_decrease IN (0, 1));
ALTER TABLE micro_goals ADD COLUMN repeat_from_completion INTEGER NOT NULL DEFAULT 0 CHECK (repeat_from_completion IN (0, 1));`,
	// 7 (issue 13): tags and notes on steps, notes on objectives, where and with whom a step was done.
	tagsNotesMigration,
	// 8 (issue 14): CalDAV sync records, the outbox of local changes and the triggers that fill it.
	syncMigration,
}
