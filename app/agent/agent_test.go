package agent

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// recorder stands in for the desktop's notification service.
type recorder struct {
	mu   sync.Mutex
	sent []string
}

func (r *recorder) send(title, body string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, title+" | "+body)
	return nil
}

func (r *recorder) count(sub string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range r.sent {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

func waitFor(t *testing.T, what string, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// plan makes a file with one objective and returns the open store.
func plan(t *testing.T) (*storage.Store, model.Objective) {
	t.Helper()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "plan.db")
	st, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o, err := st.CreateObjective(context.Background(), model.Objective{Title: "Ship the release", Status: model.ObjectiveActive})
	if err != nil {
		t.Fatal(err)
	}
	return st, o
}

// since makes notifications begin an hour ago, as if the app had been running.
func since(t *testing.T, st *storage.Store) {
	t.Helper()
	if err := st.SetSetting(context.Background(), "notify.since", strconv.FormatInt(time.Now().Add(-time.Hour).UnixMilli(), 10)); err != nil {
		t.Fatal(err)
	}
}

// addDue adds a step whose "due soon" (15 minutes ahead by default) comes after d.
func addDue(t *testing.T, st *storage.Store, o model.Objective, title string, d time.Duration) {
	t.Helper()
	due := time.Now().Add(15*time.Minute + d).Truncate(time.Minute).Add(time.Minute)
	_, err := st.CreateGoal(context.Background(), model.MicroGoal{ObjectiveID: o.ID, Title: title, Status: model.StatusOpen, Horizon: model.HorizonDay, Stage: model.StageExecution,
		Due: due, DueHasTime: true}, 0)
	if err != nil {
		t.Fatal(err)
	}
}

// The agent on its own: it plans on the file, sleeps until a deadline comes close and
// notifies once through the real timer, hears about a change over its socket, lets go of the
// file for a restore, refuses a second agent, and quits when told.
func TestTheAgentNotifiesHearsChangesAndQuits(t *testing.T) {
	st, o := plan(t)
	addDue(t, st, o, "Write the release notes", 0)
	rec := &recorder{}
	done := make(chan int, 1)
	go func() { done <- Run(Options{DBPath: st.Path(), Send: rec.send, NoTray: true}) }()
	waitFor(t, "the agent to take its lock", 5*time.Second, func() bool { return Running(RoleAgent, st.Path()) })

	// A second agent on the same plan exits at once, quietly.
	second := make(chan int, 1)
	go func() { second <- Run(Options{DBPath: st.Path(), Send: rec.send, NoTray: true}) }()
	select {
	case code := <-second:
		if code != 0 {
			t.Fatalf("the second agent exited with %d", code)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("a second agent kept running")
	}

	waitFor(t, "'due soon' for the first step", 70*time.Second, func() bool { return rec.count("Write the release notes") > 0 })

	// The window adds a step and says so: the agent plans with it at once.
	addDue(t, st, o, "Tag the release", -time.Minute)
	if _, err := Send(RoleAgent, st.Path(), MsgChanged, time.Second); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "'due soon' for the added step", 5*time.Second, func() bool { return rec.count("Tag the release") > 0 })

	// A restore: hold, then resume on the same path.
	for _, m := range []string{MsgHold, MsgResume} {
		if r, err := Send(RoleAgent, st.Path(), m, 3*time.Second); err != nil || r != "ok" {
			t.Fatalf("%s: %q %v", m, r, err)
		}
	}
	if _, err := Send(RoleAgent, st.Path(), MsgQuit, time.Second); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit status %d", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the agent did not quit")
	}
	if Running(RoleAgent, st.Path()) {
		t.Fatal("the lock is still held after quitting")
	}
	if a, b := rec.count("Write the release notes"), rec.count("Tag the release"); a != 1 || b != 1 {
		t.Fatalf("notified %d and %d times, want once each: %q", a, b, rec.sent)
	}
}

// Two schedulers on one file, as the window and the agent are: each notification is shown by
// exactly one of them.
func TestTwoSchedulersShowEachNotificationOnce(t *testing.T) {
	st, o := plan(t)
	addDue(t, st, o, "Write the release notes", -2*time.Minute)
	since(t, st)
	st2, err := storage.Open(st.Path(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	out, err := st.LoadOutline(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	var scheds []*Scheduler
	for _, s := range []*storage.Store{st, st2} {
		sc := NewScheduler(s, Config{Send: rec.send})
		if err := sc.Load(); err != nil {
			t.Fatal(err)
		}
		sc.Update(SnapshotOf(out))
		scheds = append(scheds, sc)
	}
	var wg sync.WaitGroup
	for _, sc := range scheds {
		wg.Add(1)
		go func() { defer wg.Done(); sc.Step() }()
	}
	wg.Wait()
	if n := rec.count("Write the release notes"); n != 1 {
		t.Fatalf("shown %d times: %q", n, rec.sent)
	}
}

// A pause holds everything and is kept in the file, where the other process reads it.
func TestPauseHoldsRemindersInBothProcesses(t *testing.T) {
	st, o := plan(t)
	addDue(t, st, o, "Write the release notes", -2*time.Minute)
	since(t, st)
	out, _ := st.LoadOutline(context.Background())
	rec := &recorder{}
	a := NewScheduler(st, Config{Send: rec.send})
	if err := a.Load(); err != nil {
		t.Fatal(err)
	}
	a.Update(SnapshotOf(out))
	until := time.Now().Add(time.Hour)
	if err := a.Pause(until); err != nil {
		t.Fatal(err)
	}
	if next := a.Step(); !next.Equal(until) || rec.count("Write") != 0 {
		t.Fatalf("while paused: next %v, sent %q", next, rec.sent)
	}
	// The other process's scheduler reads the pause from the file.
	b := NewScheduler(st, Config{Send: rec.send})
	if err := b.Load(); err != nil {
		t.Fatal(err)
	}
	b.Update(SnapshotOf(out))
	b.Step()
	if rec.count("Write") != 0 || b.PausedUntil().IsZero() {
		t.Fatalf("the other scheduler ignored the pause: %q", rec.sent)
	}
	if err := a.Pause(time.Time{}); err != nil {
		t.Fatal(err)
	}
	b.RereadPause()
	b.Step()
	if rec.count("Write the release notes") != 1 {
		t.Fatalf("after the pause: %q", rec.sent)
	}
}

// A changed snapshot given to Update cannot reach the scheduler: it keeps its own copy.
func TestUpdateCopiesTheSnapshot(t *testing.T) {
	st, o := plan(t)
	addDue(t, st, o, "Write the release notes", -2*time.Minute)
	since(t, st)
	out, _ := st.LoadOutline(context.Background())
	rec := &recorder{}
	s := NewScheduler(st, Config{Send: rec.send})
	if err := s.Load(); err != nil {
		t.Fatal(err)
	}
	s.Update(Snapshot{Goals: out.Goals, Objectives: out.Objectives})
	out.Goals[0].Title = "Changed behind the scheduler's back"
	s.Step()
	if rec.count("Write the release notes") != 1 {
		t.Fatalf("sent %q", rec.sent)
	}
}

func TestOneInstancePerRoleAndPlan(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	db := filepath.Join(t.TempDir(), "a.db")
	in, err := Claim(RoleWindow, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Claim(RoleWindow, db); !errors.Is(err, ErrRunning) {
		t.Fatalf("second claim: %v", err)
	}
	other, err := Claim(RoleWindow, filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatalf("another plan's window: %v", err)
	}
	other.Close()
	in.Serve(func(msg string) string {
		if msg == MsgRaise {
			return "ok"
		}
		return "error: no"
	})
	if r, err := Send(RoleWindow, db, MsgRaise, time.Second); err != nil || r != "ok" {
		t.Fatalf("raise: %q %v", r, err)
	}
	if _, err := Send(RoleWindow, db, "nonsense", time.Second); err == nil {
		t.Fatal("an error reply was not an error")
	}
	if !Running(RoleWindow, db) || Running(RoleAgent, db) {
		t.Fatal("Running is wrong")
	}
	in.Close()
	if Running(RoleWindow, db) {
		t.Fatal("still running after Close")
	}
	if _, err := Send(RoleWindow, db, MsgRaise, time.Second); err == nil {
		t.Fatal("a closed instance answered")
	}
	again, err := Claim(RoleWindow, db)
	if err != nil {
		t.Fatalf("claim after close: %v", err)
	}
	again.Close()
}

func TestStartAtLoginEntry(t *testing.T) {
	home := t.TempDir()
	sys := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("XDG_CONFIG_DIRS", sys)
	if AutostartEnabled() {
		t.Fatal("enabled with no entry")
	}
	if err := SetAutostart(true, "/opt/my apps/microgoals", "/home/u/plan.db"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(home, "autostart", AutostartFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\nExec=\"/opt/my apps/microgoals\" --background --db /home/u/plan.db\n") || !AutostartEnabled() {
		t.Fatalf("entry:\n%s", b)
	}
	if out, err := exec.Command("desktop-file-validate", filepath.Join(home, "autostart", AutostartFile)).CombinedOutput(); err != nil && !errors.Is(err, exec.ErrNotFound) {
		t.Fatalf("desktop-file-validate: %v\n%s", err, out)
	}
	if err := SetAutostart(false, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, "autostart", AutostartFile)); !os.IsNotExist(err) || AutostartEnabled() {
		t.Fatalf("off left the entry: %v", err)
	}
	// A system-wide entry (the Debian package's) is switched off with Hidden=true.
	if err := os.MkdirAll(filepath.Join(sys, "autostart"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sys, "autostart", AutostartFile), []byte(AutostartEntry("/usr/bin/microgoals", "")), 0o644); err != nil {
		t.Fatal(err)
	}
	if !AutostartEnabled() {
		t.Fatal("the system entry does not count")
	}
	if err := SetAutostart(false, "", ""); err != nil {
		t.Fatal(err)
	}
	if AutostartEnabled() {
		t.Fatal("off did not override the system entry")
	}
}

// The agent's cost is what it imports: no Fyne.
func TestTheAgentImportsNoFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "fyne.io/fyne") {
			t.Fatalf("app/agent depends on %s", p)
		}
	}
}

// Without a session bus the process must not autolaunch one (godbus runs dbus-launch, whose
// dbus-daemon outlives the app): the address is pointed at a socket that cannot exist.
func TestNoSessionBusMeansNoAutolaunch(t *testing.T) {
	run := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", run)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	PreventBusAutolaunch()
	if got := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); got != NoBusAddress || HaveBus() {
		t.Fatalf("address %q", got)
	}
	if TrayHostPresent() {
		t.Fatal("a tray host without a bus")
	}
	err := (&Desktop{}).Send("Title", "Body")
	if err == nil || !strings.HasPrefix(ExplainNotifyError(err), "there is no D-Bus session bus") {
		t.Fatalf("send without a bus: %v", err)
	}
	// A bus that is there is left alone: the systemd user bus, or an address given.
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "autolaunch:")
	l, err := net.Listen("unix", filepath.Join(run, "bus"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	PreventBusAutolaunch()
	if got := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); got != "autolaunch:" {
		t.Fatalf("with a user bus: %q", got)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
	PreventBusAutolaunch()
	if got := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); got != "unix:path=/run/user/1000/bus" {
		t.Fatalf("a given address was changed: %q", got)
	}
}

// An agent whose plan's file is deleted, moved away or replaced ends by itself: nothing is
// left to remind of, and no window would ever quit it.
func TestTheAgentEndsWhenItsFileGoes(t *testing.T) {
	for _, how := range []string{"deleted", "moved", "folder removed", "replaced"} {
		t.Run(how, func(t *testing.T) {
			st, _ := plan(t)
			path := st.Path()
			st.Close()
			done := make(chan int, 1)
			go func() {
				done <- Run(Options{DBPath: path, Send: (&recorder{}).send, NoTray: true, CheckEvery: 50 * time.Millisecond})
			}()
			waitFor(t, "the agent to take its lock", 5*time.Second, func() bool { return Running(RoleAgent, path) })
			time.Sleep(200 * time.Millisecond)
			if Running(RoleAgent, path) == false {
				t.Fatal("the agent ended while its file was there")
			}
			var err error
			switch how {
			case "deleted":
				err = os.Remove(path)
			case "moved":
				err = os.Rename(path, path+".moved")
			case "replaced":
				// Another plan moved over the file (as a sync tool does).
				other := filepath.Join(filepath.Dir(path), "other.db")
				if err = os.WriteFile(other, nil, 0o600); err == nil {
					err = os.Rename(other, path)
				}
			default:
				err = os.RemoveAll(filepath.Dir(path))
			}
			if err != nil {
				t.Fatal(err)
			}
			select {
			case code := <-done:
				if code != 0 {
					t.Fatalf("exit status %d", code)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("the agent still runs 5 s after its file was %s", how)
			}
			if Running(RoleAgent, path) {
				t.Fatal("the lock is still held")
			}
		})
	}
}

// The login entry the Debian package installs is the one the agent writes, with its name and
// comment in every language (the desktop's list of login items shows the user's).
func TestPackagedLoginEntryIsTheGeneratedOne(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "resources", AutostartFile))
	if err != nil {
		t.Fatal(err)
	}
	want := AutostartEntry("microgoals", "")
	if string(b) != want {
		t.Errorf("resources/%s differs from AutostartEntry; write it as:\n%s", AutostartFile, want)
	}
	for _, line := range []string{"Name[de]=Microgoals-Erinnerungen\n", "Name[fr]=Rappels de Microgoals\n", "Comment[es]=Los recordatorios y el icono en la bandeja de Microgoals, sin la ventana\n"} {
		if !strings.Contains(want, line) {
			t.Errorf("the login entry lacks %q:\n%s", line, want)
		}
	}
}
