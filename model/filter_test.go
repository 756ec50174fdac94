package model

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"
)

func TestParseFilter(t *testing.T) {
	f := ParseFilter("Draft #Writing @home stage:exec status:open due:over owner:Sam partner:maria horizon:w is:focus stage:zzz intro")
	want := Filter{Words: []string{"draft", "intro"}, Stage: StageExecution, Status: StatusOpen, Horizon: HorizonWeek,
		Owner: "Sam", Partner: "maria", Tags: []string{"Writing", "@home"}, Due: DueOverdue, FocusOnly: true, Unknown: []string{"stage:zzz"}}
	if fmt.Sprintf("%+v", f) != fmt.Sprintf("%+v", want) {
		t.Fatalf("ParseFilter =\n%+v\nwant\n%+v", f, want)
	}
	if ParseFilter("  ").Active() {
		t.Fatal("an empty query filters")
	}
	if f := ParseFilter("note:x"); !slices.Equal(f.Words, []string{"note:x"}) {
		t.Fatalf("an unknown key is text: %+v", f)
	}
}

// filterPlan: objective 1 (in focus) and 2; steps nested under 1.
func filterPlan(loc *time.Location) ([]Objective, []MicroGoal, time.Time) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc) // a Wednesday
	day := func(d int) time.Time { return time.Date(2026, 11, 25+d, 0, 0, 0, 0, loc) }
	objs := []Objective{{ID: 1, Title: "Write a novel", InFocus: true}, {ID: 2, Title: "Run a marathon", Notes: "Spring race"}}
	goals := []MicroGoal{
		{ID: 10, ObjectiveID: 1, Title: "Draft part one", Stage: StageExecution, Status: StatusOpen, Horizon: HorizonMonth, Due: day(20)},
		{ID: 11, ObjectiveID: 1, ParentID: 10, Title: "Outline chapter 1", Stage: StagePlanning, Status: StatusDone, Horizon: HorizonWeek, Owner: "Sam", Due: day(-3)},
		{ID: 12, ObjectiveID: 1, ParentID: 11, Title: "Interview a detective", Outcome: "Police procedure notes", Status: StatusOpen, Horizon: HorizonDay, Due: day(-1), Tags: []string{"research", "@library"}},
		{ID: 13, ObjectiveID: 1, Title: "Read the draft aloud", Notes: "Use the **quiet** room", Status: StatusOpen, Horizon: HorizonDay, Partner: "Maria", Due: day(0)},
		{ID: 20, ObjectiveID: 2, Title: "Buy running shoes", DoneWhen: "Shoes fit", Status: StatusOpen, Horizon: HorizonDay, Stage: StageInput, Tags: []string{"gear"}},
		{ID: 21, ObjectiveID: 2, Title: "Run the long route", Status: StatusDropped, Horizon: HorizonWeek, Due: day(5)},
	}
	return objs, goals, now
}

func TestFilterMatchesKeepAncestors(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	objs, goals, now := filterPlan(loc)
	ix := NewSearchIndex(objs, goals)
	c := FilterContext{Now: now, Location: loc, FirstWeekday: time.Monday}
	cases := []struct {
		query            string
		matched, context []int64 // steps
		objMatched       []int64
	}{
		{"", []int64{10, 11, 12, 13, 20, 21}, nil, []int64{1, 2}},
		{"detective", []int64{12}, []int64{10, 11}, nil},
		{"POLICE", []int64{12}, []int64{10, 11}, nil}, // outcome, any case
		{"quiet", []int64{13}, nil, nil},              // notes
		{"fit", []int64{20}, nil, nil},                // done when
		{"#research", []int64{12}, []int64{10, 11}, nil},
		{"@library interview", []int64{12}, []int64{10, 11}, nil},
		{"stage:execute", []int64{10}, nil, nil},
		{"status:done", []int64{11}, []int64{10}, nil},
		{"owner:sam", []int64{11}, []int64{10}, nil},
		{"partner:MARIA", []int64{13}, nil, nil},
		{"horizon:week", []int64{11, 21}, []int64{10}, nil},
		{"due:overdue", []int64{12}, []int64{10, 11}, nil}, // 11 is past but done
		{"due:today", []int64{13}, nil, nil},
		{"due:week", []int64{12, 13}, []int64{10, 11}, nil}, // Mon 23 – Sun 29; 11 was Sun 22
		{"due:none", []int64{20}, nil, nil},
		{"is:focus", []int64{10, 11, 12, 13}, nil, []int64{1}},
		{"spring", nil, nil, []int64{2}}, // objective notes
		{"marathon", nil, nil, []int64{2}},
		{"run", []int64{20, 21}, nil, []int64{2}}, // "Run the long route", "Buy running shoes" and the objective
		{"running shoes", []int64{20}, nil, nil},
		{"nothing-like-this", nil, nil, nil},
	}
	for _, cs := range cases {
		r := ix.Apply(ParseFilter(cs.query), c)
		for _, g := range goals {
			shown, matched := r.Goal(g.ID)
			wantM, wantC := slices.Contains(cs.matched, g.ID), slices.Contains(cs.context, g.ID)
			if matched != wantM || shown != (wantM || wantC) {
				t.Errorf("%q: step %d %q shown %v matched %v; want shown %v matched %v", cs.query, g.ID, g.Title, shown, matched, wantM || wantC, wantM)
			}
		}
		for _, o := range objs {
			shown, matched := r.Objective(o.ID)
			wantM := slices.Contains(cs.objMatched, o.ID)
			hasStep := false
			for _, id := range append(slices.Clone(cs.matched), cs.context...) {
				if id/10 == o.ID {
					hasStep = true
				}
			}
			if matched != wantM || shown != (wantM || hasStep) {
				t.Errorf("%q: objective %d shown %v matched %v; want matched %v shown %v", cs.query, o.ID, shown, matched, wantM, wantM || hasStep)
			}
		}
		if cs.query != "" && r.Matches != len(cs.matched)+len(cs.objMatched) {
			t.Errorf("%q: %d matches, want %d", cs.query, r.Matches, len(cs.matched)+len(cs.objMatched))
		}
	}
}

// benchPlan is n steps over 10 objectives, nested up to three levels, with words to find.
func benchPlan(n int) ([]Objective, []MicroGoal) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"draft", "outline", "review", "interview", "run", "call", "write", "plan", "read", "fix"}
	objs := make([]Objective, 10)
	for i := range objs {
		objs[i] = Objective{ID: int64(i + 1), Title: fmt.Sprintf("Objective %d", i+1), InFocus: i == 0}
	}
	goals := make([]MicroGoal, n)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	for i := range goals {
		g := MicroGoal{ID: int64(i + 1), ObjectiveID: int64(i%10 + 1), Status: StatusOpen, Stage: Stages[i%5], Horizon: Horizons[i%4],
			Title:   fmt.Sprintf("%s the %s section %d", words[rng.Intn(10)], words[rng.Intn(10)], i),
			Outcome: "A clear next step and nothing left half-done", DoneWhen: "The result is saved and I have told someone",
			Due: now.AddDate(0, 0, rng.Intn(80)-40), Owner: []string{"me", "Sam", "Alex"}[i%3], Tags: []string{"writing", "@home"}[i%2 : i%2+1]}
		if i >= 10 && i%3 != 0 {
			g.ParentID = int64(i - 9) // the step 10 places up is of the same objective
		}
		if i%7 == 0 {
			g.Notes = "Some **notes** with a [link](https://example.com) and a longer paragraph of text to search."
		}
		goals[i] = g
	}
	return objs, goals
}

// BenchmarkFilterKeystroke filters 10,000 steps the way typing a query does: one keystroke
// more of "interview" each time, against an index built once.
func BenchmarkFilterKeystroke(b *testing.B) {
	objs, goals := benchPlan(10000)
	ix := NewSearchIndex(objs, goals)
	c := FilterContext{Now: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), Location: time.UTC, FirstWeekday: time.Monday}
	queries := []string{"i", "in", "int", "inte", "inter", "interv", "intervi", "intervie", "interview", "interview #writing", "interview #writing due:week"}
	b.ReportAllocs()
	b.ResetTimer()
	done := cpuPerOp(b)
	for i := 0; i < b.N; i++ {
		r := ix.Apply(ParseFilter(queries[i%len(queries)]), c)
		if r.Matches == 0 && i%len(queries) < 9 {
			b.Fatal("nothing found")
		}
	}
	done()
}

// BenchmarkSearchIndex builds the index of 10,000 steps (once per change of the plan while a
// filter is on).
func BenchmarkSearchIndex(b *testing.B) {
	objs, goals := benchPlan(10000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewSearchIndex(objs, goals)
	}
}
