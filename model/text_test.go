package model

import (
	"strings"
	"testing"
	"time"
)

// bracketLocalizer marks what it translated, so a test sees which texts went through it.
type bracketLocalizer struct{}

func (bracketLocalizer) Text(msg string, data map[string]any) string {
	return "[" + English(msg, data) + "]"
}

func (bracketLocalizer) Plural(n int, one, other string, data map[string]any) string {
	if n == 1 {
		return "[" + English(one, data) + "]"
	}
	return "[" + English(other, data) + "]"
}

// TestMessagesGoThroughTheLocalizer: with a localizer set, a notification, a SMART hint and a
// validation problem are all its work, with their fields filled; without one they are English.
func TestMessagesGoThroughTheLocalizer(t *testing.T) {
	s := settingsAt(time.UTC, t0.Add(-time.Hour))
	goals := []MicroGoal{timedGoal(1, "Call the dentist", t0.Add(2*time.Minute))}
	SetLocalizer(bracketLocalizer{})
	t.Cleanup(func() { SetLocalizer(nil) })
	fs := simulate(t, goals, nil, s, SentLog{}, t0, t0.Add(time.Hour))
	var all string
	for _, f := range fs {
		all += f.Title + "\n" + f.Body + "\n"
	}
	for _, want := range []string{"[While Microgoals was closed: [1 deadline], [1 reminder]]", "[Due in [2 min]: Call the dentist]", "[Due now: Call the dentist]", "[Its deadline is 09:02.]"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q among the notifications:\n%s", want, all)
		}
	}
	g := NewMicroGoal(1, 0, "the dentist", t0)
	hints := strings.Join(CheckSMART(g, SMARTContext{}).Hints(), "\n")
	if !strings.Contains(hints, "[Start with an action verb (“Write…”, “Call…”); “the” is not one]") {
		t.Errorf("the SMART hint did not go through the localizer:\n%s", hints)
	}
	g.Title = ""
	var msgs []string
	for _, p := range ValidateGoal(g) {
		msgs = append(msgs, p.Message)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "[Give the [micro-goal] a title]") {
		t.Errorf("the validation problem did not go through the localizer: %q", msgs)
	}

	SetLocalizer(nil)
	if got := trN(1, "{{.Count}} milestone", "{{.Count}} milestones"); got != "1 milestone" {
		t.Errorf("English singular = %q", got)
	}
	if got := trN(3, "{{.Count}} milestone", "{{.Count}} milestones"); got != "3 milestones" {
		t.Errorf("English plural = %q", got)
	}
	if got := tr("Due now: {{.Title}}", "Title", "{{.X}} <b>"); got != "Due now: {{.X}} <b>" {
		t.Errorf("a title with template marks and HTML is %q: data must stay data", got)
	}
}
