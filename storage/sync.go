package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/microgoals/microgoals/model"
)

// syncMigration adds what two-way sync with a CalDAV server keeps locally: one record per
// synced objective or micro-goal (where it lives on the server, its ETag, and the fields both
// sides last agreed on, for the three-way merge), and the outbox of local changes not yet
// sent. Triggers fill the outbox, so every write path — today's and tomorrow's — queues its
// change without knowing about sync; gen counts the changes, so the engine clears an entry
// only when nothing was written to the item while it was being sent. The rows that exist
// when the migration runs are queued, so the first sync sends them.
const syncMigration = `
CREATE TABLE sync_items (
	uuid     TEXT PRIMARY KEY,
	kind     TEXT NOT NULL CHECK (kind IN ('objective', 'goal')),
	local_id INTEGER NOT NULL,
	href     TEXT NOT NULL UNIQUE,
	etag     TEXT NOT NULL DEFAULT '',
	base     TEXT NOT NULL DEFAULT '',
	raw      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_items_local ON sync_items (kind, local_id);

CREATE TABLE sync_outbox (
	kind     TEXT NOT NULL CHECK (kind IN ('objective', 'goal')),
	local_id INTEGER NOT NULL,
	gen      INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (kind, local_id)
) WITHOUT ROWID;
INSERT INTO sync_outbox (kind, local_id) SELECT 'objective', id FROM objectives;
INSERT INTO sync_outbox (kind, local_id) SELECT 'goal', id FROM micro_goals;

CREATE TRIGGER sync_objective_insert AFTER INSERT ON objectives BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('objective', NEW.id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_objective_update AFTER UPDATE OF title, why, target_date, status, position, achieved_at, notes, trash_id ON objectives BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('objective', NEW.id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_objective_delete AFTER DELETE ON objectives BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('objective', OLD.id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_goal_insert AFTER INSERT ON micro_goals BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('goal', NEW.id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_goal_update AFTER UPDATE OF objective_id, parent_id, position, title, outcome, done_when, due_at,
	due_has_time, due_day, horizon, stage, status, estimate_minutes, metric_kind, metric_unit, metric_target, owner,
	partner, done_at, dropped_at, drop_reason, anchor, rrule, metric_can_decrease, repeat_from_completion, tags, notes,
	done_where, done_with, trash_id ON micro_goals BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('goal', NEW.id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_goal_delete AFTER DELETE ON micro_goals BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('goal', OLD.id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_occurrence_insert AFTER INSERT ON occurrence_exceptions BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('goal', NEW.goal_id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_occurrence_update AFTER UPDATE ON occurrence_exceptions BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('goal', NEW.goal_id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER sync_occurrence_delete AFTER DELETE ON occurrence_exceptions BEGIN
	INSERT INTO sync_outbox (kind, local_id) VALUES ('goal', OLD.goal_id) ON CONFLICT DO UPDATE SET gen = gen + 1;
END;
`

// The kinds of synced items.
const (
	SyncObjective = "objective"
	SyncGoal      = "goal"
)

// SyncLocal is one objective or micro-goal as the sync engine sees it.
type SyncLocal struct {
	Kind    string // SyncObjective or SyncGoal
	LocalID int64  // zero for an item not yet stored here
	UUID    string
	// ParentUUID is, for a micro-goal, the identity of its parent step or else of its
	// objective; empty for an objective, or for a step from another app that has no parent.
	ParentUUID  string
	Objective   model.Objective
	Goal        model.MicroGoal
	Occurrences []model.OccurrenceException // a repeating step's completed, skipped or moved days
	Trashed     bool                        // in the trash, or (Gone) deleted for good
	Gone        bool
	Gen         int64 // the outbox generation when it was read; zero when not queued
}

// SyncRecord is what the last sync agreed with the server about one item.
type SyncRecord struct {
	UUID    string
	Kind    string
	LocalID int64
	Href    string
	ETag    string
	Base    string // the fields both sides last agreed on, as the engine serialises them
	Raw     string // the item's iCalendar text as last sent or received
}

// SyncConflict is one field that was changed on both sides; Kept won, Lost is the value the
// other side had, kept in the item's decision log.
type SyncConflict = model.SyncConflict

// SyncChange is one remote change to apply locally, in one transaction.
type SyncChange struct {
	Record SyncRecord // the server's side after the change (Href, ETag, Base, Raw)
	// Local is the item to store (the merge of both sides); ignored when Trash is set.
	Local SyncLocal
	// Trash moves the local item to the trash (it was deleted on the server) and forgets
	// the record.
	Trash bool
	// Queued leaves the item in the outbox, because the merged result still differs from
	// the server's and must be sent.
	Queued    bool
	Conflicts []SyncConflict
	// Inbox is the title of the objective that holds steps from other apps without a parent.
	Inbox string
}

// SyncSettingInbox names the setting that holds the identity of the objective that collects
// steps from other apps.
const SyncSettingInbox = "sync.inbox"

// SyncPendingCount returns how many local changes wait in the outbox.
func (s *Store) SyncPendingCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sync_outbox`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count the changes waiting to sync: %w", err)
	}
	return n, nil
}

// SyncOutbox returns the queued local changes, with identities assigned to rows that had
// none. A row deleted for good is returned as Gone with the identity its record had; one that
// never reached the server is dropped from the outbox instead.
func (s *Store) SyncOutbox(ctx context.Context) ([]SyncLocal, error) {
	var out []SyncLocal
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := assignUUIDs(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT kind, local_id, gen FROM sync_outbox ORDER BY kind DESC, local_id`)
		if err != nil {
			return err
		}
		type queued struct {
			kind    string
			id, gen int64
		}
		var qs []queued
		for rows.Next() {
			var q queued
			if err := rows.Scan(&q.kind, &q.id, &q.gen); err != nil {
				rows.Close()
				return err
			}
			qs = append(qs, q)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, q := range qs {
			l, ok, err := s.syncLocalByID(ctx, tx, q.kind, q.id)
			if err != nil {
				return err
			}
			if !ok {
				var u string
				err := tx.QueryRowContext(ctx, `SELECT uuid FROM sync_items WHERE kind = ? AND local_id = ?`, q.kind, q.id).Scan(&u)
				if errors.Is(err, sql.ErrNoRows) {
					if _, err := tx.ExecContext(ctx, `DELETE FROM sync_outbox WHERE kind = ? AND local_id = ?`, q.kind, q.id); err != nil {
						return err
					}
					continue
				}
				if err != nil {
					return err
				}
				l = SyncLocal{Kind: q.kind, LocalID: q.id, UUID: u, Trashed: true, Gone: true}
			}
			l.Gen = q.gen
			out = append(out, l)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the changes waiting to sync: %w", err)
	}
	return out, nil
}

// syncLocalByID reads one objective or micro-goal, in the trash or not, with its placement
// and a repeating step's exceptions. ok is false when the row does not exist.
func (s *Store) syncLocalByID(ctx context.Context, q querier, kind string, id int64) (SyncLocal, bool, error) {
	l := SyncLocal{Kind: kind, LocalID: id}
	var trash sql.NullInt64
	var u sql.NullString
	if kind == SyncObjective {
		var r objectiveRow
		err := q.QueryRowContext(ctx, `SELECT `+objectiveCols+`, trash_id, uuid FROM objectives WHERE id = ?`, id).
			Scan(append(r.dest(), &trash, &u)...)
		if errors.Is(err, sql.ErrNoRows) {
			return l, false, nil
		}
		if err != nil {
			return l, false, err
		}
		l.Objective = s.objectiveFrom(&r)
	} else {
		gs, err := s.goalsWhere(ctx, q, nil, `id = ?`, id)
		if err != nil {
			return l, false, err
		}
		if len(gs) == 0 {
			return l, false, nil
		}
		l.Goal = gs[0]
		var parent string
		if err := q.QueryRowContext(ctx, `SELECT g.trash_id, g.uuid, coalesce(p.uuid, o.uuid, '')
			FROM micro_goals g JOIN objectives o ON o.id = g.objective_id LEFT JOIN micro_goals p ON p.id = g.parent_id
			WHERE g.id = ?`, id).Scan(&trash, &u, &parent); err != nil {
			return l, false, err
		}
		l.ParentUUID = parent
		if l.Goal.Repeat != "" {
			if l.Occurrences, err = s.occurrencesOf(ctx, q, id); err != nil {
				return l, false, err
			}
		}
	}
	l.UUID = u.String
	l.Trashed = trash.Valid
	return l, true, nil
}

// occurrencesOf returns every exception of one repeating micro-goal, by day.
func (s *Store) occurrencesOf(ctx context.Context, q querier, id int64) ([]model.OccurrenceException, error) {
	rows, err := q.QueryContext(ctx, `SELECT day, status, moved_to, at FROM occurrence_exceptions WHERE goal_id = ? ORDER BY day`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.OccurrenceException
	for rows.Next() {
		e := model.OccurrenceException{GoalID: id}
		var day, status string
		var moved sql.NullString
		var at int64
		if err := rows.Scan(&day, &status, &moved, &at); err != nil {
			return nil, err
		}
		e.Original, _ = model.ParseDate(day)
		e.Status = model.Status(status)
		if moved.Valid {
			e.MovedTo, _ = model.ParseDate(moved.String)
		}
		e.At = s.timeOf(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SyncLocalByUUID returns the objective or micro-goal with identity u, in the trash or not.
func (s *Store) SyncLocalByUUID(ctx context.Context, u string) (SyncLocal, bool, error) {
	var l SyncLocal
	var ok bool
	err := s.read(ctx, func(conn *sql.Conn) error {
		kind, id, err := localByUUID(ctx, conn, u)
		if err != nil || id == 0 {
			return err
		}
		l, ok, err = s.syncLocalByID(ctx, conn, kind, id)
		if ok {
			var gen sql.NullInt64
			err = conn.QueryRowContext(ctx, `SELECT gen FROM sync_outbox WHERE kind = ? AND local_id = ?`, kind, id).Scan(&gen)
			if errors.Is(err, sql.ErrNoRows) {
				err = nil
			}
			l.Gen = gen.Int64
		}
		return err
	})
	if err != nil {
		return SyncLocal{}, false, fmt.Errorf("read synced item %s: %w", u, err)
	}
	return l, ok, nil
}

// localByUUID finds the row with identity u: its kind and id, or id 0.
func localByUUID(ctx context.Context, q querier, u string) (string, int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM objectives WHERE uuid = ?`, u).Scan(&id)
	if err == nil {
		return SyncObjective, id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", 0, err
	}
	err = q.QueryRowContext(ctx, `SELECT id FROM micro_goals WHERE uuid = ?`, u).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return SyncGoal, id, err
}

// SyncRecords returns every sync record by href.
func (s *Store) SyncRecords(ctx context.Context) (map[string]SyncRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT uuid, kind, local_id, href, etag, base, raw FROM sync_items`)
	if err != nil {
		return nil, fmt.Errorf("read the sync records: %w", err)
	}
	defer rows.Close()
	out := map[string]SyncRecord{}
	for rows.Next() {
		var r SyncRecord
		if err := rows.Scan(&r.UUID, &r.Kind, &r.LocalID, &r.Href, &r.ETag, &r.Base, &r.Raw); err != nil {
			return nil, fmt.Errorf("read the sync records: %w", err)
		}
		out[r.Href] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the sync records: %w", err)
	}
	return out, nil
}

// SyncRecord returns the record of the item with identity u.
func (s *Store) SyncRecord(ctx context.Context, u string) (SyncRecord, bool, error) {
	r := SyncRecord{UUID: u}
	err := s.db.QueryRowContext(ctx, `SELECT kind, local_id, href, etag, base, raw FROM sync_items WHERE uuid = ?`, u).
		Scan(&r.Kind, &r.LocalID, &r.Href, &r.ETag, &r.Base, &r.Raw)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("read the sync record of %s: %w", u, err)
	}
	return r, true, nil
}

// SyncSent records that the server now holds rec (or, with gone, no longer holds it), and
// takes the item out of the outbox unless it changed again since generation gen was read.
func (s *Store) SyncSent(ctx context.Context, rec SyncRecord, gen int64, gone bool) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if gone {
			_, err = tx.ExecContext(ctx, `DELETE FROM sync_items WHERE uuid = ?`, rec.UUID)
		} else {
			err = putRecord(ctx, tx, rec)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sync_outbox WHERE kind = ? AND local_id = ? AND gen = ?`, rec.Kind, rec.LocalID, gen)
		return err
	})
	if err != nil {
		return fmt.Errorf("record the sync of %s: %w", rec.UUID, err)
	}
	return nil
}

// SyncUnqueue takes an item whose change needs no sending out of the outbox, unless it
// changed again since generation gen was read.
func (s *Store) SyncUnqueue(ctx context.Context, kind string, id, gen int64) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sync_outbox WHERE kind = ? AND local_id = ? AND gen = ?`, kind, id, gen); err != nil {
		return fmt.Errorf("clear the outbox entry of %s %d: %w", kind, id, err)
	}
	return nil
}

func putRecord(ctx context.Context, tx *sql.Tx, r SyncRecord) error {
	// The href is unique too: an item that moved to another identity replaces its old record.
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_items WHERE href = ? AND uuid <> ?`, r.Href, r.UUID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_items (uuid, kind, local_id, href, etag, base, raw) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (uuid) DO UPDATE SET kind = excluded.kind, local_id = excluded.local_id, href = excluded.href,
		etag = excluded.etag, base = excluded.base, raw = excluded.raw`,
		r.UUID, r.Kind, r.LocalID, r.Href, r.ETag, r.Base, r.Raw)
	return err
}

// SyncReset forgets everything the last syncs agreed with a server and queues every item, for
// a first sync with another task list.
func (s *Store) SyncReset(ctx context.Context) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM sync_items`,
			`DELETE FROM settings WHERE key IN ('sync.token', 'sync.ctag')`,
			`INSERT INTO sync_outbox (kind, local_id) SELECT 'objective', id FROM objectives WHERE true ON CONFLICT DO UPDATE SET gen = gen + 1`,
			`INSERT INTO sync_outbox (kind, local_id) SELECT 'goal', id FROM micro_goals WHERE true ON CONFLICT DO UPDATE SET gen = gen + 1`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("start sync afresh: %w", err)
	}
	return nil
}

// SyncApply stores one change from the server in one transaction: the merged item (added,
// updated, or moved to the trash), its record, the conflicts in its decision log, and its
// outbox entry (kept only when Queued). It returns the item as stored.
func (s *Store) SyncApply(ctx context.Context, c SyncChange) (SyncLocal, error) {
	now := s.now()
	var out SyncLocal
	err := s.write(ctx, func(tx *sql.Tx) error {
		kind, id, err := localByUUID(ctx, tx, c.Record.UUID)
		if err != nil {
			return err
		}
		if c.Trash {
			if id != 0 {
				if err := s.trashSynced(ctx, tx, kind, id, now); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM sync_items WHERE uuid = ?`, c.Record.UUID)
			return err
		}
		l := c.Local
		l.UUID = c.Record.UUID
		if id != 0 && kind != l.Kind {
			return fmt.Errorf("the server's item %s is a %s here but a %s there", l.UUID, kind, l.Kind)
		}
		if l.Kind == SyncObjective {
			id, err = s.putSyncedObjective(ctx, tx, id, l, now)
		} else {
			id, err = s.putSyncedGoal(ctx, tx, id, l, c.Inbox, now)
		}
		if err != nil {
			return err
		}
		c.Record.Kind, c.Record.LocalID = l.Kind, id
		if err := putRecord(ctx, tx, c.Record); err != nil {
			return err
		}
		if err := s.recordConflicts(ctx, tx, l, id, c.Conflicts, now); err != nil {
			return err
		}
		if !c.Queued {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sync_outbox WHERE kind = ? AND local_id = ?`, l.Kind, id); err != nil {
				return err
			}
		}
		var ok bool
		out, ok, err = s.syncLocalByID(ctx, tx, l.Kind, id)
		if err == nil && !ok {
			err = fmt.Errorf("the item vanished while it was stored")
		}
		return err
	})
	if err != nil {
		return SyncLocal{}, fmt.Errorf("apply the server's change to %s: %w", c.Record.UUID, err)
	}
	return out, nil
}

// trashSynced moves an item deleted on the server to the trash here, unless it is there
// already; the deletion itself needs no sending back.
func (s *Store) trashSynced(ctx context.Context, tx *sql.Tx, kind string, id int64, now time.Time) error {
	var trashed bool
	table := "micro_goals"
	if kind == SyncObjective {
		table = "objectives"
	}
	if err := tx.QueryRowContext(ctx, `SELECT trash_id IS NOT NULL FROM `+table+` WHERE id = ?`, id).Scan(&trashed); err != nil {
		return err
	}
	if trashed {
		return nil
	}
	var err error
	if kind == SyncObjective {
		_, err = s.trashObjectiveTx(ctx, tx, id, now)
	} else {
		_, err = s.trashGoalTx(ctx, tx, id, now)
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM sync_outbox WHERE kind = ? AND local_id = ?`, kind, id)
	return err
}

func (s *Store) putSyncedObjective(ctx context.Context, tx *sql.Tx, id int64, l SyncLocal, now time.Time) (int64, error) {
	o := l.Objective
	if o.Status == "" {
		o.Status = model.ObjectiveActive
	}
	if ps := model.Blocking(model.ValidateObjective(o)); len(ps) > 0 {
		return 0, &ValidationError{What: "objective", Problems: ps}
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = now
	}
	if o.UpdatedAt.IsZero() {
		o.UpdatedAt = now
	}
	cols := []any{o.Title, o.Why, dayText(o.TargetDate, s.loc), string(o.Status), o.UpdatedAt.UnixMilli(), msOrNull(o.AchievedAt), o.Notes}
	if id == 0 {
		pos := o.Position
		if pos == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1024 FROM objectives`).Scan(&pos); err != nil {
				return 0, err
			}
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO objectives (title, why, target_date, status, updated_at, achieved_at,
			notes, position, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(cols, pos, o.CreatedAt.UnixMilli(), l.UUID)...)
		if err != nil {
			return 0, err
		}
		return r.LastInsertId()
	}
	q := `UPDATE objectives SET title = ?, why = ?, target_date = ?, status = ?, updated_at = ?, achieved_at = ?, notes = ?, trash_id = NULL`
	if o.Position != 0 {
		q += `, position = ` + fmt.Sprint(o.Position)
	}
	_, err := tx.ExecContext(ctx, q+` WHERE id = ?`, append(cols, id)...)
	return id, err
}

// putSyncedGoal adds or updates a micro-goal from the server. Its parent is found by
// identity; a step whose parent is unknown here (another app's task, or a parent that is in
// the trash) goes under the inbox objective.
func (s *Store) putSyncedGoal(ctx context.Context, tx *sql.Tx, id int64, l SyncLocal, inbox string, now time.Time) (int64, error) {
	g := l.Goal
	if ps := model.Blocking(model.ValidateGoal(g)); len(ps) > 0 {
		return 0, &ValidationError{What: "micro-goal", Problems: ps}
	}
	var objective, parent int64
	if l.ParentUUID != "" && l.ParentUUID != l.UUID {
		kind, pid, err := localByUUID(ctx, tx, l.ParentUUID)
		if err != nil {
			return 0, err
		}
		switch kind {
		case SyncObjective:
			var trashed bool
			if err := tx.QueryRowContext(ctx, `SELECT trash_id IS NOT NULL FROM objectives WHERE id = ?`, pid).Scan(&trashed); err != nil {
				return 0, err
			}
			if !trashed {
				objective = pid
			}
		case SyncGoal:
			var trashed bool
			var pobj int64
			if err := tx.QueryRowContext(ctx, `SELECT trash_id IS NOT NULL, objective_id FROM micro_goals WHERE id = ?`, pid).Scan(&trashed, &pobj); err != nil {
				return 0, err
			}
			if !trashed && pid != id {
				anc, err := s.ancestors(ctx, tx, pid)
				if err != nil {
					return 0, err
				}
				cycle := false
				for _, a := range anc {
					cycle = cycle || a.ID == id
				}
				if !cycle && model.NewTree(anc).Depth(pid)+1 <= model.MaxDepth {
					objective, parent = pobj, pid
				}
			}
		}
	}
	if objective == 0 {
		var err error
		if objective, err = s.syncInbox(ctx, tx, inbox, now); err != nil {
			return 0, err
		}
	}
	if g.CreatedAt.IsZero() {
		g.CreatedAt = now
	}
	if g.UpdatedAt.IsZero() {
		g.UpdatedAt = now
	}
	pos := g.Position
	if pos == 0 {
		var err error
		if pos, err = lastPosition(ctx, tx, objective, parent, id); err != nil {
			return 0, err
		}
	}
	content := s.goalValues(g, g.UpdatedAt)
	if id == 0 {
		r, err := tx.ExecContext(ctx, `INSERT INTO micro_goals (uuid, objective_id, parent_id, position, created_at, `+goalContent+
			`) VALUES (?, ?, ?, ?, ?`+strings.Repeat(", ?", len(content))+`)`,
			append([]any{l.UUID, objective, idOrNull(parent), pos, g.CreatedAt.UnixMilli()}, content...)...)
		if err != nil {
			return 0, err
		}
		if id, err = r.LastInsertId(); err != nil {
			return 0, err
		}
	} else {
		var oldObjective int64
		if err := tx.QueryRowContext(ctx, `SELECT objective_id FROM micro_goals WHERE id = ?`, id).Scan(&oldObjective); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET objective_id = ?, parent_id = ?, position = ?, trash_id = NULL, `+
			goalUpdate+` WHERE id = ?`, append(append([]any{objective, idOrNull(parent), pos}, content...), id)...); err != nil {
			return 0, err
		}
		if oldObjective != objective {
			// The sub-steps follow their step to its new objective.
			ids, err := subtreeIDs(ctx, tx, id, objective)
			if err != nil {
				return 0, err
			}
			for _, sub := range ids {
				if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET objective_id = ? WHERE id = ?`, objective, sub); err != nil {
					return 0, err
				}
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM occurrence_exceptions WHERE goal_id = ?`, id); err != nil {
		return 0, err
	}
	for _, e := range l.Occurrences {
		var moved any
		if !e.MovedTo.IsZero() && e.MovedTo != e.Original {
			moved = e.MovedTo.String()
		}
		at := e.At
		if at.IsZero() {
			at = now
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO occurrence_exceptions (goal_id, day, status, moved_to, at) VALUES (?, ?, ?, ?, ?)`,
			id, e.Original.String(), string(e.Status), moved, at.UnixMilli()); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// syncInbox returns the objective that collects steps from other apps, creating it (titled
// title) when it does not exist or is in the trash.
func (s *Store) syncInbox(ctx context.Context, tx *sql.Tx, title string, now time.Time) (int64, error) {
	var u string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SyncSettingInbox).Scan(&u)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if u != "" {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM objectives WHERE uuid = ? AND trash_id IS NULL`, u).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if strings.TrimSpace(title) == "" {
		title = "Tasks from other apps"
	}
	o := model.NewObjective(title, now)
	o.Why = "Tasks that other apps put on the synced task list without a parent step."
	created, err := s.createObjectiveTx(ctx, tx, o)
	if err != nil {
		return 0, err
	}
	u = newUUID()
	if _, err := tx.ExecContext(ctx, `UPDATE objectives SET uuid = ? WHERE id = ?`, u, created.ID); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		SyncSettingInbox, u)
	return created.ID, err
}

// recordConflicts writes one decision per field both sides changed, so the value that lost
// stays where the user sees it: the item's decision log.
func (s *Store) recordConflicts(ctx context.Context, tx *sql.Tx, l SyncLocal, id int64, cs []SyncConflict, now time.Time) error {
	if len(cs) == 0 {
		return nil
	}
	var obj, goal any
	subject := l.Goal.Title
	if l.Kind == SyncObjective {
		obj, subject = id, l.Objective.Title
	} else {
		goal = id
	}
	// The English record is the key the window translates when it shows the decision.
	_, err := tx.ExecContext(ctx, `INSERT INTO decisions (uuid, objective_id, goal_id, subject, decision, rationale, decided_at)
		VALUES (?, ?, ?, ?, 'adjust', ?, ?)`, newUUID(), obj, goal, subject, model.SyncConflictRationale(cs), now.UnixMilli())
	return err
}
