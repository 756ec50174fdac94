package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/microgoals/microgoals/model"
)

// reviewsSchema is the migration of the weekly review, the quarterly audit's decision log and
// the identities that export and import merge by.
//
// The uuid columns give every objective, micro-goal and metric entry an identity that
// survives a trip through a JSON file into another database, where the integer ids differ.
// They are filled in when a row is first exported or merged (assignUUIDs), not on insert, so
// no existing write path pays for them. Reviews and decisions get theirs when they are made.
const reviewsSchema = `
ALTER TABLE objectives ADD COLUMN uuid TEXT;
ALTER TABLE micro_goals ADD COLUMN uuid TEXT;
ALTER TABLE metric_entries ADD COLUMN uuid TEXT;
CREATE UNIQUE INDEX objectives_uuid ON objectives (uuid) WHERE uuid IS NOT NULL;
CREATE UNIQUE INDEX micro_goals_uuid ON micro_goals (uuid) WHERE uuid IS NOT NULL;
CREATE UNIQUE INDEX metric_entries_uuid ON metric_entries (uuid) WHERE uuid IS NOT NULL;

-- A saved weekly review. period_end is the day after the period's last day. actions holds
-- one line per open step acted on.
CREATE TABLE reviews (
	id           INTEGER PRIMARY KEY,
	uuid         TEXT NOT NULL UNIQUE,
	period_start TEXT NOT NULL,
	period_end   TEXT NOT NULL,
	completed    INTEGER NOT NULL DEFAULT 0,
	streak       INTEGER NOT NULL DEFAULT 0,
	actions      TEXT NOT NULL DEFAULT '',
	adjustments  TEXT NOT NULL DEFAULT '',
	wins         TEXT NOT NULL DEFAULT '',
	lessons      TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	CHECK (period_start < period_end)
);
CREATE INDEX reviews_period ON reviews (period_start);

-- The decision log of the quarterly audit: one row per decision about one objective or one
-- micro-goal. Rows are only ever added (a reversal is a new row), except by undo.
CREATE TABLE decisions (
	id           INTEGER PRIMARY KEY,
	uuid         TEXT NOT NULL UNIQUE,
	objective_id INTEGER REFERENCES objectives(id) ON DELETE CASCADE,
	goal_id      INTEGER REFERENCES micro_goals(id) ON DELETE CASCADE,
	subject      TEXT NOT NULL,
	decision     TEXT NOT NULL CHECK (decision IN ('keep', 'adjust', 'drop', 'reverse')),
	essential    TEXT NOT NULL DEFAULT '',
	best_use     TEXT NOT NULL DEFAULT '',
	evidence     TEXT NOT NULL DEFAULT '',
	rationale    TEXT NOT NULL DEFAULT '',
	reverses_id  INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
	decided_at   INTEGER NOT NULL,
	CHECK ((objective_id IS NULL) <> (goal_id IS NULL)),
	CHECK (decision IN ('keep') OR rationale <> '')
);
CREATE INDEX decisions_objective ON decisions (objective_id) WHERE objective_id IS NOT NULL;
CREATE INDEX decisions_goal ON decisions (goal_id) WHERE goal_id IS NOT NULL;
CREATE INDEX decisions_reverses ON decisions (reverses_id) WHERE reverses_id IS NOT NULL;
`

// newUUID returns a random identity in the form the migration's SQL would make
// (lower(hex(randomblob(16)))).
func newUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("no randomness for an identity: %v", err))
	}
	return hex.EncodeToString(b[:])
}

func (s *Store) scanReview(sc interface{ Scan(...any) error }) (model.Review, error) {
	var (
		r                model.Review
		start, end, acts string
		created, updated int64
	)
	if err := sc.Scan(&r.ID, &r.UUID, &start, &end, &r.Completed, &r.Streak, &acts, &r.Adjustments, &r.Wins, &r.Lessons, &created, &updated); err != nil {
		return r, err
	}
	r.Period = model.Period{Start: parseDay(start, s.loc), End: parseDay(end, s.loc)}
	if acts != "" {
		r.Actions = strings.Split(acts, "\n")
	}
	r.CreatedAt, r.UpdatedAt = s.timeOf(created), s.timeOf(updated)
	return r, nil
}

// SaveReview stores r: a new review when r.ID is zero, otherwise the changes to the saved
// one. It returns the review as stored.
func (s *Store) SaveReview(ctx context.Context, r model.Review) (model.Review, error) {
	if ps := model.Blocking(model.ValidateReview(r)); len(ps) > 0 {
		return model.Review{}, fmt.Errorf("save the review: %w", &ValidationError{What: "review", Problems: ps})
	}
	now := s.now()
	for i, a := range r.Actions {
		r.Actions[i] = strings.ReplaceAll(a, "\n", " ")
	}
	var out model.Review
	err := s.write(ctx, func(tx *sql.Tx) error {
		args := []any{dayText(r.Period.Start, s.loc), dayText(r.Period.End, s.loc), r.Completed, r.Streak,
			strings.Join(r.Actions, "\n"), r.Adjustments, r.Wins, r.Lessons, now.UnixMilli()}
		if r.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO reviews (period_start, period_end, completed, streak,
				actions, adjustments, wins, lessons, updated_at, uuid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				append(args, newUUID(), now.UnixMilli())...)
			if err != nil {
				return err
			}
			if r.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE reviews SET period_start = ?, period_end = ?, completed = ?,
				streak = ?, actions = ?, adjustments = ?, wins = ?, lessons = ?, updated_at = ? WHERE id = ?`,
				append(args, r.ID)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("review %d: %w", r.ID, ErrNotFound)
			}
		}
		var err error
		out, err = s.scanReview(tx.QueryRowContext(ctx, `SELECT `+reviewCols+` FROM reviews WHERE id = ?`, r.ID))
		return err
	})
	if err != nil {
		return model.Review{}, fmt.Errorf("save the review: %w", err)
	}
	return out, nil
}

// DeleteReview removes a saved review (the undo of saving it).
func (s *Store) DeleteReview(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM reviews WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete review %d: %w", id, err)
	}
	return nil
}

// Reviews returns the saved reviews, newest period first.
func (s *Store) Reviews(ctx context.Context) ([]model.Review, error) {
	return s.reviewsWhere(ctx, `1 ORDER BY period_start DESC, id DESC`)
}

// ReviewsOverlapping returns the saved reviews whose period overlaps p, oldest first.
func (s *Store) ReviewsOverlapping(ctx context.Context, p model.Period) ([]model.Review, error) {
	return s.reviewsWhere(ctx, `period_start < ? AND period_end > ? ORDER BY period_start, id`,
		dayText(p.End, s.loc), dayText(p.Start, s.loc))
}

func (s *Store) reviewsWhere(ctx context.Context, where string, args ...any) ([]model.Review, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+reviewCols+` FROM reviews WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read the reviews: %w", err)
	}
	defer rows.Close()
	var out []model.Review
	for rows.Next() {
		r, err := s.scanReview(rows)
		if err != nil {
			return nil, fmt.Errorf("read the reviews: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MetricTotals sums the effective metric entries (corrections applied, as
// model.EffectiveEntries resolves them) that fall within p, by micro-goal (trash left out).
// A correction logged in p of an entry outside it counts where its effective time lies.
func (s *Store) MetricTotals(ctx context.Context, p model.Period) (map[int64]float64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT e.goal_id, e.id, e.at, e.value, coalesce(e.corrects_id, 0), e.created_at
		FROM metric_entries e JOIN micro_goals g ON g.id = e.goal_id AND g.trash_id IS NULL
		WHERE e.goal_id IN (SELECT goal_id FROM metric_entries WHERE at >= ?1 AND at < ?2)
		ORDER BY e.goal_id`, p.Start.UnixMilli(), p.End.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("sum the metric entries: %w", err)
	}
	defer rows.Close()
	out := map[int64]float64{}
	var log []model.MetricEntry
	flush := func() {
		for _, e := range model.EffectiveEntries(log) {
			if p.Contains(e.At) {
				out[e.GoalID] += e.Value
			}
		}
		log = log[:0]
	}
	for rows.Next() {
		var e model.MetricEntry
		var at, made int64
		if err := rows.Scan(&e.GoalID, &e.ID, &at, &e.Value, &e.CorrectsID, &made); err != nil {
			return nil, fmt.Errorf("sum the metric entries: %w", err)
		}
		e.At, e.CreatedAt = s.timeOf(at), s.timeOf(made)
		if len(log) > 0 && log[0].GoalID != e.GoalID {
			flush()
		}
		log = append(log, e)
	}
	flush()
	return out, rows.Err()
}

// RescheduleGoal gives the micro-goal id a new due date (keeping whether it has a time of
// day) in one transaction, and returns it as stored. It is what a weekly review's "carry
// over" and "pick a new date" do.
func (s *Store) RescheduleGoal(ctx context.Context, id int64, due time.Time, hasTime bool) (model.MicroGoal, error) {
	now := s.now()
	return s.changeGoal(ctx, id, func(tx *sql.Tx, g model.MicroGoal) error {
		g.Due, g.DueHasTime = due, hasTime && !due.IsZero()
		if err := validateGoal(g); err != nil {
			return err
		}
		at, day := s.dueColumns(g)
		_, err := tx.ExecContext(ctx, `UPDATE micro_goals SET due_at = ?, due_has_time = ?, due_day = ?, updated_at = ? WHERE id = ?`,
			at, boolInt(g.DueHasTime), day, now.UnixMilli(), id)
		return err
	}, "reschedule micro-goal %d", id)
}
