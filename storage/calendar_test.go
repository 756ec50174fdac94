package storage

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// TestCalendarMigrationKeepsVersion1Data builds a version 1 file with plain SQL, as the
// previous release left it, and opens it: the goal keeps every value and gains an empty
// anchor and rule.
func TestCalendarMigrationKeepsVersion1Data(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=DELETE")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], "PRAGMA user_version = 1", fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		`INSERT INTO objectives (id, title, position, created_at, updated_at) VALUES (1, 'Write a novel', 1, 0, 0)`,
		`INSERT INTO micro_goals (id, objective_id, position, title, due_at, due_day, created_at, updated_at)
			VALUES (7, 1, 1, 'Write 500 words', 1764028800000, '2025-11-25', 0, 0)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g, err := s.Goal(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	if g.Title != "Write 500 words" || model.DateOf(g.Due, time.UTC) != model.D(2025, 11, 25) || g.Anchor != "" || g.Repeat != "" {
		t.Fatalf("after migration: %+v", g)
	}
}

func TestAnchorAndRepeatRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	o := mustObjective(t, s, "Write the first draft of my novel")
	g := model.NewMicroGoal(o.ID, 0, "Write for 30 minutes", s.now())
	g.Due = time.Date(2025, 3, 10, 7, 0, 0, 0, time.UTC)
	g.DueHasTime = true
	g.Anchor = "Morning planning"
	g.Repeat = "FREQ=WEEKLY;BYDAY=MO,WE,FR"
	g, err := s.CreateGoal(ctx, g, 0)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Goals[0]; got.Anchor != "Morning planning" || got.Repeat != "FREQ=WEEKLY;BYDAY=MO,WE,FR" {
		t.Fatalf("loaded: %+v", got)
	}
	g.Repeat = "FREQ=SECONDLY"
	if _, err := s.UpdateGoal(ctx, g); !isValidation(err) {
		t.Fatalf("a secondly rule must be refused, got %v", err)
	}
	g.Repeat, g.Anchor = "FREQ=DAILY", ""
	if g, err = s.UpdateGoal(ctx, g); err != nil || g.Repeat != "FREQ=DAILY" || g.Anchor != "" {
		t.Fatalf("update: %+v, %v", g, err)
	}
}

func TestOccurrenceExceptionsStoreAndUndo(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	o := mustObjective(t, s, "Write the first draft of my novel")
	plain := mustGoal(t, s, o.ID, 0, "Outline chapter 3")
	g := model.NewMicroGoal(o.ID, 0, "Write for 30 minutes", s.now())
	g.Due, g.Repeat = time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), "FREQ=DAILY"
	g, err := s.CreateGoal(ctx, g, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SetOccurrence(ctx, model.OccurrenceException{GoalID: plain.ID, Original: model.D(2025, 3, 11), Status: model.StatusDone}); err == nil {
		t.Fatal("a step that does not repeat has no occurrences to complete")
	}
	day := model.D(2025, 3, 12)
	if _, had, err := s.SetOccurrence(ctx, model.OccurrenceException{GoalID: g.ID, Original: day, Status: model.StatusDone}); err != nil || had {
		t.Fatalf("first set: %v %v", had, err)
	}
	prev, had, err := s.SetOccurrence(ctx, model.OccurrenceException{GoalID: g.ID, Original: day, Status: model.StatusOpen, MovedTo: model.D(2025, 4, 2)})
	if err != nil || !had || prev.Status != model.StatusDone || !prev.MovedTo.IsZero() {
		t.Fatalf("second set: prev %+v %v %v", prev, had, err)
	}
	// The range query finds it by its day and by the day it moved to, and nothing else.
	for _, r := range [][2]model.Date{{model.D(2025, 3, 10), model.D(2025, 3, 16)}, {model.D(2025, 4, 1), model.D(2025, 4, 3)}} {
		es, err := s.Exceptions(ctx, r[0], r[1])
		if err != nil || len(es) != 1 || es[0].MovedTo != model.D(2025, 4, 2) || es[0].Original != day {
			t.Fatalf("exceptions %v: %+v %v", r, es, err)
		}
	}
	if es, _ := s.Exceptions(ctx, model.D(2025, 3, 17), model.D(2025, 3, 31)); len(es) != 0 {
		t.Fatalf("exceptions outside the range: %+v", es)
	}
	// Undo puts the old record back as it was.
	if _, _, err := s.SetOccurrence(ctx, prev); err != nil {
		t.Fatal(err)
	}
	es, _ := s.Exceptions(ctx, day, day)
	if len(es) != 1 || es[0].Status != model.StatusDone || !es[0].At.Equal(prev.At) {
		t.Fatalf("after undo: %+v", es)
	}
	// A trashed goal's occurrences are gone from the calendar; its exceptions come back with it.
	item, err := s.TrashGoal(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if es, _ := s.Exceptions(ctx, day, day); len(es) != 0 {
		t.Fatalf("trashed goal's exceptions shown: %+v", es)
	}
	if _, err := s.RestoreTrash(ctx, item.ID); err != nil {
		t.Fatal(err)
	}
	if es, _ := s.Exceptions(ctx, day, day); len(es) != 1 {
		t.Fatalf("restored goal's exceptions lost: %+v", es)
	}
	if err := s.ClearOccurrence(ctx, g.ID, day); err != nil {
		t.Fatal(err)
	}
	if es, _ := s.Exceptions(ctx, day, day); len(es) != 0 {
		t.Fatalf("after clear: %+v", es)
	}
}
