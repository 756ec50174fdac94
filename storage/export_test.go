package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/microgoals/microgoals/model"
)

// stillClock is a clock that does not move, so two exports carry the same time.
var stillClock = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }

func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path, Options{Location: time.UTC, Now: stillClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// demoWithRituals is a demo plan with a saved review and audit decisions, a drop reversed.
func demoWithRituals(t testing.TB, goals, entries int) *Store {
	t.Helper()
	s := openAt(t, filepath.Join(t.TempDir(), "demo.db"))
	if err := s.GenerateDemo(ctx, stillClock(), goals, entries, 7); err != nil {
		t.Fatal(err)
	}
	out, err := s.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := model.ReviewPeriod(stillClock(), time.UTC, model.PeriodWeek)
	if _, err := s.SaveReview(ctx, model.Review{Period: p, Completed: 3, Streak: 2, Actions: []string{"Carried over “x”"},
		Wins: "Ran *twice* | felt good", Lessons: "Sleep earlier"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDecision(ctx, model.Decision{ObjectiveID: out.Objectives[0].ID, Kind: model.DecisionKeep, Essential: "yes"}); err != nil {
		t.Fatal(err)
	}
	var open model.MicroGoal
	for _, g := range out.Goals {
		if g.Status == model.StatusOpen {
			open = g
			break
		}
	}
	drop, err := s.RecordDecision(ctx, model.Decision{GoalID: open.ID, Kind: model.DecisionDrop, Rationale: "not essential now"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDecision(ctx, model.Decision{GoalID: open.ID, Kind: model.DecisionReverse, ReversesID: drop.Decision.ID, Rationale: "needed after all"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, model.SettingReviewDay, "0"); err != nil {
		t.Fatal(err)
	}
	return s
}

func exportJSON(t testing.TB, s *Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.ExportJSON(ctx, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// dbChecksum hashes every row of every table, so any change to the plan shows.
func dbChecksum(t testing.TB, s *Store) [32]byte {
	t.Helper()
	h := sha256.New()
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	for _, table := range tables {
		r, err := s.db.QueryContext(ctx, `SELECT * FROM `+table+` ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := r.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(h, "%s%v\n", table, vals)
		}
		r.Close()
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func TestJSONRoundTripIsIdentical(t *testing.T) {
	a := demoWithRituals(t, 300, 2000)
	first := exportJSON(t, a)
	b := openAt(t, filepath.Join(t.TempDir(), "empty.db"))
	res, err := b.ImportJSON(ctx, bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added == 0 || res.Updated != 0 {
		t.Fatalf("import into an empty plan: %v", res)
	}
	second := exportJSON(t, b)
	if !bytes.Equal(first, second) {
		t.Fatalf("export → import → export differs:\n%s", firstDiff(first, second))
	}
	var doc Document
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables["micro_goals"]) != 300 || len(doc.Tables["metric_entries"]) != 2000 || len(doc.Tables["reviews"]) != 1 || len(doc.Tables["decisions"]) != 3 || len(doc.Tables["settings"]) != 1 {
		t.Fatalf("document holds %d goals, %d entries, %d reviews, %d decisions, %d settings",
			len(doc.Tables["micro_goals"]), len(doc.Tables["metric_entries"]), len(doc.Tables["reviews"]), len(doc.Tables["decisions"]), len(doc.Tables["settings"]))
	}
	// The outline reads back the same in the new plan (ids aside).
	shape := func(o Outline) map[string]int {
		m := map[string]int{}
		for _, g := range o.Goals {
			g.ID, g.ObjectiveID, g.ParentID = 0, 0, 0
			m[fmt.Sprintf("%+v", g)]++
		}
		return m
	}
	oa, _ := a.LoadOutline(ctx)
	ob, _ := b.LoadOutline(ctx)
	sa, sb := shape(oa), shape(ob)
	if len(sa) != len(sb) {
		t.Fatalf("outline differs after import: %d vs %d distinct goals", len(sa), len(sb))
	}
	for k, n := range sa {
		if sb[k] != n {
			t.Fatalf("goal differs after import: %s", k)
		}
	}

	// Importing the same file again merges: nothing added, nothing changed.
	sum := dbChecksum(t, b)
	res, err = b.ImportJSON(ctx, bytes.NewReader(first))
	if err != nil || res.Added != 0 || res.Updated != 0 {
		t.Fatalf("second import: %v, %v", res, err)
	}
	if dbChecksum(t, b) != sum {
		t.Fatal("a second import of the same file changed the plan")
	}
}

func TestImportMergesIntoExistingPlan(t *testing.T) {
	a := demoWithRituals(t, 40, 100)
	doc := exportJSON(t, a)
	b := openAt(t, filepath.Join(t.TempDir(), "b.db"))
	if _, err := b.ImportJSON(ctx, bytes.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	// In b a step is edited later than the file's copy; in a another step is edited and
	// exported again. Merging the new export keeps b's newer edit and takes a's.
	ob, _ := b.LoadOutline(ctx)
	edited := ob.Goals[0]
	later := func() time.Time { return stillClock().Add(time.Hour) }
	b.now = later
	edited.Title = "Edit kept in the plan"
	if _, err := b.UpdateGoal(ctx, edited); err != nil {
		t.Fatal(err)
	}
	oa, _ := a.LoadOutline(ctx)
	other := oa.Goals[1]
	if other.Title == ob.Goals[1].Title {
		a.now = func() time.Time { return stillClock().Add(30 * time.Minute) }
		other.Title = "Edit from the file"
		if _, err := a.UpdateGoal(ctx, other); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.CreateObjective(ctx, model.NewObjective("A new objective from the other plan", stillClock())); err != nil {
		t.Fatal(err)
	}
	res, err := b.ImportJSON(ctx, bytes.NewReader(exportJSON(t, a)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Updated != 1 {
		t.Fatalf("merge = %v, want 1 added (objective) and 1 updated (goal)", res)
	}
	titles := map[string]bool{}
	ob, _ = b.LoadOutline(ctx)
	for _, g := range ob.Goals {
		titles[g.Title] = true
	}
	if !titles["Edit kept in the plan"] || !titles["Edit from the file"] {
		t.Fatalf("merge lost an edit")
	}
}

func TestImportRefusesBadFilesAndChangesNothing(t *testing.T) {
	s := demoWithRituals(t, 30, 50)
	good := exportJSON(t, s)
	other := openAt(t, filepath.Join(t.TempDir(), "other.db"))
	if err := other.GenerateDemo(ctx, stillClock(), 10, 0, 99); err != nil {
		t.Fatal(err)
	}
	foreignGoals := exportJSON(t, other)
	// A goal whose objective is in neither the file nor the plan.
	var orphan Document
	json.Unmarshal(foreignGoals, &orphan)
	delete(orphan.Tables, "objectives")
	orphanJSON, _ := json.Marshal(orphan)
	// The good file with its last goal made invalid: the earlier rows must not stay behind.
	var bad Document
	json.Unmarshal(good, &bad)
	bad.Tables["micro_goals"][len(bad.Tables["micro_goals"])-1]["status"] = "finished"
	badJSON, _ := json.Marshal(bad)

	sum := dbChecksum(t, s)
	for name, c := range map[string]struct {
		data, want string
	}{
		"not JSON":       {"hello, world", "not valid JSON"},
		"truncated":      {string(good[:len(good)/2]), "not valid JSON"},
		"foreign JSON":   {`{"name": "my todo app", "items": [1, 2]}`, "not a Microgoals export"},
		"array":          {`[1, 2, 3]`, "not a Microgoals export"},
		"newer":          {`{"format": "microgoals-export", "version": 9}`, "newer Microgoals"},
		"unknown field":  {strings.Replace(string(good), `"title"`, `"titel"`, 1), "does not know"},
		"orphan goal":    {string(orphanJSON), "neither in the file nor in this plan"},
		"bad last goal":  {string(badJSON), "micro_goals row"},
		"binary":         {"SQLite format 3\x00\xff\xfe", "not a text file"},
		"duplicate uuid": {strings.Replace(string(good), bad.Tables["micro_goals"][1]["uuid"].(string), bad.Tables["micro_goals"][0]["uuid"].(string), 1), "same uuid"},
	} {
		_, err := s.ImportJSON(ctx, strings.NewReader(c.data))
		if !errors.Is(err, ErrBadImport) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("%s: err = %v, want ErrBadImport saying %q", name, err, c.want)
		}
		if dbChecksum(t, s) != sum {
			t.Fatalf("%s: the refused file changed the plan", name)
		}
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			if i >= len(lb) {
				return fmt.Sprintf("line %d: %q vs end", i+1, la[i])
			}
			return fmt.Sprintf("line %d: %q vs %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d", len(la), len(lb))
}

func TestICalendarHasEveryMilestone(t *testing.T) {
	s := demoWithRituals(t, 200, 0)
	var b bytes.Buffer
	n, err := s.ExportICalendar(ctx, &b)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := s.LoadOutline(ctx)
	uuids, err := s.goalUUIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]model.MicroGoal{} // by the VTODO's UID
	milestones := 0
	for _, g := range out.Goals {
		want[uuids[g.ID]+"-todo@microgoals"] = g
		if g.HasDue() {
			milestones++
		}
	}
	if n != milestones || len(cal.Events()) != milestones || len(cal.Todos()) != len(want) {
		t.Fatalf("%d milestones of %d steps, written %d, parsed %d events and %d todos", milestones, len(want), n, len(cal.Events()), len(cal.Todos()))
	}
	for _, todo := range cal.Todos() {
		g, ok := want[todo.Id()]
		if !ok {
			t.Fatalf("VTODO %s is no step", todo.Id())
		}
		delete(want, todo.Id())
		rel := todo.GetProperty(ics.ComponentPropertyRelatedTo)
		if (g.ParentID != 0) != (rel != nil) || (rel != nil && rel.Value != uuids[g.ParentID]+"-todo@microgoals") {
			t.Fatalf("%q: RELATED-TO %v, parent %d", g.Title, rel, g.ParentID)
		}
		if !g.HasDue() {
			continue
		}
		title := g.Title
		if got := todo.GetProperty(ics.ComponentPropertySummary).Value; got != title {
			t.Errorf("summary %q, want %q", got, title)
		}
		status := todo.GetProperty(ics.ComponentPropertyStatus).Value
		wantStatus := map[model.Status]string{model.StatusOpen: "NEEDS-ACTION", model.StatusDone: "COMPLETED", model.StatusDropped: "CANCELLED"}[g.Status]
		if status != wantStatus {
			t.Errorf("%q: status %s, want %s", title, status, wantStatus)
		}
		desc := todo.GetProperty(ics.ComponentPropertyDescription).Value
		if g.DoneWhen != "" && !strings.Contains(desc, "Done when: "+g.DoneWhen) {
			t.Errorf("%q: description %q lacks done when", title, desc)
		}
		var cats []string
		for _, p := range todo.Properties {
			if p.IANAToken == string(ics.ComponentPropertyCategories) {
				cats = append(cats, p.Value)
			}
		}
		if len(g.Tags) == 0 || strings.Join(cats, " ") != model.JoinTags(g.Tags) {
			t.Errorf("%q: CATEGORIES %q, want the tags %q", title, cats, g.Tags)
		}
		due := todo.GetProperty(ics.ComponentPropertyDue)
		if due == nil {
			t.Fatalf("%q has no DUE", title)
		}
		if g.DueHasTime && due.Value != g.Due.UTC().Format("20060102T150405Z") {
			t.Errorf("%q: DUE %s, want %s", title, due.Value, g.Due.UTC().Format("20060102T150405Z"))
		}
		if !g.DueHasTime && due.Value != g.Due.Format("20060102") {
			t.Errorf("%q: all-day DUE %s, want %s", title, due.Value, g.Due.Format("20060102"))
		}
	}
	if len(want) != 0 {
		t.Fatalf("%d steps missing from the calendar", len(want))
	}
	for _, ev := range cal.Events() {
		if _, err := ev.GetStartAt(); err != nil {
			if _, err := ev.GetAllDayStartAt(); err != nil {
				t.Fatalf("event %s has no start: %v", ev.Id(), err)
			}
		}
	}
}

func TestCSVExportImport(t *testing.T) {
	a := demoWithRituals(t, 50, 300)
	var csv bytes.Buffer
	if _, err := a.ExportCSV(ctx, &csv, 0); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if len(lines) != 301 || lines[0] != strings.Join(csvHeader, ",") {
		t.Fatalf("CSV has %d lines, header %q", len(lines), lines[0])
	}
	// A plan with the same goals but no entries takes them all, once.
	var doc Document
	json.Unmarshal(exportJSON(t, a), &doc)
	delete(doc.Tables, "metric_entries")
	noEntries, _ := json.Marshal(doc)
	b := openAt(t, filepath.Join(t.TempDir(), "b.db"))
	if _, err := b.ImportJSON(ctx, bytes.NewReader(noEntries)); err != nil {
		t.Fatal(err)
	}
	res, err := b.ImportCSV(ctx, bytes.NewReader(csv.Bytes()))
	if err != nil || res.Added != 300 {
		t.Fatalf("CSV import: %v, %v", res, err)
	}
	res, err = b.ImportCSV(ctx, bytes.NewReader(csv.Bytes()))
	if err != nil || res.Added != 0 || res.Unchanged != 300 {
		t.Fatalf("second CSV import: %v, %v", res, err)
	}
	var again bytes.Buffer
	if _, err := b.ExportCSV(ctx, &again, 0); err != nil {
		t.Fatal(err)
	}
	if again.String() != csv.String() {
		t.Fatalf("CSV after import differs:\n%s", firstDiff(csv.Bytes(), again.Bytes()))
	}
	// One micro-goal's log, as the metric log and the charts export it: only its entries,
	// and the same file format, so it imports too.
	var goalID int64
	var want int
	if err := a.db.QueryRow(`SELECT goal_id, count(*) FROM metric_entries GROUP BY goal_id ORDER BY count(*) DESC LIMIT 1`).Scan(&goalID, &want); err != nil {
		t.Fatal(err)
	}
	var one bytes.Buffer
	n, err := a.ExportCSV(ctx, &one, goalID)
	if err != nil || n != want || n == 300 {
		t.Fatalf("one goal's CSV: %d entries, %v; want %d", n, err, want)
	}
	g, _ := a.Goal(ctx, goalID)
	for _, l := range strings.Split(strings.TrimSpace(one.String()), "\n")[1:] {
		if !strings.Contains(l, ","+g.Title+",") && !strings.Contains(l, `,"`+g.Title+`",`) {
			t.Fatalf("one goal's CSV has a line of another goal: %q", l)
		}
	}
	if res, err := b.ImportCSV(ctx, bytes.NewReader(one.Bytes())); err != nil || res.Unchanged != want {
		t.Fatalf("import of one goal's CSV: %v, %v", res, err)
	}
	sum := dbChecksum(t, b)
	for name, data := range map[string]string{
		"no header":  "a,b,c\n1,2,3\n",
		"bad value":  lines[0] + "\n," + doc.Tables["micro_goals"][0]["uuid"].(string) + ",x,y,2026-11-25T09:00:00.000Z,lots,min,,,\n",
		"bad time":   lines[0] + "\n," + doc.Tables["micro_goals"][0]["uuid"].(string) + ",x,y,yesterday,1,min,,,\n",
		"no goal":    lines[0] + "\n,nope,x,y,2026-11-25T09:00:00.000Z,1,min,,,\n",
		"bad quotes": lines[0] + "\n\"unclosed,1,2,3,4,5,6,7,8,9\n",
		"late error": csv.String() + ",nope,x,y,2026-11-25T09:00:00.000Z,1,min,,,\n",
	} {
		if _, err := b.ImportCSV(ctx, strings.NewReader(data)); !errors.Is(err, ErrBadImport) {
			t.Errorf("%s: err = %v, want ErrBadImport", name, err)
		}
		if dbChecksum(t, b) != sum {
			t.Fatalf("%s: the refused CSV changed the plan", name)
		}
	}
}

// fuzzTemplate is a small plan file that each fuzz input is imported into (a copy of it).
func fuzzTemplate(f *testing.F) (path string, seed []byte, goal string) {
	dir := f.TempDir()
	path = filepath.Join(dir, "template.db")
	s, err := Open(path, Options{Location: time.UTC, Now: stillClock})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.GenerateDemo(ctx, stillClock(), 12, 20, 3); err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.ExportJSON(ctx, &b); err != nil {
		f.Fatal(err)
	}
	var doc Document
	json.Unmarshal(b.Bytes(), &doc)
	s.Close()
	return path, b.Bytes(), doc.Tables["micro_goals"][0]["uuid"].(string)
}

// fuzzPlan keeps one copy of the template open across fuzz inputs, because most inputs are
// refused and change nothing; it is copied afresh only after an import that was accepted.
type fuzzPlan struct {
	template, path string
	s              *Store
}

func (p *fuzzPlan) store(t *testing.T) *Store {
	if p.s != nil {
		return p.s
	}
	if err := copyFile(p.template, p.path); err != nil {
		t.Fatal(err)
	}
	os.Remove(p.path + "-wal")
	os.Remove(p.path + "-shm")
	s, err := Open(p.path, Options{Location: time.UTC, Now: stillClock})
	if err != nil {
		t.Fatal(err)
	}
	p.s = s
	return s
}

// spoilt closes the copy after an accepted import, so the next input starts from the template.
func (p *fuzzPlan) spoilt() {
	p.s.Close()
	p.s = nil
}

func FuzzImportJSON(f *testing.F) {
	template, seed, _ := fuzzTemplate(f)
	plan := &fuzzPlan{template: template, path: filepath.Join(f.TempDir(), "plan.db")}
	f.Cleanup(func() {
		if plan.s != nil {
			plan.s.Close()
		}
	})
	f.Add(seed)
	f.Add([]byte(`{"format":"microgoals-export","version":1,"objectives":[{"uuid":"x","title":"T","status":"active","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"format":"microgoals-export","version":1,"micro_goals":[{"uuid":"g","objective":"x","parent":"g"}]}`))
	f.Add(chainDoc(model.MaxDepth+3, nil))
	f.Add(chainDoc(4, func(g []map[string]any) { g[0]["parent"] = "g3" }))
	f.Add([]byte(`{}`))
	f.Add([]byte(`nul`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := plan.store(t)
		before := dbChecksum(t, s)
		_, err := s.ImportJSON(ctx, bytes.NewReader(data))
		if err != nil {
			if dbChecksum(t, s) != before {
				t.Fatalf("a refused import (%v) changed the plan", err)
			}
			return
		}
		defer plan.spoilt()
		// What was accepted must export and import again, changing nothing more.
		again := exportJSON(t, s)
		sum := dbChecksum(t, s)
		if res, err := s.ImportJSON(ctx, bytes.NewReader(again)); err != nil || res.Added != 0 || res.Updated != 0 {
			t.Fatalf("re-import of an accepted import's export: %v, %v", res, err)
		}
		if dbChecksum(t, s) != sum {
			t.Fatal("re-importing the plan's own export changed it")
		}
	})
}

func FuzzImportCSV(f *testing.F) {
	template, _, goal := fuzzTemplate(f)
	plan := &fuzzPlan{template: template, path: filepath.Join(f.TempDir(), "plan.db")}
	f.Cleanup(func() {
		if plan.s != nil {
			plan.s.Close()
		}
	})
	head := strings.Join(csvHeader, ",")
	f.Add([]byte(head + "\n," + goal + ",t,o,2026-11-25T09:00:00.000Z,12.5,pages,note,,\n"))
	f.Add([]byte(head + "\nabc," + goal + ",t,o,2026-11-25T09:00:00Z,1,,\"a, \"\"quoted\"\" note\",,2026-11-25T09:00:00Z\n"))
	f.Add([]byte(head + "\n"))
	f.Add([]byte("\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := plan.store(t)
		before := dbChecksum(t, s)
		if _, err := s.ImportCSV(ctx, bytes.NewReader(data)); err != nil {
			if dbChecksum(t, s) != before {
				t.Fatalf("a refused import (%v) changed the plan", err)
			}
			return
		}
		plan.spoilt()
	})
}

// chainDoc is an export of one objective with a chain of n new steps, each the parent of the
// next; edit may change the rows before they are written.
func chainDoc(n int, edit func(goals []map[string]any)) []byte {
	obj := map[string]any{"uuid": "obj", "title": "Run a marathon", "status": "active", "position": 1,
		"created_at": "2026-11-01T09:00:00.000Z", "updated_at": "2026-11-01T09:00:00.000Z"}
	goals := make([]map[string]any, n)
	for i := range goals {
		goals[i] = map[string]any{"uuid": fmt.Sprintf("g%d", i), "objective": "obj", "position": i, "title": fmt.Sprintf("Run %d km", i+1),
			"created_at": "2026-11-01T09:00:00.000Z", "updated_at": "2026-11-01T09:00:00.000Z"}
		if i > 0 {
			goals[i]["parent"] = fmt.Sprintf("g%d", i-1)
		}
	}
	if edit != nil {
		edit(goals)
	}
	b, _ := json.Marshal(map[string]any{"format": ExportFormat, "version": ExportVersion, "objectives": []any{obj}, "micro_goals": goals})
	return b
}

func TestImportEnforcesTheAppsRules(t *testing.T) {
	s := demoWithRituals(t, 30, 50)
	sum := dbChecksum(t, s)
	long := strings.Repeat("Write a page\x1b[31m\r\n", 8000)
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"ten levels":        {chainDoc(10, nil), fmt.Sprintf("would sit %d levels deep; steps nest at most %d", model.MaxDepth+1, model.MaxDepth)},
		"cycle":             {chainDoc(3, func(g []map[string]any) { g[0]["parent"] = "g2" }), "its own ancestor"},
		"self parent":       {chainDoc(1, func(g []map[string]any) { g[0]["parent"] = "g0" }), "its own ancestor"},
		"unknown status":    {chainDoc(2, func(g []map[string]any) { g[1]["status"] = "finished" }), "Unknown status"},
		"unknown horizon":   {chainDoc(2, func(g []map[string]any) { g[1]["horizon"] = "year" }), "Unknown horizon"},
		"empty title":       {chainDoc(2, func(g []map[string]any) { g[1]["title"] = "  " }), "Give the micro-goal a title"},
		"huge title":        {chainDoc(2, func(g []map[string]any) { g[1]["title"] = long }), "keep it to"},
		"bad rule":          {chainDoc(2, func(g []map[string]any) { g[1]["rrule"] = "FREQ=SOMETIMES" }), "micro_goals row 2"},
		"negative estimate": {chainDoc(2, func(g []map[string]any) { g[1]["estimate_minutes"] = -5 }), "cannot be negative"},
	} {
		_, err := s.ImportJSON(ctx, bytes.NewReader(c.data))
		if !errors.Is(err, ErrBadImport) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want a refusal saying %q", name, err, c.want)
			continue
		}
		msg := err.Error()
		if n := utf8.RuneCountInString(msg); n > 300 {
			t.Errorf("%s: the refusal is %d characters long", name, n)
		}
		if strings.ContainsFunc(msg, unicode.IsControl) {
			t.Errorf("%s: the refusal holds raw control characters: %q", name, msg)
		}
		if dbChecksum(t, s) != sum {
			t.Fatalf("%s: the refused file changed the plan", name)
		}
	}
	// Six levels are what the app allows, and import.
	if res, err := s.ImportJSON(ctx, bytes.NewReader(chainDoc(model.MaxDepth, nil))); err != nil || res.Added != model.MaxDepth+1 {
		t.Fatalf("a chain of %d levels: %v, %v", model.MaxDepth, res, err)
	}
}

// TestICalendarLinesAndEscaping: CRLF line ends, RFC 5545 escaping of text (a CR from an
// outcome included), and a repeating step as one recurring event with its skipped day excluded.
func TestICalendarLinesAndEscaping(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "ical.db"))
	o, err := s.CreateObjective(ctx, model.NewObjective("Get fit", stillClock()))
	if err != nil {
		t.Fatal(err)
	}
	g := model.NewMicroGoal(o.ID, 0, "Run, stretch; rest\\repeat", stillClock())
	g.Outcome = "Line one\r\nline two\rline three\x07"
	g.Due, g.DueHasTime, g.Repeat, g.Anchor = time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC), true, "FREQ=DAILY", "Work start"
	g, err = s.CreateGoal(ctx, g, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SetOccurrence(ctx, model.OccurrenceException{GoalID: g.ID, Original: model.D(2026, 11, 25), Status: model.StatusDropped}); err != nil {
		t.Fatal(err)
	}
	sub, err := s.CreateGoal(ctx, model.NewMicroGoal(o.ID, g.ID, "Buy shoes", stillClock()), 0)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := s.ExportICalendar(ctx, &b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if strings.Count(text, "\r\n") != strings.Count(text, "\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r") {
		t.Fatalf("lines do not all end in CRLF:\n%q", text)
	}
	unfolded := strings.ReplaceAll(text, "\r\n ", "")
	for _, want := range []string{`SUMMARY:Run\, stretch\; rest\\repeat`, `Outcome: Line one\nline two\nline three\n`,
		"RRULE:FREQ=DAILY\r\n", "EXDATE:20261125T070000Z\r\n", "RELATED-TO:"} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("the calendar lacks %q:\n%s", want, unfolded)
		}
	}
	if strings.Contains(unfolded, "\x07") {
		t.Error("a control character reached the calendar")
	}
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, todo := range cal.Todos() {
		if strings.Contains(todo.GetProperty(ics.ComponentPropertySummary).Value, "Buy shoes") {
			if rel := todo.GetProperty(ics.ComponentPropertyRelatedTo); rel == nil || !strings.HasSuffix(rel.Value, "-todo@microgoals") {
				t.Fatalf("sub-step %d has no RELATED-TO its parent", sub.ID)
			}
		}
		if strings.HasPrefix(todo.GetProperty(ics.ComponentPropertySummary).Value, "Run,") {
			if got := todo.GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(got, "Line one\nline two\nline three") {
				t.Fatalf("description read back %q", got)
			}
		}
	}
}
