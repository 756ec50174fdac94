package model

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// ReportInput is everything a progress report for a period is written from.
type ReportInput struct {
	Period     Period
	Now        time.Time
	Location   *time.Location
	Locale     Locale // how dates and numbers are written; the zero Locale is the C locale's
	Objectives []Objective
	Goals      []MicroGoal
	// Totals is the sum of the metric entries logged within the period, by micro-goal.
	Totals  map[int64]float64
	Reviews []Review // the weekly reviews whose period overlaps the report's
	// Charts are the image files written beside the report, by name: "completions" and
	// "metrics". A chart that is absent is left out of the report.
	Charts map[string]string
	// Sprints are the focus sprints, for the patterns by place and collaborator; Decisions
	// the audit decisions (those made in the period are listed). Charts["burnup"] is the
	// burn-up of the objective in focus.
	Sprints   []Sprint
	Decisions []Decision
}

// CompletionsPerDay counts the steps done on each day of p, first day first.
func CompletionsPerDay(goals []MicroGoal, p Period, loc *time.Location) []float64 {
	out := make([]float64, p.Days())
	for _, g := range goals {
		if g.Status != StatusDone || !p.Contains(g.DoneAt) {
			continue
		}
		d := dayStart(g.DoneAt, loc)
		i := 0
		for x := p.Start; x.Before(d); x = x.AddDate(0, 0, 1) {
			i++
		}
		if i < len(out) {
			out[i]++
		}
	}
	return out
}

// PeriodTotal is one quantitative micro-goal's total in a period against its target.
type PeriodTotal struct {
	Goal   MicroGoal
	Total  float64
	Target float64
}

// Fraction is Total/Target, capped at 1, or 0 without a target.
func (m PeriodTotal) Fraction() float64 {
	if m.Target <= 0 {
		return 0
	}
	return min(m.Total/m.Target, 1)
}

// PeriodTotals lists the micro-goals with entries in the period (and quantitative targets where
// they have one), largest share of target first, then by title.
func PeriodTotals(goals []MicroGoal, totals map[int64]float64) []PeriodTotal {
	var out []PeriodTotal
	seen := make(map[int64]bool, len(totals))
	for _, g := range goals {
		total, ok := totals[g.ID]
		if !ok || g.Metric.Kind == MetricNone || seen[g.ID] {
			continue // the occurrences of a repeating step share its one log
		}
		seen[g.ID] = true
		out = append(out, PeriodTotal{Goal: g, Total: total, Target: g.Metric.Target})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if fi, fj := out[i].Fraction(), out[j].Fraction(); fi != fj {
			return fi > fj
		}
		return out[i].Goal.Title < out[j].Goal.Title
	})
	return out
}

// ProgressReport writes the Markdown progress report: objective progress, the steps completed
// in the period, metric totals against targets, and the notes and lessons of the weekly
// reviews. The same input gives the same text.
func ProgressReport(in ReportInput) string {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	var b strings.Builder
	esc := markdownEscape
	l := in.Locale
	fmt.Fprintf(&b, tr("# Progress report: %s\n\n"), l.Period(in.Period))
	fmt.Fprintf(&b, tr("Written %s by Microgoals.\n\n"), l.DateTimeYear(in.Now.In(loc)))

	sum := SummarizeWeek(in.Goals, in.Period, in.Now, loc)
	fmt.Fprintf(&b, tr("**%s completed**, %d still open in the period, %d overdue, %d dropped. Current streak: %s.\n\n"),
		trN(len(sum.Completed), "{{.Count}} step", "{{.Count}} steps"), len(sum.Open), len(sum.Overdue), sum.Dropped,
		trN(sum.Streak, "{{.Count}} day", "{{.Count}} days"))

	b.WriteString(tr("## Objectives\n\n"))
	progress := ObjectiveProgress(in.Goals)
	doneIn := map[int64]int{}
	for _, g := range sum.Completed {
		doneIn[g.ObjectiveID]++
	}
	if len(in.Objectives) == 0 {
		b.WriteString(tr("No objectives yet.\n\n"))
	}
	for _, o := range in.Objectives {
		p := progress[o.ID]
		fmt.Fprintf(&b, tr("- **%s** (%s): %d of %s done, %s — %d in this period\n"),
			esc(o.Title), statusWord(o.Status), p.Done, trN(p.Total, "{{.Count}} step", "{{.Count}} steps"), l.Percent(p.Fraction()), doneIn[o.ID])
	}
	b.WriteString("\n")
	if c := in.Charts["completions"]; c != "" {
		fmt.Fprintf(&b, tr("![Steps completed per day](%s)\n\n"), c)
	}

	b.WriteString(tr("## Completed steps\n\n"))
	if len(sum.Completed) == 0 {
		b.WriteString(tr("None in this period.\n\n"))
	}
	titles := map[int64]string{}
	for _, o := range in.Objectives {
		titles[o.ID] = o.Title
	}
	for _, g := range sum.Completed {
		line := fmt.Sprintf("- %s — %s, %s", l.ShortDate(g.DoneAt.In(loc)), esc(g.Title), esc(titles[g.ObjectiveID]))
		if g.DoneWhen != "" {
			line += " (" + tr("done when: {{.Text}}", "Text", esc(g.DoneWhen)) + ")"
		}
		b.WriteString(line + "\n")
	}
	if len(sum.Completed) > 0 {
		b.WriteString("\n")
	}

	b.WriteString(tr("## Metrics against targets\n\n"))
	rows := PeriodTotals(in.Goals, in.Totals)
	if len(rows) == 0 {
		b.WriteString(tr("No values logged in this period.\n\n"))
	} else {
		b.WriteString(tr("| # | Micro-goal | Logged | Target | Share |\n|---:|---|---:|---:|---:|\n"))
		for i, r := range rows {
			target, share := "—", "—"
			if r.Target > 0 {
				target = l.Number(r.Target, 6) + " " + esc(r.Goal.Metric.Unit)
				share = l.Percent(r.Total / r.Target)
			}
			fmt.Fprintf(&b, "| %d | %s | %s %s | %s | %s |\n", i+1, esc(r.Goal.Title), l.Number(r.Total, 6), esc(r.Goal.Metric.Unit), target, share)
		}
		b.WriteString("\n")
		if c := in.Charts["metrics"]; c != "" {
			fmt.Fprintf(&b, tr("![Metric totals as a share of their targets](%s)\n\n"), c)
		}
	}

	b.WriteString(tr("## Reviews and lessons\n\n"))
	if len(in.Reviews) == 0 {
		b.WriteString(tr("No weekly review saved for this period.\n"))
	}
	for _, r := range in.Reviews {
		fmt.Fprintf(&b, tr("### Week %s\n\n"), l.Period(r.Period))
		fmt.Fprintf(&b, tr("%s completed, streak %s.\n\n"), trN(r.Completed, "{{.Count}} step", "{{.Count}} steps"), trN(r.Streak, "{{.Count}} day", "{{.Count}} days"))
		for _, part := range []struct{ head, text string }{{tr("Wins"), r.Wins}, {tr("Adjustments"), r.Adjustments}, {tr("Lessons"), r.Lessons}} {
			if strings.TrimSpace(part.text) != "" {
				fmt.Fprintf(&b, "**%s:** %s\n\n", part.head, esc(strings.TrimSpace(part.text)))
			}
		}
		for _, a := range r.Actions {
			fmt.Fprintf(&b, "- %s\n", esc(a))
		}
		if len(r.Actions) > 0 {
			b.WriteString("\n")
		}
	}
	writePeopleAndPlaces(&b, in)
	return b.String()
}

// markdownEscape keeps user text from being read as Markdown markup: a title with a star or
// a pipe must show as written, not turn bold or break the table. User text never starts a
// line here, so the line-start markers (#, -, 1.) need no escape.
func markdownEscape(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]|<>", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// statusWord names an objective's status in the report's language.
func statusWord(s ObjectiveStatus) string {
	switch s {
	case ObjectiveActive:
		return tr("active")
	case ObjectiveAchieved:
		return tr("achieved")
	case ObjectiveArchived:
		return tr("archived")
	}
	return string(s)
}
