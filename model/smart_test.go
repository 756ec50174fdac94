package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestCheckSMART(t *testing.T) {
	now := created
	ctx := SMARTContext{Now: now, Location: time.UTC, ObjectiveExists: true, FocusLimit: 3}
	tests := []struct {
		name   string
		edit   func(*MicroGoal, *SMARTContext)
		failed string // letters expected to fail, in order
		hint   string // part of the first failing hint
	}{
		{"all pass", func(*MicroGoal, *SMARTContext) {}, "", ""},
		{"no verb", func(g *MicroGoal, _ *SMARTContext) { g.Title = "Chapter two intro" }, "S", "“Chapter” is not one"},
		{"too short", func(g *MicroGoal, _ *SMARTContext) { g.Title = "Write intro" }, "S", "Say what exactly"},
		{"verb with punctuation and case", func(g *MicroGoal, _ *SMARTContext) { g.Title = "\"CALL the printer back\"" }, "", ""},
		{"no metric no done-when", func(g *MicroGoal, _ *SMARTContext) { g.DoneWhen = "" }, "M", "metric"},
		{"metric instead of done-when", func(g *MicroGoal, _ *SMARTContext) {
			g.DoneWhen = ""
			g.Metric = Metric{Kind: MetricQuantitative, Unit: "words", Target: 500}
		}, "", ""},
		{"daily over 4h", func(g *MicroGoal, _ *SMARTContext) { g.EstimateMinutes = 300 }, "A", "5 h"},
		{"weekly over 4h is fine", func(g *MicroGoal, _ *SMARTContext) {
			g.EstimateMinutes = 300
			g.Horizon = HorizonWeek
		}, "", ""},
		{"over focus limit", func(g *MicroGoal, c *SMARTContext) { g.Stage, c.InProgress = StageExecution, 4 }, "A", "4 steps in progress, over the focus limit of 3"},
		{"at focus limit", func(g *MicroGoal, c *SMARTContext) { g.Stage, c.InProgress = StageExecution, 3 }, "", ""},
		{"over limit in a sprint", func(g *MicroGoal, c *SMARTContext) { g.ID, c.SprintGoalID, c.InProgress = 7, 7, 4 }, "A", "over the focus limit"},
		{"over limit but not in progress", func(g *MicroGoal, c *SMARTContext) { c.InProgress = 5 }, "", ""},
		{"no objective", func(_ *MicroGoal, c *SMARTContext) { c.ObjectiveExists = false }, "R", "objective"},
		{"no due", func(g *MicroGoal, _ *SMARTContext) { g.Due = time.Time{} }, "T", "due date"},
		{"daily step planned for a day in 3 days", func(g *MicroGoal, _ *SMARTContext) { g.Due = now.Add(72 * time.Hour) }, "", ""},
		{"weekly due in 3 days", func(g *MicroGoal, _ *SMARTContext) {
			g.Due = now.Add(72 * time.Hour)
			g.Horizon = HorizonWeek
		}, "", ""},
		{"everything fails", func(g *MicroGoal, c *SMARTContext) {
			*g = MicroGoal{Title: "stuff", Horizon: HorizonDay, EstimateMinutes: 600, Status: StatusOpen}
			c.ObjectiveExists = false
		}, "SMART", "Start with an action verb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, c := validGoal(), ctx
			tc.edit(&g, &c)
			s := CheckSMART(g, c)
			var failed strings.Builder
			for _, b := range s {
				if !b.OK {
					failed.WriteString(b.Letter)
					if b.Hint == "" {
						t.Errorf("%s failed without a hint", b.Letter)
					}
				} else if b.Hint != "" {
					t.Errorf("%s passed with a hint %q", b.Letter, b.Hint)
				}
			}
			if failed.String() != tc.failed {
				t.Fatalf("failed letters = %q, want %q (%v)", failed.String(), tc.failed, s.Hints())
			}
			if s.Score() != 5-len(tc.failed) {
				t.Errorf("score = %d", s.Score())
			}
			if tc.hint != "" && !strings.Contains(s.Hints()[0], tc.hint) {
				t.Errorf("hint %q does not contain %q", s.Hints()[0], tc.hint)
			}
		})
	}
}

func TestFormatMinutes(t *testing.T) {
	for m, want := range map[int]string{0: "0 min", 45: "45 min", 60: "1 h", 150: "2 h 30 min"} {
		if got := FormatMinutes(m); got != want {
			t.Errorf("FormatMinutes(%d) = %q, want %q", m, got, want)
		}
	}
}

// generatedGoals makes n micro-goals of varied shape, as a 10,000-goal database holds them.
func generatedGoals(n int, now time.Time) []MicroGoal {
	titles := []string{"Write 500 words of chapter %d", "Review notes %d", "chapter %d", "Call the editor about part %d", "Run %d km easy"}
	goals := make([]MicroGoal, n)
	for i := range goals {
		g := NewMicroGoal(int64(1+i%5), 0, fmt.Sprintf(titles[i%len(titles)], i), now.Add(-time.Duration(i)*time.Minute))
		g.ID = int64(i + 1)
		if i%3 != 0 {
			g.Due = now.Add(time.Duration(i%200-100) * time.Hour)
			g.DueHasTime = i%2 == 0
		}
		if i%4 == 0 {
			g.DoneWhen = "it is sent"
		}
		g.Horizon = Horizons[i%len(Horizons)]
		g.EstimateMinutes = (i % 10) * 40
		goals[i] = g
	}
	return goals
}

func BenchmarkCheckSMART10k(b *testing.B) {
	goals := generatedGoals(10000, created)
	c := SMARTContext{Now: created, Location: time.UTC, ObjectiveExists: true, FocusLimit: 3, InProgress: 4}
	b.ResetTimer()
	for b.Loop() {
		fails := 0
		for _, g := range goals {
			fails += 5 - CheckSMART(g, c).Score()
		}
		if fails == 0 {
			b.Fatal("generated goals should fail some checks")
		}
	}
}
