package model

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// A repeating micro-goal stores an RFC 5545 RRULE (MicroGoal.Repeat) and starts on its due
// date. Its occurrences are computed for the days on screen, never stored in advance; only an
// occurrence the user completed, skipped or moved is stored, as an OccurrenceException keyed
// by the goal and the day the rule gave it. The rule engine is rrule-go: RRULE has many
// corner cases (BYDAY with intervals, month ends, week starts) not worth writing again.

// RepeatKind is one of the repeat choices the detail panel offers.
type RepeatKind int

// The repeat choices.
const (
	RepeatNever    RepeatKind = iota
	RepeatDaily               // every day
	RepeatWeekdays            // Monday to Friday
	RepeatWeekly              // every Interval weeks on Days
	RepeatMonthly             // every month on the start date's day
	RepeatCustom              // a rule written elsewhere (an imported calendar)
)

// Repeat is a repeat choice in the words of the detail panel.
type Repeat struct {
	Kind     RepeatKind
	Interval int            // weeks between occurrences for RepeatWeekly (1 = every week)
	Days     []time.Weekday // chosen weekdays for RepeatWeekly
	Raw      string         // the rule of a RepeatCustom
}

var rruleDays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// Rule is the RRULE of r ("" for RepeatNever).
func (r Repeat) Rule() string {
	switch r.Kind {
	case RepeatDaily:
		return "FREQ=DAILY"
	case RepeatWeekdays:
		return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
	case RepeatWeekly:
		days := append([]time.Weekday(nil), r.Days...)
		sort.Slice(days, func(a, b int) bool { return (days[a]+6)%7 < (days[b]+6)%7 })
		var names []string
		for i, d := range days {
			if i == 0 || d != days[i-1] {
				names = append(names, rruleDays[d])
			}
		}
		s := "FREQ=WEEKLY"
		if r.Interval > 1 {
			s += fmt.Sprintf(";INTERVAL=%d", r.Interval)
		}
		if len(names) > 0 {
			s += ";BYDAY=" + strings.Join(names, ",")
		}
		return s
	case RepeatMonthly:
		return "FREQ=MONTHLY"
	case RepeatCustom:
		return r.Raw
	}
	return ""
}

// MaxRepeatInterval is the largest interval the rule may have: past a year between
// occurrences a step does not repeat in any useful sense.
const MaxRepeatInterval = 52

// ParseRule reads an RRULE into the repeat choice it is; a valid rule outside the choices is
// RepeatCustom. Rules that repeat more often than daily, and rules that cannot be read, are
// refused with a message that says why.
func ParseRule(rule string) (Repeat, error) {
	rule = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:"))
	if rule == "" {
		return Repeat{}, nil
	}
	opt, err := rrule.StrToROption(rule)
	if err != nil {
		return Repeat{}, fmt.Errorf("the repeat rule “%s” cannot be read: %v", rule, err)
	}
	switch opt.Freq {
	case rrule.DAILY, rrule.WEEKLY, rrule.MONTHLY, rrule.YEARLY:
	default:
		return Repeat{}, fmt.Errorf("a micro-goal repeats at most daily")
	}
	if opt.Interval > MaxRepeatInterval {
		return Repeat{}, fmt.Errorf("repeat at most every %d periods", MaxRepeatInterval)
	}
	if opt.Count < 0 || len(opt.Byhour)+len(opt.Byminute)+len(opt.Bysecond) > 0 {
		return Repeat{}, fmt.Errorf("the repeat rule “%s” sets times of day; give the step a due time instead", rule)
	}
	plain := opt.Count == 0 && opt.Until.IsZero() && len(opt.Bysetpos)+len(opt.Bymonth)+len(opt.Bymonthday)+
		len(opt.Byyearday)+len(opt.Byweekno)+len(opt.Byeaster) == 0
	for _, d := range opt.Byweekday {
		if d.N() != 0 {
			plain = false
		}
	}
	interval := max(opt.Interval, 1)
	if plain {
		switch {
		case opt.Freq == rrule.DAILY && interval == 1 && len(opt.Byweekday) == 0:
			return Repeat{Kind: RepeatDaily}, nil
		case opt.Freq == rrule.MONTHLY && interval == 1 && len(opt.Byweekday) == 0:
			return Repeat{Kind: RepeatMonthly}, nil
		case opt.Freq == rrule.WEEKLY:
			r := Repeat{Kind: RepeatWeekly, Interval: interval}
			for _, d := range opt.Byweekday {
				r.Days = append(r.Days, time.Weekday((d.Day()+1)%7))
			}
			if interval == 1 && r.Rule() == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" {
				return Repeat{Kind: RepeatWeekdays}, nil
			}
			return r, nil
		}
	}
	return Repeat{Kind: RepeatCustom, Raw: rule}, nil
}

// DescribeRule says in words how a rule repeats: "Every day", "Every 2 weeks on Mon, Thu".
func DescribeRule(rule string) string { return Locale{}.DescribeRule(rule) }

// DescribeRule says in words how a rule repeats, its weekdays named in the locale's
// language: "Alle 2 Wochen am Mo., Do.".
func (l Locale) DescribeRule(rule string) string {
	r, err := ParseRule(rule)
	if err != nil {
		return tr("Repeats (rule not understood)")
	}
	switch r.Kind {
	case RepeatNever:
		return tr("Does not repeat")
	case RepeatDaily:
		return tr("Every day")
	case RepeatWeekdays:
		return tr("Every weekday")
	case RepeatMonthly:
		return tr("Every month")
	case RepeatWeekly:
		var names []string
		for _, d := range r.Days {
			names = append(names, l.WeekdayShort(d))
		}
		if len(names) > 0 {
			return trN(r.Interval, "Every week on {{.Days}}", "Every {{.Count}} weeks on {{.Days}}", "Days", strings.Join(names, ", "))
		}
		return trN(r.Interval, "Every week", "Every {{.Count}} weeks")
	}
	return tr("Repeats: {{.Rule}}", "Rule", r.Raw)
}

// OccurrenceException is what happened to one occurrence of a repeating micro-goal: done,
// skipped (StatusDropped), reopened, or moved to another day.
type OccurrenceException struct {
	GoalID   int64
	Original Date      // the day the rule gave the occurrence
	Status   Status    // the occurrence's status
	MovedTo  Date      // the day it was moved to; zero when not moved
	At       time.Time // when the status last changed
}

// Exceptions indexes occurrence exceptions by goal and original day.
type Exceptions map[int64]map[Date]OccurrenceException

// NewExceptions indexes es.
func NewExceptions(es []OccurrenceException) Exceptions {
	x := Exceptions{}
	for _, e := range es {
		if x[e.GoalID] == nil {
			x[e.GoalID] = map[Date]OccurrenceException{}
		}
		x[e.GoalID][e.Original] = e
	}
	return x
}

// Occurrences lists the calendar appearances of goals on the days from..to (inclusive) in
// loc: each goal with a due date on its due day, each repeating goal once for every day its
// rule gives in the range, with its exception applied (status, moved day). A repeating goal
// that was closed as a whole (done or dropped) stops repeating after that day. A completion
// stays on the calendar even when the rule was edited since and no longer gives its day: a
// past win is never hidden by a change of plan.
func Occurrences(goals []MicroGoal, from, to Date, ex Exceptions, loc *time.Location) []Occurrence {
	var out []Occurrence
	for i := range goals {
		g := &goals[i]
		if g.Due.IsZero() {
			continue
		}
		if g.Repeat == "" {
			if d := DateOf(g.Due, loc); !d.Before(from) && !d.After(to) {
				out = append(out, Occurrence{Goal: g, Day: d})
			}
			continue
		}
		out = appendRepeats(out, *g, from, to, ex[g.ID], loc)
	}
	return out
}

// RuleDays is the days from..to on which the rule of g (starting on its due day in loc) falls.
func RuleDays(g MicroGoal, from, to Date, loc *time.Location) ([]Date, error) {
	opt, err := rrule.StrToROption(strings.TrimPrefix(g.Repeat, "RRULE:"))
	if err != nil {
		return nil, err
	}
	// The rule runs in floating time, on the wall clock of the start day: a step at 09:00
	// stays at 09:00 across daylight-saving changes, and a day is never lost or doubled.
	start := DateOf(g.Due, loc)
	opt.Dtstart = time.Date(start.Year, start.Month, start.Day, 0, 0, 0, 0, time.UTC)
	opt.Byhour, opt.Byminute, opt.Bysecond = nil, nil, nil
	if !opt.Until.IsZero() {
		u := DateOf(opt.Until, loc)
		opt.Until = time.Date(u.Year, u.Month, u.Day, 23, 59, 59, 0, time.UTC)
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, err
	}
	var days []Date
	for _, t := range r.Between(from.Start(time.UTC), to.At(23, 59, time.UTC), true) {
		days = append(days, DateOf(t, time.UTC))
	}
	return days, nil
}

func appendRepeats(out []Occurrence, g MicroGoal, from, to Date, ex map[Date]OccurrenceException, loc *time.Location) []Occurrence {
	local := g.Due.In(loc)
	// The series ends the day it was closed as a whole.
	var end Date
	switch g.Status {
	case StatusDone:
		end = DateOf(g.DoneAt, loc)
	case StatusDropped:
		end = DateOf(g.DroppedAt, loc)
	}
	occurrence := func(orig, day Date) Occurrence {
		c := g
		o := Occurrence{Goal: &c, Day: day, Original: orig}
		o.Goal.Status, o.Goal.DoneAt, o.Goal.DroppedAt, o.Goal.DropReason = StatusOpen, time.Time{}, time.Time{}, ""
		if e, ok := ex[orig]; ok {
			o.Goal.Status = e.Status
			switch e.Status {
			case StatusDone:
				o.Goal.DoneAt = e.At
			case StatusDropped:
				o.Goal.DroppedAt = e.At
			}
		}
		if g.DueHasTime {
			o.Goal.Due = day.At(local.Hour(), local.Minute(), loc)
		} else {
			o.Goal.Due = day.Start(loc)
		}
		return o
	}
	inRange := func(d Date) bool { return !d.Before(from) && !d.After(to) }
	// Moved occurrences may come from outside the range, so the rule is asked about every
	// original day an exception moved into it as well.
	lo, hi := from, to
	for orig, e := range ex {
		if !e.MovedTo.IsZero() && inRange(e.MovedTo) {
			if orig.Before(lo) {
				lo = orig
			}
			if orig.After(hi) {
				hi = orig
			}
		}
	}
	days, err := RuleDays(g, lo, hi, loc)
	if err != nil {
		// A rule that cannot be read (written by another program) shows the start day only.
		days = []Date{DateOf(g.Due, loc)}
	} else if g.RepeatFromCompletion {
		days = fromCompletion(g, days, lo, hi, ex, loc)
	}
	given := make(map[Date]bool, len(days))
	for _, d := range days {
		given[d] = true
		if !end.IsZero() && d.After(end) {
			continue
		}
		day := d
		if e, ok := ex[d]; ok && !e.MovedTo.IsZero() {
			day = e.MovedTo
		}
		if inRange(day) {
			out = append(out, occurrence(d, day))
		}
	}
	for orig, e := range ex {
		if e.Status != StatusDone || given[orig] || orig.Before(lo) || orig.After(hi) {
			continue
		}
		day := orig
		if !e.MovedTo.IsZero() {
			day = e.MovedTo
		}
		if inRange(day) {
			out = append(out, occurrence(orig, day))
		}
	}
	return out
}

// validateRoutine checks the anchor and the repeat rule of g.
func validateRoutine(g MicroGoal) []Problem {
	var ps []Problem
	ps = append(ps, checkName("anchor", tr("The anchor"), g.Anchor)...)
	if g.Repeat != "" {
		if _, err := ParseRule(g.Repeat); err != nil {
			ps = append(ps, blocking("repeat", "%v", err))
		} else if g.Due.IsZero() {
			ps = append(ps, blocking("repeat", "Give a repeating step a due date: it repeats from that day"))
		}
	}
	return ps
}
