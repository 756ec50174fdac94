package storage

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// TestFullDiskIsReportedAndLosesNothing fills the database to a page limit (SQLite's
// max_page_count gives the same SQLITE_FULL a full disk does): the action fails with
// ErrDiskFull, rolls back whole, and everything saved before is still there.
func TestFullDiskIsReportedAndLosesNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	s.db.SetMaxOpenConns(1) // the page limit is per connection
	o, err := s.CreateObjective(ctx, model.NewObjective("Write a book", time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	kept, err := s.CreateGoal(ctx, model.NewMicroGoal(o.ID, 0, "Write the first chapter", time.Now()), 0)
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	big := model.NewMicroGoal(o.ID, 0, "Paste the research notes", time.Now())
	big.Outcome = strings.Repeat("notes ", model.MaxNoteLen/6)
	var full error
	for i := 0; i < 20 && full == nil; i++ {
		_, full = s.CreateGoal(ctx, big, 0)
	}
	if !errors.Is(full, ErrDiskFull) {
		t.Fatalf("err = %v, want ErrDiskFull", full)
	}
	if _, err := s.db.Exec("PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Goal(ctx, kept.ID)
	if err != nil || got.Title != kept.Title {
		t.Fatalf("the goal saved before the disk filled: %+v, %v", got, err)
	}
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
}
