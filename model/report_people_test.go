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
		"- Wed 25 Nov — **drop** Old step: not essential", "![Burn-up of the objective in focus](r-burnup.png)",
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
