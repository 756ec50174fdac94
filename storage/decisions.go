package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/microgoals/microgoals/model"
)

func (s *Store) scanDecision(sc interface{ Scan(...any) error }) (model.Decision, error) {
	var (
		d                   model.Decision
		obj, goal, reverses sql.NullInt64
		kind                string
		at                  int64
	)
	if err := sc.Scan(&d.ID, &d.UUID, &obj, &goal, &d.Subject, &kind, &d.Essential, &d.BestUse, &d.Evidence, &d.Rationale, &reverses, &at); err != nil {
		return d, err
	}
	d.ObjectiveID, d.GoalID, d.ReversesID = obj.Int64, goal.Int64, reverses.Int64
	d.Kind, d.At = model.DecisionKind(kind), s.timeOf(at)
	return d, nil
}

// AuditOutcome is what recording a decision changed: the decision as stored, and the goal it
// is about as it was before (for undo) and as it is now.
type AuditOutcome struct {
	Decision        model.Decision
	BeforeGoal      model.MicroGoal
	BeforeObjective model.Objective
}

// RecordDecision writes an audit decision to the log in one transaction with its effect: a
// drop marks a micro-goal dropped with the rationale as its reason (an objective is
// archived), a reversal opens it again (an objective becomes active), keep and adjust change
// nothing but the log. The subject is taken from the stored title.
func (s *Store) RecordDecision(ctx context.Context, d model.Decision) (AuditOutcome, error) {
	d.Rationale = strings.TrimSpace(d.Rationale)
	if ps := model.Blocking(model.ValidateDecision(d)); len(ps) > 0 {
		return AuditOutcome{}, fmt.Errorf("record the decision: %w", &ValidationError{What: "decision", Problems: ps})
	}
	now := s.now()
	var out AuditOutcome
	err := s.write(ctx, func(tx *sql.Tx) error {
		if d.Kind == model.DecisionReverse {
			var kind string
			var obj, goal sql.NullInt64
			err := tx.QueryRowContext(ctx, `SELECT decision, objective_id, goal_id FROM decisions WHERE id = ?`, d.ReversesID).Scan(&kind, &obj, &goal)
			if err != nil || kind != string(model.DecisionDrop) || obj.Int64 != d.ObjectiveID || goal.Int64 != d.GoalID {
				return fmt.Errorf("only a drop of the same goal can be reversed: %w", ErrNotFound)
			}
		}
		if d.GoalID != 0 {
			g, err := s.goalIn(ctx, tx, d.GoalID)
			if err != nil {
				return err
			}
			out.BeforeGoal, d.Subject = g, g.Title
			switch d.Kind {
			case model.DecisionDrop:
				g = g.WithStatus(model.StatusDropped, d.Rationale, now)
			case model.DecisionReverse:
				g = g.WithStatus(model.StatusOpen, "", now)
			}
			if g.Status != out.BeforeGoal.Status {
				if _, err := tx.ExecContext(ctx, `UPDATE micro_goals SET status = ?, updated_at = ?, done_at = ?,
					dropped_at = ?, drop_reason = ? WHERE id = ?`, string(g.Status), now.UnixMilli(),
					msOrNull(g.DoneAt), msOrNull(g.DroppedAt), g.DropReason, g.ID); err != nil {
					return err
				}
			}
		} else {
			o, err := s.objectiveIn(ctx, tx, d.ObjectiveID)
			if err != nil {
				return err
			}
			out.BeforeObjective, d.Subject = o, o.Title
			status := o.Status
			switch d.Kind {
			case model.DecisionDrop:
				status = model.ObjectiveArchived
			case model.DecisionReverse:
				status = model.ObjectiveActive
			}
			if status != o.Status {
				if _, err := tx.ExecContext(ctx, `UPDATE objectives SET status = ?, achieved_at = NULL, updated_at = ? WHERE id = ?`,
					string(status), now.UnixMilli(), o.ID); err != nil {
					return err
				}
			}
		}
		d.UUID, d.At = newUUID(), now
		res, err := tx.ExecContext(ctx, `INSERT INTO decisions (uuid, objective_id, goal_id, subject, decision,
			essential, best_use, evidence, rationale, reverses_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.UUID, idOrNull(d.ObjectiveID), idOrNull(d.GoalID), d.Subject, string(d.Kind), d.Essential, d.BestUse,
			d.Evidence, d.Rationale, idOrNull(d.ReversesID), now.UnixMilli())
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		out.Decision, err = s.scanDecision(tx.QueryRowContext(ctx, `SELECT `+decisionCols+` FROM decisions WHERE id = ?`, id))
		return err
	})
	if err != nil {
		return AuditOutcome{}, fmt.Errorf("record the decision about “%s”: %w", d.Subject, err)
	}
	return out, nil
}

// UndoDecision takes a decision back, in one transaction: the log entry is removed and the
// goal it changed gets the status it had before (from o, as RecordDecision returned it).
func (s *Store) UndoDecision(ctx context.Context, o AuditOutcome) error {
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM decisions WHERE id = ?`, o.Decision.ID); err != nil {
			return err
		}
		if g := o.BeforeGoal; g.ID != 0 {
			_, err := tx.ExecContext(ctx, `UPDATE micro_goals SET status = ?, updated_at = ?, done_at = ?,
				dropped_at = ?, drop_reason = ? WHERE id = ?`, string(g.Status), now.UnixMilli(),
				msOrNull(g.DoneAt), msOrNull(g.DroppedAt), g.DropReason, g.ID)
			return err
		}
		ob := o.BeforeObjective
		_, err := tx.ExecContext(ctx, `UPDATE objectives SET status = ?, achieved_at = ?, updated_at = ? WHERE id = ?`,
			string(ob.Status), msOrNull(ob.AchievedAt), now.UnixMilli(), ob.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("undo the decision about “%s”: %w", o.Decision.Subject, err)
	}
	return nil
}

// DecisionsFor returns the decision log of one objective (goalID zero) or one micro-goal,
// newest first.
func (s *Store) DecisionsFor(ctx context.Context, objectiveID, goalID int64) ([]model.Decision, error) {
	if goalID != 0 {
		return s.decisionsWhere(ctx, `goal_id = ? ORDER BY decided_at DESC, id DESC`, goalID)
	}
	return s.decisionsWhere(ctx, `objective_id = ? ORDER BY decided_at DESC, id DESC`, objectiveID)
}

// SearchDecisions returns the decisions whose subject, answers or rationale contain every
// word of query (case-insensitive; all decisions for an empty query), newest first, at most
// limit of them.
func (s *Store) SearchDecisions(ctx context.Context, query string, limit int) ([]model.Decision, error) {
	where := []string{"1"}
	var args []any
	for _, w := range strings.Fields(query) {
		// LIKE with an escape, so that % and _ in a search are taken literally.
		w = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)
		where = append(where, `(subject || ' ' || decision || ' ' || essential || ' ' || best_use || ' ' || evidence || ' ' || rationale) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+w+"%")
	}
	args = append(args, limit)
	return s.decisionsWhere(ctx, strings.Join(where, " AND ")+` ORDER BY decided_at DESC, id DESC LIMIT ?`, args...)
}

func (s *Store) decisionsWhere(ctx context.Context, where string, args ...any) ([]model.Decision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+decisionCols+` FROM decisions WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read the decision log: %w", err)
	}
	defer rows.Close()
	var out []model.Decision
	for rows.Next() {
		d, err := s.scanDecision(rows)
		if err != nil {
			return nil, fmt.Errorf("read the decision log: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DecisionsSince returns the decisions made at or after t, newest first: what an audit in
// progress has already decided.
func (s *Store) DecisionsSince(ctx context.Context, t time.Time) ([]model.Decision, error) {
	return s.decisionsWhere(ctx, `decided_at >= ? ORDER BY decided_at DESC, id DESC`, t.UnixMilli())
}
