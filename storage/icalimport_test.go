package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

func importFixture(t *testing.T, s *Store, name string) ImportResult {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportICalendar(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func goalsByTitle(t *testing.T, s *Store) (map[string]model.MicroGoal, Outline) {
	t.Helper()
	out, err := s.LoadOutline(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]model.MicroGoal{}
	for _, g := range out.Goals {
		m[g.Title] = g
	}
	return m, out
}

// TestICalendarImportOfClientFiles imports files in the structure Thunderbird, Evolution,
// khal and Apple Reminders export, and checks what each became.
func TestICalendarImportOfClientFiles(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	s := openAt(t, filepath.Join(t.TempDir(), "plan.db"))
	// Files without a calendar name share one "Imported calendar" objective; Apple's list
	// name gives its own.
	for _, c := range []struct {
		name  string
		added int
	}{{"thunderbird-tasks.ics", 4}, {"evolution-tasks.ics", 2}, {"khal-events.ics", 2}, {"apple-reminders.ics", 3}} {
		if res := importFixture(t, s, c.name); res.Added != c.added {
			t.Errorf("%s: %v, want %d added", c.name, res, c.added)
		}
	}
	g, out := goalsByTitle(t, s)
	if len(out.Goals) != 9 {
		t.Fatalf("%d steps imported, want 9", len(out.Goals))
	}
	objs := map[int64]string{}
	for _, o := range out.Objectives {
		objs[o.ID] = o.Title
	}
	// Thunderbird: a task with two sub-tasks, a zone, escaped text, a completion.
	grant := g["Finish the grant proposal"]
	if !grant.Due.Equal(time.Date(2026, 11, 30, 17, 0, 0, 0, berlin)) || !grant.DueHasTime || grant.Outcome != "All sections, budget included.\nSend to Maria first." {
		t.Errorf("grant proposal: due %v, outcome %q", grant.Due, grant.Outcome)
	}
	if b := g["Draft the budget section"]; b.ParentID != grant.ID || b.Status != model.StatusDone || !b.DoneAt.Equal(time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)) {
		t.Errorf("budget section: parent %d (want %d), %s at %v", b.ParentID, grant.ID, b.Status, b.DoneAt)
	}
	if a := g["Ask Maria for a review"]; a.ParentID != grant.ID || a.HasDue() {
		t.Errorf("review task: parent %d, due %v", a.ParentID, a.Due)
	}
	// Evolution: an all-day due date, a cancelled task.
	if p := g["Renew the passport"]; p.DueHasTime || p.Due.Format(time.DateOnly) != "2026-12-04" {
		t.Errorf("passport: due %v (has time %v)", p.Due, p.DueHasTime)
	}
	if c := g["Cancel the old phone contract"]; c.Status != model.StatusDropped {
		t.Errorf("cancelled task is %s", c.Status)
	}
	// khal: events, one repeating.
	if sw := g["Swim 1 km"]; sw.Repeat != "FREQ=WEEKLY;BYDAY=MO,WE" || !sw.Due.Equal(time.Date(2026, 11, 23, 7, 0, 0, 0, berlin)) {
		t.Errorf("swim: repeat %q, due %v", sw.Repeat, sw.Due)
	}
	if d := g["Dentist"]; d.DueHasTime || d.Due.Format(time.DateOnly) != "2026-12-03" {
		t.Errorf("dentist: %v", d.Due)
	}
	// Apple Reminders: the list's name, a completed reminder.
	if r := g["Return the library books"]; r.Status != model.StatusDone || objs[r.ObjectiveID] != "Imported: Errands" {
		t.Errorf("library books: %s under %q", r.Status, objs[r.ObjectiveID])
	}

	// Merge by UID: the same files again add nothing; a newer copy updates in place.
	sum := dbChecksum(t, s)
	for _, name := range []string{"thunderbird-tasks.ics", "evolution-tasks.ics", "khal-events.ics", "apple-reminders.ics"} {
		if res := importFixture(t, s, name); res.Added != 0 || res.Updated != 0 {
			t.Errorf("%s again: %v", name, res)
		}
	}
	if dbChecksum(t, s) != sum {
		t.Fatal("importing the same files again changed the plan")
	}
	data, _ := os.ReadFile(filepath.Join("testdata", "evolution-tasks.ics"))
	newer := strings.Replace(string(data), "SUMMARY:Renew the passport", "SUMMARY:Renew the passport before the trip", 1)
	newer = strings.Replace(newer, "LAST-MODIFIED:20261122T184501Z", "LAST-MODIFIED:20261126T080000Z", 1)
	res, err := s.ImportICalendar(ctx, strings.NewReader(newer))
	if err != nil || res.Added != 0 || res.Updated != 1 {
		t.Fatalf("newer copy: %v, %v", res, err)
	}
	g, out = goalsByTitle(t, s)
	if _, ok := g["Renew the passport before the trip"]; !ok || len(out.Goals) != 9 {
		t.Fatalf("the newer copy did not update in place (%d steps)", len(out.Goals))
	}
}

// TestICalendarRoundTripMergesByUID: a plan's own calendar export imports back onto the same
// steps; into an empty plan it brings every step, nested as before.
func TestICalendarRoundTripMergesByUID(t *testing.T) {
	a := demoWithRituals(t, 60, 0)
	var file bytes.Buffer
	if _, err := a.ExportICalendar(ctx, &file); err != nil {
		t.Fatal(err)
	}
	sum := dbChecksum(t, a)
	if res, err := a.ImportICalendar(ctx, bytes.NewReader(file.Bytes())); err != nil || res.Added != 0 || res.Updated != 0 {
		t.Fatalf("own export into the same plan: %v, %v", res, err)
	}
	if dbChecksum(t, a) != sum {
		t.Fatal("importing the plan's own calendar changed it")
	}
	b := openAt(t, filepath.Join(t.TempDir(), "b.db"))
	res, err := b.ImportICalendar(ctx, bytes.NewReader(file.Bytes()))
	if err != nil || res.Added != 61 {
		t.Fatalf("into an empty plan: %v, %v", res, err)
	}
	shape := func(s *Store) map[string]int {
		out, err := s.LoadOutline(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, g := range out.Goals {
			m[fmt.Sprintf("%s|%s|%d|%v|%v", g.Title, g.Status, g.Due.UnixMilli(), g.DueHasTime, g.ParentID == 0)]++
		}
		return m
	}
	sa, sb := shape(a), shape(b)
	for k, n := range sa {
		if sb[k] != n {
			t.Fatalf("%q: %d in the plan, %d after the round trip", k, n, sb[k])
		}
	}
}

func TestICalendarImportRefusesBadFiles(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "plan.db"))
	sum := dbChecksum(t, s)
	loop := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:a\r\nSUMMARY:A\r\nRELATED-TO:b\r\nEND:VTODO\r\nBEGIN:VTODO\r\nUID:b\r\nSUMMARY:B\r\nRELATED-TO:a\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
	for name, data := range map[string]string{"not a calendar": "hello", "loop": loop} {
		if _, err := s.ImportICalendar(ctx, strings.NewReader(data)); !errors.Is(err, ErrBadImport) {
			t.Errorf("%s: %v", name, err)
		}
		if dbChecksum(t, s) != sum {
			t.Fatalf("%s changed the plan", name)
		}
	}
}
