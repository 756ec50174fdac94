package agent

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/app/calsync"
	"github.com/microgoals/microgoals/app/calsync/radicaletest"
	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// TestMain stops the Radicale the sync tests started.
func TestMain(m *testing.M) {
	code := m.Run()
	radicaletest.Stop()
	os.Exit(code)
}

// hasGoal reports whether the plan has a step titled title.
func hasGoal(t *testing.T, st *storage.Store, title string) bool {
	t.Helper()
	out, err := st.LoadOutline(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range out.Goals {
		if g.Title == title {
			return true
		}
	}
	return false
}

// The agent syncs the plan with its CalDAV task list (a real Radicale) on its schedule while
// no window is open: never while a window is open on the plan (the window syncs then), never
// while another process holds the plan's sync lock (the window in the middle of a sync), and
// as soon as neither holds: the step made in the plan reaches the server, and a step made on
// another device comes in.
func TestTheAgentSyncsWhileNoWindowIsOpen(t *testing.T) {
	base := radicaletest.URL(t)
	t.Setenv(calsync.PasswordEnv, radicaletest.Password)
	ctx := context.Background()
	tl, err := calsync.CreateTaskList(ctx, calsync.Account{URL: base, User: radicaletest.User, Password: radicaletest.Password}, "Agent")
	if err != nil {
		t.Fatal(err)
	}
	settings := calsync.Settings{Server: base, User: radicaletest.User, List: tl.URL, ListName: "Agent"}
	st, o := plan(t)
	if err := calsync.SaveSettings(ctx, st, settings); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateGoal(ctx, model.MicroGoal{ObjectiveID: o.ID, Title: "Pack the tent", Status: model.StatusOpen,
		Horizon: model.HorizonDay, Stage: model.StageExecution}, 0); err != nil {
		t.Fatal(err)
	}
	// Another device on the same task list.
	other, err := storage.Open(filepath.Join(t.TempDir(), "laptop.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := calsync.SaveSettings(ctx, other, settings); err != nil {
		t.Fatal(err)
	}
	synced := func() bool {
		at, _, err := calsync.Status(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		return !at.IsZero()
	}

	// A window is open on the plan, then (closed) one is in the middle of a sync.
	win, err := Claim(RoleWindow, st.Path())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() {
		done <- Run(Options{DBPath: st.Path(), Send: (&recorder{}).send, NoTray: true,
			SyncFirst: 50 * time.Millisecond, SyncEvery: 100 * time.Millisecond})
	}()
	defer func() {
		Send(RoleAgent, st.Path(), MsgQuit, time.Second)
		<-done
	}()
	waitFor(t, "the agent to take its lock", 5*time.Second, func() bool { return Running(RoleAgent, st.Path()) })
	time.Sleep(time.Second)
	if synced() {
		t.Fatal("the agent synced while a window was open on the plan")
	}
	lock, ok, err := TryLockSync(st.Path())
	if err != nil || !ok {
		t.Fatalf("take the sync lock: %v %v", ok, err)
	}
	win.Close()
	time.Sleep(time.Second)
	if synced() {
		t.Fatal("the agent synced while the window held the sync lock")
	}
	lock.Unlock()
	waitFor(t, "the agent's sync", 20*time.Second, synced)
	if _, result, _ := calsync.Status(ctx, st); strings.HasPrefix(result, "Failed") {
		t.Fatalf("the agent's sync: %s", result)
	}
	if _, err := calsync.RunOnce(ctx, other, nil, nil); err != nil {
		t.Fatal(err)
	}
	if !hasGoal(t, other, "Pack the tent") {
		t.Fatal("the step made in the plan did not reach the server through the agent")
	}

	// A step made on the other device comes in with the agent's next sync.
	objs, err := other.LoadOutline(ctx)
	if err != nil || len(objs.Objectives) == 0 {
		t.Fatalf("the other device's plan: %v", err)
	}
	if _, err := other.CreateGoal(ctx, model.MicroGoal{ObjectiveID: objs.Objectives[0].ID, Title: "Buy gas canisters",
		Status: model.StatusOpen, Horizon: model.HorizonDay, Stage: model.StageExecution}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := calsync.RunOnce(ctx, other, nil, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the other device's step to come in", 20*time.Second, func() bool { return hasGoal(t, st, "Buy gas canisters") })
}

// The sync lock is one holder at a time, and LockSync waits for it.
func TestSyncLockIsExclusive(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "plan.db")
	l, ok, err := TryLockSync(path)
	if err != nil || !ok {
		t.Fatalf("first: %v %v", ok, err)
	}
	if _, ok, err := TryLockSync(path); err != nil || ok {
		t.Fatalf("a second holder: %v %v", ok, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := LockSync(ctx, path, 20*time.Millisecond); err == nil {
		t.Fatal("LockSync took a held lock")
	}
	got := make(chan error, 1)
	go func() {
		l2, err := LockSync(context.Background(), path, 20*time.Millisecond)
		if err == nil {
			l2.Unlock()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	l.Unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LockSync did not get the lock once it was free")
	}
}
