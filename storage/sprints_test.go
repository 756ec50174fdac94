package storage

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// manualClock is a clock the test moves by hand.
type manualClock struct{ t time.Time }

func (c *manualClock) now() time.Time          { return c.t }
func (c *manualClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestSprintSurvivesReopenAndLogsMinutes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.db")
	clock := &manualClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	open := func() *Store {
		s, err := Open(path, Options{Location: time.UTC, Now: clock.now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	s := open()
	if n, err := s.SprintMinutes(ctx); n != 25 || err != nil {
		t.Fatalf("default sprint minutes %d %v", n, err)
	}
	o := mustObjective(t, s, "Write a novel")
	g := mustGoal(t, s, o.ID, 0, "Write for an hour")
	g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "minutes", Target: 60}
	if _, err := s.UpdateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	sp, err := s.StartSprint(ctx, model.Sprint{GoalID: g.ID, PlannedMinutes: 25, Environment: "library", Partner: "Sam"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartSprint(ctx, model.Sprint{GoalID: g.ID, PlannedMinutes: 25}); !errors.Is(err, ErrSprintRunning) {
		t.Fatalf("a second sprint: %v", err)
	}
	clock.advance(10 * time.Minute)
	if _, err := s.PauseSprint(ctx, sp.ID); err != nil {
		t.Fatal(err)
	}
	clock.advance(5 * time.Minute)
	s.Close()

	// Reopened while paused: still paused with 15 minutes left.
	s = open()
	run, ok, err := s.RunningSprint(ctx)
	if err != nil || !ok || !run.IsPaused() || run.Remaining(clock.now()) != 15*time.Minute || run.Environment != "library" || run.Partner != "Sam" {
		t.Fatalf("after reopen: %+v ok=%v err=%v remaining %v", run, ok, err, run.Remaining(clock.now()))
	}
	if _, err := s.ResumeSprint(ctx, sp.ID); err != nil {
		t.Fatal(err)
	}
	// The window stays closed well past the end: the sprint ended when it reached 25 minutes.
	clock.advance(time.Hour)
	s.Close()
	s = open()
	run, _, _ = s.RunningSprint(ctx)
	if !run.Finished(clock.now()) {
		t.Fatalf("should have finished: %+v", run)
	}
	end, err := s.EndSprint(ctx, sp.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantEnd := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) // 25 worked + 5 paused
	if !end.Sprint.Completed || !end.Sprint.EndedAt.Equal(wantEnd) || end.Entry.Value != 25 || !end.Entry.At.Equal(wantEnd) {
		t.Fatalf("end: %+v", end)
	}
	if _, ok, _ := s.RunningSprint(ctx); ok {
		t.Fatal("no sprint should be running")
	}
	all, err := s.Sprints(ctx)
	if err != nil || len(all) != 1 || all[0].Paused != 5*time.Minute || !all[0].Completed {
		t.Fatalf("stored sprints %+v %v", all, err)
	}
	log, _ := s.MetricEntries(ctx, g.ID)
	if len(log) != 1 || log[0].Value != 25 || log[0].Note != "Focus sprint" {
		t.Fatalf("log %+v", log)
	}

	// A goal measured in pages gets no entry; a stopped sprint is not completed.
	p := mustGoal(t, s, o.ID, 0, "Read 20 pages")
	p.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "pages", Target: 20}
	s.UpdateGoal(ctx, p)
	sp2, _ := s.StartSprint(ctx, model.Sprint{GoalID: p.ID, PlannedMinutes: 25})
	clock.advance(12 * time.Minute)
	end2, err := s.EndSprint(ctx, sp2.ID)
	if err != nil || end2.Sprint.Completed || end2.Entry.ID != 0 || end2.Sprint.WorkedMinutes(end2.Sprint.EndedAt) != 12 {
		t.Fatalf("stopped early: %+v %v", end2, err)
	}
	// A goal trashed during its sprint: the sprint still ends, with nothing logged.
	sp3, _ := s.StartSprint(ctx, model.Sprint{GoalID: g.ID, PlannedMinutes: 25})
	if _, err := s.TrashGoal(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	clock.advance(30 * time.Minute)
	if end3, err := s.EndSprint(ctx, sp3.ID); err != nil || !end3.Sprint.Completed || end3.Entry.ID != 0 {
		t.Fatalf("sprint of a trashed goal: %+v %v", end3, err)
	}
	if _, err := s.StartSprint(ctx, model.Sprint{GoalID: p.ID, PlannedMinutes: 0}); err == nil {
		t.Fatal("a sprint of 0 minutes was accepted")
	}
	if err := s.SetSetting(ctx, SettingSprintMinutes, "50"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.SprintMinutes(ctx); n != 50 {
		t.Fatalf("sprint minutes setting %d", n)
	}
}

func TestCorrectionsAreNewEntriesAndExportRows(t *testing.T) {
	s := openTest(t)
	o := mustObjective(t, s, "Read more")
	g := mustGoal(t, s, o.ID, 0, "Read 100 pages")
	h := mustGoal(t, s, o.ID, 0, "Write a review")
	e1, _ := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, Value: 12, Note: "train\r\nride"})
	fix, err := s.AddMetricEntry(ctx, model.MetricEntry{GoalID: g.ID, At: e1.At, Value: 21, Note: "typo", CorrectsID: e1.ID})
	if err != nil {
		t.Fatal(err)
	}
	s.AddMetricEntry(ctx, model.MetricEntry{GoalID: h.ID, Value: 1})
	log, _ := s.MetricEntries(ctx, g.ID)
	if len(log) != 2 || log[0].Value != 12 || log[0].Note != "train\nride" || log[1].ID != fix.ID {
		t.Fatalf("the corrected entry must stay as it was: %+v", log)
	}
	if model.MetricTotal(log) != 21 {
		t.Fatalf("effective total %v", model.MetricTotal(log))
	}
	rows, err := s.MetricRows(ctx, g.ID)
	if err != nil || len(rows) != 2 || rows[0].Goal != "Read 100 pages" || rows[1].Entry.CorrectsID != e1.ID {
		t.Fatalf("rows of one goal: %+v %v", rows, err)
	}
	all, _ := s.MetricRows(ctx, 0)
	if len(all) != 3 {
		t.Fatalf("all rows: %d", len(all))
	}
	if _, err := s.TrashGoal(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ = s.MetricRows(ctx, 0); len(all) != 2 {
		t.Fatalf("a trashed goal's entries are not exported: %d", len(all))
	}
}

// A database written before focus sprints existed (schema 1, as a previous release left it)
// gains the sprints table on open and keeps its plan and metric log.
func TestMigrateToSprintsKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	rawExec(t, path, migrations[0],
		`INSERT INTO objectives (id, title, position, created_at, updated_at) VALUES (1, 'Write a book', 1024, 0, 0)`,
		`INSERT INTO micro_goals (id, objective_id, position, title, metric_kind, metric_unit, metric_target, created_at, updated_at)
			VALUES (7, 1, 1024, 'Write for an hour', 'quantitative', 'minutes', 60, 0, 0)`,
		`INSERT INTO metric_entries (goal_id, at, value, created_at) VALUES (7, 1000, 30, 1000)`,
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		"PRAGMA user_version = 1")
	clock := &manualClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	s, err := Open(path, Options{Location: time.UTC, Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if log, err := s.MetricEntries(ctx, 7); err != nil || len(log) != 1 || log[0].Value != 30 {
		t.Fatalf("log after migration: %+v %v", log, err)
	}
	sp, err := s.StartSprint(ctx, model.Sprint{GoalID: 7, PlannedMinutes: 25})
	if err != nil {
		t.Fatal(err)
	}
	clock.advance(25 * time.Minute)
	if end, err := s.EndSprint(ctx, sp.ID); err != nil || end.Entry.Value != 25 {
		t.Fatalf("sprint after migration: %+v %v", end, err)
	}
}

// Where and with whom are asked when a sprint ends, so they are set on an ended sprint; a
// running one (or none) is refused and nothing changes.
func TestSetSprintContextAfterTheEnd(t *testing.T) {
	clock := &manualClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	s, err := Open(filepath.Join(t.TempDir(), "plan.db"), Options{Location: time.UTC, Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	o := mustObjective(t, s, "Write a novel")
	g := mustGoal(t, s, o.ID, 0, "Write for an hour")
	sp, err := s.StartSprint(ctx, model.Sprint{GoalID: g.ID, PlannedMinutes: 25})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSprintContext(ctx, sp.ID, "library", "Ana"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a running sprint took a place: %v", err)
	}
	clock.advance(30 * time.Minute)
	if _, err := s.EndSprint(ctx, sp.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSprintContext(ctx, sp.ID, "library", "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSprintContext(ctx, sp.ID+1, "x", "y"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no such sprint: %v", err)
	}
	all, err := s.Sprints(ctx)
	if err != nil || len(all) != 1 || all[0].Environment != "library" || all[0].Partner != "Ana" || !all[0].Completed {
		t.Fatalf("stored %+v %v", all, err)
	}
}
