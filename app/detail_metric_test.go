package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

func (h *harness) tapCheck(label string) {
	h.t.Helper()
	for _, o := range visible(h.w.Content()) {
		if c, ok := o.(*widget.Check); ok && c.Text == label {
			test.Tap(c)
			return
		}
	}
	h.t.Fatalf("no check box %q", label)
}

// TestDetailSetsCanGoDownAndRepeatFromCompletion ticks the two switches in the detail panel
// and saves: the file holds them, and a negative value is then accepted.
func TestDetailSetsCanGoDownAndRepeatFromCompletion(t *testing.T) {
	h := newHarness(t)
	seed(h, "Get fit for the summer", "Weigh in")
	h.setGoal("Weigh in", func(g *model.MicroGoal) {
		g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "kg", Target: 4}
		g.Due, g.DueHasTime, g.Repeat = clock.Add(24*time.Hour), true, "FREQ=WEEKLY"
	})
	h.u.reload()
	h.selectRow("Weigh in")
	h.tapCheck("Can go down")
	h.tapCheck("Count from completion")
	h.tapButton("Save")
	g := h.storedGoal("Weigh in")
	if !g.Metric.CanDecrease || !g.RepeatFromCompletion {
		t.Fatalf("stored: can go down %v, from completion %v", g.Metric.CanDecrease, g.RepeatFromCompletion)
	}
	if _, err := h.st.AddMetricEntry(t.Context(), model.MetricEntry{GoalID: g.ID, Value: -0.8}); err != nil {
		t.Fatalf("a decrease on a metric that can go down: %v", err)
	}
}
