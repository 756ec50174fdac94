package storage

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

func TestDailyBackupsKeepTheLastSeven(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(dir, "plan.db"), Options{Location: time.UTC, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustObjective(t, s, "Ship the Microgoals 1.0 release")
	bdir := BackupDir(s.Path())
	for day := 0; day < 10; day++ {
		now = time.Date(2026, 11, 1+day, 8, 0, 0, 0, time.UTC)
		if _, made, err := s.BackupIfDue(ctx, bdir); err != nil || !made {
			t.Fatalf("day %d: made %v, %v", day, made, err)
		}
		now = now.Add(5 * time.Hour)
		if _, made, err := s.BackupIfDue(ctx, bdir); err != nil || made {
			t.Fatalf("day %d: a second backup the same day (made %v, %v)", day, made, err)
		}
	}
	list, err := Backups(bdir, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != KeepBackups || list[0].Taken.Day() != 10 || list[6].Taken.Day() != 4 {
		t.Fatalf("backups = %+v", list)
	}
	// Each backup is a healthy Microgoals database with the plan in it.
	b, err := Open(list[3].Path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := b.LoadOutline(ctx)
	b.Close()
	if err != nil || len(out.Objectives) != 1 {
		t.Fatalf("backup holds %+v, %v", out, err)
	}
	if fi, _ := os.Stat(bdir); fi.Mode().Perm() != 0o700 {
		t.Errorf("backup folder mode %v", fi.Mode().Perm())
	}
}

func TestRestoreBackupReplacesThePlanAndKeepsIt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.db")
	s := openAt(t, path)
	mustObjective(t, s, "Before the backup")
	b, err := s.Backup(ctx, BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	mustObjective(t, s, "After the backup")
	// A file that is not a Microgoals database is refused and nothing changes.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	if _, err := RestoreBackup(path, junk, Options{}); err == nil || !strings.Contains(err.Error(), "not a Microgoals database") {
		t.Fatalf("restore of junk: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	kept, err := RestoreBackup(path, b.Path, Options{Location: time.UTC, Now: stillClock})
	if err != nil {
		t.Fatal(err)
	}
	s2 := openAt(t, path)
	out, _ := s2.LoadOutline(ctx)
	if len(out.Objectives) != 1 || out.Objectives[0].Title != "Before the backup" {
		t.Fatalf("restored plan = %+v", out.Objectives)
	}
	if _, err := s2.CreateObjective(ctx, model.NewObjective("Written after the restore", stillClock())); err != nil {
		t.Fatal(err)
	}
	k, err := Open(kept, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	ko, _ := k.LoadOutline(ctx)
	if len(ko.Objectives) != 2 {
		t.Fatalf("the replaced plan was not kept: %+v", ko.Objectives)
	}
}

// TestBackupsWithinOneSecondKeepTheNewest takes more backups than are kept, all at the same
// instant: each call returns a file that exists, and the newest seven remain.
func TestBackupsWithinOneSecondKeepTheNewest(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 45, 2, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), "plan.db"), Options{Location: time.UTC, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := t.TempDir()
	var last Backup
	for i := 0; i < KeepBackups+5; i++ {
		b, err := s.Backup(context.Background(), dir)
		if err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		last = b
	}
	list, err := Backups(dir, time.UTC)
	if err != nil || len(list) != KeepBackups {
		t.Fatalf("%d backups kept, want %d (%v)", len(list), KeepBackups, err)
	}
	if _, err := os.Stat(last.Path); err != nil {
		t.Fatalf("the newest backup is gone: %v", err)
	}
}
