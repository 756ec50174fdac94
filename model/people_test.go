package model

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

func TestPeopleAndOwnerSuggestion(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, loc)
	due := now.AddDate(0, 0, -5)
	done := func(owner string, late bool, tags ...string) MicroGoal {
		at := due.Add(-time.Hour)
		if late {
			at = due.AddDate(0, 0, 2)
		}
		return MicroGoal{Owner: owner, Status: StatusDone, Due: due, DueHasTime: true, DoneAt: at, Tags: tags}
	}
	goals := []MicroGoal{
		done("Sam", false, "writing"), done("Sam", false, "writing"), done("sam", true, "writing", "@home"),
		done("Alex", false, "writing"), done("Alex", false, "writing"), done("Alex", false, "writing"), done("Alex", true, "code"),
		done("Maria", false, "code"), // one step: no record yet
		{Owner: "Sam", Status: StatusOpen, Tags: []string{"writing"}, Partner: "Alex"},
		{Owner: "Sam", Status: StatusDone, DoneAt: now, Tags: []string{"writing"}}, // undated: done, not on the record
	}
	people := PeopleOf(goals, loc)
	if len(people) != 3 || people[0].Name != "Sam" {
		t.Fatalf("people = %+v", people)
	}
	sam := people[0]
	if sam.Owned != (Tally{Open: 1, Done: 4, Dated: 3, OnTime: 2}) || sam.ByTag["writing"] != (Tally{Open: 1, Done: 4, Dated: 3, OnTime: 2}) {
		t.Fatalf("Sam: %+v by tag %+v", sam.Owned, sam.ByTag)
	}
	if _, ok := sam.ByTag["@home"]; ok {
		t.Fatal("a place counted as a tag")
	}
	var alex Person
	for _, p := range people {
		if p.Name == "Alex" {
			alex = p
		}
	}
	if alex.Partner.Open != 1 || alex.Owned.Done != 4 {
		t.Fatalf("Alex: %+v", alex)
	}

	s, ok := SuggestOwner(goals, []string{"@home", "writing"}, loc)
	if !ok || s.Owner != "Alex" || s.OnTime != 3 || s.Dated != 3 || s.Tag != "writing" {
		t.Fatalf("suggestion for writing: %+v %v", s, ok)
	}
	if s, ok := SuggestOwner(goals, []string{"code"}, loc); ok {
		t.Fatalf("code has no owner with a record of %d, got %+v", MinRecord, s)
	}
	if _, ok := SuggestOwner(goals, nil, loc); ok {
		t.Fatal("a suggestion without tags")
	}
}

func TestProjectFinish(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, loc)
	obj := Objective{ID: 1, TargetDate: time.Date(2026, 12, 31, 0, 0, 0, 0, loc)}
	var goals []MicroGoal
	for i := 0; i < 8; i++ { // 8 done in the last four weeks: 2 a week, 2/7 a day
		goals = append(goals, MicroGoal{ObjectiveID: 1, Status: StatusDone, DoneAt: now.AddDate(0, 0, -3*i-1)})
	}
	goals = append(goals, MicroGoal{ObjectiveID: 1, Status: StatusDone, DoneAt: now.AddDate(0, 0, -40)}) // too old
	goals = append(goals, MicroGoal{ObjectiveID: 2, Status: StatusDone, DoneAt: now.AddDate(0, 0, -1)})  // other objective
	for i := 0; i < 6; i++ {
		goals = append(goals, MicroGoal{ObjectiveID: 1, Status: StatusOpen})
	}
	p := ProjectFinish(goals, obj, now, loc)
	// 6 remaining at 8/28 a day: 21 days → 16 Dec, 15 days before the 31st.
	if p.Remaining != 6 || p.PerWeek != 2 || !p.HasFinish || !p.Finish.Equal(time.Date(2026, 12, 16, 0, 0, 0, 0, loc)) || p.DaysAhead != 15 {
		t.Fatalf("projection %+v", p)
	}
	obj.TargetDate = time.Date(2026, 12, 10, 0, 0, 0, 0, loc)
	if p := ProjectFinish(goals, obj, now, loc); p.DaysAhead != -6 {
		t.Fatalf("behind: %+v", p)
	}
	if p := ProjectFinish(goals[9:], obj, now, loc); p.HasFinish {
		t.Fatalf("no rate, yet a finish: %+v", p)
	}
}

func TestContextPatterns(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, loc)
	goals := []MicroGoal{
		{Status: StatusDone, DoneAt: now, DoneWhere: "library", DoneWith: "Sam", Due: now.Add(time.Hour), DueHasTime: true},
		{Status: StatusDone, DoneAt: now, Tags: []string{"x", "@Library"}, Due: now.Add(-time.Hour), DueHasTime: true},
		{Status: StatusDone, DoneAt: now, DoneWhere: "home"},
		{Status: StatusOpen, DoneWhere: "home"},
	}
	sprints := []Sprint{
		{StartedAt: now, EndedAt: now.Add(25 * time.Minute), PlannedMinutes: 25, Environment: "home", Partner: "sam"},
		{StartedAt: now, PlannedMinutes: 25, Environment: "home"}, // running: not counted
	}
	c := ContextPatternsOf(goals, sprints, loc)
	want := fmt.Sprint([]Group{{Name: "library", Done: Tally{Done: 2, Dated: 2, OnTime: 1}}, {Name: "home", Done: Tally{Done: 1}, SprintMinutes: 25}})
	if fmt.Sprint(c.Places) != want {
		t.Fatalf("places %v\nwant   %v", c.Places, want)
	}
	if fmt.Sprint(c.People) != fmt.Sprint([]Group{{Name: "Sam", Done: Tally{Done: 1, Dated: 1, OnTime: 1}, SprintMinutes: 25}}) {
		t.Fatalf("people %v", c.People)
	}
}

// BenchmarkContextPatterns100k groups 100,000 entries (50,000 steps and 50,000 sprints) by
// place and by collaborator.
func BenchmarkContextPatterns100k(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	places := []string{"home", "library", "café", "office", "train", ""}
	people := []string{"Sam", "Maria", "Alex", "coach", ""}
	goals := make([]MicroGoal, 50000)
	for i := range goals {
		at := now.Add(-time.Duration(rng.Intn(90*24)) * time.Hour)
		goals[i] = MicroGoal{ID: int64(i + 1), Status: StatusDone, DoneAt: at, Due: at.Add(time.Duration(rng.Intn(96)-48) * time.Hour), DueHasTime: true,
			DoneWhere: places[rng.Intn(len(places))], DoneWith: people[rng.Intn(len(people))], Tags: []string{"writing", "@home"}}
	}
	sprints := make([]Sprint, 50000)
	for i := range sprints {
		at := now.Add(-time.Duration(rng.Intn(90*24)) * time.Hour)
		sprints[i] = Sprint{StartedAt: at, EndedAt: at.Add(25 * time.Minute), PlannedMinutes: 25,
			Environment: places[rng.Intn(len(places))], Partner: people[rng.Intn(len(people))]}
	}
	b.ReportAllocs()
	b.ResetTimer()
	done := cpuPerOp(b)
	for i := 0; i < b.N; i++ {
		if c := ContextPatternsOf(goals, sprints, time.UTC); len(c.Places) != 5 {
			b.Fatalf("%d places", len(c.Places))
		}
	}
	done()
}

// BenchmarkPeople10k gathers the people of 10,000 steps (the People view, and each owner
// suggestion).
func BenchmarkPeople10k(b *testing.B) {
	_, goals := benchPlan(10000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		PeopleOf(goals, time.UTC)
	}
}
