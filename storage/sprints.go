package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/microgoals/microgoals/model"
)

// sprintsMigration adds the focus sprints. A sprint in progress has ended_at NULL; at most
// one is in progress at a time. paused_ms is the pauses that have ended, added up, and
// paused_at the start of the pause in progress: with started_at that is all the remaining
// time needs, so a sprint survives the window closing. entry_id is the metric entry its
// minutes were logged as, if any.
const sprintsMigration = `
CREATE TABLE sprints (
	id              INTEGER PRIMARY KEY,
	goal_id         INTEGER NOT NULL REFERENCES micro_goals(id) ON DELETE CASCADE,
	started_at      INTEGER NOT NULL,
	planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
	paused_ms       INTEGER NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
	paused_at       INTEGER,
	ended_at        INTEGER,
	completed       INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
	environment     TEXT NOT NULL DEFAULT '',
	partner         TEXT NOT NULL DEFAULT '',
	entry_id        INTEGER REFERENCES metric_entries(id)
);
CREATE UNIQUE INDEX sprints_in_progress ON sprints ((1)) WHERE ended_at IS NULL;
CREATE INDEX sprints_goal ON sprints (goal_id);
`

// SettingSprintMinutes is the settings key of the focus sprint's default length.
const SettingSprintMinutes = "sprint.minutes"

// ErrSprintRunning is returned when a sprint is started while another is in progress.
var ErrSprintRunning = newError("a focus sprint is already running")

func (s *Store) scanSprint(sc interface{ Scan(...any) error }) (model.Sprint, error) {
	var (
		sp                model.Sprint
		started, pausedMs int64
		pausedAt, ended   sql.NullInt64
		completed         int
	)
	err := sc.Scan(&sp.ID, &sp.GoalID, &started, &sp.PlannedMinutes, &pausedMs, &pausedAt, &ended, &completed, &sp.Environment, &sp.Partner)
	sp.StartedAt = s.timeOf(started)
	sp.Paused = time.Duration(pausedMs) * time.Millisecond
	sp.PausedAt, sp.EndedAt = s.timeOrZero(pausedAt), s.timeOrZero(ended)
	sp.Completed = completed == 1
	return sp, err
}

// SprintMinutes is the default length of a focus sprint: the setting, or 25 minutes.
func (s *Store) SprintMinutes(ctx context.Context) (int, error) {
	v, ok, err := s.Setting(ctx, SettingSprintMinutes)
	if err != nil || !ok {
		return model.DefaultSprintMinutes, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return model.DefaultSprintMinutes, nil
	}
	return n, nil
}

// StartSprint starts sp (its goal, length, environment and partner) at now and returns it
// as stored. It fails with ErrSprintRunning while another sprint is in progress.
func (s *Store) StartSprint(ctx context.Context, sp model.Sprint) (model.Sprint, error) {
	if sp.PlannedMinutes <= 0 || sp.PlannedMinutes > 24*60 {
		return model.Sprint{}, &ValidationError{Problems: []model.Problem{{Field: "minutes", Message: model.Text("A sprint lasts from 1 minute to 24 hours"), Blocking: true}}}
	}
	sp.StartedAt = s.now()
	sp.Paused, sp.PausedAt, sp.EndedAt, sp.Completed = 0, time.Time{}, time.Time{}, false
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.goalIn(ctx, tx, sp.GoalID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sprints WHERE ended_at IS NULL`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrSprintRunning
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO sprints (goal_id, started_at, planned_minutes, environment, partner)
			VALUES (?, ?, ?, ?, ?)`, sp.GoalID, sp.StartedAt.UnixMilli(), sp.PlannedMinutes, sp.Environment, sp.Partner)
		if err != nil {
			return err
		}
		sp.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return model.Sprint{}, fmt.Errorf("start a focus sprint on micro-goal %d: %w", sp.GoalID, err)
	}
	sp.StartedAt = s.timeOf(sp.StartedAt.UnixMilli())
	return sp, nil
}

// RunningSprint returns the sprint in progress, if there is one.
func (s *Store) RunningSprint(ctx context.Context) (model.Sprint, bool, error) {
	sp, err := s.scanSprint(s.db.QueryRowContext(ctx, `SELECT `+sprintColumns+` FROM sprints WHERE ended_at IS NULL`))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Sprint{}, false, nil
	}
	if err != nil {
		return model.Sprint{}, false, fmt.Errorf("read the running focus sprint: %w", err)
	}
	return sp, true, nil
}

// Sprints returns every ended sprint, oldest first.
func (s *Store) Sprints(ctx context.Context) ([]model.Sprint, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sprintColumns+` FROM sprints WHERE ended_at IS NOT NULL ORDER BY started_at, id`)
	if err != nil {
		return nil, fmt.Errorf("read the focus sprints: %w", err)
	}
	defer rows.Close()
	var out []model.Sprint
	for rows.Next() {
		sp, err := s.scanSprint(rows)
		if err != nil {
			return nil, fmt.Errorf("read the focus sprints: %w", err)
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// PauseSprint pauses the running sprint id at now.
func (s *Store) PauseSprint(ctx context.Context, id int64) (model.Sprint, error) {
	return s.changeSprint(ctx, id, "pause", func(sp model.Sprint, now time.Time) model.Sprint { return sp.Pause(now) })
}

// ResumeSprint resumes the paused sprint id at now.
func (s *Store) ResumeSprint(ctx context.Context, id int64) (model.Sprint, error) {
	return s.changeSprint(ctx, id, "resume", func(sp model.Sprint, now time.Time) model.Sprint { return sp.Resume(now) })
}

func (s *Store) changeSprint(ctx context.Context, id int64, what string, change func(model.Sprint, time.Time) model.Sprint) (model.Sprint, error) {
	var sp model.Sprint
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if sp, err = s.sprintIn(ctx, tx, id); err != nil {
			return err
		}
		sp = change(sp, s.now())
		_, err = tx.ExecContext(ctx, `UPDATE sprints SET paused_ms = ?, paused_at = ? WHERE id = ?`,
			sp.Paused.Milliseconds(), msOrNull(sp.PausedAt), id)
		return err
	})
	if err != nil {
		return model.Sprint{}, fmt.Errorf("%s the focus sprint: %w", what, err)
	}
	return sp, nil
}

func (s *Store) sprintIn(ctx context.Context, q querier, id int64) (model.Sprint, error) {
	sp, err := s.scanSprint(q.QueryRowContext(ctx, `SELECT `+sprintColumns+` FROM sprints WHERE id = ? AND ended_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sp, fmt.Errorf("no focus sprint %d is running: %w", id, ErrNotFound)
	}
	return sp, err
}

// SprintEnd is what ending a sprint stored: the sprint, and the metric entry its minutes were
// logged as (zero ID when none was: the goal does not count minutes, or no whole minute was
// worked).
type SprintEnd struct {
	Sprint model.Sprint
	Entry  model.MetricEntry
}

// EndSprint ends the running sprint id at now, in one transaction: completed when it has run
// its length (at the moment it did), stopped early otherwise. When its goal's metric counts
// minutes, the whole minutes worked are logged to it as a metric entry.
func (s *Store) EndSprint(ctx context.Context, id int64) (SprintEnd, error) {
	var out SprintEnd
	err := s.write(ctx, func(tx *sql.Tx) error {
		sp, err := s.sprintIn(ctx, tx, id)
		if err != nil {
			return err
		}
		sp = sp.End(s.now())
		out.Sprint = sp
		// A goal moved to the trash during the sprint still gets its sprint ended, unlogged.
		g, err := s.goalIn(ctx, tx, sp.GoalID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		var entryID any
		if m := sp.WorkedMinutes(sp.EndedAt); m > 0 && err == nil && model.CountsMinutes(g.Metric) {
			note := "Focus sprint"
			if !sp.Completed {
				note = "Focus sprint, stopped early"
			}
			e := model.MetricEntry{GoalID: g.ID, At: sp.EndedAt, Value: float64(m), Note: note, CreatedAt: s.now()}
			res, err := tx.ExecContext(ctx, `INSERT INTO metric_entries (goal_id, at, value, note, created_at) VALUES (?, ?, ?, ?, ?)`,
				e.GoalID, e.At.UnixMilli(), e.Value, e.Note, e.CreatedAt.UnixMilli())
			if err != nil {
				return err
			}
			if e.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			e.At, e.CreatedAt = s.timeOf(e.At.UnixMilli()), s.timeOf(e.CreatedAt.UnixMilli())
			out.Entry, entryID = e, e.ID
		}
		_, err = tx.ExecContext(ctx, `UPDATE sprints SET paused_ms = ?, paused_at = NULL, ended_at = ?, completed = ?, entry_id = ? WHERE id = ?`,
			sp.Paused.Milliseconds(), sp.EndedAt.UnixMilli(), boolInt(sp.Completed), entryID, id)
		return err
	})
	if err != nil {
		return SprintEnd{}, fmt.Errorf("end the focus sprint: %w", err)
	}
	out.Sprint.EndedAt = s.timeOf(out.Sprint.EndedAt.UnixMilli())
	return out, nil
}

// DiscardSprint removes a sprint that was started by mistake (the undo of starting one). An
// ended sprint is history and stays.
func (s *Store) DiscardSprint(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sprints WHERE id = ? AND ended_at IS NULL`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("undo the start of the focus sprint: %w", err)
	}
	return nil
}

// SetSprintContext stores where the ended sprint id ran and with whom, as asked when it
// ended.
func (s *Store) SetSprintContext(ctx context.Context, id int64, environment, partner string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sprints SET environment = ?, partner = ? WHERE id = ? AND ended_at IS NOT NULL`, environment, partner, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("no ended focus sprint %d: %w", id, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("note where the focus sprint ran: %w", err)
	}
	return nil
}
