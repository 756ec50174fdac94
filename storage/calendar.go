package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/microgoals/microgoals/model"
)

// calendarMigration adds what the calendar and the Today view store: the routine anchor a
// micro-goal is paired with, its repeat rule (an RFC 5545 RRULE, empty for none), and one row per
// occurrence of a repeating goal that was completed, skipped or moved — occurrences
// themselves are computed, never stored in advance.
const calendarMigration = `
ALTER TABLE micro_goals ADD COLUMN anchor TEXT NOT NULL DEFAULT '';
ALTER TABLE micro_goals ADD COLUMN rrule TEXT NOT NULL DEFAULT '';

CREATE TABLE occurrence_exceptions (
	goal_id  INTEGER NOT NULL REFERENCES micro_goals(id) ON DELETE CASCADE,
	day      TEXT NOT NULL,  -- the day the rule gave the occurrence, 'YYYY-MM-DD'
	status   TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
	moved_to TEXT,           -- the day it was moved to, NULL when not moved
	at       INTEGER NOT NULL,
	PRIMARY KEY (goal_id, day)
) WITHOUT ROWID;
-- The calendar reads the exceptions of the days on screen, by their day or the day they
-- moved to.
CREATE INDEX occurrence_exceptions_day ON occurrence_exceptions (day);
CREATE INDEX occurrence_exceptions_moved ON occurrence_exceptions (moved_to) WHERE moved_to IS NOT NULL;
`

// Exceptions returns the exceptions of repeating micro-goals outside the trash whose
// original day or moved-to day lies from..to (inclusive). CROSS JOIN keeps SQLite from
// walking the 10,000 micro-goals to join the few exceptions of a month.
func (s *Store) Exceptions(ctx context.Context, from, to model.Date) ([]model.OccurrenceException, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT e.goal_id, e.day, e.status, e.moved_to, e.at
		FROM occurrence_exceptions e CROSS JOIN micro_goals g ON g.id = e.goal_id AND g.trash_id IS NULL
		WHERE e.day BETWEEN ?1 AND ?2 OR e.moved_to BETWEEN ?1 AND ?2`, from.String(), to.String())
	if err != nil {
		return nil, fmt.Errorf("load occurrences %v to %v: %w", from, to, err)
	}
	defer rows.Close()
	var out []model.OccurrenceException
	for rows.Next() {
		var e model.OccurrenceException
		var day, status string
		var moved sql.NullString
		var at int64
		if err := rows.Scan(&e.GoalID, &day, &status, &moved, &at); err != nil {
			return nil, fmt.Errorf("load occurrences: %w", err)
		}
		e.Original, _ = model.ParseDate(day)
		e.Status = model.Status(intern(status))
		if moved.Valid {
			e.MovedTo, _ = model.ParseDate(moved.String)
		}
		e.At = s.timeOf(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load occurrences: %w", err)
	}
	return out, nil
}

// SetOccurrence records what happened to one occurrence of a repeating micro-goal: its
// status and the day it was moved to (zero for none; its own day clears a move). At is set
// to now unless e.At is set (an undo puts an old record back as it was). It returns the
// record it replaced, if any, so the change can be undone.
func (s *Store) SetOccurrence(ctx context.Context, e model.OccurrenceException) (prev model.OccurrenceException, hadPrev bool, err error) {
	switch e.Status {
	case model.StatusOpen, model.StatusDone, model.StatusDropped:
	default:
		return prev, false, fmt.Errorf("set occurrence: unknown status %q", e.Status)
	}
	if e.Original.IsZero() {
		return prev, false, fmt.Errorf("set occurrence of micro-goal %d: no day", e.GoalID)
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	if e.MovedTo == e.Original {
		e.MovedTo = model.Date{}
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		g, err := s.goalIn(ctx, tx, e.GoalID)
		if err != nil {
			return err
		}
		if g.Repeat == "" {
			return userErr(nil, "“{{.Title}}” does not repeat", "Title", g.Title)
		}
		var day, status string
		var moved sql.NullString
		var at int64
		switch err := tx.QueryRowContext(ctx, `SELECT day, status, moved_to, at FROM occurrence_exceptions
			WHERE goal_id = ? AND day = ?`, e.GoalID, e.Original.String()).Scan(&day, &status, &moved, &at); err {
		case nil:
			hadPrev = true
			prev = model.OccurrenceException{GoalID: e.GoalID, Original: e.Original, Status: model.Status(status), At: s.timeOf(at)}
			if moved.Valid {
				prev.MovedTo, _ = model.ParseDate(moved.String)
			}
		case sql.ErrNoRows:
		default:
			return err
		}
		var movedTo any
		if !e.MovedTo.IsZero() {
			movedTo = e.MovedTo.String()
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO occurrence_exceptions (goal_id, day, status, moved_to, at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (goal_id, day) DO UPDATE SET status = excluded.status,
			moved_to = excluded.moved_to, at = excluded.at`,
			e.GoalID, e.Original.String(), string(e.Status), movedTo, e.At.UnixMilli())
		return err
	})
	if err != nil {
		return prev, false, fmt.Errorf("save the occurrence of micro-goal %d on %v: %w", e.GoalID, e.Original, err)
	}
	return prev, hadPrev, nil
}

// ClearOccurrence forgets what happened to one occurrence: it is open on its own day again.
func (s *Store) ClearOccurrence(ctx context.Context, goalID int64, day model.Date) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM occurrence_exceptions WHERE goal_id = ? AND day = ?`, goalID, day.String())
		return err
	})
	if err != nil {
		return fmt.Errorf("reset the occurrence of micro-goal %d on %v: %w", goalID, day, err)
	}
	return nil
}
