package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/microgoals/microgoals/model"
)

// AddMetricEntry logs e against its micro-goal and returns it as stored. At defaults to now;
// CreatedAt is always now. A correction must name an entry of the same micro-goal. Entries
// are never edited or deleted: the log is the audit trail.
func (s *Store) AddMetricEntry(ctx context.Context, e model.MetricEntry) (model.MetricEntry, error) {
	now := s.now()
	e.Note = model.CleanNote(e.Note)
	if e.At.IsZero() {
		e.At = now
	}
	e.CreatedAt = now
	err := s.write(ctx, func(tx *sql.Tx) error {
		g, err := s.goalIn(ctx, tx, e.GoalID)
		if err != nil {
			return err
		}
		if ps := model.ValidateEntryValue(g.Metric, e.Value); len(ps) > 0 {
			return &ValidationError{What: "metric entry", Problems: ps}
		}
		if e.CorrectsID != 0 {
			var goal int64
			err := tx.QueryRowContext(ctx, `SELECT goal_id FROM metric_entries WHERE id = ?`, e.CorrectsID).Scan(&goal)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && goal != e.GoalID) {
				return fmt.Errorf("the corrected entry %d is not in this micro-goal's log: %w", e.CorrectsID, ErrNotFound)
			}
			if err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO metric_entries (goal_id, at, value, note, corrects_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, e.GoalID, e.At.UnixMilli(), e.Value, e.Note, idOrNull(e.CorrectsID), e.CreatedAt.UnixMilli())
		if err != nil {
			return err
		}
		e.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return model.MetricEntry{}, fmt.Errorf("log a value for micro-goal %d: %w", e.GoalID, err)
	}
	e.At = s.timeOf(e.At.UnixMilli())
	e.CreatedAt = s.timeOf(e.CreatedAt.UnixMilli())
	return e, nil
}

// MetricEntries returns the log of the micro-goal goalID in time order, corrections
// included.
func (s *Store) MetricEntries(ctx context.Context, goalID int64) ([]model.MetricEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, value, note, corrects_id, created_at
		FROM metric_entries WHERE goal_id = ? ORDER BY at, id`, goalID)
	if err != nil {
		return nil, fmt.Errorf("read the metric log of micro-goal %d: %w", goalID, err)
	}
	defer rows.Close()
	var out []model.MetricEntry
	for rows.Next() {
		var (
			e        = model.MetricEntry{GoalID: goalID}
			at, made int64
			corrects sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &at, &e.Value, &e.Note, &corrects, &made); err != nil {
			return nil, fmt.Errorf("read the metric log of micro-goal %d: %w", goalID, err)
		}
		e.At, e.CreatedAt, e.CorrectsID = s.timeOf(at), s.timeOf(made), corrects.Int64
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the metric log of micro-goal %d: %w", goalID, err)
	}
	return out, nil
}

// MetricRows returns metric log entries with their micro-goal's title and unit, for export:
// the log of goalID, or of every micro-goal outside the trash when goalID is zero. Entries
// are in goal order and then time order, corrections included.
func (s *Store) MetricRows(ctx context.Context, goalID int64) ([]model.MetricRow, error) {
	q := `SELECT e.id, e.goal_id, g.title, g.metric_unit, e.at, e.value, e.note, e.corrects_id, e.created_at
		FROM metric_entries e JOIN micro_goals g ON g.id = e.goal_id`
	args := []any{}
	if goalID != 0 {
		q += ` WHERE e.goal_id = ?`
		args = append(args, goalID)
	} else {
		q += ` WHERE g.trash_id IS NULL`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY e.goal_id, e.at, e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read metric entries for export: %w", err)
	}
	defer rows.Close()
	var out []model.MetricRow
	for rows.Next() {
		var (
			r        model.MetricRow
			at, made int64
			corrects sql.NullInt64
		)
		if err := rows.Scan(&r.Entry.ID, &r.Entry.GoalID, &r.Goal, &r.Unit, &at, &r.Entry.Value, &r.Entry.Note, &corrects, &made); err != nil {
			return nil, fmt.Errorf("read metric entries for export: %w", err)
		}
		r.Entry.At, r.Entry.CreatedAt, r.Entry.CorrectsID = s.timeOf(at), s.timeOf(made), corrects.Int64
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read metric entries for export: %w", err)
	}
	return out, nil
}
