package model

import (
	"math"
	"sort"
	"strings"
	"time"
)

// onTime reports whether a done step has a due date, and whether it was done by it.
func onTime(g *MicroGoal, loc *time.Location) (dated, ok bool) {
	if g.Status != StatusDone || g.DoneAt.IsZero() || !g.HasDue() {
		return false, false
	}
	return true, !g.DoneAt.After(g.DueInstant(loc))
}

// Tally counts steps for a person, a tag, a place or a collaborator.
type Tally struct {
	Open, Done int
	Dated      int // done steps that had a due date
	OnTime     int // of those, done by it
}

// OnTimeRate is the share of dated done steps done on time (0 when none).
func (t Tally) OnTimeRate() float64 {
	if t.Dated == 0 {
		return 0
	}
	return float64(t.OnTime) / float64(t.Dated)
}

func (t *Tally) add(g *MicroGoal, loc *time.Location) {
	switch g.Status {
	case StatusOpen:
		t.Open++
	case StatusDone:
		t.Done++
		if dated, ok := onTime(g, loc); dated {
			t.Dated++
			if ok {
				t.OnTime++
			}
		}
	}
}

// Person is what the People view shows of one owner or partner: the steps they own, the
// steps they are the accountability partner of, and their owned steps by tag.
type Person struct {
	Name    string
	Owned   Tally
	Partner Tally
	ByTag   map[string]Tally // owned steps by tag
}

// PeopleOf gathers every owner and partner named in goals, by name ignoring case (the first
// spelling is kept), ordered by open owned steps, most first, then by name.
func PeopleOf(goals []MicroGoal, loc *time.Location) []Person {
	byKey := map[string]*Person{}
	get := func(name string) *Person {
		k := strings.ToLower(strings.TrimSpace(name))
		p, ok := byKey[k]
		if !ok {
			p = &Person{Name: strings.TrimSpace(name), ByTag: map[string]Tally{}}
			byKey[k] = p
		}
		return p
	}
	for i := range goals {
		g := &goals[i]
		if strings.TrimSpace(g.Owner) != "" {
			p := get(g.Owner)
			p.Owned.add(g, loc)
			for _, t := range g.Tags {
				if IsPlace(t) {
					continue
				}
				k := strings.ToLower(t)
				tt := p.ByTag[k]
				tt.add(g, loc)
				p.ByTag[k] = tt
			}
		}
		if strings.TrimSpace(g.Partner) != "" {
			get(g.Partner).Partner.add(g, loc)
		}
	}
	out := make([]Person, 0, len(byKey))
	for _, p := range byKey {
		out = append(out, *p)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Owned.Open != out[b].Owned.Open {
			return out[a].Owned.Open > out[b].Owned.Open
		}
		return strings.ToLower(out[a].Name) < strings.ToLower(out[b].Name)
	})
	return out
}

// Suggestion is the owner to suggest for a step with some tags.
type Suggestion struct {
	Owner  string
	Tag    string // the tag the record is for
	OnTime int    // dated steps with that tag the owner did on time
	Dated  int    // of how many
}

// MinRecord is how many dated, done steps with a tag an owner needs before being suggested
// for it: one lucky step is no record.
const MinRecord = 2

// SuggestOwner suggests who should own a step tagged tags: among the owners with at least
// MinRecord dated, done steps of one of those tags, the one who did the most of them on time
// (ties: the better rate, then the name). Places ("@home") are not skills and are skipped.
func SuggestOwner(goals []MicroGoal, tags []string, loc *time.Location) (Suggestion, bool) {
	var best Suggestion
	found := false
	better := func(s Suggestion) bool {
		if !found {
			return true
		}
		if s.OnTime != best.OnTime {
			return s.OnTime > best.OnTime
		}
		if rs, rb := float64(s.OnTime)/float64(s.Dated), float64(best.OnTime)/float64(best.Dated); rs != rb {
			return rs > rb
		}
		return strings.ToLower(s.Owner) < strings.ToLower(best.Owner)
	}
	people := PeopleOf(goals, loc)
	for _, tag := range tags {
		if IsPlace(tag) {
			continue
		}
		for _, p := range people {
			t := p.ByTag[strings.ToLower(tag)]
			if t.Dated < MinRecord || t.OnTime == 0 {
				continue
			}
			s := Suggestion{Owner: p.Name, Tag: tag, OnTime: t.OnTime, Dated: t.Dated}
			if better(s) {
				best, found = s, true
			}
		}
	}
	return best, found
}

// Group is one place or collaborator in the patterns: its completions, on-time record and
// focus-sprint minutes.
type Group struct {
	Name          string
	Done          Tally
	SprintMinutes float64
}

// ContextPatterns are the patterns by place and by collaborator.
type ContextPatterns struct {
	Places, People []Group
}

// ContextPatternsOf groups completions and ended sprints by where and with whom. A step's place
// is where it was said to be done, else its first "@place" tag; its collaborator is who it
// was said to be done with. A sprint's are its environment and partner. Groups are ordered by
// completions, then sprint minutes; the unnamed are left out.
func ContextPatternsOf(goals []MicroGoal, sprints []Sprint, loc *time.Location) ContextPatterns {
	places, people := newGroups(), newGroups()
	for i := range goals {
		g := &goals[i]
		if g.Status != StatusDone {
			continue
		}
		where := g.DoneWhere
		if where == "" {
			for _, t := range g.Tags {
				if IsPlace(t) {
					where = t
					break
				}
			}
		}
		if p := places.get(where); p != nil {
			p.Done.add(g, loc)
		}
		if p := people.get(g.DoneWith); p != nil {
			p.Done.add(g, loc)
		}
	}
	for i := range sprints {
		s := &sprints[i]
		if s.InProgress() {
			continue
		}
		m := s.Worked(s.EndedAt).Minutes()
		if p := places.get(s.Environment); p != nil {
			p.SprintMinutes += m
		}
		if p := people.get(s.Partner); p != nil {
			p.SprintMinutes += m
		}
	}
	order := func(gs *groups) []Group {
		out := make([]Group, 0, len(gs.byKey))
		for _, g := range gs.byKey {
			g.SprintMinutes = math.Round(g.SprintMinutes)
			out = append(out, *g)
		}
		sort.Slice(out, func(a, b int) bool {
			if out[a].Done.Done != out[b].Done.Done {
				return out[a].Done.Done > out[b].Done.Done
			}
			if out[a].SprintMinutes != out[b].SprintMinutes {
				return out[a].SprintMinutes > out[b].SprintMinutes
			}
			return strings.ToLower(out[a].Name) < strings.ToLower(out[b].Name)
		})
		return out
	}
	return ContextPatterns{Places: order(places), People: order(people)}
}

// groups are the places or the collaborators being counted, by name ignoring case.
type groups struct {
	byKey map[string]*Group
	// seen maps each spelling met to its group (nil for none), so the usual repeated name
	// costs one lookup and no lower-casing.
	seen map[string]*Group
}

func newGroups() *groups { return &groups{byKey: map[string]*Group{}, seen: map[string]*Group{}} }

// get is the group of name ("@home" and "home" are one place), nil for a blank name.
func (gs *groups) get(name string) *Group {
	if g, ok := gs.seen[name]; ok {
		return g
	}
	var g *Group
	if clean := strings.TrimSpace(strings.TrimPrefix(name, "@")); clean != "" {
		k := strings.ToLower(clean)
		if g = gs.byKey[k]; g == nil {
			g = &Group{Name: clean}
			gs.byKey[k] = g
		}
	}
	gs.seen[name] = g
	return g
}

// Projection is when an objective will be finished at its recent rate.
type Projection struct {
	Remaining  int     // open steps
	PerWeek    float64 // steps done per week over the last four weeks
	Finish     time.Time
	HasFinish  bool // false when nothing was done in four weeks (no rate to project from)
	Target     time.Time
	DaysAhead  int // days the projected finish is before the target (negative: behind)
	HasTarget  bool
	AlreadyAll bool // nothing remains
}

// ProjectFinish projects objective's finish from the steps done in the last four weeks before
// now, against its target date.
func ProjectFinish(goals []MicroGoal, objective Objective, now time.Time, loc *time.Location) Projection {
	p := Projection{Target: objective.TargetDate, HasTarget: !objective.TargetDate.IsZero()}
	since := now.AddDate(0, 0, -28)
	done := 0
	for i := range goals {
		g := &goals[i]
		if g.ObjectiveID != objective.ID {
			continue
		}
		switch {
		case g.Status == StatusOpen:
			p.Remaining++
		case g.Status == StatusDone && g.DoneAt.After(since) && !g.DoneAt.After(now):
			done++
		}
	}
	p.PerWeek = float64(done) / 4
	today := DateOf(now, loc)
	if p.Remaining == 0 {
		p.AlreadyAll, p.HasFinish = true, true
		p.Finish = today.Start(loc)
	} else if done > 0 {
		days := int(math.Ceil(float64(p.Remaining) / (float64(done) / 28)))
		p.Finish, p.HasFinish = today.AddDays(days).Start(loc), true
	}
	if p.HasFinish && p.HasTarget {
		p.DaysAhead = DateOf(p.Finish, loc).DaysUntil(DateOf(p.Target, loc))
	}
	return p
}
