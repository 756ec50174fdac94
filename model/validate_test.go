package model

import (
	"math"
	"strings"
	"testing"
	"time"
)

var created = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func validGoal() MicroGoal {
	g := NewMicroGoal(1, 0, "Write the first 500 words of chapter 2", created)
	g.Due = created.Add(8 * time.Hour)
	g.DueHasTime = true
	g.DoneWhen = "500 words in the manuscript"
	return g
}

func TestValidateGoal(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(*MicroGoal)
		field    string // "" means no problem at all
		blocking bool
		contains string
	}{
		{"valid", func(*MicroGoal) {}, "", false, ""},
		{"empty title", func(g *MicroGoal) { g.Title = "  \t " }, "title", true, "Give the micro-goal a title"},
		{"huge title", func(g *MicroGoal) { g.Title = strings.Repeat("word ", 100) }, "title", true, "keep it to 200"},
		{"title at limit", func(g *MicroGoal) { g.Title = "Write " + strings.Repeat("x", MaxTitleLen-6) }, "", false, ""},
		{"multi-line title", func(g *MicroGoal) { g.Title = "Write\nthings" }, "title", true, "one line"},
		{"invalid utf8", func(g *MicroGoal) { g.Title = "Write \xff\xfe" }, "title", true, "not valid text"},
		{"due before creation is flagged", func(g *MicroGoal) { g.Due = created.Add(-48 * time.Hour) }, "due", false, "before the step was created"},
		{"all-day due on creation day is fine", func(g *MicroGoal) { g.Due = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC); g.DueHasTime = false }, "", false, ""},
		{"impossible year", func(g *MicroGoal) { g.Due = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) }, "due", true, "9999"},
		{"negative estimate", func(g *MicroGoal) { g.EstimateMinutes = -5 }, "estimate", true, "negative"},
		{"estimate over a week", func(g *MicroGoal) { g.EstimateMinutes = MaxEstimate + 1 }, "estimate", true, "more than a week"},
		{"unknown horizon", func(g *MicroGoal) { g.Horizon = "decade" }, "horizon", true, "decade"},
		{"unknown stage", func(g *MicroGoal) { g.Stage = "dreaming" }, "stage", true, "dreaming"},
		{"unknown status", func(g *MicroGoal) { g.Status = "maybe" }, "status", true, "maybe"},
		{"quantitative without unit", func(g *MicroGoal) { g.Metric = Metric{Kind: MetricQuantitative, Target: 5} }, "unit", true, "unit"},
		{"NaN target", func(g *MicroGoal) { g.Metric = Metric{Kind: MetricQuantitative, Unit: "pages", Target: math.NaN()} }, "target", true, "number"},
		{"negative target", func(g *MicroGoal) { g.Metric = Metric{Kind: MetricQuantitative, Unit: "pages", Target: -1} }, "target", true, "negative"},
		{"zero target flagged", func(g *MicroGoal) { g.Metric = Metric{Kind: MetricQuantitative, Unit: "pages"} }, "target", false, "Set a target"},
		{"unknown metric kind", func(g *MicroGoal) { g.Metric = Metric{Kind: "vibes"} }, "metric", true, "vibes"},
		{"long owner", func(g *MicroGoal) { g.Owner = strings.Repeat("a", MaxNameLen+1) }, "owner", true, "limit"},
		{"huge outcome", func(g *MicroGoal) { g.Outcome = strings.Repeat("a", MaxNoteLen+1) }, "outcome", true, "limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := validGoal()
			tc.edit(&g)
			ps := ValidateGoal(g)
			if tc.field == "" {
				if len(ps) != 0 {
					t.Fatalf("want no problems, got %v", ps)
				}
				return
			}
			got := ForField(ps, tc.field)
			if len(got) != 1 {
				t.Fatalf("want one problem on %s, got %v", tc.field, ps)
			}
			if got[0].Blocking != tc.blocking {
				t.Errorf("blocking = %v, want %v (%v)", got[0].Blocking, tc.blocking, got[0])
			}
			if !strings.Contains(got[0].Message, tc.contains) {
				t.Errorf("message %q does not contain %q", got[0].Message, tc.contains)
			}
		})
	}
}

func TestValidateObjective(t *testing.T) {
	tests := []struct {
		title    string
		blocking bool
		contains string
	}{
		{"Finish the first draft of my novel by March", false, ""},
		{"", true, "Give the objective a title"},
		{"Get fit, learn Spanish, write a book", false, "reads like a list"},
		{"Run more and sleep more and eat better", false, "reads like a list"},
		{"Finish " + strings.Repeat("the very long draft ", 7), false, "runs long"},
		{strings.Repeat("x", MaxTitleLen+1), true, "keep it to 200"},
	}
	for _, tc := range tests {
		o := NewObjective(tc.title, created)
		ps := ValidateObjective(o)
		if tc.contains == "" {
			if len(ps) != 0 {
				t.Errorf("%q: want no problems, got %v", tc.title, ps)
			}
			continue
		}
		if len(ps) != 1 || ps[0].Blocking != tc.blocking || !strings.Contains(ps[0].Message, tc.contains) {
			t.Errorf("%q: want one problem containing %q (blocking %v), got %v", tc.title, tc.contains, tc.blocking, ps)
		}
	}
	o := NewObjective("Ship it", created)
	o.TargetDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	if ps := Blocking(ValidateObjective(o)); len(ps) != 1 || ps[0].Field != "target" {
		t.Errorf("year 1900 target: got %v", ps)
	}
}

func TestCleanTitle(t *testing.T) {
	if got := CleanTitle("  Write\tthe\n\nintro \x07 now "); got != "Write the intro now" {
		t.Errorf("CleanTitle = %q", got)
	}
}

func TestWithStatus(t *testing.T) {
	g := validGoal()
	later := created.Add(time.Hour)
	d := g.WithStatus(StatusDone, "", later)
	if d.Status != StatusDone || !d.DoneAt.Equal(later) || !d.DroppedAt.IsZero() {
		t.Fatalf("done: %+v", d)
	}
	x := d.WithStatus(StatusDropped, "no longer needed", later.Add(time.Hour))
	if !x.DoneAt.IsZero() || x.DropReason != "no longer needed" || x.DroppedAt.IsZero() {
		t.Fatalf("dropped: %+v", x)
	}
	o := x.WithStatus(StatusOpen, "", later)
	if !o.DoneAt.IsZero() || !o.DroppedAt.IsZero() || o.DropReason != "" {
		t.Fatalf("reopened: %+v", o)
	}
}

func TestDueInstant(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	g := MicroGoal{Due: time.Date(2026, 3, 29, 0, 0, 0, 0, berlin)}
	want := time.Date(2026, 3, 29, 23, 59, 59, 0, berlin)
	if got := g.DueInstant(berlin); !got.Equal(want) {
		t.Errorf("all-day due instant = %v, want %v", got, want)
	}
	g.DueHasTime = true
	if got := g.DueInstant(berlin); !got.Equal(g.Due) {
		t.Errorf("timed due instant = %v", got)
	}
	if !(MicroGoal{}).DueInstant(berlin).IsZero() {
		t.Error("no due should give zero instant")
	}
}
