package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/microgoals/microgoals/model"
)

// Kinds of trash batches.
const (
	TrashObjective = "objective"
	TrashGoal      = "goal"
)

// TrashItem is one batch in the trash: what one "move to trash" put there, restored as a
// whole.
type TrashItem struct {
	ID        int64
	Kind      string // TrashObjective or TrashGoal
	RootID    int64  // the objective or micro-goal the user trashed
	Title     string // its title when it was trashed
	TrashedAt time.Time
	Count     int // rows in the batch: the root and everything trashed with it
}

// newTrash records a batch and returns its ID.
func newTrash(ctx context.Context, tx *sql.Tx, kind string, rootID int64, title string, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO trash (kind, root_id, title, trashed_at) VALUES (?, ?, ?, ?)`,
		kind, rootID, title, now.UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// TrashGoal moves the micro-goal id and every sub-step under it that is not already in the
// trash into the trash as one batch, and returns the batch.
func (s *Store) TrashGoal(ctx context.Context, id int64) (TrashItem, error) {
	now := s.now()
	var item TrashItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		item, err = s.trashGoalTx(ctx, tx, id, now)
		return err
	})
	if err != nil {
		return TrashItem{}, fmt.Errorf("move micro-goal %d to the trash: %w", id, err)
	}
	return item, nil
}

// trashGoalTx is TrashGoal inside tx, so that sync can trash a step in the transaction that
// records why.
func (s *Store) trashGoalTx(ctx context.Context, tx *sql.Tx, id int64, now time.Time) (TrashItem, error) {
	var item TrashItem
	err := func() error {
		g, err := s.goalIn(ctx, tx, id)
		if err != nil {
			return err
		}
		ids, err := subtreeIDs(ctx, tx, id, g.ObjectiveID)
		if err != nil {
			return err
		}
		tid, err := newTrash(ctx, tx, TrashGoal, id, g.Title, now)
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `UPDATE micro_goals SET trash_id = ? WHERE id = ? AND trash_id IS NULL`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		n := 0
		for _, gid := range ids {
			res, err := stmt.ExecContext(ctx, tid, gid)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		item = TrashItem{ID: tid, Kind: TrashGoal, RootID: id, Title: g.Title, TrashedAt: s.timeOf(now.UnixMilli()), Count: n}
		return nil
	}()
	return item, err
}

// TrashObjective moves the objective id and all of its micro-goals that are not already in
// the trash into the trash as one batch, and returns the batch.
func (s *Store) TrashObjective(ctx context.Context, id int64) (TrashItem, error) {
	now := s.now()
	var item TrashItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		item, err = s.trashObjectiveTx(ctx, tx, id, now)
		return err
	})
	if err != nil {
		return TrashItem{}, fmt.Errorf("move objective %d to the trash: %w", id, err)
	}
	return item, nil
}

// trashObjectiveTx is TrashObjective inside tx.
func (s *Store) trashObjectiveTx(ctx context.Context, tx *sql.Tx, id int64, now time.Time) (TrashItem, error) {
	var item TrashItem
	err := func() error {
		o, err := s.objectiveIn(ctx, tx, id)
		if err != nil {
			return err
		}
		tid, err := newTrash(ctx, tx, TrashObjective, id, o.Title, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE objectives SET trash_id = ? WHERE id = ?`, tid, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE micro_goals SET trash_id = ? WHERE objective_id = ? AND trash_id IS NULL`, tid, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		item = TrashItem{ID: tid, Kind: TrashObjective, RootID: id, Title: o.Title, TrashedAt: s.timeOf(now.UnixMilli()), Count: int(n) + 1}
		return nil
	}()
	return item, err
}

const trashCols = `t.id, t.kind, t.root_id, t.title, t.trashed_at,
	(SELECT count(*) FROM objectives WHERE trash_id = t.id) + (SELECT count(*) FROM micro_goals WHERE trash_id = t.id)`

func (s *Store) scanTrash(sc interface{ Scan(...any) error }) (TrashItem, error) {
	var it TrashItem
	var at int64
	if err := sc.Scan(&it.ID, &it.Kind, &it.RootID, &it.Title, &at, &it.Count); err != nil {
		return it, err
	}
	it.TrashedAt = s.timeOf(at)
	return it, nil
}

// Trash lists the batches in the trash, newest first.
func (s *Store) Trash(ctx context.Context) ([]TrashItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+trashCols+` FROM trash t ORDER BY t.trashed_at DESC, t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list the trash: %w", err)
	}
	defer rows.Close()
	var out []TrashItem
	for rows.Next() {
		it, err := s.scanTrash(rows)
		if err != nil {
			return nil, fmt.Errorf("list the trash: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list the trash: %w", err)
	}
	return out, nil
}

// RestoreTrash takes the batch trashID out of the trash, exactly what was trashed together,
// and returns it. A micro-goal whose parent is still in the trash (or whose old parent has
// no room left for its levels) comes back at the top of its objective, after the last step.
// A micro-goal whose objective is in the trash is refused (ErrObjectiveInTrash) with a
// message naming the objective to restore first.
func (s *Store) RestoreTrash(ctx context.Context, trashID int64) (TrashItem, error) {
	now := s.now()
	var item TrashItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		item, err = s.scanTrash(tx.QueryRowContext(ctx, `SELECT `+trashCols+` FROM trash t WHERE t.id = ?`, trashID))
		if errors.Is(err, sql.ErrNoRows) {
			return &notFoundError{what: "batch in the trash", id: trashID}
		}
		if err != nil {
			return err
		}
		if item.Kind == TrashGoal {
			if err := s.restoreGoalPlace(ctx, tx, item, now); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE objectives SET trash_id = NULL WHERE trash_id = ?`, trashID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET trash_id = NULL WHERE trash_id = ?`, trashID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM trash WHERE id = ?`, trashID)
		return err
	})
	if err != nil {
		return TrashItem{}, wrapf(err, "restore “{{.Title}}” from the trash", "Title", item.Title)
	}
	return item, nil
}

// restoreGoalPlace checks that the root of a trashed micro-goal batch can come back and, when
// its parent cannot take it back, moves it to the top of its objective first.
func (s *Store) restoreGoalPlace(ctx context.Context, tx *sql.Tx, item TrashItem, now time.Time) error {
	var (
		objectiveID int64
		parentID    sql.NullInt64
		objTitle    string
		objTrash    sql.NullInt64
	)
	err := tx.QueryRowContext(ctx, `SELECT g.objective_id, g.parent_id, o.title, o.trash_id
		FROM micro_goals g JOIN objectives o ON o.id = g.objective_id WHERE g.id = ?`, item.RootID).
		Scan(&objectiveID, &parentID, &objTitle, &objTrash)
	if err != nil {
		return err
	}
	if objTrash.Valid {
		return userErr(ErrObjectiveInTrash, "its objective is in the trash — restore the objective “{{.Title}}” first", "Title", objTitle)
	}
	if !parentID.Valid {
		return nil
	}
	anc, err := s.ancestors(ctx, tx, parentID.Int64)
	if err != nil {
		return err
	}
	lift := len(anc) == 0 // the parent is in the trash
	if !lift {
		// The batch's own steps are still marked trashed, so read its height by hand.
		batch, err := s.goalsWhere(ctx, tx, nil, `trash_id = ?`, item.ID)
		if err != nil {
			return err
		}
		tree := model.NewTree(append(anc, batch...))
		lift = tree.Depth(parentID.Int64)+tree.Height(item.RootID) > model.MaxDepth
	}
	if !lift {
		return nil
	}
	pos, err := lastPosition(ctx, tx, objectiveID, 0, item.RootID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE micro_goals SET parent_id = NULL, position = ?, updated_at = ? WHERE id = ?`,
		pos, now.UnixMilli(), item.RootID)
	return err
}

// PurgeGoal deletes the micro-goal id, its sub-steps and their metric logs for good, in the
// trash or not. Only undoing a creation uses it; everything else goes to the trash.
func (s *Store) PurgeGoal(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM micro_goals WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return goalNotFound(id)
		}
		return dropEmptyTrash(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("delete micro-goal %d: %w", id, err)
	}
	return nil
}

// PurgeObjective deletes the objective id with all its micro-goals and their metric logs for
// good, in the trash or not. Only undoing a creation uses it.
func (s *Store) PurgeObjective(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM objectives WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return objectiveNotFound(id)
		}
		return dropEmptyTrash(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("delete objective %d: %w", id, err)
	}
	return nil
}

// dropEmptyTrash removes trash batches a purge has emptied, so the trash lists nothing that
// cannot be restored.
func dropEmptyTrash(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM trash WHERE
		NOT EXISTS (SELECT 1 FROM objectives WHERE trash_id = trash.id) AND
		NOT EXISTS (SELECT 1 FROM micro_goals WHERE trash_id = trash.id)`)
	return err
}
