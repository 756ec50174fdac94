package model

import (
	"strings"
	"testing"
	"time"
)

func TestReviewPeriod(t *testing.T) {
	wed := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	w := ReviewPeriod(wed, time.UTC, PeriodWeek)
	if !w.Start.Equal(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)) || !w.End.Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) || w.Days() != 7 {
		t.Fatalf("week = %v", w)
	}
	sun := time.Date(2026, 11, 29, 23, 0, 0, 0, time.UTC)
	if got := ReviewPeriod(sun, time.UTC, PeriodWeek); !got.Start.Equal(w.Start) {
		t.Fatalf("Sunday belongs to the week that began on Monday: %v", got)
	}
	l := ReviewPeriod(wed, time.UTC, PeriodLast7)
	if !l.Start.Equal(time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)) || !l.End.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("last 7 = %v", l)
	}
	if w.String() != "Mon 23 Nov – Sun 29 Nov 2026" {
		t.Fatalf("label %q", w.String())
	}
}

func TestSummarizeWeek(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc)
	p := ReviewPeriod(now, loc, PeriodWeek)
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, loc) }
	g := func(id int64, status Status, due time.Time, hasTime bool, done time.Time) MicroGoal {
		return MicroGoal{ID: id, Title: "g", Status: status, Due: due, DueHasTime: hasTime, DoneAt: done, Horizon: HorizonDay}
	}
	goals := []MicroGoal{
		g(1, StatusDone, day(24, 0), false, day(24, 18)),       // done Tue
		g(2, StatusDone, day(23, 0), false, day(23, 8)),        // done Mon
		g(3, StatusDone, day(20, 0), false, day(22, 8)),        // done Sun before: not in period, counts for the streak
		g(4, StatusOpen, day(25, 8), true, time.Time{}),        // due 08:00 today: overdue
		g(5, StatusOpen, day(25, 0), false, time.Time{}),       // all-day today: still open
		g(6, StatusOpen, day(17, 0), false, time.Time{}),       // last week: overdue
		g(7, StatusOpen, day(28, 0), false, time.Time{}),       // Saturday: open
		g(8, StatusOpen, day(30, 0), false, time.Time{}),       // next week: neither
		g(9, StatusOpen, time.Time{}, false, time.Time{}),      // no date: neither
		{ID: 10, Status: StatusDropped, DroppedAt: day(24, 9)}, // dropped in period
	}
	s := SummarizeWeek(goals, p, now, loc)
	ids := func(gs []MicroGoal) (out []int64) {
		for _, g := range gs {
			out = append(out, g.ID)
		}
		return
	}
	if got := ids(s.Completed); len(got) != 2 || got[0] != 2 || got[1] != 1 {
		t.Errorf("completed = %v", got)
	}
	if got := ids(s.Overdue); len(got) != 2 || got[0] != 6 || got[1] != 4 {
		t.Errorf("overdue = %v", got)
	}
	if got := ids(s.Open); len(got) != 2 || got[0] != 5 || got[1] != 7 {
		t.Errorf("open = %v", got)
	}
	if s.Dropped != 1 || s.ByHorizon[HorizonDay] != 2 {
		t.Errorf("dropped %d, by horizon %v", s.Dropped, s.ByHorizon)
	}
	// Nothing done today yet: the streak counts Sun, Mon, Tue.
	if s.Streak != 3 {
		t.Errorf("streak = %d, want 3", s.Streak)
	}
	goals = append(goals, g(11, StatusDone, time.Time{}, false, day(25, 8)))
	if s := SummarizeWeek(goals, p, now, loc); s.Streak != 4 {
		t.Errorf("streak with today = %d, want 4", s.Streak)
	}
}

func TestCarryOverDue(t *testing.T) {
	p := ReviewPeriod(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), time.UTC, PeriodWeek)
	g := MicroGoal{Due: time.Date(2026, 11, 18, 14, 30, 0, 0, time.UTC), DueHasTime: true} // a Wednesday
	if got := CarryOverDue(g, p, time.UTC); !got.Equal(time.Date(2026, 12, 2, 14, 30, 0, 0, time.UTC)) {
		t.Fatalf("carried to %v, want Wed 2 Dec 14:30", got)
	}
	g.Due = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) // Sunday
	if got := CarryOverDue(g, p, time.UTC); !got.Equal(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("carried to %v, want Sun 6 Dec", got)
	}
}

func TestValidateDecisionAndAuditItems(t *testing.T) {
	if ps := Blocking(ValidateDecision(Decision{GoalID: 1, Kind: DecisionKeep})); len(ps) != 0 {
		t.Fatalf("keep needs no rationale: %v", ps)
	}
	for _, k := range []DecisionKind{DecisionAdjust, DecisionDrop, DecisionReverse} {
		ps := Blocking(ValidateDecision(Decision{GoalID: 1, Kind: k, Rationale: "  "}))
		if len(ps) != 1 || ps[0].Field != "rationale" {
			t.Fatalf("%s without rationale: %v", k, ps)
		}
	}
	if ps := Blocking(ValidateDecision(Decision{GoalID: 1, ObjectiveID: 2, Kind: DecisionKeep})); len(ps) != 1 {
		t.Fatalf("two subjects: %v", ps)
	}
	objs := []Objective{{ID: 1, Title: "A", Status: ObjectiveActive}, {ID: 2, Title: "B", Status: ObjectiveArchived}}
	goals := []MicroGoal{
		{ID: 10, ObjectiveID: 1, Position: 2, Title: "week", Horizon: HorizonWeek, Status: StatusOpen},
		{ID: 11, ObjectiveID: 1, Position: 1, Title: "day", Horizon: HorizonDay, Status: StatusOpen},
		{ID: 12, ObjectiveID: 1, ParentID: 11, Position: 1, Title: "month under day", Horizon: HorizonMonth, Status: StatusOpen},
		{ID: 13, ObjectiveID: 1, Position: 3, Title: "done week", Horizon: HorizonWeek, Status: StatusDone},
		{ID: 14, ObjectiveID: 2, Position: 1, Title: "archived", Horizon: HorizonWeek, Status: StatusOpen},
	}
	var got []string
	for _, it := range AuditItems(objs, goals) {
		got = append(got, it.Title())
	}
	if strings.Join(got, ",") != "A,month under day,week" {
		t.Fatalf("audit items = %v", got)
	}
}

func TestProgressReportEscapesAndSums(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	p := ReviewPeriod(now, time.UTC, PeriodWeek)
	in := ReportInput{Period: p, Now: now, Location: time.UTC,
		Objectives: []Objective{{ID: 1, Title: "Write *the* novel", Status: ObjectiveActive}},
		Goals: []MicroGoal{
			{ID: 1, ObjectiveID: 1, Title: "Draft | chapter 1", Status: StatusDone, DoneAt: now.Add(-time.Hour), DoneWhen: "1,000 words",
				Metric: Metric{Kind: MetricQuantitative, Unit: "words", Target: 1000}},
			{ID: 2, ObjectiveID: 1, Title: "Draft chapter 2", Status: StatusOpen},
		},
		Totals:  map[int64]float64{1: 750},
		Reviews: []Review{{Period: p, Completed: 1, Wins: "Finished chapter 1", Lessons: "Write mornings"}},
		Charts:  map[string]string{"completions": "report-completions.png"},
	}
	md := ProgressReport(in)
	for _, want := range []string{
		"# Progress report: Mon 23 Nov – Sun 29 Nov 2026",
		"**1 step completed**",
		`**Write \*the\* novel** (active): 1 of 2 steps done, 50%`,
		`Draft \| chapter 1`,
		"| 750 words | 1000 words | 75% |",
		"![Steps completed per day](report-completions.png)",
		"**Lessons:** Write mornings",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if got := CompletionsPerDay(in.Goals, p, time.UTC); len(got) != 7 || got[2] != 1 {
		t.Errorf("completions per day = %v", got)
	}
	// In German the dates, percentages and numbers are written the German way.
	in.Locale = ParseLocale("de_DE.UTF-8")
	in.Totals[1] = 1250.5
	md = ProgressReport(in)
	for _, want := range []string{
		"# Progress report: Mo. 23. Nov. – So. 29. Nov. 2026",
		"Written Mi. 25. Nov. 2026 09:00",
		"1 of 2 steps done, 50\u00a0%",
		"| 1.250,5 words | 1.000 words | 125\u00a0% |",
		"- Mi. 25. Nov. — Draft",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("German report lacks %q:\n%s", want, md)
		}
	}
}
