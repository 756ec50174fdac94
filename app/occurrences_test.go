package app

import (
	"context"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// TestChartsAndReviewCountCompletedOccurrences: two completed runs of a daily step show as
// two wins in the Charts tab and two completions in the weekly review, as one-off steps do.
func TestChartsAndReviewCountCompletedOccurrences(t *testing.T) {
	h := newHarness(t)
	seed(h, "Run a half marathon in under 2 hours", "Run 5 km")
	g := h.setGoal("Run 5 km", func(g *model.MicroGoal) {
		g.Due, g.DueHasTime, g.Repeat = clock.AddDate(0, 0, -3).Truncate(24*time.Hour).Add(7*time.Hour), true, "FREQ=DAILY"
	})
	for _, back := range []int{2, 1} {
		day := model.DateOf(clock.AddDate(0, 0, -back), time.UTC)
		if _, _, err := h.st.SetOccurrence(context.Background(), model.OccurrenceException{GoalID: g.ID, Original: day,
			Status: model.StatusDone, At: day.At(7, 40, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.selectView("Charts")
	h.mustSee("Current streak: 2 days · longest: 2 days · 2 steps done in 12 weeks.")
	h.u.openReviews(0)
	h.mustSee("2 steps completed")
}
