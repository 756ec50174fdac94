package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/adrg/xdg"

	"github.com/microgoals/microgoals/app/agent"
	"github.com/microgoals/microgoals/app/calsync"
	"github.com/microgoals/microgoals/app/calsync/radicaletest"
	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// TestSyncSettingsSetUpAndSync drives Settings → Sync the way a user does against a real
// Radicale: a wrong password is refused in words, a new task list is created, Save keeps the
// password (in a 0600 file here, where no keyring answers) and the next sync sends the plan;
// the status line shows the time and the result.
func TestSyncSettingsSetUpAndSync(t *testing.T) {
	base := radicaletest.URL(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent") // no keyring, no autolaunched bus
	t.Setenv(calsync.PasswordEnv, "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	xdg.Reload()
	defer xdg.Reload()

	store, err := storage.Open(filepath.Join(t.TempDir(), "plan.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	obj, _ := store.CreateObjective(context.Background(), model.NewObjective("Ship the book", time.Now()))
	store.CreateGoal(context.Background(), model.NewMicroGoal(obj.ID, 0, "Send the draft", time.Now()), 0)

	a := test.NewTempApp(t)
	u := New(a, store, Config{})
	if err := u.Load(); err != nil {
		t.Fatal(err)
	}
	u.syncAsync = func(f func()) { f() }
	item := menuItemLabeled(u.win, "Sync…")
	if item == nil {
		t.Fatal("no File → Sync… menu item")
	}
	item.Action()
	s := u.syncForm
	if s == nil || u.syncDialog == nil {
		t.Fatal("the Sync settings did not open")
	}
	test.Type(s.server, base)
	test.Type(s.user, radicaletest.User)
	test.Type(s.password, "wrong")
	test.Tap(s.find)
	if !strings.Contains(s.note.Text, "refused the user name or password") {
		t.Fatalf("a wrong password says %q", s.note.Text)
	}
	s.password.SetText("")
	test.Type(s.password, radicaletest.Password)
	s.newName.SetText("")
	test.Type(s.newName, "My steps")
	test.Tap(s.create)
	if s.list.URL == "" || s.lists.Selected != "My steps" {
		t.Fatalf("create: %q, selected %q, list %+v", s.note.Text, s.lists.Selected, s.list)
	}
	test.Tap(s.save)
	file := filepath.Join(xdg.ConfigHome, "microgoals", "sync-password")
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("password file %v %v", fi, err)
	}
	if !strings.Contains(s.note.Text, file) {
		t.Errorf("the user is not told where the password is: %q", s.note.Text)
	}

	u.syncer.start()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if st, _, _ := store.Setting(context.Background(), calsync.SettingState); st != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no sync within 20 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	u.syncer.Stop()
	if got := u.syncer.label.Text; !strings.HasPrefix(got, "Last sync ") || !strings.Contains(got, "2 changes sent") {
		t.Fatalf("status line %q", got)
	}
	if got := s.status.Text; got != u.syncer.label.Text {
		t.Errorf("the open settings show %q, the status bar %q", got, u.syncer.label.Text)
	}
}

// TestMain stops the Radicale the sync tests started.
func TestMain(m *testing.M) {
	code := m.Run()
	radicaletest.Stop()
	os.Exit(code)
}

// TestChangesSyncSoonAfter: with sync set up, the window syncs at start and sends a change a
// few seconds (here: shortened timings) after it is made, without being asked.
func TestChangesSyncSoonAfter(t *testing.T) {
	base := radicaletest.URL(t)
	t.Setenv(calsync.PasswordEnv, radicaletest.Password)
	ctx := context.Background()
	tl, err := calsync.CreateTaskList(ctx, calsync.Account{URL: base, User: radicaletest.User, Password: radicaletest.Password}, "Soon")
	if err != nil {
		t.Fatal(err)
	}
	store, err := storage.Open(filepath.Join(t.TempDir(), "plan.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := calsync.SaveSettings(ctx, store, calsync.Settings{Server: base, User: radicaletest.User, List: tl.URL, ListName: "Soon"}); err != nil {
		t.Fatal(err)
	}
	obj, _ := store.CreateObjective(ctx, model.NewObjective("Move house", time.Now()))
	u := New(test.NewTempApp(t), store, Config{})
	if err := u.Load(); err != nil {
		t.Fatal(err)
	}
	u.syncer.poll, u.syncer.settle = 100*time.Millisecond, 300*time.Millisecond
	u.syncer.start()
	defer u.syncer.Stop()
	waitState := func(want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			st, _, _ := store.Setting(ctx, calsync.SettingState)
			if n, _ := store.SyncPendingCount(ctx); n == 0 && strings.Contains(st, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("sync state %q, want %q", st, want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitState("1 change sent") // the objective, at start
	if _, err := store.CreateGoal(ctx, model.NewMicroGoal(obj.ID, 0, "Book the van", time.Now()), 0); err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if n, _ := store.SyncPendingCount(ctx); n != 1 {
		t.Fatalf("%d changes wait, want 1", n)
	}
	waitState("1 change sent")
	if took := time.Since(started); took < 300*time.Millisecond {
		t.Errorf("the change went out after %v, before it had settled", took)
	}
}

// TestWindowSyncWaitsForTheAgents: while the background agent holds the plan's sync lock (it
// is syncing), the window's sync says it waits and does not run; it runs once the lock is
// free.
func TestWindowSyncWaitsForTheAgents(t *testing.T) {
	base := radicaletest.URL(t)
	t.Setenv(calsync.PasswordEnv, radicaletest.Password)
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	ctx := context.Background()
	tl, err := calsync.CreateTaskList(ctx, calsync.Account{URL: base, User: radicaletest.User, Password: radicaletest.Password}, "Wait")
	if err != nil {
		t.Fatal(err)
	}
	store, err := storage.Open(filepath.Join(t.TempDir(), "plan.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := calsync.SaveSettings(ctx, store, calsync.Settings{Server: base, User: radicaletest.User, List: tl.URL, ListName: "Wait"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateObjective(ctx, model.NewObjective("Move house", time.Now())); err != nil {
		t.Fatal(err)
	}
	lock, ok, err := agent.TryLockSync(store.Path())
	if err != nil || !ok {
		t.Fatalf("take the sync lock as the agent: %v %v", ok, err)
	}
	u := New(test.NewTempApp(t), store, Config{})
	if err := u.Load(); err != nil {
		t.Fatal(err)
	}
	// What the status bar is told (from the sync's goroutine).
	var mu sync.Mutex
	var lines []string
	u.syncer.listen(func(text string) {
		mu.Lock()
		lines = append(lines, text)
		mu.Unlock()
	})
	said := func(sub string) bool {
		mu.Lock()
		defer mu.Unlock()
		for _, l := range lines {
			if strings.Contains(l, sub) {
				return true
			}
		}
		return false
	}
	u.syncer.start()
	defer u.syncer.Stop()
	deadline := time.Now().Add(10 * time.Second)
	for !said("waiting for the background sync") {
		if time.Now().After(deadline) {
			mu.Lock()
			t.Fatalf("the status bar said %q while the agent synced", lines)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if at, _, _ := calsync.Status(ctx, store); !at.IsZero() {
		t.Fatal("the window synced while the agent held the sync lock")
	}
	lock.Unlock()
	deadline = time.Now().Add(20 * time.Second)
	for {
		if _, state, _ := calsync.Status(ctx, store); strings.Contains(state, "1 change sent") {
			break
		}
		if time.Now().After(deadline) {
			_, state, _ := calsync.Status(ctx, store)
			t.Fatalf("after the agent's sync the window's ended with %q", state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
