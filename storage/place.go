package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/microgoals/microgoals/model"
)

// The sibling queries below walk the micro_goals_outline index (objective_id, parent_id,
// position, rowid) in order and stop at the first row outside the trash, so they cost the
// same with ten siblings or ten thousand. "parent_id IS ?" matches NULL for the top level.

// ancestors returns the micro-goal id and its ancestors, none of them in the trash. The
// recursion is bounded so that a damaged parent chain cannot loop.
func (s *Store) ancestors(ctx context.Context, q querier, id int64) ([]model.MicroGoal, error) {
	return s.goalsWhere(ctx, q, nil, `id IN (
		WITH RECURSIVE anc(id, n) AS (
			SELECT ?, 0
			UNION ALL
			SELECT g.parent_id, anc.n + 1 FROM micro_goals g JOIN anc ON g.id = anc.id
			WHERE g.parent_id IS NOT NULL AND anc.n < 64)
		SELECT id FROM anc) AND trash_id IS NULL`, id)
}

// subtreeIDs returns id and every step under it, in the trash or not. Every step shares its
// parent's objective, which lets the recursion use the outline index.
func subtreeIDs(ctx context.Context, q querier, id, objectiveID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE sub(id, n) AS (
			SELECT ?, 0
			UNION ALL
			SELECT g.id, sub.n + 1 FROM micro_goals g JOIN sub ON g.objective_id = ? AND g.parent_id = sub.id
			WHERE sub.n < 64)
		SELECT id FROM sub`, id, objectiveID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		ids = append(ids, v)
	}
	return ids, rows.Err()
}

// subtree returns the steps of id's subtree that are outside the trash.
func (s *Store) subtree(ctx context.Context, q querier, id, objectiveID int64) ([]model.MicroGoal, error) {
	return s.goalsWhere(ctx, q, nil, `id IN (
		WITH RECURSIVE sub(id, n) AS (
			SELECT ?, 0
			UNION ALL
			SELECT g.id, sub.n + 1 FROM micro_goals g JOIN sub ON g.objective_id = ? AND g.parent_id = sub.id
			WHERE sub.n < 64)
		SELECT id FROM sub) AND trash_id IS NULL`, id, objectiveID)
}

// checkParent says whether parentID, the first of anc, can take children in objectiveID.
func checkParent(anc []model.MicroGoal, parentID, objectiveID int64) error {
	for _, a := range anc {
		if a.ID == parentID {
			if a.ObjectiveID != objectiveID {
				return fmt.Errorf("parent %d: %w", parentID, ErrWrongObjective)
			}
			return nil
		}
	}
	return fmt.Errorf("parent: %w", goalNotFound(parentID))
}

// checkPlacement says whether g with its subtree may go under parentID in objectiveID: the
// objective and parent must be outside the trash, and the move must not go into g itself or
// nest deeper than model.MaxDepth. Only the parent's ancestors and g's subtree are read.
func (s *Store) checkPlacement(ctx context.Context, q querier, g model.MicroGoal, objectiveID, parentID int64) error {
	if objectiveID != g.ObjectiveID {
		if _, err := s.objectiveIn(ctx, q, objectiveID); err != nil {
			return err
		}
	}
	var anc []model.MicroGoal
	if parentID != 0 {
		var err error
		if anc, err = s.ancestors(ctx, q, parentID); err != nil {
			return err
		}
		if err := checkParent(anc, parentID, objectiveID); err != nil {
			return err
		}
	}
	sub, err := s.subtree(ctx, q, g.ID, g.ObjectiveID)
	if err != nil {
		return err
	}
	seen := make(map[int64]bool, len(anc))
	for _, a := range anc {
		seen[a.ID] = true
	}
	for _, d := range sub {
		if !seen[d.ID] {
			anc = append(anc, d)
		}
	}
	return model.NewTree(anc).CheckPlacement(g.ID, parentID)
}

// setPlacement writes g's new place: one row, plus every step of its subtree (trashed ones
// included) when it changes objective, since a step always shares its parent's objective.
func setPlacement(ctx context.Context, tx *sql.Tx, g model.MicroGoal, objectiveID, parentID, position, now int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET objective_id = ?, parent_id = ?, position = ?,
		updated_at = ? WHERE id = ?`, objectiveID, idOrNull(parentID), position, now, g.ID); err != nil {
		return err
	}
	if objectiveID == g.ObjectiveID {
		return nil
	}
	ids, err := subtreeIDs(ctx, tx, g.ID, g.ObjectiveID)
	if err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE micro_goals SET objective_id = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, objectiveID, id); err != nil {
			return err
		}
	}
	return nil
}

// lastPosition is the position after the last sibling under (objectiveID, parentID) outside
// the trash, leaving out the step exclude.
func lastPosition(ctx context.Context, q querier, objectiveID, parentID, exclude int64) (int64, error) {
	var last int64
	err := q.QueryRowContext(ctx, `SELECT position FROM micro_goals
		WHERE objective_id = ? AND parent_id IS ? AND trash_id IS NULL AND id <> ?
		ORDER BY position DESC, id DESC LIMIT 1`, objectiveID, idOrNull(parentID), exclude).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return model.PositionAfter(0, false), nil
	}
	if err != nil {
		return 0, err
	}
	return model.PositionAfter(last, true), nil
}

// siblingPosition reads the position of sibling under (objectiveID, parentID), which must be
// outside the trash.
func siblingPosition(ctx context.Context, q querier, objectiveID, parentID, sibling int64) (int64, error) {
	var pos int64
	err := q.QueryRowContext(ctx, `SELECT position FROM micro_goals
		WHERE id = ? AND objective_id = ? AND parent_id IS ? AND trash_id IS NULL`,
		sibling, objectiveID, idOrNull(parentID)).Scan(&pos)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("neighbour %d: %w", sibling, ErrWrongObjective)
	}
	return pos, err
}

// positionAfterSibling is a position right after sibling afterID, renumbering the siblings
// first when no integer is left between it and the next one.
func positionAfterSibling(ctx context.Context, tx *sql.Tx, objectiveID, parentID, afterID int64) (int64, error) {
	for attempt := 0; ; attempt++ {
		prev, err := siblingPosition(ctx, tx, objectiveID, parentID, afterID)
		if err != nil {
			return 0, err
		}
		var next int64
		err = tx.QueryRowContext(ctx, `SELECT position FROM micro_goals
			WHERE objective_id = ? AND parent_id IS ? AND trash_id IS NULL AND (position, id) > (?, ?)
			ORDER BY position, id LIMIT 1`, objectiveID, idOrNull(parentID), prev, afterID).Scan(&next)
		hasNext := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		if pos, ok := model.PositionBetween(prev, true, next, hasNext); ok {
			return pos, nil
		}
		if attempt > 0 {
			return 0, errors.New("no room between siblings after renumbering")
		}
		if err := renumber(ctx, tx, objectiveID, parentID, 0); err != nil {
			return 0, err
		}
	}
}

// positionBeforeSibling is a position right before sibling beforeID for the step exclude,
// renumbering the other siblings first when no integer is left.
func positionBeforeSibling(ctx context.Context, tx *sql.Tx, objectiveID, parentID, beforeID, exclude int64) (int64, error) {
	for attempt := 0; ; attempt++ {
		next, err := siblingPosition(ctx, tx, objectiveID, parentID, beforeID)
		if err != nil {
			return 0, err
		}
		var prev int64
		err = tx.QueryRowContext(ctx, `SELECT position FROM micro_goals
			WHERE objective_id = ? AND parent_id IS ? AND trash_id IS NULL AND (position, id) < (?, ?) AND id <> ?
			ORDER BY position DESC, id DESC LIMIT 1`, objectiveID, idOrNull(parentID), next, beforeID, exclude).Scan(&prev)
		hasPrev := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		if pos, ok := model.PositionBetween(prev, hasPrev, next, true); ok {
			return pos, nil
		}
		if attempt > 0 {
			return 0, errors.New("no room between siblings after renumbering")
		}
		if err := renumber(ctx, tx, objectiveID, parentID, exclude); err != nil {
			return 0, err
		}
	}
}

// renumber lays the siblings under (objectiveID, parentID) out afresh, model.PositionGap
// apart in their current order, leaving out exclude (the step being moved among them).
func renumber(ctx context.Context, tx *sql.Tx, objectiveID, parentID, exclude int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM micro_goals
		WHERE objective_id = ? AND parent_id IS ? AND trash_id IS NULL AND id <> ?
		ORDER BY position, id`, objectiveID, idOrNull(parentID), exclude)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE micro_goals SET position = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, pos := range model.Renumber(len(ids)) {
		if _, err := stmt.ExecContext(ctx, pos, ids[i]); err != nil {
			return err
		}
	}
	return nil
}

// PlaceGoal moves the micro-goal id, with its sub-steps, under parentID (zero for the top) in
// objectiveID, right before the sibling beforeID, or after the last sibling when beforeID is
// zero, and returns it as stored. It refuses a move into the step itself or one of its
// sub-steps, one that would nest deeper than model.MaxDepth, and a target in the trash.
//
// A move writes one row. Only when the move changes objective are the sub-steps written too
// (their objective follows), and only when no integer is left between the neighbours are the
// siblings renumbered, which writes each of them once.
func (s *Store) PlaceGoal(ctx context.Context, id, objectiveID, parentID, beforeID int64) (model.MicroGoal, error) {
	now := s.now()
	return s.changeGoal(ctx, id, func(tx *sql.Tx, g model.MicroGoal) error {
		if beforeID == id {
			// Before itself is where it already is, if it is in that place at all.
			if g.ObjectiveID == objectiveID && g.ParentID == parentID {
				return nil
			}
			return fmt.Errorf("neighbour %d: %w", beforeID, ErrWrongObjective)
		}
		if err := s.checkPlacement(ctx, tx, g, objectiveID, parentID); err != nil {
			return err
		}
		var pos int64
		var err error
		if beforeID == 0 {
			pos, err = lastPosition(ctx, tx, objectiveID, parentID, id)
		} else {
			pos, err = positionBeforeSibling(ctx, tx, objectiveID, parentID, beforeID, id)
		}
		if err != nil {
			return err
		}
		return setPlacement(ctx, tx, g, objectiveID, parentID, pos, now.UnixMilli())
	}, "move micro-goal %d", id)
}

// RestorePlacement puts the micro-goal id back exactly where it was: under parentID in
// objectiveID at position, as recorded before a move. Undo uses it; it checks the target like
// PlaceGoal and writes one row (plus the sub-steps when the objective changes).
func (s *Store) RestorePlacement(ctx context.Context, id, objectiveID, parentID, position int64) (model.MicroGoal, error) {
	now := s.now()
	return s.changeGoal(ctx, id, func(tx *sql.Tx, g model.MicroGoal) error {
		if err := s.checkPlacement(ctx, tx, g, objectiveID, parentID); err != nil {
			return err
		}
		return setPlacement(ctx, tx, g, objectiveID, parentID, position, now.UnixMilli())
	}, "put micro-goal %d back in place", id)
}

// Siblings returns the micro-goals directly under parentID (zero for the top) in objectiveID,
// in path order: after a move, the window re-reads just the place the step landed in (where
// a renumbering may have moved every sibling) instead of the whole plan.
func (s *Store) Siblings(ctx context.Context, objectiveID, parentID int64) ([]model.MicroGoal, error) {
	out, err := s.goalsWhere(ctx, s.db, nil,
		`objective_id = ? AND parent_id IS ? AND trash_id IS NULL ORDER BY position, id`, objectiveID, idOrNull(parentID))
	if err != nil {
		return nil, fmt.Errorf("read the steps under %d in objective %d: %w", parentID, objectiveID, err)
	}
	return out, nil
}
