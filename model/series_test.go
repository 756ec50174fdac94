package model

import (
	"math"
	"testing"
	"time"
)

var (
	utc = time.UTC
	// t0 is Wednesday 25 November 2026, 09:00 UTC.
	t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
)

func day(n int) time.Time  { return t0.AddDate(0, 0, n) }
func hour(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }

func entry(id int64, at time.Time, v float64, corrects int64, logged time.Time) MetricEntry {
	return MetricEntry{ID: id, GoalID: 1, At: at, Value: v, CorrectsID: corrects, CreatedAt: logged}
}

func TestEffectiveEntriesAppliesCorrections(t *testing.T) {
	if got := EffectiveEntries(nil); len(got) != 0 {
		t.Fatalf("empty log: %v", got)
	}
	log := []MetricEntry{
		// Out of order on purpose: a correction before the entry it corrects.
		entry(4, day(-1), 40, 2, hour(2)), // corrects 2 (20 → 40), logged later than 3
		entry(1, day(-3), 10, 0, day(-3)),
		entry(3, day(-1), 25, 2, hour(1)), // an earlier correction of 2 (20 → 25)
		entry(2, day(-2), 20, 0, day(-2)),
		entry(5, day(-1), 45, 4, hour(3)), // corrects the correction: 40 → 45
		entry(6, day(0), 5, 0, day(0)),
	}
	got := EffectiveEntries(log)
	var ids []int64
	var sum float64
	for _, e := range got {
		ids = append(ids, e.ID)
		sum += e.Value
	}
	// 1 (day -3), 5 (day -1: the last word on entry 2), 6 (day 0).
	if want := []int64{1, 5, 6}; !equalIDs(ids, want) {
		t.Fatalf("effective IDs = %v, want %v", ids, want)
	}
	if sum != 10+45+5 || MetricTotal(log) != 60 {
		t.Fatalf("total = %v / %v, want 60", sum, MetricTotal(log))
	}
	if by := CorrectedBy(log); by[2] != 4 || by[4] != 5 || len(by) != 2 {
		t.Fatalf("CorrectedBy = %v", by)
	}
	// The log itself is untouched.
	if log[0].ID != 4 || log[0].Value != 40 {
		t.Fatal("EffectiveEntries rewrote its input")
	}
}

func TestEffectiveEntriesSingleAndSameTimestamp(t *testing.T) {
	one := []MetricEntry{entry(7, day(0), 3, 0, day(0))}
	if got := EffectiveEntries(one); len(got) != 1 || got[0].Value != 3 {
		t.Fatalf("single: %v", got)
	}
	// Two corrections logged at the same instant: the higher ID is the later one.
	log := []MetricEntry{entry(1, day(0), 1, 0, day(0)), entry(3, day(0), 9, 1, day(1)), entry(2, day(0), 5, 1, day(1))}
	if got := MetricTotal(log); got != 9 {
		t.Fatalf("total = %v, want 9", got)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCountsMinutesAndFormatValue(t *testing.T) {
	for unit, want := range map[string]bool{"minutes": true, " Min ": true, "mins": true, "pages": false, "": false} {
		if got := CountsMinutes(Metric{Kind: MetricQuantitative, Unit: unit}); got != want {
			t.Errorf("CountsMinutes(%q) = %v", unit, got)
		}
	}
	if CountsMinutes(Metric{Kind: MetricQualitative, Unit: "minutes"}) {
		t.Error("a checkpoint does not count minutes")
	}
	for v, want := range map[float64]string{0: "0", 30: "30", 1200: "1,200", -1234567: "-1,234,567", 2.5: "2.5"} {
		if got := FormatValue(v); got != want {
			t.Errorf("FormatValue(%v) = %q, want %q", v, got, want)
		}
	}
}

func goal(id, obj int64, created time.Time, due time.Time, status Status, doneAt time.Time) MicroGoal {
	g := MicroGoal{ID: id, ObjectiveID: obj, CreatedAt: created, Due: due, Status: status, DoneAt: doneAt}
	return g
}

func TestBurnUp(t *testing.T) {
	if b := BurnUpOf(nil, 1, utc, t0); b.Total != 0 || len(b.Days) != 0 {
		t.Fatalf("empty: %+v", b)
	}
	mid := func(n int) time.Time { return Day(day(n), utc) }
	goals := []MicroGoal{
		goal(1, 1, day(-4), mid(-3), StatusDone, day(-3)),        // due day -3, done day -3
		goal(2, 1, day(-4), mid(-1), StatusDone, day(-2)),        // due day -1, done early on day -2
		goal(3, 1, day(-4), mid(2), StatusOpen, time.Time{}),     // due in two days
		goal(4, 1, day(-4), time.Time{}, StatusDone, hour(-1)),   // undated, done today
		goal(5, 1, day(-4), mid(-2), StatusDropped, time.Time{}), // dropped: not counted
		goal(6, 2, day(-10), mid(-9), StatusDone, day(-9)),       // another objective
	}
	b := BurnUpOf(goals, 1, utc, t0)
	// Days -4 … +2: seven days. Gap days (-4, -1, +1) carry the totals forward.
	if len(b.Days) != 7 || !b.Days[0].Equal(mid(-4)) || !b.Days[6].Equal(mid(2)) {
		t.Fatalf("days = %v", b.Days)
	}
	wantDone := []int{0, 1, 2, 2, 3, 3, 3}
	wantPlan := []int{0, 1, 1, 2, 2, 2, 3}
	for i := range b.Days {
		if b.Done[i] != wantDone[i] || b.Planned[i] != wantPlan[i] {
			t.Fatalf("done %v plan %v, want %v %v", b.Done, b.Planned, wantDone, wantPlan)
		}
	}
	if b.Total != 4 || b.Undated != 1 {
		t.Fatalf("total %d undated %d", b.Total, b.Undated)
	}
	if b.At(t0, utc) != 4 || b.At(day(5), utc) != -1 {
		t.Fatalf("At: %d %d", b.At(t0, utc), b.At(day(5), utc))
	}
	// A single step created, due and done today: one day.
	one := BurnUpOf([]MicroGoal{goal(1, 3, t0, mid(0), StatusDone, t0)}, 3, utc, t0)
	if len(one.Days) != 1 || one.Done[0] != 1 || one.Planned[0] != 1 {
		t.Fatalf("single: %+v", one)
	}
}

func TestMetricProgress(t *testing.T) {
	g := MicroGoal{ID: 1, CreatedAt: day(-10), Due: Day(day(10), utc), DueHasTime: false,
		Metric: Metric{Kind: MetricQuantitative, Unit: "pages", Target: 200}}
	// Due at the end of day +10 (23:59:59); the line runs from day -10 09:00.
	g.Due, g.DueHasTime = day(10), true // exactly 20 days from start: half-way at t0
	empty := MetricProgressOf(g, nil, utc, t0)
	if empty.Total != 0 || len(empty.Points) != 0 || empty.Expected != 100 {
		t.Fatalf("empty: %+v", empty)
	}
	if v := empty.Verdict(); v != "Behind plan by 100 pages (0 of 200)" {
		t.Fatalf("empty verdict %q", v)
	}
	log := []MetricEntry{
		entry(3, day(-1), 50, 0, day(-1)),
		entry(1, day(-8), 30, 0, day(-8)),
		entry(2, day(-5), 20, 0, day(-5)),
		entry(4, day(-5), 40, 2, day(-4)), // 20 → 40
		entry(5, day(3), 500, 0, day(3)),  // in the future of now: not counted yet
	}
	p := MetricProgressOf(g, log, utc, t0)
	want := []float64{30, 70, 120}
	if len(p.Points) != 3 {
		t.Fatalf("points %v", p.Points)
	}
	for i, v := range want {
		if p.Points[i].Value != v {
			t.Fatalf("points %v, want values %v", p.Points, want)
		}
	}
	if p.Total != 120 || p.Expected != 100 || p.Ahead() != 20 {
		t.Fatalf("total %v expected %v", p.Total, p.Expected)
	}
	if v := p.Verdict(); v != "Ahead of plan by 20 pages (120 of 200)" {
		t.Fatalf("verdict %q", v)
	}
	if got := p.PlanAt(day(-20)); got != 0 {
		t.Errorf("before start %v", got)
	}
	if got := p.PlanAt(day(30)); got != 200 {
		t.Errorf("after due %v", got)
	}
	// Target reached, and no due date at all.
	g2 := g
	g2.Due = time.Time{}
	p2 := MetricProgressOf(g2, append(log, entry(6, day(0), 80, 0, day(0))), utc, t0.Add(time.Hour))
	if p2.Total != 200 || p2.Verdict() != "Target reached: 200 of 200 pages" {
		t.Fatalf("reached: %v %q", p2.Total, p2.Verdict())
	}
	// A single entry before the goal was created moves the start back to it.
	p3 := MetricProgressOf(g, []MetricEntry{entry(9, day(-12), 1, 0, day(-12))}, utc, t0)
	if !p3.Start.Equal(day(-12)) || len(p3.Points) != 1 {
		t.Fatalf("start %v", p3.Start)
	}
}

func TestDailyWinsAndStreaks(t *testing.T) {
	empty := DailyWinsOf(nil, utc, t0)
	// Today is a Wednesday: the map starts on the Monday 11 weeks before this week's Monday.
	if !empty.Start.Equal(time.Date(2026, 9, 7, 0, 0, 0, 0, utc)) || empty.Today != 77+2 || empty.Current != 0 || empty.Longest != 0 || len(empty.Counts) != 84 {
		t.Fatalf("empty: start %v today %d %+v", empty.Start, empty.Today, empty)
	}
	done := func(at time.Time) MicroGoal { return MicroGoal{Status: StatusDone, DoneAt: at} }
	goals := []MicroGoal{
		done(hour(-2)), done(hour(-1)), // two today
		done(day(-1)),                                                      // yesterday
		done(day(-2)),                                                      // the day before: current streak 3
		done(day(-4)),                                                      // gap on day -3
		done(day(-100)), done(day(-101)), done(day(-102)), done(day(-103)), // a run of 4 long ago, off the map
		{Status: StatusOpen, DoneAt: day(-5)}, // not done: ignored
		{Status: StatusDone, DoneAt: day(2)},  // done "in the future": ignored
	}
	w := DailyWinsOf(goals, utc, t0)
	if w.Counts[w.Today] != 2 || w.Counts[w.Today-1] != 1 || w.Counts[w.Today-3] != 0 || w.Counts[w.Today-4] != 1 {
		t.Fatalf("counts near today: %v", w.Counts[w.Today-5:w.Today+1])
	}
	if w.Current != 3 || w.Longest != 4 || w.Total != 5 || w.Max != 2 {
		t.Fatalf("current %d longest %d total %d max %d", w.Current, w.Longest, w.Total, w.Max)
	}
	// Nothing done yet today: yesterday's run still counts as current.
	w2 := DailyWinsOf(goals[2:], utc, t0)
	if w2.Current != 2 {
		t.Fatalf("current without today = %d, want 2", w2.Current)
	}
	// A single completion.
	w3 := DailyWinsOf(goals[:1], utc, t0)
	if w3.Current != 1 || w3.Longest != 1 {
		t.Fatalf("single: %+v", w3)
	}
}

func TestPatterns(t *testing.T) {
	if p := PatternsOf(nil, nil, utc); p.Completions != 0 || p.OnTimeRate() != 0 || p.AvgSlipDays != 0 {
		t.Fatalf("empty: %+v", p)
	}
	// t0 is Wednesday 09:00.
	goals := []MicroGoal{
		{Status: StatusDone, DoneAt: t0, Due: day(1), DueHasTime: true},                         // on time, Wed 9h
		{Status: StatusDone, DoneAt: t0.Add(30 * time.Minute), Due: Day(day(-2), utc)},          // all-day due Mon, 1 day 9h30m+1s late
		{Status: StatusDone, DoneAt: day(1).Add(5 * time.Hour), Due: day(-2), DueHasTime: true}, // Thu 14h, 3 days 5h late
		{Status: StatusDone, DoneAt: day(2)},                                                    // undated, Fri 9h
		{Status: StatusOpen, Due: day(-5), DueHasTime: true},                                    // open: not counted
	}
	sprints := []Sprint{
		// Wed 09:40 → 10:05, 25 min worked: 20 in the 9 o'clock hour, 5 in the 10.
		{StartedAt: t0.Add(40 * time.Minute), PlannedMinutes: 25, EndedAt: t0.Add(65 * time.Minute), Completed: true},
		// Sun 23:50 → Mon 00:10 with a 10-minute pause: 10 worked over 20 minutes, 5 + 5.
		{StartedAt: time.Date(2026, 11, 29, 23, 50, 0, 0, utc), PlannedMinutes: 25, Paused: 10 * time.Minute, EndedAt: time.Date(2026, 11, 30, 0, 10, 0, 0, utc)},
		{StartedAt: t0, PlannedMinutes: 25}, // still running: not counted
	}
	p := PatternsOf(goals, sprints, utc)
	if p.Completions != 4 || p.CompletionsByHour[9] != 3 || p.CompletionsByHour[14] != 1 || p.CompletionsByWeekday[2] != 2 || p.CompletionsByWeekday[3] != 1 || p.CompletionsByWeekday[4] != 1 {
		t.Fatalf("completions: %+v", p)
	}
	if p.OnTime != 1 || p.Late != 2 || math.Abs(p.OnTimeRate()-1.0/3) > 1e-9 {
		t.Fatalf("on time %d late %d", p.OnTime, p.Late)
	}
	// Slips: 1 day 9h30m1s (from Mon 23:59:59) = 1.39584… days, and 3 days 5 hours = 3.2083… days.
	wantSlip := ((86400+9.5*3600+1)/86400 + (3*24+5)/24.0) / 2
	if math.Abs(p.AvgSlipDays-wantSlip) > 1e-9 {
		t.Fatalf("slip %v, want %v", p.AvgSlipDays, wantSlip)
	}
	if p.SprintMinutes != 35 || p.MinutesByHour[9] != 20 || p.MinutesByHour[10] != 5 || p.MinutesByHour[23] != 5 || p.MinutesByHour[0] != 5 {
		t.Fatalf("sprint minutes: total %v by hour %v", p.SprintMinutes, p.MinutesByHour)
	}
	if p.MinutesByWeekday[2] != 25 || p.MinutesByWeekday[6] != 5 || p.MinutesByWeekday[0] != 5 {
		t.Fatalf("by weekday %v", p.MinutesByWeekday)
	}
}

func TestSprintTimer(t *testing.T) {
	s := NewSprint(1, 25, t0)
	if s.Remaining(t0.Add(10*time.Minute)) != 15*time.Minute {
		t.Fatal("remaining after 10 min")
	}
	s = s.Pause(t0.Add(10 * time.Minute))
	if !s.IsPaused() || s.Remaining(t0.Add(time.Hour)) != 15*time.Minute {
		t.Fatalf("a pause stops the clock: %v", s.Remaining(t0.Add(time.Hour)))
	}
	s = s.Resume(t0.Add(20 * time.Minute)) // 10 min pause
	if s.Paused != 10*time.Minute || s.Remaining(t0.Add(30*time.Minute)) != 5*time.Minute {
		t.Fatalf("after resume: paused %v remaining %v", s.Paused, s.Remaining(t0.Add(30*time.Minute)))
	}
	if s.Finished(t0.Add(34*time.Minute)) || !s.Finished(t0.Add(35*time.Minute)) {
		t.Fatal("finishes after 25 worked minutes")
	}
	// Noticed an hour late (the window was closed): it ended when it reached its length.
	e := s.End(t0.Add(2 * time.Hour))
	if !e.Completed || !e.EndedAt.Equal(t0.Add(35*time.Minute)) || e.WorkedMinutes(e.EndedAt) != 25 {
		t.Fatalf("ended %+v", e)
	}
	// Stopped early while paused.
	s2 := NewSprint(1, 25, t0).Pause(t0.Add(7 * time.Minute)).End(t0.Add(9 * time.Minute))
	if s2.Completed || s2.WorkedMinutes(t0.Add(time.Hour)) != 7 || s2.IsPaused() {
		t.Fatalf("stopped early: %+v worked %d", s2, s2.WorkedMinutes(t0))
	}
	// A clock set back before the start counts no work.
	if NewSprint(1, 25, t0).Worked(t0.Add(-time.Hour)) != 0 {
		t.Fatal("negative work")
	}
}

func TestCurrentValueFollowsTheChain(t *testing.T) {
	log := []MetricEntry{
		entry(1, day(-2), 10, 0, day(-2)),
		entry(2, day(-2), 12, 1, day(-1)),
		entry(3, day(-2), 15, 2, day(0)),
		entry(4, day(-1), 7, 0, day(-1)),
	}
	for id, want := range map[int64]float64{1: 15, 2: 15, 3: 15, 4: 7} {
		if got, ok := CurrentValue(log, id); !ok || got != want {
			t.Errorf("CurrentValue(%d) = %v %v, want %v", id, got, ok, want)
		}
	}
	if _, ok := CurrentValue(log, 9); ok {
		t.Error("an unknown entry has no value")
	}
}
