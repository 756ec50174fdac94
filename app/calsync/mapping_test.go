package calsync

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// roundTrip sends fields through iCalendar text and back.
func roundTrip(t *testing.T, it Item) (Fields, string) {
	t.Helper()
	data, err := Encode(ToICal(it, nil, start))
	if err != nil {
		t.Fatal(err)
	}
	cal, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	back, ok, err := FromICal(cal, time.UTC)
	if err != nil || !ok {
		t.Fatalf("read back: ok %v, %v\n%s", ok, err, data)
	}
	return back.Fields, string(data)
}

// TestEveryFieldRoundTrips writes a step with every field of model.MicroGoal set (checked by
// reflection, so a new field must be set here and mapped) and reads it back unchanged.
func TestEveryFieldRoundTrips(t *testing.T) {
	g := fullGoal(1, 0, "Draft chapter one")
	g.Status, g.DroppedAt, g.DropReason = model.StatusDropped, start.Add(time.Hour), "Merged into two"
	g.Tags = []string{"writing", "@desk"}
	g.Repeat = "FREQ=WEEKLY;BYDAY=MO,WE"
	g.RepeatFromCompletion = true
	g.Position = 2048
	g.ID, g.ObjectiveID, g.ParentID, g.CreatedAt, g.UpdatedAt, g.DoneAt = 7, 1, 3, start, start, time.Time{}
	v := reflect.ValueOf(g)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if v.Field(i).IsZero() && name != "DoneAt" { // DoneAt and DroppedAt exclude each other
			t.Errorf("fullGoal leaves %s unset: set it here and map it", name)
		}
	}
	l := storage.SyncLocal{Kind: storage.SyncGoal, UUID: "step-1", ParentUUID: "parent-1", Goal: g,
		Occurrences: []model.OccurrenceException{
			{Original: model.D(2026, 11, 4), Status: model.StatusDone, At: start.Add(50 * time.Hour)},
			{Original: model.D(2026, 11, 9), Status: model.StatusDropped},
			{Original: model.D(2026, 11, 11), Status: model.StatusOpen, MovedTo: model.D(2026, 11, 12)},
		}}
	f := LocalFields(l, "", time.UTC)
	back, text := roundTrip(t, Item{UID: "step-1", Fields: f, Created: start, Modified: start})
	if !reflect.DeepEqual(back, f) {
		t.Fatalf("fields changed in the round trip:\n sent %v\n read %v\n%s", f, back, text)
	}
	got := back.ToLocal("step-1", start, start, time.UTC)
	want := l.Goal
	want.ID, want.ObjectiveID, want.ParentID = 0, 0, 0 // placement travels as ParentUUID
	if !reflect.DeepEqual(got.Goal, want) {
		t.Errorf("goal changed:\n sent %+v\n read %+v", want, got.Goal)
	}
	if got.ParentUUID != "parent-1" || len(got.Occurrences) != 3 {
		t.Errorf("parent %q, occurrences %+v", got.ParentUUID, got.Occurrences)
	}
	// Other apps read the standard properties.
	for _, want := range []string{"SUMMARY:Draft chapter one", "STATUS:CANCELLED", "RELATED-TO;RELTYPE=PARENT:parent-1",
		"RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "EXDATE;VALUE=DATE:20261109", "RECURRENCE-ID;VALUE=DATE:20261104",
		"CATEGORIES:writing,@desk", "DUE:20261105T163000Z", "Done when: 3\\,000 words", "X-MICROGOALS-HORIZON:week"} {
		if !strings.Contains(strings.ReplaceAll(text, "\r\n ", ""), want) {
			t.Errorf("the VTODO lacks %q:\n%s", want, text)
		}
	}

	// A done step and an all-day due.
	g2 := model.NewMicroGoal(1, 0, "Call the coach", start).WithStatus(model.StatusDone, "", start.Add(time.Hour))
	g2.Due = time.Date(2026, 11, 6, 0, 0, 0, 0, time.UTC)
	f2 := LocalFields(storage.SyncLocal{Kind: storage.SyncGoal, Goal: g2}, "", time.UTC)
	back2, text2 := roundTrip(t, Item{UID: "s2", Fields: f2})
	if !reflect.DeepEqual(back2, f2) || !strings.Contains(text2, "DUE;VALUE=DATE:20261106") || !strings.Contains(text2, "COMPLETED:20261102T100000Z") {
		t.Fatalf("done step: sent %v read %v\n%s", f2, back2, text2)
	}

	// An objective.
	o := model.Objective{Title: "Write the novel", Why: "The story wants out", Status: model.ObjectiveAchieved,
		TargetDate: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), Position: 3, AchievedAt: start}
	fo := LocalFields(storage.SyncLocal{Kind: storage.SyncObjective, Objective: o}, "", time.UTC)
	backO, textO := roundTrip(t, Item{UID: "o1", Fields: fo})
	if !reflect.DeepEqual(backO, fo) {
		t.Fatalf("objective: sent %v read %v\n%s", fo, backO, textO)
	}
}

// TestOtherAppsPropertiesSurvive: sending a change keeps what another app put on the task
// (an alarm, its own X- properties).
func TestOtherAppsPropertiesSurvive(t *testing.T) {
	data, _ := os.ReadFile("testdata/thunderbird.ics")
	cal, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	it, _, err := FromICal(cal, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	it.Fields[fTitle] = "Buy trail shoes"
	out, err := Encode(ToICal(it, cal, start))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"X-MOZ-GENERATION:2", "BEGIN:VALARM", "SUMMARY:Buy trail shoes", "CATEGORIES:Errands",
		"DTSTART;TZID=Europe/Berlin:20261103T090000", "PERCENT-COMPLETE:0", "BEGIN:VTIMEZONE"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("lost %q:\n%s", want, out)
		}
	}
}

// TestOtherAppsTasksImportAsSteps reads tasks as Thunderbird, Evolution and Tasks.org write
// them and stores them: each becomes a plain step under the inbox objective.
func TestOtherAppsTasksImportAsSteps(t *testing.T) {
	s, err := storage.Open(filepath.Join(t.TempDir(), "p.db"), storage.Options{Location: time.UTC, Now: func() time.Time { return start }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cases := []struct {
		file, title, due, status, outcome string
		repeat                            string
	}{
		{"thunderbird.ics", "Buy running shoes", time.Date(2026, 11, 3, 18, 0, 0, 0, berlin).UTC().Format(time.RFC3339), "open", "Size 44, neutral cushioning", ""},
		{"evolution.ics", "Renew the library card", "2026-11-04", "done", "Bring a photo ID.", ""},
		{"tasksorg.ics", "Water the plants", "2026-11-05", "open", "Balcony first", "FREQ=WEEKLY;INTERVAL=1"},
	}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		cal, err := Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		it, ok, err := FromICal(cal, time.UTC)
		if err != nil || !ok {
			t.Fatalf("%s: ok %v, %v", c.file, ok, err)
		}
		l := it.Fields.ToLocal(it.UID, it.Created, it.Modified, time.UTC)
		stored, err := s.SyncApply(ctx, storage.SyncChange{Record: storage.SyncRecord{UUID: it.UID, Href: "/x/" + c.file, Base: encodeFields(it.Fields)}, Local: l, Inbox: "From other apps"})
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		g := stored.Goal
		due := g.Due.Format("2006-01-02")
		if g.DueHasTime {
			due = g.Due.UTC().Format(time.RFC3339)
		}
		if g.Title != c.title || due != c.due || string(g.Status) != c.status || g.Outcome != c.outcome || g.Repeat != c.repeat {
			t.Errorf("%s became %+v (due %s)", c.file, g, due)
		}
		if g.Horizon != model.HorizonDay || g.Stage != model.StagePlanning {
			t.Errorf("%s: not a plain step: %+v", c.file, g)
		}
	}
	out, _ := s.LoadOutline(ctx)
	if len(out.Objectives) != 1 || out.Objectives[0].Title != "From other apps" || len(out.Goals) != 3 {
		t.Fatalf("outline %d objectives (%+v), %d steps; want the three under the inbox", len(out.Objectives), out.Objectives, len(out.Goals))
	}
}

func TestMerge(t *testing.T) {
	base := Fields{"title": "A", "owner": "x", "due": "2026-11-01"}
	local := Fields{"title": "A2", "owner": "x", "due": "2026-11-03"}
	remote := Fields{"title": "A", "owner": "y", "due": "2026-11-02"}
	got, cs := Merge(base, local, remote, start, start.Add(time.Minute))
	want := Fields{"title": "A2", "owner": "y", "due": "2026-11-02"}
	if !reflect.DeepEqual(got, want) || len(cs) != 1 || cs[0].Lost != "2026-11-03" {
		t.Fatalf("merge = %v, %+v", got, cs)
	}
	got, cs = Merge(base, local, remote, start.Add(time.Hour), start)
	if got["due"] != "2026-11-03" || len(cs) != 1 || cs[0].Lost != "2026-11-02" {
		t.Fatalf("local later: %v, %+v", got, cs)
	}
}
