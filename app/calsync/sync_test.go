package calsync

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

var ctx = context.Background()

// clock is a settable clock shared by a store and its engine.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// device is one Microgoals database syncing with the shared task list.
type device struct {
	store  *storage.Store
	engine *Engine
	clock  *clock
	path   string
}

var start = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func newDevice(t testing.TB, a Account, name string) *device {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".db")
	c := &clock{t: start}
	s, err := storage.Open(path, storage.Options{Now: c.Now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &device{store: s, clock: c, path: path, engine: &Engine{Store: s, Account: a, Now: c.Now, Loc: time.UTC}}
}

func (d *device) sync(t testing.TB) Result {
	t.Helper()
	res, err := d.engine.Sync(ctx)
	if err != nil {
		t.Fatalf("sync %s: %v", d.path, err)
	}
	return res
}

// goalByTitle finds the step titled title, outside the trash.
func (d *device) goalByTitle(t testing.TB, title string) model.MicroGoal {
	t.Helper()
	out, err := d.store.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range out.Goals {
		if g.Title == title {
			return g
		}
	}
	t.Fatalf("%s has no step “%s”", filepath.Base(d.path), title)
	return model.MicroGoal{}
}

// fullGoal makes a step with every field set.
func fullGoal(objective, parent int64, title string) model.MicroGoal {
	g := model.NewMicroGoal(objective, parent, title, start)
	g.Outcome = "A chapter, in plain words; with commas, and\na second line"
	g.DoneWhen = "3,000 words are on the page"
	g.Due = time.Date(2026, 11, 5, 16, 30, 0, 0, time.UTC)
	g.DueHasTime = true
	g.Horizon = model.HorizonWeek
	g.Stage = model.StageExecution
	g.EstimateMinutes = 95
	g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "words", Target: 3000.5}
	g.Owner = "Ana"
	g.Partner = "Ben"
	g.Anchor = "After work"
	g.Metric.CanDecrease = true
	g.Notes = "Read [the outline](https://example.com/outline) **first**;\nthen write"
	g.DoneWhere, g.DoneWith = "@library", "Sam"
	return g
}

// rows reads every column of table from a database file, with ids turned into identities so
// that two databases compare; times are compared to the second (iCalendar's precision).
func rows(t testing.TB, path, table string) map[string]map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	uuids := map[string]map[int64]string{"objectives": {}, "micro_goals": {}}
	for tb := range uuids {
		r, err := db.Query(`SELECT id, coalesce(uuid, '') FROM ` + tb)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var id int64
			var u string
			r.Scan(&id, &u)
			uuids[tb][id] = u
		}
		r.Close()
	}
	r, err := db.Query(`SELECT * FROM ` + table + ` WHERE trash_id IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cols, _ := r.Columns()
	out := map[string]map[string]string{}
	for r.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		var key string
		for i, c := range cols {
			v := vals[i]
			switch {
			case c == "uuid":
				key = fmt.Sprint(v)
				continue
			case c == "id":
				continue
			case v == nil:
				row[c] = "NULL"
			case c == "objective_id":
				row[c] = uuids["objectives"][v.(int64)]
			case c == "parent_id":
				row[c] = uuids["micro_goals"][v.(int64)]
			case strings.HasSuffix(c, "_at"):
				row[c] = fmt.Sprint(v.(int64) / 1000)
			case c == "in_focus":
				continue // which objective is in focus is each machine's own view
			default:
				row[c] = fmt.Sprint(v)
			}
		}
		out[key] = row
	}
	return out
}

// TestStepCreatedOnAAppearsOnB: an objective, a step with every field and a sub-step made on
// A arrive on B with every column equal (the columns are read from the schema).
func TestStepCreatedOnAAppearsOnB(t *testing.T) {
	acct := newTaskList(t)
	a, b := newDevice(t, acct, "a"), newDevice(t, acct, "b")
	o := model.NewObjective("Write the novel", start)
	o.Why = "Because the story wants out"
	o.TargetDate = time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	obj, err := a.store.CreateObjective(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	step, err := a.store.CreateGoal(ctx, fullGoal(obj.ID, 0, "Draft chapter one"), 0)
	if err != nil {
		t.Fatal(err)
	}
	sub := model.NewMicroGoal(obj.ID, step.ID, "Outline the scenes", start)
	sub.Due = time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC)
	if _, err := a.store.CreateGoal(ctx, sub, 0); err != nil {
		t.Fatal(err)
	}
	a.clock.Set(start.Add(time.Hour))
	if _, err := a.store.SetGoalStatus(ctx, step.ID, model.StatusDropped, "Merged into chapter two"); err != nil {
		t.Fatal(err)
	}
	if res := a.sync(t); res.Sent != 3 {
		t.Fatalf("A sent %d items, want 3: %v", res.Sent, res)
	}
	if res := b.sync(t); res.Received != 3 {
		t.Fatalf("B received %d items, want 3: %v", res.Received, res)
	}
	for _, table := range []string{"objectives", "micro_goals"} {
		ra, rb := rows(t, a.path, table), rows(t, b.path, table)
		if len(ra) != len(rb) {
			t.Fatalf("%s: A has %d rows, B %d", table, len(ra), len(rb))
		}
		for u, row := range ra {
			for c, v := range row {
				if rb[u][c] != v {
					t.Errorf("%s %s column %s: A has %q, B has %q", table, row["title"], c, v, rb[u][c])
				}
			}
		}
	}
	// Nothing changed: both are up to date and send nothing.
	if res := b.sync(t); res.Sent+res.Received != 0 {
		t.Errorf("second sync of B did something: %v", res)
	}
	if res := a.sync(t); res.Sent+res.Received != 0 {
		t.Errorf("second sync of A did something: %v", res)
	}
}

// pair makes two devices that share one synced step.
func pair(t *testing.T) (a, b *device, onA, onB model.MicroGoal) {
	acct := newTaskList(t)
	a, b = newDevice(t, acct, "a"), newDevice(t, acct, "b")
	obj, err := a.store.CreateObjective(ctx, model.NewObjective("Run a marathon", start))
	if err != nil {
		t.Fatal(err)
	}
	g := model.NewMicroGoal(obj.ID, 0, "Run 5 km", start)
	g.Outcome = "Legs used to it"
	if onA, err = a.store.CreateGoal(ctx, g, 0); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t)
	return a, b, onA, b.goalByTitle(t, "Run 5 km")
}

func TestDifferentFieldsEditedOnBothSidesAreBothKept(t *testing.T) {
	a, b, ga, gb := pair(t)
	a.clock.Set(start.Add(time.Hour))
	ga.Title = "Run 6 km"
	if _, err := a.store.UpdateGoal(ctx, ga); err != nil {
		t.Fatal(err)
	}
	b.clock.Set(start.Add(2 * time.Hour))
	gb.Owner = "Carla"
	gb.Due = time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	if _, err := b.store.UpdateGoal(ctx, gb); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	if res := b.sync(t); res.Conflicts != 0 {
		t.Errorf("B saw %d conflicts, want none", res.Conflicts)
	}
	a.sync(t)
	for _, d := range []*device{a, b} {
		g := d.goalByTitle(t, "Run 6 km")
		if g.Owner != "Carla" || g.Due.Format(dayLayout) != "2026-11-09" || g.Outcome != "Legs used to it" {
			t.Errorf("%s: %+v, want title, owner and due from both sides", filepath.Base(d.path), g)
		}
	}
}

// TestSameFieldEditedOnBothSides: the later change wins and the other value is in the step's
// decision log on the device that merged.
func TestSameFieldEditedOnBothSides(t *testing.T) {
	a, b, ga, gb := pair(t)
	a.clock.Set(start.Add(time.Hour))
	ga.Outcome = "Outcome from A (earlier)"
	if _, err := a.store.UpdateGoal(ctx, ga); err != nil {
		t.Fatal(err)
	}
	b.clock.Set(start.Add(2 * time.Hour))
	gb.Outcome = "Outcome from B (later)"
	if _, err := b.store.UpdateGoal(ctx, gb); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	if res := b.sync(t); res.Conflicts != 1 {
		t.Fatalf("B saw %d conflicts, want 1", res.Conflicts)
	}
	a.sync(t)
	for _, d := range []*device{a, b} {
		if g := d.goalByTitle(t, "Run 5 km"); g.Outcome != "Outcome from B (later)" {
			t.Errorf("%s has outcome %q, want the later change", filepath.Base(d.path), g.Outcome)
		}
	}
	ds, err := b.store.DecisionsFor(ctx, 0, gb.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Rationale, "Outcome from A (earlier)") {
		t.Fatalf("B's decision log %+v does not keep A's value", ds)
	}
	// The other way round: when A's change is the later one, A's value wins on B.
	a.clock.Set(start.Add(4 * time.Hour))
	b.clock.Set(start.Add(3 * time.Hour))
	gb = b.goalByTitle(t, "Run 5 km")
	gb.DoneWhen = "B says 25 minutes"
	b.store.UpdateGoal(ctx, gb)
	ga = a.goalByTitle(t, "Run 5 km")
	ga.DoneWhen = "A says 30 minutes"
	a.store.UpdateGoal(ctx, ga)
	b.sync(t)
	a.sync(t)
	b.sync(t)
	for _, d := range []*device{a, b} {
		if g := d.goalByTitle(t, "Run 5 km"); g.DoneWhen != "A says 30 minutes" {
			t.Errorf("%s has done-when %q, want A's later change", filepath.Base(d.path), g.DoneWhen)
		}
	}
	ds, _ = a.store.DecisionsFor(ctx, 0, ga.ID)
	if len(ds) != 1 || !strings.Contains(ds[0].Rationale, "B says 25 minutes") {
		t.Fatalf("A's decision log %+v does not keep B's value", ds)
	}
	// The log keeps the conflict in its stored form and shows it in the user's language: a
	// user who switches to German or French reads the same entry in the new language.
	useModelLanguage(t, "de")
	if got, want := ds[0].Summary(), "Angepasst — Sync-Konflikt: Dies wurde auf zwei Geräten gleichzeitig geändert; die spätere Änderung wurde behalten.\n"+
		"Erledigt, wenn: „A says 30 minutes“ behalten, das andere Gerät hatte „B says 25 minutes“."; got != want {
		t.Errorf("in German the conflict reads\n%s\nwant\n%s", got, want)
	}
	useModelLanguage(t, "fr")
	if got := ds[0].Summary(); !strings.Contains(got, "Terminé quand\u00a0: «\u00a0A says 30 minutes\u00a0» conservé, l'autre appareil avait «\u00a0B says 25 minutes\u00a0».") ||
		strings.Contains(got, "kept") {
		t.Errorf("in French the conflict reads\n%s", got)
	}
}

func TestDeleteOnATrashesOnB(t *testing.T) {
	a, b, ga, _ := pair(t)
	if _, err := a.store.TrashGoal(ctx, ga.ID); err != nil {
		t.Fatal(err)
	}
	if res := a.sync(t); res.Deleted != 1 {
		t.Fatalf("A deleted %d, want 1", res.Deleted)
	}
	if res := b.sync(t); res.Trashed != 1 {
		t.Fatalf("B trashed %d, want 1", res.Trashed)
	}
	trash, err := b.store.Trash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(trash) != 1 || trash[0].Title != "Run 5 km" {
		t.Fatalf("B's trash is %+v, want the step", trash)
	}
	out, _ := b.store.LoadOutline(ctx)
	if len(out.Goals) != 0 {
		t.Fatalf("B still shows %d steps", len(out.Goals))
	}
	// Nothing bounces back: A's next sync is quiet.
	if res := a.sync(t); res.Received+res.Sent+res.Trashed != 0 {
		t.Errorf("A's next sync did something: %v", res)
	}
}

func TestRepeatingOccurrenceDoneOnBShowsDoneOnA(t *testing.T) {
	acct := newTaskList(t)
	a, b := newDevice(t, acct, "a"), newDevice(t, acct, "b")
	obj, _ := a.store.CreateObjective(ctx, model.NewObjective("Get fit", start))
	g := model.NewMicroGoal(obj.ID, 0, "Stretch for ten minutes", start)
	g.Due = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	g.Repeat = "FREQ=DAILY"
	ga, err := a.store.CreateGoal(ctx, g, 0)
	if err != nil {
		t.Fatal(err)
	}
	skipped := model.OccurrenceException{GoalID: ga.ID, Original: model.D(2026, 11, 3), Status: model.StatusDropped}
	if _, _, err := a.store.SetOccurrence(ctx, skipped); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t)
	gb := b.goalByTitle(t, "Stretch for ten minutes")
	if gb.Repeat != "FREQ=DAILY" {
		t.Fatalf("B's step repeats %q", gb.Repeat)
	}
	b.clock.Set(start.Add(49 * time.Hour))
	done := model.OccurrenceException{GoalID: gb.ID, Original: model.D(2026, 11, 4), Status: model.StatusDone}
	if _, _, err := b.store.SetOccurrence(ctx, done); err != nil {
		t.Fatal(err)
	}
	b.sync(t)
	a.sync(t)
	ex, err := a.store.Exceptions(ctx, model.D(2026, 11, 1), model.D(2026, 11, 30))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]model.Status{}
	for _, e := range ex {
		got[e.Original.String()] = e.Status
	}
	if got["2026-11-04"] != model.StatusDone || got["2026-11-03"] != model.StatusDropped || len(got) != 2 {
		t.Fatalf("A's occurrences are %v, want 11-03 dropped and 11-04 done", got)
	}
}

const (
	childEnv    = "MICROGOALS_SYNC_CHILD_DB"
	childURLEnv = "MICROGOALS_SYNC_CHILD_URL"
)

// TestSyncChild is the child of TestSyncKilledMidwayCompletes: it syncs and prints a line
// after every item sent, until it is killed.
func TestSyncChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("only runs as the child of TestSyncKilledMidwayCompletes")
	}
	s, err := storage.Open(path, storage.Options{Location: time.UTC})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	e := &Engine{Store: s, Loc: time.UTC, Account: Account{URL: os.Getenv(childURLEnv), User: testUser, Password: testPassword},
		Progress: func(p Progress) {
			if p.Phase == "Sending" {
				fmt.Fprintln(w, p.Done)
				w.Flush()
			}
		}}
	if _, err := e.Sync(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "sync:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

// TestSyncKilledMidwayCompletes kills a syncing process with SIGKILL after some items went
// out; the next sync sends the rest, and the server and a second device end up with every
// step exactly once.
func TestSyncKilledMidwayCompletes(t *testing.T) {
	acct := newTaskList(t)
	a := newDevice(t, acct, "a")
	obj, _ := a.store.CreateObjective(ctx, model.NewObjective("Survive a crash", start))
	const n = 120
	for i := range n {
		if _, err := a.store.CreateGoal(ctx, model.NewMicroGoal(obj.ID, 0, fmt.Sprintf("Step %03d", i), start), 0); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSyncChild$")
	cmd.Env = append(os.Environ(), childEnv+"="+a.path, childURLEnv+"="+acct.URL)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	sent := 0
	for sent < 30 && sc.Scan() {
		sent++
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if sent < 30 {
		t.Fatalf("the child stopped after %d items", sent)
	}
	pending, _ := a.store.SyncPendingCount(ctx)
	if pending == 0 || pending >= n+1 {
		t.Fatalf("after the kill %d changes wait, want some but not all", pending)
	}
	a.sync(t)
	if pending, _ := a.store.SyncPendingCount(ctx); pending != 0 {
		t.Fatalf("%d changes still wait after the second sync", pending)
	}
	d := &dav{http: acct.client(), collection: mustURL(t, acct.URL)}
	listed, err := d.listETags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != n+1 {
		t.Fatalf("the server holds %d items, want %d", len(listed), n+1)
	}
	b := newDevice(t, acct, "b")
	b.sync(t)
	outline, _ := b.store.LoadOutline(ctx)
	titles := map[string]int{}
	for _, g := range outline.Goals {
		titles[g.Title]++
	}
	if len(outline.Goals) != n || len(titles) != n || len(outline.Objectives) != 1 {
		t.Fatalf("B has %d steps (%d distinct) and %d objectives, want %d and 1", len(outline.Goals), len(titles), len(outline.Objectives), n)
	}
}

func mustURL(t testing.TB, s string) *urlURL {
	u, err := parseURL(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
