package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/microgoals/microgoals/model"
)

// objectiveRow is the scan target for one objectives row.
type objectiveRow struct {
	id, position, createdAt, updatedAt int64
	title, why, status, notes          string
	target                             []byte // copied: objectives are few
	inFocus                            bool
	achievedAt                         sql.NullInt64
}

func (r *objectiveRow) dest() []any {
	return []any{&r.id, &r.title, &r.why, &r.target, &r.status, &r.inFocus, &r.position,
		&r.createdAt, &r.updatedAt, &r.achievedAt, &r.notes}
}

func (s *Store) objectiveFrom(r *objectiveRow) model.Objective {
	return model.Objective{
		ID:         r.id,
		Title:      r.title,
		Why:        r.why,
		TargetDate: parseDay(string(r.target), s.loc),
		Status:     model.ObjectiveStatus(intern(r.status)),
		InFocus:    r.inFocus,
		Position:   r.position,
		CreatedAt:  s.timeOf(r.createdAt),
		UpdatedAt:  s.timeOf(r.updatedAt),
		AchievedAt: s.timeOrZero(r.achievedAt),
		Notes:      r.notes,
	}
}

// objectiveIn reads an objective that is not in the trash.
func (s *Store) objectiveIn(ctx context.Context, q querier, id int64) (model.Objective, error) {
	var r objectiveRow
	var trash sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT `+objectiveCols+`, trash_id FROM objectives WHERE id = ?`, id).
		Scan(append(r.dest(), &trash)...)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && trash.Valid) {
		return model.Objective{}, objectiveNotFound(id)
	}
	if err != nil {
		return model.Objective{}, err
	}
	return s.objectiveFrom(&r), nil
}

// Objective returns the objective with id, or an error matching ErrNotFound when it does not
// exist or is in the trash.
func (s *Store) Objective(ctx context.Context, id int64) (model.Objective, error) {
	o, err := s.objectiveIn(ctx, s.db, id)
	if err != nil {
		return o, fmt.Errorf("load objective %d: %w", id, err)
	}
	return o, nil
}

// objectiveInsert and objectiveUpdate write a whole objectives row (less its placement, for
// an update), their values in the order of objectivesTable's column list.
var (
	objectiveInsert = objectivesTable.insertSQL(func(c column) bool { return !c.local && !c.noScan })
	objectiveUpdate = objectivesTable.setSQL(func(c column) bool { return !c.local && !c.noScan && !c.placement })
)

func validateObjective(o model.Objective) error {
	if ps := model.Blocking(model.ValidateObjective(o)); len(ps) > 0 {
		return &ValidationError{What: "objective", Problems: ps}
	}
	return nil
}

// CreateObjective stores a new objective after all others and returns it as stored. Its
// CreatedAt is kept when set, otherwise it is now; UpdatedAt is now. An objective created
// in focus takes the focus from the others.
func (s *Store) CreateObjective(ctx context.Context, o model.Objective) (model.Objective, error) {
	return s.CreateObjectiveWithGoals(ctx, o, nil)
}

// createObjectiveTx inserts o after all other objectives inside tx.
func (s *Store) createObjectiveTx(ctx context.Context, tx *sql.Tx, o model.Objective) (model.Objective, error) {
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(position) FROM objectives WHERE trash_id IS NULL`).Scan(&last); err != nil {
		return model.Objective{}, err
	}
	o.Position = model.PositionAfter(last.Int64, last.Valid)
	if o.InFocus {
		if _, err := tx.ExecContext(ctx, `UPDATE objectives SET in_focus = 0 WHERE in_focus = 1`); err != nil {
			return model.Objective{}, err
		}
	}
	res, err := tx.ExecContext(ctx, objectiveInsert,
		o.Title, o.Why, dayText(o.TargetDate, s.loc), string(o.Status), boolInt(o.InFocus), o.Position,
		o.CreatedAt.UnixMilli(), o.UpdatedAt.UnixMilli(), msOrNull(o.AchievedAt), o.Notes)
	if err != nil {
		return model.Objective{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return model.Objective{}, err
	}
	return s.objectiveIn(ctx, tx, id)
}

// achievedAt keeps the achieved time consistent with the status: set when the objective is
// achieved (now, unless already known), cleared otherwise.
func achievedAt(o model.Objective, now time.Time) time.Time {
	if o.Status != model.ObjectiveAchieved {
		return time.Time{}
	}
	if o.AchievedAt.IsZero() {
		return now
	}
	return o.AchievedAt
}

// UpdateObjective saves every editable field of o (title, why, target date, status, focus)
// and returns it as stored. Position and CreatedAt are kept as stored; UpdatedAt becomes now.
// Putting o in focus takes the focus from every other objective, as only one is in focus.
func (s *Store) UpdateObjective(ctx context.Context, o model.Objective) (model.Objective, error) {
	if err := validateObjective(o); err != nil {
		return model.Objective{}, fmt.Errorf("update objective %d: %w", o.ID, err)
	}
	now := s.now()
	var out model.Objective
	err := s.write(ctx, func(tx *sql.Tx) error {
		stored, err := s.objectiveIn(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		if o.Status == model.ObjectiveAchieved && o.AchievedAt.IsZero() {
			o.AchievedAt = stored.AchievedAt
		}
		o.AchievedAt = achievedAt(o, now)
		if o.InFocus {
			if _, err := tx.ExecContext(ctx, `UPDATE objectives SET in_focus = 0 WHERE in_focus = 1 AND id <> ?`, o.ID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE objectives SET `+objectiveUpdate+` WHERE id = ?`,
			o.Title, o.Why, dayText(o.TargetDate, s.loc), string(o.Status), boolInt(o.InFocus),
			now.UnixMilli(), msOrNull(o.AchievedAt), o.Notes, o.ID)
		if err != nil {
			return err
		}
		out, err = s.objectiveIn(ctx, tx, o.ID)
		return err
	})
	if err != nil {
		return model.Objective{}, fmt.Errorf("update objective %d: %w", o.ID, err)
	}
	return out, nil
}

// CreateObjectiveWithGoals stores a new objective and its first micro-goals, in order, as one
// action: the first-run screen's "Start". The goals' ObjectiveID and ParentID are ignored.
func (s *Store) CreateObjectiveWithGoals(ctx context.Context, o model.Objective, goals []model.MicroGoal) (model.Objective, error) {
	if err := validateObjective(o); err != nil {
		return model.Objective{}, fmt.Errorf("create objective: %w", err)
	}
	now := s.now()
	goals = append([]model.MicroGoal(nil), goals...) // stamped here; the caller's stay as given
	for i := range goals {
		if err := validateGoal(goals[i]); err != nil {
			return model.Objective{}, fmt.Errorf("create micro-goal %d of the objective: %w", i+1, err)
		}
		if goals[i].CreatedAt.IsZero() {
			goals[i].CreatedAt = now
		}
		goals[i].UpdatedAt = now
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = now
	}
	o.UpdatedAt = now
	o.AchievedAt = achievedAt(o, now)
	var out model.Objective
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = s.createObjectiveTx(ctx, tx, o); err != nil {
			return err
		}
		for _, g := range goals {
			g.ObjectiveID, g.ParentID = out.ID, 0
			if _, err := s.createGoalTx(ctx, tx, g, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return model.Objective{}, fmt.Errorf("create objective: %w", err)
	}
	return out, nil
}
