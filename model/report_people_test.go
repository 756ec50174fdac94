package model

import (
	"strings"
	"testing"
	"time"
)

func TestReportByOwnerAndPlace(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	p := ReviewPeriod(now, time.UTC, PeriodWeek)
	due := now.Add(time.Hour)
	in := ReportInput{Period: p, Now: now,
		Goals: []MicroGoal{
			{ID: 1, Owner: "Sam", Status: StatusDone, DoneAt: now.Add(-time.Hour), Due: due, DueHasTime: true, DoneWhere: "library", DoneWith: "Maria"},
			{ID: 2, Owner: "Sam", Status: StatusOpen},
			{ID: 3, Owner: "Alex", Status: StatusDone, DoneAt: now.AddDate(0, 0, -30)}, // before the period
		},
		Decisions: []Decision{{Kind: DecisionDrop, Subject: "Old step", Rationale: "not essential", At: now.Add(-time.Hour)},
			{Kind: DecisionKeep, Subject: "Older", At: now.AddDate(0, 0, -20)}},
		Charts:  map[string]string{"burnup": "r-burnup.png"},
		Sprints: []Sprint{{StartedAt: now.Add(-2 * time.Hour), EndedAt: now.Add(-95 * time.Minute), PlannedMinutes: 25, Environment: "library"}},
	}
	md := ProgressReport(in)
	for _, want := range []string{
		"## By owner", "- **Sam**: 1 done, 1 of 1 on time; 1 still open",
		"- Wed 25 Nov — **Dropped** Old step: not essential", "![Burn-up of the objective in focus](r-burnup.png)",
		"## Places and collaborators", "| Place | library | 1 | 100% | 25 |", "| With | Maria | 1 | 100% | 0 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "Older") {
		t.Error("a decision before the period is in the report")
	}
	if strings.Contains(md, "Alex") {
		t.Error("a step done before the period is in the report")
	}
}

// The report's patterns by place and collaborator count only the steps done and the sprints
// ended within its period.
func TestContextPatternsIn(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) // a Wednesday
	p := ReviewPeriod(now, time.UTC, PeriodWeek)
	before := p.Start.Add(-time.Hour)
	goals := []MicroGoal{
		{Status: StatusDone, DoneAt: now, DoneWhere: "library", DoneWith: "Ana"},
		{Status: StatusDone, DoneAt: before, DoneWhere: "café", DoneWith: "Ben"}, // the week before
		{Status: StatusOpen, DoneWhere: "home"},
	}
	sprints := []Sprint{
		{StartedAt: now, EndedAt: now.Add(25 * time.Minute), PlannedMinutes: 25, Environment: "library", Partner: "Ben"},
		{StartedAt: before.Add(-time.Hour), EndedAt: before, PlannedMinutes: 25, Environment: "train"},
		{StartedAt: now, PlannedMinutes: 25, Environment: "train"}, // still running
	}
	c := ContextPatternsIn(goals, sprints, p, time.UTC)
	if len(c.Places) != 1 || c.Places[0].Name != "library" || c.Places[0].Done.Done != 1 || c.Places[0].SprintMinutes != 25 {
		t.Fatalf("places %+v", c.Places)
	}
	if len(c.People) != 2 || c.People[0].Name != "Ana" || c.People[1].Name != "Ben" || c.People[1].Done.Done != 0 || c.People[1].SprintMinutes != 25 {
		t.Fatalf("people %+v", c.People)
	}
}
