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
type Occurrence struct {
	Goal MicroGoal
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
	var targets []Occurrence
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
			targets = append(targets, o)
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
	for _, t := range targets {
		i := from.DaysUntil(t.Day) / 7
		var daily []Occurrence
		for _, c := range cm.Rows[i].Days {
			daily = append(daily, c.Items...)
		}
		cm.Rows[i].Targets = append(cm.Rows[i].Targets, RollUp(t, daily, tree))
	}
	for i := range cm.Rows {
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
			targets = append(targets, o)
		default:
			longer = append(longer, o)
		}
	}
	var daily []Occurrence
	for j := range row.Days {
		SortByAnchor(row.Days[j].Items, anchors)
		daily = append(daily, row.Days[j].Items...)
	}
	for _, t := range targets {
		row.Targets = append(row.Targets, RollUp(t, daily, tree))
	}
	sortTargets(row.Targets)
	sortByDay(longer)
	return row, longer
}

func sortTargets(ts []TargetProgress) {
	sort.SliceStable(ts, func(a, b int) bool {
		if c := ts[a].Target.Day.Compare(ts[b].Target.Day); c != 0 {
			return c < 0
		}
		return ts[a].Target.Goal.ID < ts[b].Target.Goal.ID
	})
}

func sortByDay(os []Occurrence) {
	sort.SliceStable(os, func(a, b int) bool {
		if c := os[a].Day.Compare(os[b].Day); c != 0 {
			return c < 0
		}
		return os[a].Goal.ID < os[b].Goal.ID
	})
}

// RollUp consolidates the daily milestones of a weekly target's week into its progress.
//
// Which milestones count: the target's own daily sub-steps (at any depth) that fall in the
// week. A target without daily sub-steps in the week instead rolls up the daily milestones of
// its objective due that week that sit under no weekly target at all — the plain "this week I
// will…" target over the days' steps. A milestone is never counted for a target of another
// objective, and one under a weekly target never for a second target. Dropped milestones are
// left out. daily holds the daily occurrences of the week; tree indexes every micro-goal.
func RollUp(target Occurrence, daily []Occurrence, tree *Tree) TargetProgress {
	p := TargetProgress{Target: target}
	var own, loose []Occurrence
	for _, o := range daily {
		if o.Goal.ObjectiveID != target.Goal.ObjectiveID || o.Goal.ID == target.Goal.ID {
			continue
		}
		if tree != nil && tree.IsAncestor(target.Goal.ID, o.Goal.ID) {
			own = append(own, o)
		} else if !underWeeklyTarget(tree, o.Goal) {
			loose = append(loose, o)
		}
	}
	counted := own
	if len(own) == 0 {
		counted = loose
	}
	units := map[string]float64{}
	for _, o := range counted {
		if o.Goal.Status == StatusDropped {
			continue
		}
		p.Total++
		if o.Done() {
			p.Done++
		}
		if m := o.Goal.Metric; m.Kind == MetricQuantitative && m.Unit != "" {
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

// underWeeklyTarget reports whether one of g's ancestors is a weekly target.
func underWeeklyTarget(tree *Tree, g MicroGoal) bool {
	if tree == nil {
		return false
	}
	for id := g.ParentID; id != 0; {
		a, ok := tree.Goal(id)
		if !ok {
			return false
		}
		if a.Horizon == HorizonWeek {
			return true
		}
		id = a.ParentID
	}
	return false
}
