package model

import (
	"slices"
	"time"
)

// WithOccurrences is goals as every count of work sees them — wins, streaks, burn-up, the
// weekly review, the report, the notification plan: a step that does not repeat as it is,
// and a repeating step replaced by its occurrences on the days from..to (inclusive, in loc),
// each a step of its own with its own due date, status and completion time (ex applied). So
// completing Tuesday's "Run 5 km" counts as one win on Tuesday, exactly as a one-off step
// does. The copies keep the series' ID and Repeat; OccurrenceKey tells them apart.
func WithOccurrences(goals []MicroGoal, ex Exceptions, from, to Date, loc *time.Location) []MicroGoal {
	out := make([]MicroGoal, 0, len(goals))
	for i := range goals {
		g := &goals[i]
		if g.Repeat == "" || g.Due.IsZero() {
			out = append(out, *g)
			continue
		}
		for _, o := range appendRepeats(nil, *g, from, to, ex[g.ID], loc) {
			out = append(out, *o.Goal)
		}
	}
	return out
}

// WithCompletedOccurrences is goals as the counts of completed work see them — wins, streaks,
// burn-up, the weekly review, the report: every step as it is, plus one done step for each
// completed occurrence of a repeating step on the days from..to (in loc), done when the
// occurrence was. The series itself stays as it is, so what acts on it (carry over,
// reschedule) still acts on the series.
func WithCompletedOccurrences(goals []MicroGoal, ex Exceptions, from, to Date, loc *time.Location) []MicroGoal {
	out := append(make([]MicroGoal, 0, len(goals)), goals...)
	for i := range goals {
		g := &goals[i]
		if g.Repeat == "" || g.Due.IsZero() || len(ex[g.ID]) == 0 {
			continue
		}
		for _, o := range appendRepeats(nil, *g, from, to, ex[g.ID], loc) {
			if o.Goal.Status == StatusDone {
				out = append(out, *o.Goal)
			}
		}
	}
	return out
}

// OccurrenceKey identifies one occurrence among the copies WithOccurrences makes: the series
// and the occurrence's due instant (unix ms); for a step that does not repeat, just its ID.
func OccurrenceKey(g MicroGoal) (id, dueMs int64) {
	if g.Repeat == "" || g.Due.IsZero() {
		return g.ID, 0
	}
	return g.ID, g.Due.UnixMilli()
}

// NotifyGoals is what the notification plan looks at: goals with their repeating steps'
// occurrences from Lookback ago to two days ahead (WithOccurrences), so each occurrence gets
// its own lead, due and overdue reminders and its completion is celebrated — except that of
// the open occurrences of one series already overdue, only the latest is kept: missed
// occurrences collapse into one overdue item, never a pile.
func NotifyGoals(goals []MicroGoal, ex Exceptions, s NotifySettings, now time.Time) []MicroGoal {
	loc := s.Location
	if loc == nil {
		loc = time.Local
	}
	from, to := DateOf(now.Add(-Lookback), loc), DateOf(now, loc).AddDays(2)
	all := WithOccurrences(goals, ex, from, to, loc)
	// The latest overdue open occurrence of each series.
	latest := map[int64]time.Time{}
	overdue := func(g *MicroGoal) bool {
		return g.Repeat != "" && g.Status == StatusOpen && !g.DueInstant(loc).Add(s.OverdueAfter).After(now)
	}
	for i := range all {
		if g := &all[i]; overdue(g) && g.Due.After(latest[g.ID]) {
			latest[g.ID] = g.Due
		}
	}
	return slices.DeleteFunc(all, func(g MicroGoal) bool { return overdue(&g) && !g.Due.Equal(latest[g.ID]) })
}

// fromCompletion is the days a "repeat from completion" rule gives: as the calendar gives
// them up to the last completed occurrence, then counted again from the day it was
// completed (the rule's first day after it). days are the calendar's days from..to.
func fromCompletion(g MicroGoal, days []Date, from, to Date, ex map[Date]OccurrenceException, loc *time.Location) []Date {
	var last Date
	var doneOn Date
	for orig, e := range ex {
		if e.Status == StatusDone && orig.After(last) {
			last, doneOn = orig, DateOf(e.At, loc)
		}
	}
	if last.IsZero() {
		return days
	}
	if doneOn.Before(last) {
		doneOn = last
	}
	out := slices.DeleteFunc(slices.Clone(days), func(d Date) bool { return d.After(last) })
	restart := g
	local := g.Due.In(loc)
	restart.Due = doneOn.At(local.Hour(), local.Minute(), loc)
	again, err := RuleDays(restart, from, to, loc)
	if err != nil {
		return days
	}
	for _, d := range again {
		if d.After(doneOn) {
			out = append(out, d)
		}
	}
	return out
}
