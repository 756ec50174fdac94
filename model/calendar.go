package model

import (
	"fmt"
	"sort"
	"time"
)

// Date is a calendar day without a zone: the day a daily milestone belongs to. Days are
// counted as dates, never as 24-hour steps, so a day that is 23 or 25 hours long because of a
// daylight-saving change is still one day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

// D returns the date y-m-d, normalised as time.Date does (February 30 is March 2).
func D(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC), time.UTC)
}

// ParseDate reads "YYYY-MM-DD"; ok is false for anything else.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, false
	}
	return DateOf(t, time.UTC), true
}

// IsZero reports whether d is the zero Date (no day).
func (d Date) IsZero() bool { return d == Date{} }

// utcNoon is d at noon UTC: a zone-free instant for date arithmetic.
func (d Date) utcNoon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// AddDays is the date n days after d (before it for negative n).
func (d Date) AddDays(n int) Date { return D(d.Year, d.Month, d.Day+n) }

// AddMonths is the first day of the month n months after d's month.
func (d Date) AddMonths(n int) Date { return D(d.Year, d.Month+time.Month(n), 1) }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utcNoon().Weekday() }

// ISOWeek is the ISO 8601 year and week number of d (week 1 holds the year's first Thursday).
func (d Date) ISOWeek() (year, week int) { return d.utcNoon().ISOWeek() }

// Start is the first instant of d in loc (midnight, or the first hour that exists on a day
// whose midnight is skipped by a daylight-saving change).
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// At is the wall-clock time hour:minute on d in loc.
func (d Date) At(hour, minute int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, loc)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// DaysUntil is the number of calendar days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.utcNoon().Sub(d.utcNoon()).Hours() / 24)
}

// String is d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// WeekStart is the first day of the week holding d, weeks beginning on first.
func WeekStart(d Date, first time.Weekday) Date {
	back := (int(d.Weekday()) - int(first) + 7) % 7
	return d.AddDays(-back)
}

// Week is seven consecutive days starting on the user's first weekday.
type Week struct {
	Days [7]Date
	// ISOYear and ISOWeek number the row. With weeks starting on Monday they are the ISO week
	// itself; with another first weekday a row spans two ISO weeks and is numbered by the one
	// holding most of its days (that of its fourth day).
	ISOYear, ISOWeek int
}

// NewWeek is the week that starts on start.
func NewWeek(start Date) Week {
	var w Week
	for i := range w.Days {
		w.Days[i] = start.AddDays(i)
	}
	w.ISOYear, w.ISOWeek = w.Days[3].ISOWeek()
	return w
}

// Contains reports whether d is one of the week's days.
func (w Week) Contains(d Date) bool {
	return !d.Before(w.Days[0]) && !d.After(w.Days[6])
}

// MonthGrid is the weeks a month view shows: every week that holds a day of the month, from
// the week of the 1st to the week of the last day (four to six rows).
type MonthGrid struct {
	Year  int
	Month time.Month
	First time.Weekday
	Weeks []Week
}

// NewMonthGrid lays out year-month with weeks starting on first.
func NewMonthGrid(year int, month time.Month, first time.Weekday) MonthGrid {
	g := MonthGrid{Year: year, Month: month, First: first}
	last := D(year, month+1, 0)
	for s := WeekStart(D(year, month, 1), first); !s.After(last); s = s.AddDays(7) {
		g.Weeks = append(g.Weeks, NewWeek(s))
	}
	return g
}

// InMonth reports whether d is a day of the grid's month (not a dimmed neighbour).
func (g MonthGrid) InMonth(d Date) bool { return d.Year == g.Year && d.Month == g.Month }

// Range is the first and last day the grid shows.
func (g MonthGrid) Range() (from, to Date) {
	return g.Weeks[0].Days[0], g.Weeks[len(g.Weeks)-1].Days[6]
}

// Occurrence is one appearance of a micro-goal on the calendar: a goal with a due date, or
// one occurrence of a recurring goal. Goal.Status and Goal.Due are those of this occurrence.
//
// Goal points into the plan's slice for a step that does not repeat (no copy of 10,000 steps
// per month shown) and to a copy for each occurrence of a repeating one: treat it as read-only.
type Occurrence struct {
	Goal *MicroGoal
	Day  Date // the day it falls on, after any move
	// Original is the day the recurrence rule gave this occurrence; it keys its exception.
	// It is the zero Date for a goal that does not repeat.
	Original Date
}

// Recurring reports whether o is an occurrence of a repeating micro-goal.
func (o Occurrence) Recurring() bool { return !o.Original.IsZero() }

// Done reports whether the occurrence is done.
func (o Occurrence) Done() bool { return o.Goal.Status == StatusDone }

// Key identifies the occurrence among all others: the goal, and for a recurring goal its
// original day.
func (o Occurrence) Key() string {
	if o.Recurring() {
		return fmt.Sprintf("%d@%s", o.Goal.ID, o.Original)
	}
	return fmt.Sprint(o.Goal.ID)
}

// DayCell is one day of a calendar view and the daily milestones due on it.
type DayCell struct {
	Date    Date
	InMonth bool
	Items   []Occurrence // daily milestones, ordered by anchor and time
}

// TargetProgress is a weekly target and the daily milestones that roll up into it.
type TargetProgress struct {
	Target      Occurrence
	Done, Total int // daily milestones under the target in its week, dropped ones left out
	// Unit, Achieved and Planned sum the quantitative metric targets of those milestones in
	// the most common unit: Planned over all of them, Achieved over the done ones (a done
	// milestone met its target). Unit is "" when none has a quantitative metric.
	Unit              string
	Achieved, Planned float64
}

// Fraction is the share of the target's milestones done; a target without daily milestones
// counts as done or not by its own status.
func (p TargetProgress) Fraction() float64 {
	if p.Total == 0 {
		if p.Target.Done() {
			return 1
		}
		return 0
	}
	return float64(p.Done) / float64(p.Total)
}

// WeekRow is one row of a calendar: its days and the weekly targets due in it.
type WeekRow struct {
	Week    Week
	Days    [7]DayCell
	Targets []TargetProgress
}

// CalendarMonth is the content of a month view: the rows, and the fortnightly and monthly
// milestones due in the month shown in a strip above them.
type CalendarMonth struct {
	Grid  MonthGrid
	Rows  []WeekRow
	Strip []Occurrence
}

// BucketMonth places occurrences (see Occurrences) into the grid: daily milestones in their
// day cells, weekly targets in the band of the week holding their day with their roll-up,
// fortnightly and monthly milestones due within the month in the strip. tree indexes every
// micro-goal (for the roll-ups); anchors order a day's milestones.
func BucketMonth(grid MonthGrid, occs []Occurrence, tree *Tree, anchors []Anchor) CalendarMonth {
	cm := CalendarMonth{Grid: grid, Rows: make([]WeekRow, len(grid.Weeks))}
	from, _ := grid.Range()
	for i, w := range grid.Weeks {
		cm.Rows[i].Week = w
		for j, d := range w.Days {
			cm.Rows[i].Days[j] = DayCell{Date: d, InMonth: grid.InMonth(d)}
		}
	}
	targets := make([][]Occurrence, len(cm.Rows))
	// Count first, so each cell's list is allocated once at its size: a busy month moves
	// thousands of steps, and growing the lists would copy each several times.
	counts := make([]int, 7*len(grid.Weeks))
	for i := range occs {
		if n := from.DaysUntil(occs[i].Day); n >= 0 && n < len(counts) && occs[i].Goal.Horizon == HorizonDay {
			counts[n]++
		}
	}
	for n, c := range counts {
		if c > 0 {
			cm.Rows[n/7].Days[n%7].Items = make([]Occurrence, 0, c)
		}
	}
	for _, o := range occs {
		n := from.DaysUntil(o.Day)
		if n < 0 || n >= 7*len(grid.Weeks) {
			continue
		}
		row := &cm.Rows[n/7]
		switch o.Goal.Horizon {
		case HorizonDay:
			row.Days[n%7].Items = append(row.Days[n%7].Items, o)
		case HorizonWeek:
			// A dropped weekly target is no band: dropped work leaves the calendar's counts.
			if o.Goal.Status != StatusDropped {
				targets[n/7] = append(targets[n/7], o)
			}
		default:
			if grid.InMonth(o.Day) {
				cm.Strip = append(cm.Strip, o)
			}
		}
	}
	for i := range cm.Rows {
		for j := range cm.Rows[i].Days {
			SortByAnchor(cm.Rows[i].Days[j].Items, anchors)
		}
	}
	for i := range cm.Rows {
		cm.Rows[i].Targets = rollUp(targets[i], cellItems(&cm.Rows[i].Days), tree)
		sortTargets(cm.Rows[i].Targets)
	}
	sortByDay(cm.Strip)
	return cm
}

// CalendarWeek is the content of a week view: seven day columns and the week's targets.
type CalendarWeek struct {
	Row WeekRow
}

// BucketWeek places occurrences into the week starting on start, as BucketMonth does for one
// row; fortnightly and monthly milestones due in the week join the targets on top.
func BucketWeek(start Date, occs []Occurrence, tree *Tree, anchors []Anchor) (WeekRow, []Occurrence) {
	w := NewWeek(start)
	row := WeekRow{Week: w}
	for j, d := range w.Days {
		row.Days[j] = DayCell{Date: d, InMonth: true}
	}
	var targets, longer []Occurrence
	for _, o := range occs {
		n := start.DaysUntil(o.Day)
		if n < 0 || n >= 7 {
			continue
		}
		switch o.Goal.Horizon {
		case HorizonDay:
			row.Days[n].Items = append(row.Days[n].Items, o)
		case HorizonWeek:
			if o.Goal.Status != StatusDropped {
				targets = append(targets, o)
			}
		default:
			longer = append(longer, o)
		}
	}
	for j := range row.Days {
		SortByAnchor(row.Days[j].Items, anchors)
	}
	row.Targets = rollUp(targets, cellItems(&row.Days), tree)
	sortTargets(row.Targets)
	sortByDay(longer)
	return row, longer
}

func sortTargets(ts []TargetProgress) {
	if len(ts) < 2 {
		return
	}
	idx := make([]int, len(ts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := &ts[idx[a]].Target, &ts[idx[b]].Target
		if c := x.Day.Compare(y.Day); c != 0 {
			return c < 0
		}
		return x.Goal.ID < y.Goal.ID
	})
	permute(ts, func(i int) int { return idx[i] })
}

func sortByDay(os []Occurrence) {
	if len(os) < 2 {
		return
	}
	idx := make([]int, len(os))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := &os[idx[a]], &os[idx[b]]
		if c := x.Day.Compare(y.Day); c != 0 {
			return c < 0
		}
		return x.Goal.ID < y.Goal.ID
	})
	permute(os, func(i int) int { return idx[i] })
}

// cellItems points at every daily milestone of a week's cells.
func cellItems(days *[7]DayCell) []*Occurrence {
	n := 0
	for j := range days {
		n += len(days[j].Items)
	}
	out := make([]*Occurrence, 0, n)
	for j := range days {
		for k := range days[j].Items {
			out = append(out, &days[j].Items[k])
		}
	}
	return out
}

// RollUp consolidates the daily milestones of a weekly target's week into its progress.
//
// Which milestones count: the target's own daily sub-steps (at any depth) that fall in the
// week. A target without daily sub-steps in the week instead rolls up the daily milestones of
// its objective due that week that sit under no weekly target at all — the plain "this week I
// will…" target over the days' steps. A milestone is never counted for a target of another
// objective, and one under a weekly target never for a target it is not under. Dropped
// milestones are left out. daily holds the daily occurrences of the week; tree indexes every
// micro-goal.
func RollUp(target Occurrence, daily []Occurrence, tree *Tree) TargetProgress {
	ps := make([]*Occurrence, len(daily))
	for i := range daily {
		ps[i] = &daily[i]
	}
	return rollUp([]Occurrence{target}, ps, tree)[0]
}

// rollUp is RollUp for all the targets of a week at once: each milestone's ancestors are
// walked once, so a busy week costs its milestones times the depth, not times its targets.
func rollUp(targets []Occurrence, daily []*Occurrence, tree *Tree) []TargetProgress {
	if len(targets) == 0 {
		return nil
	}
	isTarget := make(map[int64]bool, len(targets))
	for _, t := range targets {
		isTarget[t.Goal.ID] = true
	}
	own := map[int64][]*Occurrence{}   // by target
	loose := map[int64][]*Occurrence{} // by objective, under no weekly target
	for _, o := range daily {
		under := false
		if tree != nil {
			for id, n := o.Goal.ParentID, 0; id != 0 && n <= MaxDepth+1; n++ {
				i, ok := tree.byID[id]
				if !ok {
					break
				}
				a := &tree.goals[i]
				if a.Horizon == HorizonWeek {
					under = true
					if isTarget[id] {
						own[id] = append(own[id], o)
					}
				}
				id = a.ParentID
			}
		}
		if !under {
			loose[o.Goal.ObjectiveID] = append(loose[o.Goal.ObjectiveID], o)
		}
	}
	out := make([]TargetProgress, len(targets))
	for i, t := range targets {
		counted := own[t.Goal.ID]
		if len(counted) == 0 {
			counted = loose[t.Goal.ObjectiveID]
		}
		out[i] = progressOf(t, counted)
	}
	return out
}

func progressOf(target Occurrence, counted []*Occurrence) TargetProgress {
	p := TargetProgress{Target: target}
	var units map[string]int
	for _, o := range counted {
		if o.Goal.Status == StatusDropped {
			continue
		}
		p.Total++
		if o.Done() {
			p.Done++
		}
		if m := o.Goal.Metric; m.Kind == MetricQuantitative && m.Unit != "" {
			if units == nil {
				units = map[string]int{}
			}
			units[m.Unit]++
		}
	}
	for u, n := range units {
		if n > units[p.Unit] || (n == units[p.Unit] && u < p.Unit) {
			p.Unit = u
		}
	}
	if p.Unit == "" {
		return p
	}
	for _, o := range counted {
		if m := o.Goal.Metric; o.Goal.Status != StatusDropped && m.Kind == MetricQuantitative && m.Unit == p.Unit {
			p.Planned += m.Target
			if o.Done() {
				p.Achieved += m.Target
			}
		}
	}
	return p
}
