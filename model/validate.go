package model

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on what a user can type. They are generous; they exist so that a pasted novel does not
// end up as a title and break every view that shows it.
const (
	MaxTitleLen       = 200   // runes, objective and micro-goal titles
	LongObjectiveLen  = 120   // runes: past this an objective is nudged towards one sentence
	MaxNoteLen        = 10000 // runes: outcome, done-when, why, drop reason
	MaxNameLen        = 100   // runes: owner, partner, metric unit
	MaxEstimate       = 7 * 24 * 60
	MinYear, MaxYear  = 1970, 2200
	MaxMetricTarget   = 1e12
	ShortTitleMinWord = 3
)

// Problem is one thing wrong with a value a user entered. A blocking problem stops the save;
// the others are flags shown beside the field.
type Problem struct {
	Field    string // the field's name as the detail panel labels it: "title", "due", ...
	Message  string
	Blocking bool
}

func (p Problem) String() string { return p.Field + ": " + p.Message }

// Blocking returns the problems that stop a save.
func Blocking(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Blocking {
			out = append(out, p)
		}
	}
	return out
}

// ForField returns the problems about field.
func ForField(ps []Problem, field string) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Field == field {
			out = append(out, p)
		}
	}
	return out
}

// blocking and flag translate their message (a printf format, the key of the translation)
// before filling it in; the arguments that are words are translated by the caller.
func blocking(field, format string, args ...any) Problem {
	return Problem{Field: field, Message: fmt.Sprintf(tr(format), args...), Blocking: true}
}

func flag(field, format string, args ...any) Problem {
	return Problem{Field: field, Message: fmt.Sprintf(tr(format), args...)}
}

// CleanTitle trims a title and folds every run of white space, including line breaks and
// tabs, into one space, so that a pasted multi-line text stays readable on one line.
func CleanTitle(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
}

func checkTitle(field, what, title string) []Problem {
	if !utf8.ValidString(title) {
		return []Problem{blocking(field, "The title is not valid text")}
	}
	if strings.TrimSpace(title) == "" {
		return []Problem{blocking(field, "Give the %s a title", what)}
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleLen {
		return []Problem{blocking(field, "The title is %d characters long; keep it to %d and put the details in the notes", n, MaxTitleLen)}
	}
	for _, r := range title {
		if unicode.IsControl(r) {
			return []Problem{blocking(field, "The title must be one line without control characters")}
		}
	}
	return nil
}

func checkNote(field, label, s string) []Problem {
	if !utf8.ValidString(s) {
		return []Problem{blocking(field, "%s is not valid text", label)}
	}
	if n := utf8.RuneCountInString(s); n > MaxNoteLen {
		return []Problem{blocking(field, "%s is %d characters long; the limit is %d", label, n, MaxNoteLen)}
	}
	return nil
}

func checkName(field, label, s string) []Problem {
	if n := utf8.RuneCountInString(s); n > MaxNameLen {
		return []Problem{blocking(field, "%s is %d characters long; the limit is %d", label, n, MaxNameLen)}
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return []Problem{blocking(field, "%s must be one line without control characters", label)}
		}
	}
	return nil
}

func checkDate(field string, t time.Time) []Problem {
	if t.IsZero() {
		return nil
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		return []Problem{blocking(field, "%d is not a year a plan can use (%d–%d)", y, MinYear, MaxYear)}
	}
	return nil
}

// ValidateObjective checks an objective as the user typed it.
func ValidateObjective(o Objective) []Problem {
	ps := checkTitle("title", tr("objective"), o.Title)
	if len(ps) == 0 {
		n := utf8.RuneCountInString(o.Title)
		switch {
		case n > LongObjectiveLen:
			ps = append(ps, flag("title", "It runs long (%d characters): one compelling sentence is easier to keep in mind", n))
		case looksLikeList(o.Title):
			ps = append(ps, flag("title", "It reads like a list: state one objective, and make the parts micro-goals"))
		}
	}
	ps = append(ps, checkNote("why", tr("Why"), o.Why)...)
	ps = append(ps, checkDate("target", o.TargetDate)...)
	switch o.Status {
	case ObjectiveActive, ObjectiveAchieved, ObjectiveArchived:
	default:
		ps = append(ps, blocking("status", "Unknown objective status %q", o.Status))
	}
	return ps
}

// looksLikeList reports whether an objective title strings several objectives together.
func looksLikeList(title string) bool {
	if strings.ContainsAny(title, ";•") || strings.Count(title, ",") >= 2 {
		return true
	}
	return strings.Count(strings.ToLower(title), " and ") >= 2
}

// ValidateGoal checks a micro-goal as the user typed it. A due date before the goal was created
// is allowed (a step recorded after the fact) but flagged.
func ValidateGoal(g MicroGoal) []Problem {
	ps := checkTitle("title", tr("micro-goal"), g.Title)
	ps = append(ps, checkNote("outcome", tr("Expected outcome"), g.Outcome)...)
	ps = append(ps, checkNote("doneWhen", tr("“Done when”"), g.DoneWhen)...)
	ps = append(ps, checkNote("dropReason", tr("The reason"), g.DropReason)...)
	ps = append(ps, checkName("owner", tr("Owner"), g.Owner)...)
	ps = append(ps, checkName("partner", tr("Partner"), g.Partner)...)
	if d := checkDate("due", g.Due); d != nil {
		ps = append(ps, d...)
	} else if g.HasDue() && !g.CreatedAt.IsZero() && g.DueInstant(g.Due.Location()).Before(g.CreatedAt) {
		ps = append(ps, flag("due", "Due before the step was created"))
	}
	if g.EstimateMinutes < 0 {
		ps = append(ps, blocking("estimate", "The estimate cannot be negative"))
	} else if g.EstimateMinutes > MaxEstimate {
		ps = append(ps, blocking("estimate", "%d minutes is more than a week; split the step", g.EstimateMinutes))
	}
	if !oneOf(g.Horizon, Horizons) {
		ps = append(ps, blocking("horizon", "Unknown horizon %q", g.Horizon))
	}
	if !oneOf(g.Stage, Stages) {
		ps = append(ps, blocking("stage", "Unknown stage %q", g.Stage))
	}
	switch g.Status {
	case StatusOpen, StatusDone, StatusDropped:
	default:
		ps = append(ps, blocking("status", "Unknown status %q", g.Status))
	}
	ps = append(ps, validateMetric(g.Metric)...)
	ps = append(ps, validateRoutine(g)...)
	return ps
}

func validateMetric(m Metric) []Problem {
	switch m.Kind {
	case MetricNone, MetricQualitative:
		return nil
	case MetricQuantitative:
	default:
		return []Problem{blocking("metric", "Unknown metric kind %q", m.Kind)}
	}
	var ps []Problem
	if strings.TrimSpace(m.Unit) == "" {
		ps = append(ps, blocking("unit", "Name the unit the metric counts (minutes, pages, words…)"))
	}
	ps = append(ps, checkName("unit", "The unit", m.Unit)...)
	switch {
	case math.IsNaN(m.Target) || math.IsInf(m.Target, 0):
		ps = append(ps, blocking("target", "The target must be a number"))
	case m.Target < 0:
		ps = append(ps, blocking("target", "The target cannot be negative"))
	case m.Target > MaxMetricTarget:
		ps = append(ps, blocking("target", "The target is too large"))
	case m.Target == 0:
		ps = append(ps, flag("target", "Set a target value so progress can be measured"))
	}
	return ps
}

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}

// ValidateNote checks a free-text field (valid text, at most MaxNoteLen characters); label
// names it in the message.
func ValidateNote(field, label, s string) []Problem { return checkNote(field, label, s) }

// ValidateName checks a one-line name such as an owner, a partner or a place.
func ValidateName(field, label, s string) []Problem { return checkName(field, label, s) }
