package model

import (
	"math"
	"time"
)

// Day is the local calendar day of t in loc, at midnight.
func Day(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// daysBetween counts the calendar days from a to b (both midnights in the same zone); a
// daylight-saving change does not make a day count twice or not at all.
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return int(time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)).Hours() / 24)
}

// BurnUp is an objective's micro-goals done over time against the plan implied by their due
// dates: on day Days[i], Done[i] steps were done and Planned[i] were due by the end of it.
type BurnUp struct {
	Days    []time.Time // consecutive local midnights
	Done    []int
	Planned []int
	Total   int // the steps that count: everything not dropped
	Undated int // steps without a due date, which the plan line cannot place
}

// BurnUpOf computes the burn-up of objectiveID from goals, in loc, up to the day of now or the
// last due date, whichever is later. Dropped steps do not count.
func BurnUpOf(goals []MicroGoal, objectiveID int64, loc *time.Location, now time.Time) BurnUp {
	var b BurnUp
	var first, last time.Time
	see := func(t time.Time) {
		if t.IsZero() {
			return
		}
		d := Day(t, loc)
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if last.IsZero() || d.After(last) {
			last = d
		}
	}
	var counted []MicroGoal
	for _, g := range goals {
		if g.ObjectiveID != objectiveID || g.Status == StatusDropped {
			continue
		}
		counted = append(counted, g)
		see(g.CreatedAt)
		see(g.DoneAt)
		see(g.Due)
		if !g.HasDue() {
			b.Undated++
		}
	}
	b.Total = len(counted)
	if len(counted) == 0 {
		return b
	}
	see(now)
	n := daysBetween(first, last) + 1
	b.Days = make([]time.Time, n)
	for i := range b.Days {
		b.Days[i] = first.AddDate(0, 0, i)
	}
	done := make([]int, n)
	planned := make([]int, n)
	for _, g := range counted {
		if g.Status == StatusDone && !g.DoneAt.IsZero() {
			done[daysBetween(first, Day(g.DoneAt, loc))]++
		}
		if g.HasDue() {
			planned[daysBetween(first, Day(g.Due, loc))]++
		}
	}
	b.Done, b.Planned = cumulative(done), cumulative(planned)
	return b
}

func cumulative(xs []int) []int {
	for i := 1; i < len(xs); i++ {
		xs[i] += xs[i-1]
	}
	return xs
}

// At returns the index of the day of t in the series, or -1 when t is outside it.
func (b BurnUp) At(t time.Time, loc *time.Location) int {
	if len(b.Days) == 0 {
		return -1
	}
	i := daysBetween(b.Days[0], Day(t, loc))
	if i < 0 || i >= len(b.Days) {
		return -1
	}
	return i
}

// ValuePoint is one point of a cumulative series.
type ValuePoint struct {
	At    time.Time
	Value float64
}

// MetricProgress is a micro-goal's cumulative metric against its target line, which rises
// evenly from zero at Start to Target at End (the due date).
type MetricProgress struct {
	Points   []ValuePoint // the running total after each effective entry, in time order
	Start    time.Time    // when the line starts: the goal's creation or its first entry
	End      time.Time    // the due instant; zero when the goal has no due date
	Target   float64
	Total    float64 // the total by now
	Expected float64 // where the target line is at now
	Unit     string
}

// MetricProgressOf computes g's progress from its metric log (corrections applied) at now.
func MetricProgressOf(g MicroGoal, log []MetricEntry, loc *time.Location, now time.Time) MetricProgress {
	p := MetricProgress{Target: g.Metric.Target, Unit: g.Metric.Unit, Start: g.CreatedAt, End: g.DueInstant(loc)}
	if g.Metric.Kind == MetricQualitative {
		p.Target, p.Unit = 1, "checkpoint"
	}
	var sum float64
	idx := effectiveIndex(log)
	p.Points = make([]ValuePoint, 0, len(idx))
	for _, i := range idx {
		e := &log[i]
		if e.At.After(now) {
			continue
		}
		sum += e.Value
		p.Points = append(p.Points, ValuePoint{At: e.At, Value: sum})
	}
	p.Total = sum
	if len(p.Points) > 0 && (p.Start.IsZero() || p.Points[0].At.Before(p.Start)) {
		p.Start = p.Points[0].At
	}
	p.Expected = p.PlanAt(now)
	return p
}

// PlanAt is where the target line stands at t: zero before Start, Target from End on, and
// in between in proportion to the time passed. Without a due date the target is simply the
// target at every moment.
func (p MetricProgress) PlanAt(t time.Time) float64 {
	switch {
	case p.End.IsZero() || !p.End.After(p.Start):
		return p.Target
	case !t.After(p.Start):
		return 0
	case !t.Before(p.End):
		return p.Target
	}
	return p.Target * float64(t.Sub(p.Start)) / float64(p.End.Sub(p.Start))
}

// Ahead is how far the total is above the target line now (negative when behind).
func (p MetricProgress) Ahead() float64 { return p.Total - p.Expected }

// Verdict says plainly where the goal stands: target reached, ahead or behind the line and by
// how much, or on track.
func (p MetricProgress) Verdict() string {
	unit := p.Unit
	if unit == "" {
		unit = tr("units")
	}
	switch {
	case p.Target > 0 && p.Total >= p.Target:
		return tr("Target reached: {{.Total}} of {{.Target}} {{.Unit}}", "Total", FormatValue(p.Total), "Target", FormatValue(p.Target), "Unit", unit)
	case p.Target <= 0:
		return tr("{{.Total}} {{.Unit}} logged; no target set", "Total", FormatValue(p.Total), "Unit", unit)
	}
	d := p.Ahead()
	tol := p.Target * 0.005
	switch {
	case math.Abs(d) <= tol:
		return tr("On track: {{.Total}} of {{.Target}} {{.Unit}}", "Total", FormatValue(p.Total), "Target", FormatValue(p.Target), "Unit", unit)
	case d > 0:
		return tr("Ahead of plan by {{.Diff}} {{.Unit}} ({{.Total}} of {{.Target}})", "Diff", FormatValue(round1(d)), "Unit", unit, "Total", FormatValue(p.Total), "Target", FormatValue(p.Target))
	}
	return tr("Behind plan by {{.Diff}} {{.Unit}} ({{.Total}} of {{.Target}})", "Diff", FormatValue(round1(-d)), "Unit", unit, "Total", FormatValue(p.Total), "Target", FormatValue(p.Target))
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// HeatWeeks is how many weeks the daily-wins heat map shows.
const HeatWeeks = 12

// DailyWins is a heat map of completed micro-goals per day over the last HeatWeeks weeks, in
// weeks from Monday, with the streaks of days with at least one completion.
type DailyWins struct {
	Start   time.Time // the Monday the map starts on
	Today   int       // index of today in Counts; later cells are the future
	Counts  []int     // HeatWeeks*7 days from Start
	Max     int       // the largest count, for the colour scale
	Current int       // days in a row up to today (or yesterday, while today has none yet)
	Longest int       // the longest run of days ever
	Total   int       // completions shown in the map
}

// DailyWinsOf counts completions by local day in loc at now.
func DailyWinsOf(goals []MicroGoal, loc *time.Location, now time.Time) DailyWins {
	today := Day(now, loc)
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	w := DailyWins{Start: monday.AddDate(0, 0, -7*(HeatWeeks-1)), Counts: make([]int, HeatWeeks*7)}
	w.Today = daysBetween(w.Start, today)
	days := map[int]bool{} // days since today's index 0 … with a completion, over all time
	for _, g := range goals {
		if g.Status != StatusDone || g.DoneAt.IsZero() {
			continue
		}
		d := daysBetween(today, Day(g.DoneAt, loc))
		if d > 0 {
			continue // completed "in the future" by a clock that was ahead: not a win yet
		}
		days[d] = true
		if i := w.Today + d; i >= 0 {
			w.Counts[i]++
			w.Total++
			w.Max = max(w.Max, w.Counts[i])
		}
	}
	start := 0
	if !days[0] {
		start = -1
	}
	for d := start; days[d]; d-- {
		w.Current++
	}
	for d := range days {
		if days[d+1] {
			continue // not the last day of a run
		}
		n := 0
		for days[d-n] {
			n++
		}
		w.Longest = max(w.Longest, n)
	}
	return w
}

// Patterns are the user's working times: completions and sprint minutes by hour of day and
// by weekday (Monday first), how many dated steps were done on time, and how late the late
// ones were on average.
type Patterns struct {
	CompletionsByHour    [24]int
	CompletionsByWeekday [7]int
	MinutesByHour        [24]float64
	MinutesByWeekday     [7]float64
	Completions          int
	SprintMinutes        float64
	OnTime, Late         int
	AvgSlipDays          float64 // over the late ones
}

// OnTimeRate is the share of dated, done steps that were done by their due time.
func (p Patterns) OnTimeRate() float64 {
	if p.OnTime+p.Late == 0 {
		return 0
	}
	return float64(p.OnTime) / float64(p.OnTime+p.Late)
}

// PatternsOf computes the patterns from the goals and the ended sprints, in loc. A sprint's
// worked minutes are spread over the hours it ran in (pauses shrink it evenly).
func PatternsOf(goals []MicroGoal, sprints []Sprint, loc *time.Location) Patterns {
	var p Patterns
	var slip float64
	for _, g := range goals {
		if g.Status != StatusDone || g.DoneAt.IsZero() {
			continue
		}
		t := g.DoneAt.In(loc)
		p.Completions++
		p.CompletionsByHour[t.Hour()]++
		p.CompletionsByWeekday[weekdayIndex(t)]++
		if !g.HasDue() {
			continue
		}
		due := g.DueInstant(loc)
		if !g.DoneAt.After(due) {
			p.OnTime++
		} else {
			p.Late++
			slip += g.DoneAt.Sub(due).Hours() / 24
		}
	}
	if p.Late > 0 {
		p.AvgSlipDays = slip / float64(p.Late)
	}
	for _, s := range sprints {
		if s.InProgress() {
			continue
		}
		worked := s.Worked(s.EndedAt).Minutes()
		span := s.EndedAt.Sub(s.StartedAt)
		if worked <= 0 || span <= 0 {
			continue
		}
		p.SprintMinutes += worked
		scale := worked / span.Minutes()
		for t := s.StartedAt.In(loc); t.Before(s.EndedAt); {
			next := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, loc).Add(time.Hour)
			if next.After(s.EndedAt) {
				next = s.EndedAt
			}
			m := next.Sub(t).Minutes() * scale
			p.MinutesByHour[t.Hour()] += m
			p.MinutesByWeekday[weekdayIndex(t)] += m
			t = next.In(loc)
		}
	}
	return p
}

// weekdayIndex numbers the days Monday 0 … Sunday 6.
func weekdayIndex(t time.Time) int { return (int(t.Weekday()) + 6) % 7 }

// WeekdayNames are the short weekday names, Monday first, as the patterns use them.
var WeekdayNames = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
