package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

var ctx = context.Background()

func mustObjective(t *testing.T, s *Store, title string) model.Objective {
	t.Helper()
	o, err := s.CreateObjective(ctx, model.NewObjective(title, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func mustGoal(t *testing.T, s *Store, objective, parent int64, title string) model.MicroGoal {
	t.Helper()
	g, err := s.CreateGoal(ctx, model.NewMicroGoal(objective, parent, title, time.Time{}), 0)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// titles lists the titles of the children of (objective, parent) in outline order.
func titles(t *testing.T, s *Store, objective, parent int64) []string {
	t.Helper()
	out, err := s.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ts []string
	for _, g := range out.Goals {
		if g.ObjectiveID == objective && g.ParentID == parent {
			ts = append(ts, g.Title)
		}
	}
	return ts
}

func sameTime(a, b time.Time) bool { return a.Equal(b) }

func TestObjectiveRoundTrip(t *testing.T) {
	s := openTest(t)
	o := model.NewObjective("Run a half marathon in under 2 hours", time.Time{})
	o.Why = "To prove I can"
	o.TargetDate = time.Date(2025, 10, 12, 0, 0, 0, 0, time.UTC)
	o.InFocus = true
	got, err := s.CreateObjective(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == 0 || got.Title != o.Title || got.Why != o.Why || !got.TargetDate.Equal(o.TargetDate) ||
		got.Status != model.ObjectiveActive || !got.InFocus || got.Position != model.PositionGap ||
		got.CreatedAt.IsZero() || !got.AchievedAt.IsZero() {
		t.Fatalf("created %+v", got)
	}
	second := mustObjective(t, s, "Learn conversational Spanish")
	if second.Position <= got.Position {
		t.Errorf("second objective not appended: %d <= %d", second.Position, got.Position)
	}

	second.InFocus = true
	second.Status = model.ObjectiveAchieved
	second.TargetDate = time.Time{}
	upd, err := s.UpdateObjective(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if upd.AchievedAt.IsZero() || !upd.InFocus || !upd.UpdatedAt.After(second.UpdatedAt) || !upd.TargetDate.IsZero() {
		t.Errorf("updated %+v", upd)
	}
	first, _ := s.Objective(ctx, got.ID)
	if first.InFocus {
		t.Error("focus not taken from the first objective")
	}
	upd.Status = model.ObjectiveActive
	upd, _ = s.UpdateObjective(ctx, upd)
	if !upd.AchievedAt.IsZero() {
		t.Error("achieved time kept after reactivation")
	}

	if _, err := s.CreateObjective(ctx, model.NewObjective("  ", time.Time{})); !isValidation(err) {
		t.Errorf("blank title: %v", err)
	}
	bad := got
	bad.Status = "paused"
	if _, err := s.UpdateObjective(ctx, bad); !isValidation(err) {
		t.Errorf("bad status: %v", err)
	}
	if _, err := s.Objective(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing objective: %v", err)
	}
}

func isValidation(err error) bool {
	var ve *ValidationError
	return errors.As(err, &ve) && len(ve.Problems) > 0
}

func TestGoalRoundTripEveryField(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path, Options{Location: berlin, Now: fixedClock()})
	if err != nil {
		t.Fatal(err)
	}
	o := mustObjective(t, s, "Ship the release")
	created := time.Date(2025, 3, 1, 8, 0, 0, 0, berlin)
	timed := model.MicroGoal{
		ObjectiveID: o.ID, Title: "Draft the release notes", Outcome: "Notes everyone can read",
		DoneWhen: "Sam has reviewed them", Due: time.Date(2025, 3, 14, 23, 30, 0, 0, berlin), DueHasTime: true,
		Horizon: model.HorizonWeek, Stage: model.StageExecution, EstimateMinutes: 90,
		Metric: model.Metric{Kind: model.MetricQuantitative, Unit: "words", Target: 1200.5},
		Owner:  "me", Partner: "Sam", Status: model.StatusDropped, CreatedAt: created,
		DroppedAt: time.Date(2025, 3, 9, 10, 0, 0, 0, berlin), DropReason: "Replaced by a better step",
	}
	g, err := s.CreateGoal(ctx, timed, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := timed
	want.ID, want.Position, want.UpdatedAt = g.ID, model.PositionGap, g.UpdatedAt
	if !goalsEqual(g, want) {
		t.Fatalf("round trip\n got %+v\nwant %+v", g, want)
	}
	if g.Due.Location() != berlin || g.CreatedAt.Location() != berlin {
		t.Error("times not returned in the store's zone")
	}

	allDay := model.NewMicroGoal(o.ID, 0, "Send the invitations", created)
	allDay.Due = time.Date(2025, 3, 20, 15, 0, 0, 0, berlin) // the time of day is not kept
	allDay.Status, allDay.DoneAt = model.StatusDone, time.Date(2025, 3, 19, 12, 0, 0, 0, berlin)
	ad, err := s.CreateGoal(ctx, allDay, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !ad.Due.Equal(time.Date(2025, 3, 20, 0, 0, 0, 0, berlin)) || ad.DueHasTime || !ad.DoneAt.Equal(allDay.DoneAt) {
		t.Errorf("all-day due %v (has time %v), done %v", ad.Due, ad.DueHasTime, ad.DoneAt)
	}
	var day string
	s.db.QueryRow(`SELECT due_day FROM micro_goals WHERE id = ?`, g.ID).Scan(&day)
	if day != "2025-03-14" {
		t.Errorf("due_day of the timed goal = %s", day)
	}
	none := mustGoal(t, s, o.ID, 0, "Tidy the desk")
	if !none.Due.IsZero() || !none.DoneAt.IsZero() || !none.DroppedAt.IsZero() {
		t.Errorf("zero times not kept: %+v", none)
	}
	s.Close()

	// In another zone, the timed due keeps its instant and the all-day due keeps its day.
	ny, _ := time.LoadLocation("America/New_York")
	s, err = Open(path, Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g2, _ := s.Goal(ctx, g.ID)
	ad2, _ := s.Goal(ctx, ad.ID)
	if !g2.Due.Equal(timed.Due) || !g2.DueHasTime {
		t.Errorf("timed due after zone change: %v", g2.Due)
	}
	if !ad2.Due.Equal(time.Date(2025, 3, 20, 0, 0, 0, 0, ny)) {
		t.Errorf("all-day due after zone change: %v", ad2.Due)
	}

	// Update edits every field but the placement.
	other := mustObjective(t, s, "Other")
	e := g2
	e.Title, e.Outcome, e.DoneWhen = "Publish the release notes", "Published", "Live on the site"
	e.Due, e.DueHasTime = time.Time{}, false
	e.Horizon, e.Stage, e.EstimateMinutes = model.HorizonMonth, model.StageCelebration, 5
	e.Metric = model.Metric{Kind: model.MetricQualitative}
	e.Owner, e.Partner = "Alex", ""
	e = e.WithStatus(model.StatusDone, "", time.Date(2025, 3, 15, 9, 0, 0, 0, ny))
	e.ObjectiveID, e.ParentID, e.Position = other.ID, 77, 5
	u, err := s.UpdateGoal(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	want = e
	want.ObjectiveID, want.ParentID, want.Position, want.UpdatedAt = g2.ObjectiveID, 0, g2.Position, u.UpdatedAt
	want.CreatedAt = g2.CreatedAt
	if !goalsEqual(u, want) {
		t.Fatalf("update\n got %+v\nwant %+v", u, want)
	}

	bad := u
	bad.Title = ""
	if _, err := s.UpdateGoal(ctx, bad); !isValidation(err) || !strings.Contains(err.Error(), "title") {
		t.Errorf("blank title: %v", err)
	}
	bad = u
	bad.Horizon = "year"
	if _, err := s.CreateGoal(ctx, bad, 0); !isValidation(err) {
		t.Errorf("bad horizon: %v", err)
	}

	st, err := s.SetGoalStatus(ctx, u.ID, model.StatusDropped, "No longer needed")
	if err != nil || st.Status != model.StatusDropped || st.DropReason != "No longer needed" || st.DroppedAt.IsZero() || !st.DoneAt.IsZero() {
		t.Errorf("SetGoalStatus: %v %+v", err, st)
	}
	st, _ = s.SetGoalStatus(ctx, u.ID, model.StatusOpen, "")
	if !st.DroppedAt.IsZero() || st.DropReason != "" {
		t.Errorf("reopen kept drop: %+v", st)
	}
	if _, err := s.Goal(ctx, 12345); !errors.Is(err, ErrNotFound) || !errors.Is(err, model.ErrNotFound) {
		t.Errorf("missing goal: %v", err)
	}
}

// goalsEqual compares micro-goals with times compared as instants at millisecond precision.
func goalsEqual(a, b model.MicroGoal) bool {
	ts := func(g *model.MicroGoal) []*time.Time {
		return []*time.Time{&g.Due, &g.CreatedAt, &g.UpdatedAt, &g.DoneAt, &g.DroppedAt}
	}
	ta, tb := ts(&a), ts(&b)
	for i := range ta {
		if !ta[i].Truncate(time.Millisecond).Equal(tb[i].Truncate(time.Millisecond)) {
			return false
		}
		*ta[i], *tb[i] = time.Time{}, time.Time{}
	}
	return reflect.DeepEqual(a, b)
}

func TestNestingAndDepth(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Deep")
	parent := int64(0)
	var chain []model.MicroGoal
	for d := 1; d <= model.MaxDepth; d++ {
		g := mustGoal(t, s, o.ID, parent, "Do level "+strings.Repeat("x", d))
		chain = append(chain, g)
		parent = g.ID
	}
	if _, err := s.CreateGoal(ctx, model.NewMicroGoal(o.ID, parent, "Do too deep", time.Time{}), 0); !errors.Is(err, model.ErrTooDeep) {
		t.Fatalf("too deep: %v", err)
	}
	other := mustObjective(t, s, "Other")
	if _, err := s.CreateGoal(ctx, model.NewMicroGoal(other.ID, chain[0].ID, "Do elsewhere", time.Time{}), 0); !errors.Is(err, ErrWrongObjective) {
		t.Errorf("parent in other objective: %v", err)
	}
	if _, err := s.CreateGoal(ctx, model.NewMicroGoal(999, 0, "Do nowhere", time.Time{}), 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing objective: %v", err)
	}
	// Moving a two-level subtree under level 5 would make 7 levels.
	if _, err := s.PlaceGoal(ctx, chain[4].ID, o.ID, chain[4].ID, 0); !errors.Is(err, model.ErrMoveIntoItself) {
		t.Errorf("into itself: %v", err)
	}
	if _, err := s.PlaceGoal(ctx, chain[1].ID, o.ID, chain[5].ID, 0); !errors.Is(err, model.ErrMoveIntoItself) {
		t.Errorf("into descendant: %v", err)
	}
	side := mustGoal(t, s, o.ID, 0, "Do side")
	sub := mustGoal(t, s, o.ID, side.ID, "Do side sub")
	if _, err := s.PlaceGoal(ctx, side.ID, o.ID, chain[4].ID, 0); !errors.Is(err, model.ErrTooDeep) {
		t.Errorf("too deep move: %v", err)
	}
	if _, err := s.PlaceGoal(ctx, side.ID, o.ID, chain[3].ID, 0); err != nil {
		t.Errorf("move to exactly MaxDepth: %v", err)
	}
	got, _ := s.Goal(ctx, sub.ID)
	if got.ParentID != side.ID {
		t.Error("sub-step left its parent")
	}
}

func TestPlaceGoal(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Path")
	a := mustGoal(t, s, o.ID, 0, "A")
	b := mustGoal(t, s, o.ID, 0, "B")
	c := mustGoal(t, s, o.ID, 0, "C")
	c1 := mustGoal(t, s, o.ID, c.ID, "C1")
	c11 := mustGoal(t, s, o.ID, c1.ID, "C11")
	check := func(parent int64, want ...string) {
		t.Helper()
		if got := titles(t, s, o.ID, parent); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("children of %d = %v, want %v", parent, got, want)
		}
	}
	check(0, "A", "B", "C")

	// Reorder: C before A, then A last.
	if _, err := s.PlaceGoal(ctx, c.ID, o.ID, 0, a.ID); err != nil {
		t.Fatal(err)
	}
	check(0, "C", "A", "B")
	if _, err := s.PlaceGoal(ctx, a.ID, o.ID, 0, 0); err != nil {
		t.Fatal(err)
	}
	check(0, "C", "B", "A")

	// Nest B under A, then lift it back before C.
	if _, err := s.PlaceGoal(ctx, b.ID, o.ID, a.ID, 0); err != nil {
		t.Fatal(err)
	}
	check(0, "C", "A")
	check(a.ID, "B")
	if _, err := s.PlaceGoal(ctx, b.ID, o.ID, 0, c.ID); err != nil {
		t.Fatal(err)
	}
	check(0, "B", "C", "A")

	// Move C with its subtree to another objective; descendants follow.
	o2 := mustObjective(t, s, "Elsewhere")
	mustGoal(t, s, o2.ID, 0, "X")
	before := c
	moved, err := s.PlaceGoal(ctx, c.ID, o2.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if moved.ObjectiveID != o2.ID {
		t.Fatal("objective not changed")
	}
	for _, id := range []int64{c1.ID, c11.ID} {
		g, _ := s.Goal(ctx, id)
		if g.ObjectiveID != o2.ID {
			t.Errorf("descendant %d stayed in objective %d", id, g.ObjectiveID)
		}
	}
	if got := titles(t, s, o2.ID, 0); !reflect.DeepEqual(got, []string{"X", "C"}) {
		t.Errorf("o2 = %v", got)
	}
	// Undo puts it back exactly.
	back, err := s.RestorePlacement(ctx, c.ID, before.ObjectiveID, before.ParentID, before.Position)
	if err != nil || back.Position != before.Position || back.ObjectiveID != o.ID {
		t.Fatalf("RestorePlacement: %v %+v", err, back)
	}
	g, _ := s.Goal(ctx, c11.ID)
	if g.ObjectiveID != o.ID {
		t.Error("descendant did not follow back")
	}

	// A sibling from elsewhere as neighbour, and a trashed target, are refused.
	if _, err := s.PlaceGoal(ctx, a.ID, o.ID, 0, c1.ID); !errors.Is(err, ErrWrongObjective) {
		t.Errorf("neighbour under another parent: %v", err)
	}
	if _, err := s.TrashGoal(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PlaceGoal(ctx, a.ID, o.ID, b.ID, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("onto trashed parent: %v", err)
	}
	if _, err := s.TrashObjective(ctx, o2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PlaceGoal(ctx, a.ID, o2.ID, 0, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("onto trashed objective: %v", err)
	}
}

func TestRenumberWhenGapRunsOut(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Crowded")
	first := mustGoal(t, s, o.ID, 0, "First")
	mustGoal(t, s, o.ID, 0, "Last")
	// Inserting right after First again and again halves the gap until it is gone.
	want := []string{"First"}
	for i := 0; i < 100; i++ {
		title := "N" + strings.Repeat("i", i%5) + string(rune('a'+i%26))
		if _, err := s.CreateGoal(ctx, model.NewMicroGoal(o.ID, 0, title, time.Time{}), first.ID); err != nil {
			t.Fatal(err)
		}
		want = append([]string{"First", title}, want[1:]...)
	}
	want = append(want, "Last")
	if got := titles(t, s, o.ID, 0); !reflect.DeepEqual(got, want) {
		t.Fatalf("order after 100 inserts:\n got %v\nwant %v", got, want)
	}
	// And the same before a sibling with PlaceGoal: move the last one to the front each time.
	for i := 0; i < 100; i++ {
		ts := titles(t, s, o.ID, 0)
		out, _ := s.LoadOutline(ctx)
		var lastID, firstID int64
		for _, g := range out.Goals {
			if g.Title == ts[len(ts)-1] {
				lastID = g.ID
			}
			if g.Title == ts[0] {
				firstID = g.ID
			}
		}
		if _, err := s.PlaceGoal(ctx, lastID, o.ID, 0, firstID); err != nil {
			t.Fatal(err)
		}
		got := titles(t, s, o.ID, 0)
		if got[0] != ts[len(ts)-1] || !reflect.DeepEqual(got[1:], ts[:len(ts)-1]) {
			t.Fatalf("move %d: %v", i, got)
		}
	}
}

func TestTrashAndRestore(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Write a novel")
	a := mustGoal(t, s, o.ID, 0, "Outline the plot")
	a1 := mustGoal(t, s, o.ID, a.ID, "List the characters")
	a11 := mustGoal(t, s, o.ID, a1.ID, "Name the hero")
	b := mustGoal(t, s, o.ID, 0, "Draft chapter one")

	// Trash a sub-step first, then its parent: two batches.
	inner, err := s.TrashGoal(ctx, a11.ID)
	if err != nil || inner.Count != 1 {
		t.Fatalf("trash inner: %v %+v", err, inner)
	}
	outer, err := s.TrashGoal(ctx, a.ID)
	if err != nil || outer.Count != 2 || outer.Kind != TrashGoal || outer.Title != "Outline the plot" {
		t.Fatalf("trash outer: %v %+v", err, outer)
	}
	if _, err := s.Goal(ctx, a1.ID); !errors.Is(err, ErrNotFound) {
		t.Error("trashed sub-step still visible")
	}
	if _, err := s.UpdateGoal(ctx, a1); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of trashed: %v", err)
	}
	items, _ := s.Trash(ctx)
	if len(items) != 2 || items[0].ID != outer.ID || items[1].ID != inner.ID {
		t.Fatalf("trash listing %+v", items)
	}

	// Restoring the inner batch while its parent is trashed puts it at the top, last.
	if _, err := s.RestoreTrash(ctx, inner.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Goal(ctx, a11.ID)
	if got.ParentID != 0 {
		t.Errorf("restored under a trashed parent: %+v", got)
	}
	if ts := titles(t, s, o.ID, 0); !reflect.DeepEqual(ts, []string{"Draft chapter one", "Name the hero"}) {
		t.Errorf("top level %v", ts)
	}
	// The outer batch comes back whole and in place.
	if _, err := s.RestoreTrash(ctx, outer.ID); err != nil {
		t.Fatal(err)
	}
	if ts := titles(t, s, o.ID, 0); !reflect.DeepEqual(ts, []string{"Outline the plot", "Draft chapter one", "Name the hero"}) {
		t.Errorf("after restoring outer %v", ts)
	}
	if ts := titles(t, s, o.ID, a.ID); !reflect.DeepEqual(ts, []string{"List the characters"}) {
		t.Errorf("children %v", ts)
	}

	// A goal batch whose objective is trashed later is refused with the objective's name.
	gb, _ := s.TrashGoal(ctx, b.ID)
	ob, err := s.TrashObjective(ctx, o.ID)
	if err != nil || ob.Count != 4 {
		t.Fatalf("trash objective: %v %+v", err, ob)
	}
	if out, _ := s.LoadOutline(ctx); len(out.Objectives) != 0 || len(out.Goals) != 0 {
		t.Errorf("outline after trashing everything: %+v", out)
	}
	_, err = s.RestoreTrash(ctx, gb.ID)
	if !errors.Is(err, ErrObjectiveInTrash) || !strings.Contains(err.Error(), "Restore the objective “Write a novel” first") &&
		!strings.Contains(err.Error(), "restore the objective “Write a novel” first") {
		t.Fatalf("restore with trashed objective: %v", err)
	}
	if _, err := s.RestoreTrash(ctx, ob.ID); err != nil {
		t.Fatal(err)
	}
	if out, _ := s.LoadOutline(ctx); len(out.Goals) != 3 {
		t.Errorf("objective batch restored %d goals, want 3 (b stays in its own batch)", len(out.Goals))
	}
	if _, err := s.RestoreTrash(ctx, gb.ID); err != nil {
		t.Fatal(err)
	}
	if items, _ := s.Trash(ctx); len(items) != 0 {
		t.Errorf("trash not empty: %+v", items)
	}
	if _, err := s.RestoreTrash(ctx, gb.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restore twice: %v", err)
	}
}

func TestPurge(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Temp")
	a := mustGoal(t, s, o.ID, 0, "Do A")
	a1 := mustGoal(t, s, o.ID, a.ID, "Do A1")
	if _, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: a1.ID, Value: 3}); err != nil {
		t.Fatal(err)
	}
	s.TrashGoal(ctx, a1.ID)
	if err := s.PurgeGoal(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	s.db.QueryRow(`SELECT (SELECT count(*) FROM micro_goals) + (SELECT count(*) FROM metric_entries) + (SELECT count(*) FROM trash)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d rows left after purge", n)
	}
	mustGoal(t, s, o.ID, 0, "Do B")
	if err := s.PurgeObjective(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeObjective(ctx, o.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("purge twice: %v", err)
	}
}

func TestMetricEntriesAndSettings(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Measure")
	g := mustGoal(t, s, o.ID, 0, "Write 500 words")
	at := time.Date(2025, 3, 9, 7, 0, 0, 0, time.UTC)
	e1, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, At: at, Value: 450, Note: "early"})
	if err != nil {
		t.Fatal(err)
	}
	e2, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, At: at.Add(time.Hour), Value: 540, CorrectsID: e1.ID})
	if err != nil {
		t.Fatal(err)
	}
	log, err := s.MetricEntries(ctx, g.ID)
	if err != nil || len(log) != 2 || !reflect.DeepEqual(log[0], e1) || log[1].CorrectsID != e1.ID || log[1].ID != e2.ID {
		t.Fatalf("log %v %+v", err, log)
	}
	other := mustGoal(t, s, o.ID, 0, "Other")
	if _, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: other.ID, Value: 1, CorrectsID: e1.ID}); err == nil {
		t.Error("correction across goals accepted")
	}

	if _, ok, err := s.Setting(ctx, "focus.limit"); ok || err != nil {
		t.Errorf("missing setting: %v %v", ok, err)
	}
	s.SetSetting(ctx, "focus.limit", "3")
	s.SetSetting(ctx, "focus.limit", "4")
	if v, ok, _ := s.Setting(ctx, "focus.limit"); !ok || v != "4" {
		t.Errorf("setting %q %v", v, ok)
	}
}

func TestPersistenceAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.GenerateDemo(ctx, time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC), 300, 900, 7); err != nil {
		t.Fatal(err)
	}
	before, err := s.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, err := s.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Goals) != 300 || !reflect.DeepEqual(before, after) {
		t.Fatalf("outline changed across reopen (%d goals)", len(after.Goals))
	}
	// The demo data is a valid outline: every parent exists in the same objective, and
	// nesting stays within three levels.
	tree := model.NewTree(after.Goals)
	for _, g := range after.Goals {
		if g.ParentID != 0 {
			p, ok := tree.Goal(g.ParentID)
			if !ok || p.ObjectiveID != g.ObjectiveID {
				t.Fatalf("goal %d has a bad parent", g.ID)
			}
		}
		if d := tree.Depth(g.ID); d > 3 {
			t.Fatalf("goal %d at depth %d", g.ID, d)
		}
		if ps := model.Blocking(model.ValidateGoal(g)); len(ps) > 0 {
			t.Fatalf("demo goal %d invalid: %v", g.ID, ps)
		}
	}
	var entries int
	s.db.QueryRow(`SELECT count(*) FROM metric_entries`).Scan(&entries)
	if entries != 900 {
		t.Errorf("%d entries", entries)
	}
}
