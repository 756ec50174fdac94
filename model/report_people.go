package model

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// writePeopleAndPlaces adds to a report the period's steps by owner, and the patterns by
// place and collaborator of the steps done and sprints ended in the period (issue 13).
func writePeopleAndPlaces(b *strings.Builder, in ReportInput) {
	if in.Location == nil {
		in.Location = time.UTC
	}
	var done []MicroGoal
	open := map[string]int{}
	for _, g := range in.Goals {
		if g.Status == StatusDone && in.Period.Contains(g.DoneAt) {
			done = append(done, g)
		}
		if g.Status == StatusOpen && strings.TrimSpace(g.Owner) != "" {
			open[strings.TrimSpace(g.Owner)]++
		}
	}
	b.WriteString(tr("\n## By owner\n\n"))
	people := PeopleOf(done, in.Location)
	sort.SliceStable(people, func(i, j int) bool { return people[i].Owned.Done > people[j].Owned.Done })
	n := 0
	for _, p := range people {
		if p.Owned.Done == 0 {
			continue
		}
		n++
		line := fmt.Sprintf(tr("- **%s**: %d done"), markdownEscape(p.Name), p.Owned.Done)
		if p.Owned.Dated > 0 {
			line += fmt.Sprintf(tr(", %d of %d on time"), p.Owned.OnTime, p.Owned.Dated)
		}
		if o := open[p.Name]; o > 0 {
			line += fmt.Sprintf(tr("; %d still open"), o)
		}
		b.WriteString(line + "\n")
	}
	if n == 0 {
		b.WriteString(tr("No step with an owner was done in this period.\n"))
	}
	b.WriteString(tr("\n## Decisions\n\n"))
	nd := 0
	for _, d := range in.Decisions {
		if !in.Period.Contains(d.At) {
			continue
		}
		nd++
		line := fmt.Sprintf("- %s — **%s** %s", in.Locale.ShortDate(d.At.In(in.Location)), d.KindWord(), markdownEscape(d.Subject))
		if r := strings.TrimSpace(LocalizeRationale(d.Rationale)); r != "" {
			line += ": " + markdownEscape(r)
		}
		b.WriteString(line + "\n")
	}
	if nd == 0 {
		b.WriteString(tr("No decisions in this period.\n"))
	}
	if c := in.Charts["burnup"]; c != "" {
		fmt.Fprintf(b, tr("\n## Burn-up\n\n![Burn-up of the objective in focus](%s)\n"), c)
	}
	b.WriteString(tr("\n## Places and collaborators\n\n"))
	c := ContextPatternsIn(in.Goals, in.Sprints, in.Period, in.Location)
	if len(c.Places)+len(c.People) == 0 {
		b.WriteString(tr("No place or collaborator noted for the steps and sprints of this period.\n"))
		return
	}
	if img := in.Charts["places"]; img != "" {
		fmt.Fprintf(b, tr("![Done, on time and sprint minutes by place and collaborator](%s)\n\n"), img)
	}
	b.WriteString(tr("| | Name | Done | On time | Sprint minutes |\n|---|---|---:|---:|---:|\n"))
	row := func(kind string, gs []Group) {
		for _, g := range gs {
			rate := "—"
			if g.Done.Dated > 0 {
				rate = in.Locale.Percent(g.Done.OnTimeRate())
			}
			fmt.Fprintf(b, "| %s | %s | %d | %s | %.0f |\n", kind, markdownEscape(g.Name), g.Done.Done, rate, g.SprintMinutes)
		}
	}
	row(tr("Place"), c.Places)
	row(tr("With"), c.People)
}

// ContextPatternsIn are the patterns by place and collaborator of the steps done and the
// sprints ended in p.
func ContextPatternsIn(goals []MicroGoal, sprints []Sprint, p Period, loc *time.Location) ContextPatterns {
	var done []MicroGoal
	for _, g := range goals {
		if g.Status == StatusDone && p.Contains(g.DoneAt) {
			done = append(done, g)
		}
	}
	var ended []Sprint
	for _, s := range sprints {
		if !s.InProgress() && p.Contains(s.EndedAt) {
			ended = append(ended, s)
		}
	}
	return ContextPatternsOf(done, ended, loc)
}
