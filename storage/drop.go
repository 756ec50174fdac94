package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/microgoals/microgoals/model"
)

// DropGoal drops the micro-goal id with reason in one transaction and, when subSteps is true,
// every open step under it (at any depth) with the same reason, so dropped work leaves the
// objective's counts and the calendar together. It returns the goals it changed as they were
// before, for PutBackStatus to undo it.
func (s *Store) DropGoal(ctx context.Context, id int64, reason string, subSteps bool) ([]model.MicroGoal, error) {
	now := s.now()
	var before []model.MicroGoal
	err := s.write(ctx, func(tx *sql.Tx) error {
		g, err := s.goalIn(ctx, tx, id)
		if err != nil {
			return err
		}
		todo := []model.MicroGoal{g}
		if subSteps {
			todo, err = s.goalsWhere(ctx, tx, todo, `trash_id IS NULL AND status = 'open' AND id IN (
				WITH RECURSIVE sub(id) AS (SELECT id FROM micro_goals WHERE parent_id = ?
					UNION ALL SELECT m.id FROM micro_goals m JOIN sub ON m.parent_id = sub.id)
				SELECT id FROM sub)`, id)
			if err != nil {
				return err
			}
		}
		for _, g := range todo {
			d := g.WithStatus(model.StatusDropped, reason, now)
			if err := validateGoal(d); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET status = ?, updated_at = ?, done_at = ?,
				dropped_at = ?, drop_reason = ? WHERE id = ?`,
				string(d.Status), d.UpdatedAt.UnixMilli(), msOrNull(d.DoneAt), msOrNull(d.DroppedAt), d.DropReason, g.ID); err != nil {
				return err
			}
		}
		before = todo
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("drop micro-goal %d: %w", id, err)
	}
	return before, nil
}

// PutBackStatus gives each of goals back the status (and its times and reason) it has in
// goals, in one transaction: the undo of DropGoal.
func (s *Store) PutBackStatus(ctx context.Context, goals []model.MicroGoal) error {
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, g := range goals {
			if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET status = ?, updated_at = ?, done_at = ?,
				dropped_at = ?, drop_reason = ? WHERE id = ?`,
				string(g.Status), now.UnixMilli(), msOrNull(g.DoneAt), msOrNull(g.DroppedAt), g.DropReason, g.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("put back the status of %d micro-goals: %w", len(goals), err)
	}
	return nil
}
