package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/storage"
)

// The scheduler's loop runs in its own goroutine while the window moves steps by dragging
// (which changes the window's plan) and restores a backup (which closes the store the loop
// was using). Under -race this proves the loop reads only its own snapshot; afterwards it
// claims in the restored file, not the closed one.
func TestSchedulerRunsWhileMovesAndARestoreHappen(t *testing.T) {
	h := abcPlan(t)
	h.u.backupNow()
	h.u.workers.wg.Wait() // the backup is written on a worker
	list, err := storage.Backups(storage.BackupDir(h.path), time.UTC)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups = %v, %v", list, err)
	}
	d := &desk{}
	n := h.u.notify
	n.SetDesktop(d.send, 0)
	n.Start(0)
	t.Cleanup(n.Stop)
	select {
	case <-n.Planned():
	case <-time.After(5 * time.Second):
		t.Fatal("the loop never planned")
	}
	old := h.u.store
	for i := 0; i < 12; i++ {
		h.dragDrop("Announce the release", h.rowPoint("Write the release notes", 40, 0.1))
		h.dragDrop("Write the release notes", h.rowPoint("Tag the release", 40, 0.9))
		n.Poke()
		if i == 6 {
			restored := false
			h.u.restoreFrom(list[0].Path, func(ok bool) { restored = ok })
			h.u.workers.wg.Wait() // the restore runs on a worker while the loop and the drags go on
			if !restored {
				t.Fatal("restore failed")
			}
		}
	}
	if h.u.store == old {
		t.Fatal("the store was not replaced")
	}
	// A deadline in the restored plan: the rebound loop claims it in the restored file.
	h.st = h.u.store
	g := h.storedGoal("Tag the release")
	g.Due, g.DueHasTime = clock.Add(20*time.Minute), true
	if _, err := h.st.UpdateGoal(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	n.SetClock(func() time.Time { return clock.Add(6 * time.Minute) })
	h.u.reload()
	deadline := time.Now().Add(5 * time.Second)
	for count(d.got(), ": Tag the release") == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := d.got(); count(got, ": Tag the release") != 1 {
		t.Fatalf("sent %q", got)
	}
	st, err := h.st.LoadNotifyState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for k := range st.Sent {
		found = found || strings.HasPrefix(k, "due-soon:")
	}
	if !found {
		t.Fatalf("the restored file's log has no 'due soon': %v", st.Sent)
	}
}
