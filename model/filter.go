package model

import (
	"strings"
	"time"
	"unicode"
)

// DueWindow narrows a filter to steps by their due date.
type DueWindow string

// The due windows. DueAny does not narrow.
const (
	DueAny      DueWindow = ""
	DueOverdue  DueWindow = "overdue" // open, past due (a repeating step never is as a whole)
	DueToday    DueWindow = "today"
	DueThisWeek DueWindow = "week" // due in the week holding today
	DueNone     DueWindow = "none" // no due date
)

// DueWindows lists the windows in the order a menu offers them.
var DueWindows = []DueWindow{DueAny, DueOverdue, DueToday, DueThisWeek, DueNone}

// Filter is what the outline's search asks for. Every criterion set must hold; the zero
// Filter matches everything.
type Filter struct {
	Words     []string // each must appear (ignoring case) in the title, outcome, done-when, notes or tags
	Stage     Stage
	Status    Status
	Horizon   Horizon
	Owner     string // ignoring case
	Partner   string // ignoring case
	Tags      []string
	Due       DueWindow
	FocusOnly bool // only the objective in focus and its steps
	// Unknown holds the "key:value" words the query could not read, to tell the user; they
	// take no part in the search.
	Unknown []string
}

// Active reports whether the filter narrows anything.
func (f Filter) Active() bool { return f.goalCriteria() || len(f.Words) > 0 || f.FocusOnly }

// goalCriteria reports whether the filter asks anything only a step can answer.
func (f Filter) goalCriteria() bool {
	return f.Stage != "" || f.Status != "" || f.Horizon != "" || f.Owner != "" || f.Partner != "" ||
		len(f.Tags) > 0 || f.Due != DueAny
}

// ParseFilter reads a search query: plain words are searched for in the text; "#tag" and
// "@place" ask for a tag; "stage:", "status:", "horizon:", "owner:", "partner:" and "due:"
// (overdue, today, week, none) ask for a field; "is:focus" keeps the objective in focus. The
// keys and values may be written in any of the app's languages ("phase:umsetzen",
// "échéance:aujourd'hui"), case and accents ignored. A value may be the start of a name
// ("stage:exec"). Words after "key:" that fit nothing are listed in Unknown.
func ParseFilter(q string) Filter {
	var f Filter
	for _, w := range strings.FieldsFunc(q, wordBreak) {
		if t, ok := TagOfWord(w); ok {
			if !HasTag(f.Tags, t) {
				f.Tags = append(f.Tags, t)
			}
			continue
		}
		key, val, ok := strings.Cut(w, ":")
		if ok && val != "" {
			if k := filterKeyOf(key); k != "" {
				if !f.setField(k, val) {
					f.Unknown = append(f.Unknown, w)
				}
				continue
			}
		}
		f.Words = append(f.Words, toLower(w))
	}
	return f
}

// setField sets the field key (a canonical key) to val and reports whether val fits it.
func (f *Filter) setField(key, val string) bool {
	switch key {
	case FilterKeyOwner:
		f.Owner = val
		return true
	case FilterKeyPartner:
		f.Partner = val
		return true
	}
	v, ok := filterValueOf(key, val)
	if !ok {
		return false
	}
	switch key {
	case FilterKeyStage:
		f.Stage = Stage(v)
	case FilterKeyStatus:
		f.Status = Status(v)
	case FilterKeyHorizon:
		f.Horizon = Horizon(v)
	case FilterKeyDue:
		f.Due = DueWindow(v)
	case FilterKeyIs:
		f.FocusOnly = true
	}
	return true
}

// FilterContext is what a filter needs from outside the plan: the time, the zone, and the
// first day of the week for "due this week".
type FilterContext struct {
	Now          time.Time
	Location     *time.Location
	FirstWeekday time.Weekday
}

// SearchIndex is the outline prepared for filtering keystroke after keystroke: the text of
// every step lower-cased once, and each step's parent by position. Build it again when the
// plan changes.
type SearchIndex struct {
	goals   []MicroGoal
	text    []string
	parent  []int32 // position of the parent step, -1 for a top-level step
	pos     map[int64]int32
	objText map[int64]string
	focus   map[int64]bool
}

// NewSearchIndex indexes objectives and goals (not copied: they must not change while the
// index is used).
func NewSearchIndex(objectives []Objective, goals []MicroGoal) *SearchIndex {
	ix := &SearchIndex{
		goals: goals, text: make([]string, len(goals)), parent: make([]int32, len(goals)),
		pos: make(map[int64]int32, len(goals)), objText: map[int64]string{}, focus: map[int64]bool{},
	}
	for _, o := range objectives {
		ix.objText[o.ID] = lowerJoin(o.Title, o.Why, o.Notes)
		ix.focus[o.ID] = o.InFocus
	}
	// One buffer for all the text, lower-cased as it is copied: a string per step would cost
	// an allocation each.
	size := 0
	for i := range goals {
		g := &goals[i]
		size += len(g.Title) + len(g.Outcome) + len(g.DoneWhen) + len(g.Notes) + 4
		for _, t := range g.Tags {
			size += len(t) + 2
		}
	}
	buf := make([]byte, 0, size+size/8)
	ends := make([]int, len(goals))
	for i := range goals {
		g := &goals[i]
		ix.pos[g.ID] = int32(i)
		for _, s := range []string{g.Title, g.Outcome, g.DoneWhen, g.Notes} {
			buf = appendLower(buf, s)
			buf = append(buf, '\n')
		}
		for _, t := range g.Tags {
			buf = appendLower(buf, TagWord(t))
			buf = append(buf, ' ')
		}
		ends[i] = len(buf)
	}
	all := string(buf)
	start := 0
	for i, e := range ends {
		ix.text[i] = all[start:e]
		start = e
	}
	for i := range goals {
		ix.parent[i] = -1
		if p, ok := ix.pos[goals[i].ParentID]; ok && goals[i].ParentID != 0 {
			ix.parent[i] = p
		}
	}
	return ix
}

func lowerJoin(s ...string) string { return toLower(strings.Join(s, "\n")) }

// appendLower appends s lower-cased to b.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return append(b, strings.Map(unicode.ToLower, s[i:])...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// toLower lower-cases s, without a copy when it is lower-case ASCII already.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.Map(unicode.ToLower, s)
		}
	}
	return s
}

// Match states of a row in a FilterResult.
const (
	rowHidden  uint8 = 0
	rowMatched uint8 = 1
	rowContext uint8 = 2 // shown only as the ancestor of a match
)

// FilterResult says which rows of the outline a filter shows: the matches, and their
// ancestors as context.
type FilterResult struct {
	active     bool
	goals      []uint8
	pos        map[int64]int32
	objectives map[int64]uint8
	// Matches is how many steps and objectives match.
	Matches int
}

// Active reports whether the result narrows the outline at all.
func (r FilterResult) Active() bool { return r.active }

// Goal reports whether step id is shown, and whether as a match (or only as context).
func (r FilterResult) Goal(id int64) (shown, matched bool) {
	if !r.active {
		return true, true
	}
	p, ok := r.pos[id]
	if !ok {
		return false, false
	}
	s := r.goals[p]
	return s != rowHidden, s == rowMatched
}

// Objective reports whether objective id is shown, and whether as a match.
func (r FilterResult) Objective(id int64) (shown, matched bool) {
	if !r.active {
		return true, true
	}
	s := r.objectives[id]
	return s != rowHidden, s == rowMatched
}

// Apply filters the index. Steps that match are shown with every ancestor (their objective
// included) as context; an objective matches on its own text when the filter asks nothing
// only a step can answer.
func (ix *SearchIndex) Apply(f Filter, c FilterContext) FilterResult {
	if !f.Active() {
		return FilterResult{}
	}
	loc := c.Location
	if loc == nil {
		loc = time.Local
	}
	r := FilterResult{active: true, goals: make([]uint8, len(ix.goals)), pos: ix.pos, objectives: map[int64]uint8{}}
	today := DateOf(c.Now, loc)
	weekFrom := WeekStart(today, c.FirstWeekday)
	weekTo := weekFrom.AddDays(7)
	weekStart, weekEnd := weekFrom.Start(loc), weekTo.Start(loc)
	dayStart, dayEnd := today.Start(loc), today.AddDays(1).Start(loc)
	for i := range ix.goals {
		g := &ix.goals[i]
		if !ix.goalMatches(g, ix.text[i], &f, c.Now, loc, dayStart, dayEnd, weekStart, weekEnd) {
			continue
		}
		r.goals[i] = rowMatched
		r.Matches++
		for p := ix.parent[i]; p >= 0 && r.goals[p] == rowHidden; p = ix.parent[p] {
			r.goals[p] = rowContext
		}
		if r.objectives[g.ObjectiveID] == rowHidden {
			r.objectives[g.ObjectiveID] = rowContext
		}
	}
	if !f.goalCriteria() {
		for id, text := range ix.objText {
			if f.FocusOnly && !ix.focus[id] {
				continue
			}
			if containsAll(text, f.Words) {
				r.objectives[id] = rowMatched
				r.Matches++
			}
		}
	}
	return r
}

func (ix *SearchIndex) goalMatches(g *MicroGoal, text string, f *Filter, now time.Time, loc *time.Location, dayStart, dayEnd, weekStart, weekEnd time.Time) bool {
	if f.Stage != "" && g.Stage != f.Stage || f.Status != "" && g.Status != f.Status || f.Horizon != "" && g.Horizon != f.Horizon {
		return false
	}
	if f.Owner != "" && !strings.EqualFold(g.Owner, f.Owner) || f.Partner != "" && !strings.EqualFold(g.Partner, f.Partner) {
		return false
	}
	if f.FocusOnly && !ix.focus[g.ObjectiveID] {
		return false
	}
	for _, t := range f.Tags {
		if !HasTag(g.Tags, t) {
			return false
		}
	}
	switch f.Due {
	case DueNone:
		if g.HasDue() {
			return false
		}
	case DueOverdue:
		if g.Status != StatusOpen || !g.HasDue() || g.Repeat != "" || !g.DueInstant(loc).Before(now) {
			return false
		}
	case DueToday, DueThisWeek:
		from, to := dayStart, dayEnd
		if f.Due == DueThisWeek {
			from, to = weekStart, weekEnd
		}
		if !g.HasDue() || g.Due.Before(from) || !g.Due.Before(to) {
			return false
		}
	}
	return containsAll(text, f.Words)
}

func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// Reveal shows step id and its ancestors in r as context, when the filter hides it: the step
// being edited stays on screen after an edit that makes it stop matching.
func (ix *SearchIndex) Reveal(r *FilterResult, id int64) {
	p, ok := ix.pos[id]
	if !r.active || !ok {
		return
	}
	for ; p >= 0 && r.goals[p] == rowHidden; p = ix.parent[p] {
		r.goals[p] = rowContext
	}
	if r.objectives[ix.goals[ix.pos[id]].ObjectiveID] == rowHidden {
		r.objectives[ix.goals[ix.pos[id]].ObjectiveID] = rowContext
	}
}
