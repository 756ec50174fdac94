package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// runDaily is a step repeating every day at 07:00 from Monday 16 Nov 2026; Tuesday's and
// Wednesday's occurrences are done, Thursday's skipped, the rest open.
func runDaily() ([]MicroGoal, Exceptions, *time.Location) {
	loc := time.UTC
	g := MicroGoal{ID: 7, ObjectiveID: 1, Title: "Run 5 km", Status: StatusOpen, Horizon: HorizonDay,
		Due: time.Date(2026, 11, 16, 7, 0, 0, 0, loc), DueHasTime: true, Repeat: "FREQ=DAILY",
		CreatedAt: time.Date(2026, 11, 15, 9, 0, 0, 0, loc)}
	one := MicroGoal{ID: 8, ObjectiveID: 1, Title: "Buy shoes", Status: StatusDone, Horizon: HorizonDay,
		Due: time.Date(2026, 11, 16, 0, 0, 0, 0, loc), DoneAt: time.Date(2026, 11, 16, 18, 0, 0, 0, loc),
		CreatedAt: time.Date(2026, 11, 15, 9, 0, 0, 0, loc)}
	ex := NewExceptions([]OccurrenceException{
		{GoalID: 7, Original: D(2026, 11, 17), Status: StatusDone, At: time.Date(2026, 11, 17, 7, 40, 0, 0, loc)},
		{GoalID: 7, Original: D(2026, 11, 18), Status: StatusDone, At: time.Date(2026, 11, 18, 7, 35, 0, 0, loc)},
		{GoalID: 7, Original: D(2026, 11, 19), Status: StatusDropped, At: time.Date(2026, 11, 19, 8, 0, 0, 0, loc)},
	})
	return []MicroGoal{g, one}, ex, loc
}

func TestOccurrenceCompletionsCountEverywhere(t *testing.T) {
	goals, ex, loc := runDaily()
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, loc) // Saturday
	week := ReviewPeriod(now, loc, PeriodWeek)
	all := WithCompletedOccurrences(goals, ex, DateOf(now.AddDate(0, 0, -60), loc), DateOf(now, loc), loc)

	// Wins and streaks: Monday (the shoes), Tuesday and Wednesday (runs).
	w := DailyWinsOf(all, loc, now)
	if w.Total != 3 || w.Longest != 3 {
		t.Fatalf("daily wins: total %d, longest streak %d; want 3 and 3", w.Total, w.Longest)
	}
	if plain := DailyWinsOf(goals, loc, now); plain.Total != 1 {
		t.Fatalf("without occurrences the wins are %d, want 1 (the test would prove nothing)", plain.Total)
	}
	// The weekly review lists both runs as completed.
	s := SummarizeWeek(all, week, now, loc)
	if len(s.Completed) != 3 {
		t.Fatalf("weekly review: %d completed, want 3", len(s.Completed))
	}
	// The report's completions per day.
	per := CompletionsPerDay(all, week, loc)
	if per[0] != 1 || per[1] != 1 || per[2] != 1 || per[3] != 0 {
		t.Fatalf("completions per day %v", per)
	}
	// The report says so too.
	if md := ProgressReport(ReportInput{Period: week, Now: now, Location: loc, Goals: all}); !strings.Contains(md, "**3 steps completed**") {
		t.Fatalf("report: %s", md)
	}
	// The burn-up counts done occurrences as done work.
	b := BurnUpOf(all, 1, loc, now)
	if last := b.Done[len(b.Done)-1]; last != 3 {
		t.Fatalf("burn-up done %d, want 3", last)
	}
}

func TestOccurrencesGetTheirOwnRemindersAndCelebrations(t *testing.T) {
	goals, ex, loc := runDaily()
	s := DefaultNotifySettings()
	s.Location = loc
	s.Since = time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
	plan := func(now time.Time, sent SentLog) []Notification {
		fire, _ := PlanNotifications(NotifyGoals(goals, ex, s, now), nil, s, sent, now)
		for _, n := range fire {
			sent[n.Key] = true
		}
		return fire
	}
	has := func(fire []Notification, kind NotifyKind, due time.Time) bool {
		for _, n := range fire {
			if n.Kind == kind && n.GoalID == 7 && (due.IsZero() || n.At.Equal(due)) {
				return true
			}
		}
		return false
	}
	sent := SentLog{}
	// Tuesday's run is celebrated; so is Wednesday's, although the series was celebrated the
	// day before.
	if fire := plan(time.Date(2026, 11, 17, 7, 41, 0, 0, loc), sent); !has(fire, KindDone, time.Date(2026, 11, 17, 7, 40, 0, 0, loc)) {
		t.Fatalf("Tuesday's run not celebrated: %+v", fire)
	}
	if fire := plan(time.Date(2026, 11, 18, 7, 36, 0, 0, loc), sent); !has(fire, KindDone, time.Date(2026, 11, 18, 7, 35, 0, 0, loc)) {
		t.Fatalf("Wednesday's run not celebrated: %+v", fire)
	}
	// Each occurrence has its own lead and due reminders: Friday's, then Saturday's.
	for _, day := range []int{20, 21} {
		due := time.Date(2026, 11, day, 7, 0, 0, 0, loc)
		if fire := plan(due.Add(-14*time.Minute), sent); !has(fire, KindDueSoon, due.Add(-15*time.Minute)) {
			t.Fatalf("no lead reminder for the run of the %dth: %+v", day, fire)
		}
		if fire := plan(due, sent); !has(fire, KindDueNow, due) {
			t.Fatalf("no due reminder for the run of the %dth: %+v", day, fire)
		}
	}
	// By Saturday noon, Monday's, Friday's and Saturday's runs are missed: the plan sees one
	// overdue item for the series, Saturday's.
	noon := time.Date(2026, 11, 21, 12, 0, 0, 0, loc)
	var missed []time.Time
	for _, g := range NotifyGoals(goals, ex, s, noon) {
		if g.ID == 7 && g.Status == StatusOpen && g.Due.Before(noon) {
			missed = append(missed, g.Due)
		}
	}
	if len(missed) != 1 || !missed[0].Equal(time.Date(2026, 11, 21, 7, 0, 0, 0, loc)) {
		t.Fatalf("missed occurrences kept for the plan: %v, want Saturday's only", missed)
	}
	overdue := 0
	for _, n := range plan(time.Date(2026, 11, 21, 8, 1, 0, 0, loc), sent) {
		if n.Kind == KindOverdue && n.GoalID == 7 {
			overdue++
		}
	}
	if overdue != 1 {
		t.Fatalf("%d overdue reminders for the series, want 1", overdue)
	}
}

// TestDroppedWeeklyTargetIsNoBand: a dropped weekly target shows no "0/1 done" band, in the
// week view or the month view.
func TestDroppedWeeklyTargetIsNoBand(t *testing.T) {
	loc := time.UTC
	start := D(2026, 11, 16)
	goals := []MicroGoal{
		{ID: 1, ObjectiveID: 1, Title: "Run 20 km this week", Horizon: HorizonWeek, Status: StatusOpen, Due: start.AddDays(6).Start(loc)},
		{ID: 2, ObjectiveID: 1, Title: "Write 5 pages this week", Horizon: HorizonWeek, Status: StatusDropped, Due: start.AddDays(6).Start(loc)},
		{ID: 3, ObjectiveID: 1, ParentID: 2, Title: "Write page 1", Horizon: HorizonDay, Status: StatusDropped, Due: start.AddDays(1).Start(loc)},
	}
	occs := Occurrences(goals, start, start.AddDays(6), nil, loc)
	row, _ := BucketWeek(start, occs, NewTree(goals), DefaultAnchors())
	if len(row.Targets) != 1 || row.Targets[0].Target.Goal.ID != 1 {
		t.Fatalf("week bands %+v, want only the open target", row.Targets)
	}
	month := BucketMonth(NewMonthGrid(2026, time.November, time.Monday), Occurrences(goals, D(2026, 10, 26), D(2026, 12, 6), nil, loc), NewTree(goals), DefaultAnchors())
	for _, r := range month.Rows {
		for _, tp := range r.Targets {
			if tp.Target.Goal.ID == 2 {
				t.Fatal("the month view shows the dropped target's band")
			}
		}
	}
}

// TestRepeatFromCompletion: "every 3 days" done two days late comes back three days after
// the completion, not on the calendar's next day; undoing the completion brings the
// calendar's days back.
func TestRepeatFromCompletion(t *testing.T) {
	loc := time.UTC
	g := MicroGoal{ID: 9, Title: "Water the plants", Horizon: HorizonDay, Status: StatusOpen, Repeat: "FREQ=DAILY;INTERVAL=3",
		Due: time.Date(2026, 11, 16, 8, 0, 0, 0, loc), DueHasTime: true, RepeatFromCompletion: true}
	days := func(ex Exceptions) []string {
		var out []string
		for _, o := range Occurrences([]MicroGoal{g}, D(2026, 11, 16), D(2026, 11, 30), ex, loc) {
			out = append(out, o.Day.String())
		}
		return out
	}
	calendar := []string{"2026-11-16", "2026-11-19", "2026-11-22", "2026-11-25", "2026-11-28"}
	if got := days(nil); !slices.Equal(got, calendar) {
		t.Fatalf("before any completion: %v", got)
	}
	done := NewExceptions([]OccurrenceException{{GoalID: 9, Original: D(2026, 11, 16), Status: StatusDone, At: time.Date(2026, 11, 18, 19, 0, 0, 0, loc)}})
	want := []string{"2026-11-16", "2026-11-21", "2026-11-24", "2026-11-27", "2026-11-30"}
	if got := days(done); !slices.Equal(got, want) {
		t.Fatalf("after the completion on the 18th: %v, want %v", got, want)
	}
	g.RepeatFromCompletion = false
	if got := days(done); !slices.Equal(got, calendar) {
		t.Fatalf("a calendar rule ignores the completion day: %v", got)
	}
}
