package storage

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/microgoals/microgoals/model"
)

// goalRow is one micro_goals row as read from the database.
type goalRow struct {
	id, objectiveID, position, estimate, createdAt, updatedAt int64
	parentID, dueAt, doneAt, droppedAt                        sql.NullInt64
	title, outcome, doneWhen, owner, partner, dropReason      string
	dueDay, horizon, stage, status, metricKind, metricUnit    string
	anchor, repeat                                            string
	tags, notes, doneWhere, doneWith                          string
	dueHasTime, canDecrease, fromCompletion                   bool
	metricTarget                                              float64
}

// goalScan is the database/sql scan target for a goalRow. The enum columns and the due day
// are read as raw bytes and turned into constants, so only the free text allocates.
type goalScan struct {
	row                                                    goalRow
	dueDay, horizon, stage, status, metricKind, metricUnit sql.RawBytes
}

func (r *goalScan) dest() []any {
	g := &r.row
	return []any{&g.id, &g.objectiveID, &g.parentID, &g.position, &g.title, &g.outcome, &g.doneWhen,
		&g.dueAt, &g.dueHasTime, &r.dueDay, &r.horizon, &r.stage, &r.status, &g.estimate,
		&r.metricKind, &r.metricUnit, &g.metricTarget, &g.owner, &g.partner, &g.createdAt,
		&g.updatedAt, &g.doneAt, &g.droppedAt, &g.dropReason, &g.anchor, &g.repeat, &g.canDecrease, &g.fromCompletion,
		&g.tags, &g.notes, &g.doneWhere, &g.doneWith}
}

// scanned completes the row from the raw bytes of the last Scan.
func (r *goalScan) scanned() *goalRow {
	g := &r.row
	g.dueDay = internBytes(r.dueDay)
	g.horizon, g.stage, g.status = internBytes(r.horizon), internBytes(r.stage), internBytes(r.status)
	g.metricKind, g.metricUnit = internBytes(r.metricKind), internBytes(r.metricUnit)
	return g
}

// goalFrom turns a scanned row into a micro-goal. A timed due keeps its instant; an all-day
// due is midnight of its stored day in the store's zone, so the day survives a change of
// zone.
func (s *Store) goalFrom(r *goalRow) model.MicroGoal {
	g := model.MicroGoal{
		ID:              r.id,
		ObjectiveID:     r.objectiveID,
		ParentID:        r.parentID.Int64,
		Position:        r.position,
		Title:           r.title,
		Outcome:         r.outcome,
		DoneWhen:        r.doneWhen,
		DueHasTime:      r.dueHasTime,
		Horizon:         model.Horizon(intern(r.horizon)),
		Stage:           model.Stage(intern(r.stage)),
		Status:          model.Status(intern(r.status)),
		EstimateMinutes: int(r.estimate),
		Metric: model.Metric{
			Kind:        model.MetricKind(intern(r.metricKind)),
			Unit:        intern(r.metricUnit),
			Target:      r.metricTarget,
			CanDecrease: r.canDecrease,
		},
		Owner:      r.owner,
		Partner:    r.partner,
		CreatedAt:  s.timeOf(r.createdAt),
		UpdatedAt:  s.timeOf(r.updatedAt),
		DoneAt:     s.timeOrZero(r.doneAt),
		DroppedAt:  s.timeOrZero(r.droppedAt),
		DropReason: r.dropReason,
		Anchor:     r.anchor,
		Repeat:     r.repeat,
		Tags:       model.SplitTags(r.tags),
		Notes:      r.notes,
		DoneWhere:  r.doneWhere,
		DoneWith:   r.doneWith,

		RepeatFromCompletion: r.fromCompletion,
	}
	if r.dueAt.Valid {
		if r.dueHasTime {
			g.Due = s.timeOf(r.dueAt.Int64)
		} else if g.Due = parseDay(r.dueDay, s.loc); g.Due.IsZero() {
			g.Due = midnight(s.timeOf(r.dueAt.Int64), s.loc)
		}
	}
	return g
}

// goalsWhere reads the micro-goals matching where (a condition on micro_goals, possibly
// with ORDER BY), into out.
func (s *Store) goalsWhere(ctx context.Context, q querier, out []model.MicroGoal, where string, args ...any) ([]model.MicroGoal, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+goalCols+` FROM micro_goals WHERE `+where, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	var r goalScan
	dest := r.dest()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return out, err
		}
		out = append(out, s.goalFrom(r.scanned()))
	}
	return out, rows.Err()
}

// goalIn reads a micro-goal that is not in the trash.
func (s *Store) goalIn(ctx context.Context, q querier, id int64) (model.MicroGoal, error) {
	gs, err := s.goalsWhere(ctx, q, make([]model.MicroGoal, 0, 1), `id = ? AND trash_id IS NULL`, id)
	if err != nil {
		return model.MicroGoal{}, err
	}
	if len(gs) == 0 {
		return model.MicroGoal{}, goalNotFound(id)
	}
	return gs[0], nil
}

// Goal returns the micro-goal with id, or an error matching ErrNotFound (and
// model.ErrNotFound) when it does not exist or is in the trash.
func (s *Store) Goal(ctx context.Context, id int64) (model.MicroGoal, error) {
	g, err := s.goalIn(ctx, s.db, id)
	if err != nil {
		return g, fmt.Errorf("load micro-goal %d: %w", id, err)
	}
	return g, nil
}

// Outline is everything outside the trash: the objectives in their order, and the
// micro-goals ordered by objective, parent (top-level steps first) and position.
type Outline struct {
	Objectives []model.Objective
	Goals      []model.MicroGoal
}

// LoadOutline reads the whole outline from one snapshot, one query per table.
func (s *Store) LoadOutline(ctx context.Context) (Outline, error) {
	var out Outline
	err := s.read(ctx, func(q *sql.Conn) error {
		var nObj, nGoals int
		if err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM objectives WHERE trash_id IS NULL),
			(SELECT count(*) FROM micro_goals WHERE trash_id IS NULL)`).Scan(&nObj, &nGoals); err != nil {
			return err
		}
		out.Objectives = make([]model.Objective, 0, nObj)
		rows, err := q.QueryContext(ctx, `SELECT `+objectiveCols+` FROM objectives WHERE trash_id IS NULL ORDER BY position, id`)
		if err != nil {
			return err
		}
		var r objectiveRow
		dest := r.dest()
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
			out.Objectives = append(out.Objectives, s.objectiveFrom(&r))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		out.Goals = make([]model.MicroGoal, 0, nGoals)
		// A scan of the table in rowid order reads each page once and in file order; walking
		// the outline index instead costs one B-tree search per step. The order is put right
		// afterwards in memory.
		if err := q.Raw(func(dc any) error {
			out.Goals, err = s.rawGoals(ctx, dc, out.Goals, `trash_id IS NULL`)
			return err
		}); err != nil {
			return err
		}
		sortOutline(out.Goals)
		return nil
	})
	if err != nil {
		return Outline{}, fmt.Errorf("load the outline: %w", err)
	}
	return out, nil
}

// goalContent is the micro_goals columns a step's edit writes (all but its placement, the
// local columns and the identity), in goalsTable's order; goalValues gives their values.
// goalInsert writes a new row: its placement first, then the content; goalUpdate the content.
var (
	goalContentKeep = func(c column) bool { return !c.local && !c.noScan && !c.placement }
	goalContent     = goalsTable.names(goalContentKeep)
	goalInsert      = `INSERT INTO micro_goals (objective_id, parent_id, position, created_at, ` + goalContent +
		`) VALUES (?, ?, ?, ?` + strings.Repeat(", ?", strings.Count(goalContent, ",")+1) + `)`
	goalUpdate = goalsTable.setSQL(goalContentKeep)
)

// goalValues are g's values for goalContent, with updatedAt as its update time.
func (s *Store) goalValues(g model.MicroGoal, updatedAt time.Time) []any {
	dueAt, dueDay := s.dueColumns(g)
	return []any{g.Title, g.Outcome, g.DoneWhen, dueAt, boolInt(g.DueHasTime && !g.Due.IsZero()), dueDay,
		string(g.Horizon), string(g.Stage), string(g.Status), g.EstimateMinutes,
		string(g.Metric.Kind), g.Metric.Unit, g.Metric.Target, g.Owner, g.Partner,
		updatedAt.UnixMilli(), msOrNull(g.DoneAt), msOrNull(g.DroppedAt), g.DropReason, g.Anchor, g.Repeat,
		g.Metric.CanDecrease, g.RepeatFromCompletion, model.JoinTags(g.Tags), g.Notes, g.DoneWhere, g.DoneWith}
}

func validateGoal(g model.MicroGoal) error {
	if ps := model.Blocking(model.ValidateGoal(g)); len(ps) > 0 {
		return &ValidationError{What: "micro-goal", Problems: ps}
	}
	if ps := model.ValidateTags(g.Tags); len(ps) > 0 {
		return &ValidationError{What: "micro-goal", Problems: ps}
	}
	return nil
}

// dueColumns are the stored forms of a due date: the instant (an all-day due is stored as
// midnight of its day), whether it has a time, and its local day for calendar lookups.
func (s *Store) dueColumns(g model.MicroGoal) (at, day any) {
	if g.Due.IsZero() {
		return nil, nil
	}
	due := g.Due
	if !g.DueHasTime {
		due = midnight(due, s.loc)
	}
	return due.UnixMilli(), dayText(due, s.loc)
}

// CreateGoal stores a new micro-goal under g.ObjectiveID and g.ParentID and returns it as
// stored: appended after its siblings, or right after the sibling afterID when that is not
// zero. g.Position is ignored. CreatedAt is kept when set, otherwise it is now. The parent must
// be a step of the same objective outside the trash with room for one more level.
func (s *Store) CreateGoal(ctx context.Context, g model.MicroGoal, afterID int64) (model.MicroGoal, error) {
	if err := validateGoal(g); err != nil {
		return model.MicroGoal{}, fmt.Errorf("create micro-goal: %w", err)
	}
	now := s.now()
	if g.CreatedAt.IsZero() {
		g.CreatedAt = now
	}
	g.UpdatedAt = now
	var out model.MicroGoal
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.createGoalTx(ctx, tx, g, afterID)
		return err
	})
	if err != nil {
		return model.MicroGoal{}, fmt.Errorf("create micro-goal: %w", err)
	}
	return out, nil
}

// createGoalTx inserts g inside tx, after its siblings or right after afterID.
func (s *Store) createGoalTx(ctx context.Context, tx *sql.Tx, g model.MicroGoal, afterID int64) (model.MicroGoal, error) {
	if _, err := s.objectiveIn(ctx, tx, g.ObjectiveID); err != nil {
		return model.MicroGoal{}, err
	}
	if g.ParentID != 0 {
		anc, err := s.ancestors(ctx, tx, g.ParentID)
		if err != nil {
			return model.MicroGoal{}, err
		}
		if err := checkParent(anc, g.ParentID, g.ObjectiveID); err != nil {
			return model.MicroGoal{}, err
		}
		if model.NewTree(anc).Depth(g.ParentID)+1 > model.MaxDepth {
			return model.MicroGoal{}, model.ErrTooDeep
		}
	}
	var err error
	if afterID == 0 {
		g.Position, err = lastPosition(ctx, tx, g.ObjectiveID, g.ParentID, 0)
	} else {
		g.Position, err = positionAfterSibling(ctx, tx, g.ObjectiveID, g.ParentID, afterID)
	}
	if err != nil {
		return model.MicroGoal{}, err
	}
	res, err := tx.ExecContext(ctx, goalInsert, append([]any{g.ObjectiveID, idOrNull(g.ParentID), g.Position,
		g.CreatedAt.UnixMilli()}, s.goalValues(g, g.UpdatedAt)...)...)
	if err != nil {
		return model.MicroGoal{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return model.MicroGoal{}, err
	}
	return s.goalIn(ctx, tx, id)
}

// UpdateGoal saves every field of g except its placement (objective, parent, position) and
// CreatedAt, which are kept as stored, and returns it as stored with UpdatedAt set to now.
// It writes one row.
func (s *Store) UpdateGoal(ctx context.Context, g model.MicroGoal) (model.MicroGoal, error) {
	if err := validateGoal(g); err != nil {
		return model.MicroGoal{}, fmt.Errorf("update micro-goal %d: %w", g.ID, err)
	}
	now := s.now()
	var out model.MicroGoal
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE micro_goals SET `+goalUpdate+` WHERE id = ? AND trash_id IS NULL`,
			append(s.goalValues(g, now), g.ID)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return goalNotFound(g.ID)
		}
		out, err = s.goalIn(ctx, tx, g.ID)
		return err
	})
	if err != nil {
		return model.MicroGoal{}, fmt.Errorf("update micro-goal %d: %w", g.ID, err)
	}
	return out, nil
}

// SetGoalStatus marks the micro-goal id open, done or dropped (with reason) now, keeping the
// status timestamps consistent as model.MicroGoal.WithStatus does, and returns it as stored.
func (s *Store) SetGoalStatus(ctx context.Context, id int64, status model.Status, reason string) (model.MicroGoal, error) {
	now := s.now()
	return s.changeGoal(ctx, id, func(tx *sql.Tx, g model.MicroGoal) error {
		g = g.WithStatus(status, reason, now)
		if err := validateGoal(g); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE micro_goals SET status = ?, updated_at = ?, done_at = ?,
			dropped_at = ?, drop_reason = ? WHERE id = ?`,
			string(g.Status), g.UpdatedAt.UnixMilli(), msOrNull(g.DoneAt), msOrNull(g.DroppedAt), g.DropReason, id)
		return err
	}, "mark micro-goal %d %s", id, status)
}

// changeGoal is one action on the stored micro-goal id: in one write transaction it reads the
// goal, lets change write to it, and returns the goal as stored afterwards. An error is
// wrapped with the action's description, format and args.
func (s *Store) changeGoal(ctx context.Context, id int64, change func(tx *sql.Tx, g model.MicroGoal) error, format string, args ...any) (model.MicroGoal, error) {
	var out model.MicroGoal
	err := s.write(ctx, func(tx *sql.Tx) error {
		g, err := s.goalIn(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := change(tx, g); err != nil {
			return err
		}
		out, err = s.goalIn(ctx, tx, id)
		return err
	})
	if err != nil {
		return model.MicroGoal{}, fmt.Errorf(format+": %w", append(args, err)...)
	}
	return out, nil
}

// sortOutline orders goals by objective, parent (top-level steps first), position and id —
// the order of the outline index. It sorts small keys and then moves each goal once, along
// the cycles of the permutation, instead of swapping whole goals during the sort.
func sortOutline(goals []model.MicroGoal) {
	keys := make([]outlineKey, len(goals))
	sorted := true
	for i := range goals {
		g := &goals[i]
		keys[i] = outlineKey{g.ObjectiveID, g.ParentID, g.Position, g.ID, i}
		if sorted && i > 0 && keys[i-1].compare(keys[i]) > 0 {
			sorted = false
		}
	}
	if sorted {
		return
	}
	slices.SortFunc(keys, outlineKey.compare)
	// keys[j].at is the index of the goal that belongs at j.
	for start := range keys {
		if keys[start].at == start || keys[start].at < 0 {
			continue
		}
		held := goals[start]
		j := start
		for {
			from := keys[j].at
			keys[j].at = -1
			if from == start {
				goals[j] = held
				break
			}
			goals[j] = goals[from]
			j = from
		}
	}
}

type outlineKey struct {
	objective, parent, position, id int64
	at                              int
}

func (a outlineKey) compare(b outlineKey) int {
	if c := cmp.Compare(a.objective, b.objective); c != 0 {
		return c
	}
	if c := cmp.Compare(a.parent, b.parent); c != 0 {
		return c
	}
	if c := cmp.Compare(a.position, b.position); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// rawGoalCols is goalCols with the four enum columns turned into their index in the lists
// below by SQLite: a small integer crosses the driver without the two allocations of a string.
// A value outside the lists (the schema's CHECKs allow none) comes as its text.
var rawGoalCols = func() string {
	cols := goalCols
	for _, e := range []struct {
		col  string
		vals []string
	}{{"horizon", horizons}, {"stage", stages}, {"status", statuses}, {"metric_kind", metricKinds}} {
		expr := "(CASE " + e.col
		for i, v := range e.vals {
			expr += fmt.Sprintf(" WHEN '%s' THEN %d", v, i)
		}
		expr += " ELSE " + e.col + " END)"
		cols = strings.Replace(cols, " "+e.col+",", " "+expr+",", 1)
	}
	return cols
}()

var (
	horizons    = []string{string(model.HorizonDay), string(model.HorizonWeek), string(model.HorizonFortnight), string(model.HorizonMonth)}
	stages      = []string{string(model.StageInput), string(model.StagePlanning), string(model.StageExecution), string(model.StageReview), string(model.StageCelebration)}
	statuses    = []string{string(model.StatusOpen), string(model.StatusDone), string(model.StatusDropped)}
	metricKinds = []string{string(model.MetricNone), string(model.MetricQuantitative), string(model.MetricQualitative)}
)

// enum is the string of an enum column read through rawGoalCols.
func enum(x driver.Value, vals []string) string {
	switch x := x.(type) {
	case int64:
		if x >= 0 && x < int64(len(vals)) {
			return vals[x]
		}
	case string:
		return intern(x)
	}
	return ""
}

// rawGoals reads micro-goals straight from the driver's rows, without database/sql's
// per-column conversions: the outline of 10,000 steps loads in about two thirds of the time.
// The value types are go-sqlite3's: int64, float64, string and nil for our column types.
func (s *Store) rawGoals(ctx context.Context, dc any, out []model.MicroGoal, where string, args ...any) ([]model.MicroGoal, error) {
	qc, ok := dc.(driver.QueryerContext)
	if !ok {
		return out, errors.New("the SQLite driver cannot run queries directly")
	}
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	rows, err := qc.QueryContext(ctx, `SELECT `+rawGoalCols+` FROM micro_goals WHERE `+where, named)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	v := make([]driver.Value, len(rows.Columns()))
	if len(v) != 32 {
		return out, fmt.Errorf("micro_goals query has %d columns, want 32", len(v))
	}
	str := func(x driver.Value) string { s, _ := x.(string); return s }
	num := func(x driver.Value) int64 { n, _ := x.(int64); return n }
	null := func(x driver.Value) sql.NullInt64 { n, ok := x.(int64); return sql.NullInt64{Int64: n, Valid: ok} }
	for {
		if err := rows.Next(v); err == io.EOF {
			return out, nil
		} else if err != nil {
			return out, err
		}
		r := goalRow{
			id: num(v[0]), objectiveID: num(v[1]), parentID: null(v[2]), position: num(v[3]),
			title: str(v[4]), outcome: str(v[5]), doneWhen: str(v[6]), dueAt: null(v[7]),
			dueHasTime: num(v[8]) != 0, estimate: num(v[13]), owner: str(v[17]), partner: str(v[18]),
			createdAt: num(v[19]), updatedAt: num(v[20]), doneAt: null(v[21]), droppedAt: null(v[22]),
			dropReason: str(v[23]), anchor: str(v[24]), repeat: str(v[25]), canDecrease: num(v[26]) != 0, fromCompletion: num(v[27]) != 0,
			tags: str(v[28]), notes: str(v[29]), doneWhere: str(v[30]), doneWith: str(v[31]),
		}
		r.metricTarget, _ = v[16].(float64)
		if n, ok := v[16].(int64); ok {
			r.metricTarget = float64(n)
		}
		r.dueDay, r.metricUnit = str(v[9]), str(v[15])
		r.horizon, r.stage, r.status = enum(v[10], horizons), enum(v[11], stages), enum(v[12], statuses)
		r.metricKind = enum(v[14], metricKinds)
		out = append(out, s.goalFrom(&r))
	}
}
