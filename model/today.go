package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Anchor is a routine a person already has at a fixed time of day ("Work start 09:00"); the
// day's micro-goals are paired with them.
type Anchor struct {
	Name         string
	Hour, Minute int
}

// Minutes is the anchor's time as minutes after midnight.
func (a Anchor) Minutes() int { return a.Hour*60 + a.Minute }

// Clock is the anchor's time as HH:MM.
func (a Anchor) Clock() string { return fmt.Sprintf("%02d:%02d", a.Hour, a.Minute) }

// DefaultAnchors are the routine anchors a new plan starts with.
func DefaultAnchors() []Anchor {
	return []Anchor{{"Morning planning", 8, 30}, {"Work start", 9, 0}, {"After lunch", 13, 30}, {"After work", 18, 0}}
}

// MaxAnchors bounds the anchors a day can have, so that the Today view stays a short list.
const MaxAnchors = 12

// FormatAnchors writes anchors one a line as "HH:MM Name", the form the settings edit.
func FormatAnchors(as []Anchor) string {
	var b strings.Builder
	for i, a := range as {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(a.Clock() + " " + a.Name)
	}
	return b.String()
}

// ParseAnchors reads anchors written one a line as "HH:MM Name" (blank lines ignored) and
// returns them ordered by time. A line it cannot read is refused with its number and why.
func ParseAnchors(s string) ([]Anchor, error) {
	var out []Anchor
	seen := map[string]bool{}
	for i, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		clock, name, _ := strings.Cut(line, " ")
		name = strings.TrimSpace(name)
		h, m, ok, err := ParseClock(clock)
		if err != nil || !ok {
			return nil, fmt.Errorf("line %d: start with the time, for example “09:00 Work start”", i+1)
		}
		if name == "" {
			return nil, fmt.Errorf("line %d: give the anchor a name after the time", i+1)
		}
		if len([]rune(name)) > MaxNameLen {
			return nil, fmt.Errorf("line %d: keep the name under %d characters", i+1, MaxNameLen)
		}
		if seen[strings.ToLower(name)] {
			return nil, fmt.Errorf("line %d: there is already an anchor called “%s”", i+1, name)
		}
		seen[strings.ToLower(name)] = true
		out = append(out, Anchor{Name: name, Hour: h, Minute: m})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("keep at least one anchor, for example “09:00 Work start”")
	}
	if len(out) > MaxAnchors {
		return nil, fmt.Errorf("%d anchors are too many to plan a day by; keep at most %d", len(out), MaxAnchors)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Minutes() < out[b].Minutes() })
	return out, nil
}

// ParseFocusLimit reads the focus limit setting: a whole number from 1 to 20.
func ParseFocusLimit(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 20 {
		return 0, fmt.Errorf("the focus limit is a number of steps from 1 to 20")
	}
	return n, nil
}

// ParseWeekday reads a weekday name in English ("monday", "Sun"); ok is false otherwise.
func ParseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 2 {
		return 0, false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.HasPrefix(strings.ToLower(d.String()), s) {
			return d, true
		}
	}
	return 0, false
}

// AnchorOf is the anchor an occurrence belongs to: the one it is attached to, else the
// latest anchor at or before its due time (the first anchor for a time before all of them).
// ok is false for an all-day step that is attached to no anchor.
func AnchorOf(g MicroGoal, anchors []Anchor) (index int, ok bool) {
	if g.Anchor != "" {
		for i, a := range anchors {
			if strings.EqualFold(a.Name, g.Anchor) {
				return i, true
			}
		}
	}
	if !g.DueHasTime || g.Due.IsZero() || len(anchors) == 0 {
		return 0, false
	}
	m := g.Due.Hour()*60 + g.Due.Minute()
	index = 0
	for i, a := range anchors {
		if a.Minutes() <= m {
			index = i
		}
	}
	return index, true
}

// SortByAnchor orders a day's occurrences by routine anchor, then due time, then path
// position; steps without anchor or time come last.
func SortByAnchor(os []Occurrence, anchors []Anchor) {
	if len(os) < 2 {
		return
	}
	// The keys are computed once per step (a due time's hour needs a zone lookup) and the
	// steps, which are large, are moved once.
	type key struct {
		anchor, minute int
		objective      int64
		position       int64
		i              int
	}
	keys := make([]key, len(os))
	for i := range os {
		g := os[i].Goal
		a, ok := AnchorOf(*g, anchors)
		if !ok {
			a = len(anchors)
		}
		m := 24 * 60
		if g.DueHasTime {
			h, mi, _ := g.Due.Clock()
			m = h*60 + mi
		}
		keys[i] = key{a, m, g.ObjectiveID, g.Position, i}
	}
	sort.SliceStable(keys, func(a, b int) bool {
		x, y := keys[a], keys[b]
		if x.anchor != y.anchor {
			return x.anchor < y.anchor
		}
		if x.minute != y.minute {
			return x.minute < y.minute
		}
		if x.objective != y.objective {
			return x.objective < y.objective
		}
		return x.position < y.position
	})
	permute(os, func(i int) int { return keys[i].i })
}

// permute reorders xs so that xs[i] becomes the old xs[from(i)].
func permute[T any](xs []T, from func(i int) int) {
	old := append([]T(nil), xs...)
	for i := range xs {
		xs[i] = old[from(i)]
	}
}

// AnchorGroup is the day's steps under one routine anchor. Anchor.Name is "Any time" for
// the group of all-day steps attached to no anchor.
type AnchorGroup struct {
	Anchor Anchor
	Items  []Occurrence
}

// TodayPlan is what the Today view shows.
type TodayPlan struct {
	Day      Date
	Overdue  []Occurrence  // open steps due before today, oldest first
	Groups   []AnchorGroup // today's steps by anchor; empty anchors left out
	Open     int           // open steps due today
	Done     int           // steps due today that are done
	Limit    int           // the focus limit
	OverLoad bool          // Open exceeds Limit
}

// AllDone reports whether the day had steps and every one of them is done or dropped, with
// nothing overdue left.
func (p TodayPlan) AllDone() bool { return p.Done > 0 && p.Open == 0 && len(p.Overdue) == 0 }

// AnyTime is the name of the group of all-day steps attached to no anchor.
const AnyTime = "Any time"

// PlanToday groups today's occurrences under the routine anchors and gathers the overdue
// ones. occs holds occurrences from any days (see Occurrences); only daily milestones and
// steps of other horizons due today are shown. An overdue step is an open, non-repeating
// step due before today: a missed occurrence of a repeating step is not carried over (the
// next one comes anyway).
func PlanToday(today Date, occs []Occurrence, anchors []Anchor, limit int) TodayPlan {
	p := TodayPlan{Day: today, Limit: limit}
	groups := make([][]Occurrence, len(anchors)+1)
	for _, o := range occs {
		switch c := o.Day.Compare(today); {
		case c < 0:
			if o.Goal.Status == StatusOpen && !o.Recurring() {
				p.Overdue = append(p.Overdue, o)
			}
		case c == 0:
			i, ok := AnchorOf(*o.Goal, anchors)
			if !ok {
				i = len(anchors)
			}
			groups[i] = append(groups[i], o)
			switch o.Goal.Status {
			case StatusOpen:
				p.Open++
			case StatusDone:
				p.Done++
			}
		}
	}
	for i, items := range groups {
		if len(items) == 0 {
			continue
		}
		SortByAnchor(items, anchors)
		a := Anchor{Name: AnyTime}
		if i < len(anchors) {
			a = anchors[i]
		}
		p.Groups = append(p.Groups, AnchorGroup{Anchor: a, Items: items})
	}
	sortByDay(p.Overdue)
	p.OverLoad = limit > 0 && p.Open > limit
	return p
}
