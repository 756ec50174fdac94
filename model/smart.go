package model

import (
	"strings"
	"time"
	"unicode"
)

// SMART letters, in the order the badges show them.
const (
	Specific = iota
	Measurable
	Achievable
	Relevant
	TimeBound
)

// SMARTLetters are the badge letters, indexed by Specific … TimeBound.
var SMARTLetters = [5]string{"S", "M", "A", "R", "T"}

// SMARTBadge is one letter of the SMART check: passed, or failed with a one-line hint.
type SMARTBadge struct {
	Letter string
	OK     bool
	Hint   string
}

// SMART is the result of the check: five badges, S M A R T.
type SMART [5]SMARTBadge

// Score is how many of the five letters pass.
func (s SMART) Score() int {
	n := 0
	for _, b := range s {
		if b.OK {
			n++
		}
	}
	return n
}

// Hints returns the hints of the failing letters, "S: …" each.
func (s SMART) Hints() []string {
	var out []string
	for _, b := range s {
		if !b.OK {
			out = append(out, b.Letter+": "+b.Hint)
		}
	}
	return out
}

// SMARTContext is what the check needs beyond the goal itself.
type SMARTContext struct {
	Now             time.Time
	Location        *time.Location
	ObjectiveExists bool  // the goal's objective exists and is not in the trash
	InProgress      int   // steps in progress across the plan (FocusCount), this one included when it is
	SprintGoalID    int64 // the step a focus sprint runs on, 0 when none
	FocusLimit      int   // steps in progress before the plan is overloaded (the setting); 0 = no limit
	// Language is the user's language ("de", "fr", "es"); a title in it names its action
	// the way the language does (StartsWithAction). "" is English alone.
	Language string
}

// DefaultFocusLimit is how many steps may be in progress before the app warns of overload.
const DefaultFocusLimit = 3

// MaxDailyEstimate is the longest estimate a daily step may carry before it should be split.
const MaxDailyEstimate = 4 * 60

// CheckSMART gives a micro-goal its five SMART badges. Failing letters are hints, never
// blockers.
func CheckSMART(g MicroGoal, c SMARTContext) SMART {
	loc := c.Location
	if loc == nil {
		loc = time.Local
	}
	var s SMART
	for i := range s {
		s[i] = SMARTBadge{Letter: SMARTLetters[i], OK: true}
	}
	fail := func(i int, hint string) {
		if s[i].OK {
			s[i].OK, s[i].Hint = false, hint
		}
	}

	words := strings.Fields(g.Title)
	switch {
	case len(words) == 0:
		fail(Specific, tr("Give the step a title that says what you will do"))
	case !StartsWithAction(g.Title, c.Language):
		fail(Specific, tr("Start with an action verb (“Write…”, “Call…”); “{{.Word}}” is not one", "Word", trimWord(words[0])))
	case len(words) < ShortTitleMinWord:
		fail(Specific, tr("Say what exactly: name the thing and how much"))
	}

	if g.Metric.Kind == MetricNone && strings.TrimSpace(g.DoneWhen) == "" {
		fail(Measurable, tr("Link a metric or write what counts as done"))
	}

	if g.Horizon == HorizonDay && g.EstimateMinutes > MaxDailyEstimate {
		fail(Achievable, tr("A daily step estimated at {{.Estimate}}: split it into steps under 4 h", "Estimate", FormatMinutes(g.EstimateMinutes)))
	}
	if c.FocusLimit > 0 && c.InProgress > c.FocusLimit && InProgress(g, c.SprintGoalID) {
		fail(Achievable, trN(c.InProgress, "{{.Count}} step in progress, over the focus limit of {{.Limit}}", "{{.Count}} steps in progress, over the focus limit of {{.Limit}}", "Limit", c.FocusLimit))
	}

	if g.ObjectiveID == 0 || !c.ObjectiveExists {
		fail(Relevant, tr("Link it to an objective"))
	}

	// A step planned for a day is bound to that day, however far ahead the day is: planning
	// daily steps for a given day is the method, not a fault.
	if !g.HasDue() {
		fail(TimeBound, tr("Give it a due date"))
	}
	return s
}

// SameDay reports whether a and b fall on the same calendar day in loc.
func SameDay(a, b time.Time, loc *time.Location) bool {
	a, b = a.In(loc), b.In(loc)
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// FormatMinutes renders a duration in minutes as "45 min", "2 h" or "2 h 30 min".
func FormatMinutes(m int) string {
	h, rest := m/60, m%60
	switch {
	case h == 0:
		return tr("{{.Minutes}} min", "Minutes", rest)
	case rest == 0:
		return tr("{{.Hours}} h", "Hours", h)
	}
	return tr("{{.Hours}} h {{.Minutes}} min", "Hours", h, "Minutes", rest)
}

func trimWord(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// IsActionVerb reports whether word (any case, surrounding punctuation ignored) is an action
// verb a step can start with.
func IsActionVerb(word string) bool {
	_, ok := actionVerbs[strings.ToLower(trimWord(word))]
	return ok
}

// actionVerbs are the verbs a step title may start with: the imperative forms that name an
// action someone can take today.
var actionVerbs = func() map[string]struct{} {
	list := `accept add adjust agree analyse analyze answer apply archive arrange ask assemble assess
	attend audit automate back bake balance book brainstorm break bring build buy calculate call
	cancel capture change check choose clean clear close code collect compare compile complete
	compose configure confirm connect contact convert cook copy correct count cover create cut
	debug decide define delegate delete deliver deploy describe design detail develop draft draw
	drink drive edit eliminate email enrol enroll estimate evaluate exercise expand explain explore
	export file fill finalise finalize find finish fix follow format gather generate give go grade
	hire host identify implement import improve install interview invite invoice join journal
	label launch learn lift list listen log make map measure meditate meet memorize memorise merge
	migrate move negotiate note observe open order organise organize outline pack paint pay pick
	pitch plan play polish post practice practise prepare present print prioritise prioritize
	produce profile program prototype publish purchase put quote read rebuild record recruit
	refactor reflect register release remove rename repair replace reply report request research
	reserve resolve respond rest restructure review revise rewrite ride run save schedule scan
	search select sell send set settle setup share ship shop sign simplify sing sketch sleep solve
	sort speak spend split start stop study submit summarise summarize survey swim take talk teach
	test text tidy track train transcribe translate try tune type update upgrade upload validate
	verify visit walk wash watch weigh write`
	m := make(map[string]struct{})
	for _, w := range strings.Fields(list) {
		m[w] = struct{}{}
	}
	return m
}()
