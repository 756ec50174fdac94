package model

import (
	"slices"
	"testing"
	"time"
)

func TestFocusCountAndBoard(t *testing.T) {
	goals := []MicroGoal{
		{ID: 1, ObjectiveID: 1, Stage: StageExecution, Status: StatusOpen},
		{ID: 2, ObjectiveID: 1, ParentID: 1, Stage: StageExecution, Status: StatusDone}, // done: not in progress
		{ID: 3, ObjectiveID: 1, ParentID: 1, Stage: StagePlanning, Status: StatusOpen},  // in a sprint below
		{ID: 4, ObjectiveID: 1, Stage: StageInput, Status: StatusOpen},
		{ID: 5, ObjectiveID: 1, Stage: StageReview, Status: StatusDropped}, // dropped: off the board
		{ID: 6, ObjectiveID: 2, Stage: StageExecution, Status: StatusOpen},
		{ID: 7, ObjectiveID: 1, Stage: StageCelebration, Status: StatusDone},
	}
	if n := FocusCount(goals, 0); n != 2 {
		t.Fatalf("FocusCount = %d, want 2 (steps 1 and 6)", n)
	}
	if n := FocusCount(goals, 3); n != 3 {
		t.Fatalf("FocusCount with a sprint on 3 = %d, want 3", n)
	}
	if n := FocusCount(goals, 2); n != 2 {
		t.Fatalf("a sprint on a done step counts: %d", n)
	}
	b := BuildBoard(NewTree(goals), goals, 1, 2, 3)
	want := [5][]int64{{4}, {3}, {1, 2}, nil, {7}}
	for i, c := range b.Columns {
		if c.Stage != Stages[i] || !slices.Equal(c.Cards, want[i]) {
			t.Errorf("column %d = %s %v, want %s %v", i, c.Stage, c.Cards, Stages[i], want[i])
		}
	}
	if b.InProgress != 2 || b.Focus != 3 || !b.OverLimit() {
		t.Fatalf("board counts %d in progress, %d in focus, over %v", b.InProgress, b.Focus, b.OverLimit())
	}
	if FocusWarning(3, 3) != "" || FocusWarning(4, 3) == "" || FocusWarning(9, 0) != "" {
		t.Fatal("FocusWarning: only past the limit")
	}
}

// The SMART check counts work in progress against the configured limit.
func TestSMARTUsesFocusLimit(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc)
	g := MicroGoal{ID: 1, ObjectiveID: 1, Title: "Write the intro of chapter 2", DoneWhen: "x", Due: now, Horizon: HorizonDay,
		Status: StatusOpen, Stage: StageExecution}
	c := SMARTContext{Now: now, Location: loc, ObjectiveExists: true, InProgress: 5, FocusLimit: 5}
	if s := CheckSMART(g, c); !s[Achievable].OK {
		t.Fatalf("5 in progress with a limit of 5 fails: %s", s[Achievable].Hint)
	}
	c.FocusLimit = 4
	if s := CheckSMART(g, c); s[Achievable].OK {
		t.Fatal("5 in progress with a limit of 4 passes")
	}
	g.Stage = StagePlanning // not in progress itself: the overload is not its fault
	if s := CheckSMART(g, c); !s[Achievable].OK {
		t.Fatal("a step not in progress is blamed for the overload")
	}
}

func TestTodayFocusFirst(t *testing.T) {
	loc := time.UTC
	day := D(2026, 11, 25)
	at := func(h int) time.Time { return time.Date(2026, 11, 25, h, 0, 0, 0, loc) }
	goals := []MicroGoal{
		{ID: 1, ObjectiveID: 1, Title: "a", Due: day.Start(loc), Status: StatusOpen},
		{ID: 2, ObjectiveID: 2, Title: "b", Due: day.Start(loc), Status: StatusOpen},
		{ID: 3, ObjectiveID: 1, Title: "c", Due: at(20), DueHasTime: true, Status: StatusOpen},
		{ID: 4, ObjectiveID: 2, Title: "d", Due: at(20), DueHasTime: true, Status: StatusOpen},
		{ID: 5, ObjectiveID: 1, Title: "e", Due: at(19), DueHasTime: true, Status: StatusOpen},
	}
	var occs []Occurrence
	for i := range goals {
		occs = append(occs, Occurrence{Goal: &goals[i], Day: day})
	}
	p := PlanToday(day, occs, nil, 3)
	p.FocusFirst(2, loc)
	var got []string
	for _, g := range p.Groups {
		for _, o := range g.Items {
			got = append(got, o.Goal.Title)
		}
	}
	if want := []string{"e", "d", "c", "b", "a"}; !slices.Equal(got, want) {
		t.Fatalf("today with objective 2 in focus: %q, want %q", got, want)
	}
}
