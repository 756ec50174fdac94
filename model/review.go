package model

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// PeriodKind says which days a weekly review looks back on.
type PeriodKind string

// The review periods: the calendar week (Monday to Sunday) or the last seven days up to today.
const (
	PeriodWeek  PeriodKind = "week"
	PeriodLast7 PeriodKind = "last7"
)

// Period is a span of whole calendar days in the user's zone: from Start (midnight) up to,
// but not including, End (the midnight after the last day).
type Period struct {
	Start, End time.Time
}

// ReviewPeriod is the period a review made at now looks back on: the Monday-to-Sunday week
// that contains now, or the seven days ending today.
func ReviewPeriod(now time.Time, loc *time.Location, kind PeriodKind) Period {
	today := dayStart(now, loc)
	if kind == PeriodLast7 {
		return Period{Start: today.AddDate(0, 0, -6), End: today.AddDate(0, 0, 1)}
	}
	back := (int(today.Weekday()) + 6) % 7 // days since Monday
	start := today.AddDate(0, 0, -back)
	return Period{Start: start, End: start.AddDate(0, 0, 7)}
}

// PeriodOf returns the period from the first to the last of two calendar days, both included.
func PeriodOf(first, last time.Time, loc *time.Location) Period {
	return Period{Start: dayStart(first, loc), End: dayStart(last, loc).AddDate(0, 0, 1)}
}

// Contains reports whether t falls inside the period.
func (p Period) Contains(t time.Time) bool {
	return !t.IsZero() && !t.Before(p.Start) && t.Before(p.End)
}

// Days is the number of calendar days in the period.
func (p Period) Days() int {
	n := 0
	for d := p.Start; d.Before(p.End); d = d.AddDate(0, 0, 1) {
		n++
	}
	return n
}

// Last is the midnight of the period's last day.
func (p Period) Last() time.Time { return p.End.AddDate(0, 0, -1) }

// String names the period for a person: "Mon 23 Nov – Sun 29 Nov 2026".
func (p Period) String() string {
	return p.Start.Format("Mon 2 Jan") + " – " + p.Last().Format("Mon 2 Jan 2006")
}

func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// WeekSummary is what a weekly review goes through: the steps completed in the period (the
// wins), the open steps still due in it, and the open steps whose due time has passed.
type WeekSummary struct {
	Period    Period
	Completed []MicroGoal // done within the period, in the order they were done
	Open      []MicroGoal // open, due within the period and not yet overdue, soonest first
	Overdue   []MicroGoal // open, due before now and before the period ends, oldest first
	Dropped   int         // dropped within the period
	ByHorizon map[Horizon]int
	// Streak is the number of consecutive days, ending today (or yesterday when nothing is
	// done yet today) or at the period's last day for a past period, with at least one step
	// done.
	Streak int
}

// SummarizeWeek selects the steps of goals that a review of period p, made at now, goes
// through.
func SummarizeWeek(goals []MicroGoal, p Period, now time.Time, loc *time.Location) WeekSummary {
	s := WeekSummary{Period: p, ByHorizon: map[Horizon]int{}}
	doneDays := map[time.Time]bool{}
	for _, g := range goals {
		switch g.Status {
		case StatusDone:
			if !g.DoneAt.IsZero() {
				doneDays[dayStart(g.DoneAt, loc)] = true
			}
			if p.Contains(g.DoneAt) {
				s.Completed = append(s.Completed, g)
				s.ByHorizon[g.Horizon]++
			}
		case StatusDropped:
			if p.Contains(g.DroppedAt) {
				s.Dropped++
			}
		case StatusOpen:
			if !g.HasDue() {
				continue
			}
			due := g.DueInstant(loc)
			switch {
			case due.Before(now) && due.Before(p.End):
				s.Overdue = append(s.Overdue, g)
			case p.Contains(due):
				s.Open = append(s.Open, g)
			}
		}
	}
	sort.SliceStable(s.Completed, func(i, j int) bool { return s.Completed[i].DoneAt.Before(s.Completed[j].DoneAt) })
	byDue := func(gs []MicroGoal) {
		sort.SliceStable(gs, func(i, j int) bool { return gs[i].DueInstant(loc).Before(gs[j].DueInstant(loc)) })
	}
	byDue(s.Open)
	byDue(s.Overdue)
	end := dayStart(now, loc)
	if last := p.Last(); last.Before(end) {
		end = last
	} else if !doneDays[end] {
		end = end.AddDate(0, 0, -1) // today is not over yet: the streak is still alive
	}
	for d := end; doneDays[d]; d = d.AddDate(0, 0, -1) {
		s.Streak++
	}
	return s
}

// CarryOverDue is the new due date of g carried over to the week after period p: the same
// weekday and time of day in the seven days that follow the period.
func CarryOverDue(g MicroGoal, p Period, loc *time.Location) time.Time {
	due := g.Due.In(loc)
	offset := (int(due.Weekday()) - int(p.End.Weekday()) + 7) % 7
	d := p.End.AddDate(0, 0, offset)
	return time.Date(d.Year(), d.Month(), d.Day(), due.Hour(), due.Minute(), 0, 0, loc)
}

// Review is a saved weekly review: the period, the wins counted, what was done with the open
// steps, and what the person wrote down.
type Review struct {
	ID          int64
	UUID        string
	Period      Period
	Completed   int      // steps completed in the period
	Streak      int      // the streak when the review was saved
	Actions     []string // one line per open step acted on: "Carried over “…” to Mon 30 Nov"
	Adjustments string
	Wins        string
	Lessons     string // setbacks, written as lessons
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// ValidateReview returns what is wrong with r before it can be saved.
func ValidateReview(r Review) []Problem {
	var ps []Problem
	if r.Period.Start.IsZero() || !r.Period.Start.Before(r.Period.End) {
		ps = append(ps, blocking("period", "the review needs a period of at least one day"))
	}
	ps = append(ps, checkNote("adjustments", tr("The adjustments"), r.Adjustments)...)
	ps = append(ps, checkNote("wins", tr("The wins"), r.Wins)...)
	ps = append(ps, checkNote("lessons", tr("The lessons"), r.Lessons)...)
	return ps
}

// DecisionKind is what an audit decided about a goal.
type DecisionKind string

// The audit decisions. Reverse undoes an earlier drop: the goal is open (active) again.
const (
	DecisionKeep    DecisionKind = "keep"
	DecisionAdjust  DecisionKind = "adjust"
	DecisionDrop    DecisionKind = "drop"
	DecisionReverse DecisionKind = "reverse"
)

// DecisionKinds lists the decisions an audit offers.
var DecisionKinds = []DecisionKind{DecisionKeep, DecisionAdjust, DecisionDrop}

// Decision is one entry of the decision log: an audit's answers to the three questions about
// an objective or a micro-goal, what was decided and why.
type Decision struct {
	ID          int64
	UUID        string
	ObjectiveID int64 // set for a decision about an objective
	GoalID      int64 // set for a decision about a micro-goal
	Subject     string
	Kind        DecisionKind
	Essential   string // Is it still essential?
	BestUse     string // Is it the best use of time now?
	Evidence    string // What evidence supports continuing?
	Rationale   string
	ReversesID  int64 // for DecisionReverse: the drop it reverses
	At          time.Time
}

// AuditQuestions are the three questions an audit asks of every goal.
var AuditQuestions = [3]string{
	"Is it still essential?",
	"Is it the best use of your time now?",
	"What evidence supports continuing?",
}

// ValidateDecision returns what is wrong with d: it must name exactly one goal, and adjust,
// drop and reverse need a rationale.
func ValidateDecision(d Decision) []Problem {
	var ps []Problem
	if (d.ObjectiveID == 0) == (d.GoalID == 0) {
		ps = append(ps, blocking("subject", "a decision is about one objective or one micro-goal"))
	}
	switch d.Kind {
	case DecisionKeep:
	case DecisionAdjust, DecisionDrop, DecisionReverse:
		if strings.TrimSpace(d.Rationale) == "" {
			verb := map[DecisionKind]string{DecisionAdjust: tr("adjust"), DecisionDrop: tr("drop"), DecisionReverse: tr("reverse")}[d.Kind]
			ps = append(ps, blocking("rationale", "write why you decide to %s it: the rationale is what the log is for", verb))
		}
	default:
		ps = append(ps, blocking("decision", "choose keep, adjust or drop"))
	}
	for _, f := range []struct{ field, label, s string }{
		{"essential", tr("The answer"), d.Essential}, {"bestUse", tr("The answer"), d.BestUse},
		{"evidence", tr("The evidence"), d.Evidence}, {"rationale", tr("The rationale"), d.Rationale},
	} {
		ps = append(ps, checkNote(f.field, f.label, f.s)...)
	}
	return ps
}

// KindWord is what was decided, in the user's language: "Dropped".
func (d Decision) KindWord() string {
	word := map[DecisionKind]string{DecisionKeep: tr("Kept"), DecisionAdjust: tr("Adjusted"), DecisionDrop: tr("Dropped"), DecisionReverse: tr("Reversed the drop")}[d.Kind]
	if word == "" {
		word = string(d.Kind)
	}
	return word
}

// Summary is the decision in one line for the log: "Dropped — no longer fits the plan".
func (d Decision) Summary() string {
	word := d.KindWord()
	if r := strings.TrimSpace(LocalizeRationale(d.Rationale)); r != "" {
		return word + " — " + r
	}
	return word
}

// AuditItem is one goal a quarterly audit goes through: an active objective, or an open
// micro-goal of a week's horizon or longer.
type AuditItem struct {
	Objective Objective
	Goal      MicroGoal
	IsGoal    bool
}

// Title is the objective's or micro-goal's title.
func (a AuditItem) Title() string {
	if a.IsGoal {
		return a.Goal.Title
	}
	return a.Objective.Title
}

// Key identifies the item: "o:ID" or "g:ID".
func (a AuditItem) Key() string {
	if a.IsGoal {
		return fmt.Sprintf("g:%d", a.Goal.ID)
	}
	return fmt.Sprintf("o:%d", a.Objective.ID)
}

// AuditItems lists what a quarterly audit goes through, in outline order: each active
// objective followed by its open micro-goals of a week's horizon or longer. Daily milestones
// are too small to audit; they come and go with their weekly targets.
func AuditItems(objectives []Objective, goals []MicroGoal) []AuditItem {
	t := NewTree(goals)
	var out []AuditItem
	for _, o := range objectives {
		if o.Status != ObjectiveActive {
			continue
		}
		out = append(out, AuditItem{Objective: o})
		var walk func(parent int64)
		walk = func(parent int64) {
			for _, id := range t.Children(o.ID, parent) {
				if g, ok := t.Goal(id); ok {
					if g.Status == StatusOpen && g.Horizon != HorizonDay {
						out = append(out, AuditItem{Objective: o, Goal: g, IsGoal: true})
					}
					walk(id)
				}
			}
		}
		walk(0)
	}
	return out
}
