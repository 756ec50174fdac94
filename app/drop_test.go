package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// TestDropOffersToDropOpenSubSteps: dropping a step with open sub-steps asks whether they go
// too; yes drops them (a done one stays done), they leave the objective's progress, and undo
// puts everything back.
func TestDropOffersToDropOpenSubSteps(t *testing.T) {
	h := newHarness(t)
	seed(h, "Run a half marathon in under 2 hours", "Plan the race", "Buy running shoes")
	parent := h.storedGoal("Plan the race")
	for _, title := range []string{"Book the hotel", "Print the route", "Pick the race"} {
		g := model.NewMicroGoal(parent.ObjectiveID, parent.ID, title, clock)
		if _, err := h.st.CreateGoal(context.Background(), g, 0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.st.SetGoalStatus(context.Background(), h.storedGoal("Pick the race").ID, model.StatusDone, ""); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.selectRow("Plan the race")
	h.tapButton("Drop…")
	h.mustSee("Also drop its 2 open sub-steps")
	var reason *dialogEntry
	var drop *widget.Button
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		switch x := o.(type) {
		case *dialogEntry:
			reason = x
		case *widget.Button:
			if x.Text == "Drop" {
				drop = x
			}
		}
	}
	if reason == nil || drop == nil {
		t.Fatal("the drop dialog has no reason field or Drop button")
	}
	test.Type(reason, "The race was cancelled")
	test.Tap(drop)
	for title, want := range map[string]model.Status{"Plan the race": model.StatusDropped, "Book the hotel": model.StatusDropped,
		"Print the route": model.StatusDropped, "Pick the race": model.StatusDone, "Buy running shoes": model.StatusOpen} {
		if g := h.storedGoal(title); g.Status != want {
			t.Errorf("%q is %s, want %s", title, g.Status, want)
		}
	}
	if g := h.storedGoal("Book the hotel"); g.DropReason != "The race was cancelled" {
		t.Errorf("the sub-step's reason is %q", g.DropReason)
	}
	p := model.ObjectiveProgress(h.stored().Goals)[parent.ObjectiveID]
	if p.Total != 2 || p.Done != 1 {
		t.Errorf("objective progress %d of %d, want 1 of 2 (the dropped work left the counts)", p.Done, p.Total)
	}
	h.u.undoLast()
	for _, title := range []string{"Plan the race", "Book the hotel", "Print the route"} {
		if g := h.storedGoal(title); g.Status != model.StatusOpen {
			t.Errorf("after undo %q is %s", title, g.Status)
		}
	}
}
