package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// board opens the Board tab and returns its view.
func (h *harness) board() *boardView {
	h.t.Helper()
	h.u.selectView("Board")
	for _, tv := range h.u.views {
		if bv, ok := tv.view.(*boardView); ok && tv.built {
			return bv
		}
	}
	h.t.Fatal("the Board tab did not open")
	return nil
}

// card finds the card on screen showing title.
func (h *harness) card(bv *boardView, title string) *boardCard {
	h.t.Helper()
	for _, c := range bv.cols {
		for _, o := range visible(c.list) {
			if card, ok := o.(*boardCard); ok && card.title.Text == title {
				return card
			}
		}
	}
	h.t.Fatalf("no card shows %q", title)
	return nil
}

// columnTitles is the titles of the cards in each column, as drawn.
func (h *harness) columnTitles(bv *boardView, i int) []string {
	var out []string
	for _, o := range visible(bv.cols[i].list) {
		if card, ok := o.(*boardCard); ok && card.title.Text != "" {
			out = append(out, card.title.Text)
		}
	}
	return out
}

func TestBoardDragChangesStageAndWarnsPastLimit(t *testing.T) {
	h := newHarness(t)
	searchPlan(h)
	h.selectRow("Finish the novel")
	bv := h.board()
	if got := h.columnTitles(bv, 1); len(got) != 4 {
		t.Fatalf("plan column shows %q", got)
	}
	h.mustSee("Execute · 1 / 3") // "Buy running shoes", on the other objective's board

	// Drag "Read the draft aloud" from plan to execute: its stage changes, undoably.
	c := h.card(bv, "Read the draft aloud")
	from := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).AddXY(20, c.Size().Height/2)
	target := fyne.CurrentApp().Driver().AbsolutePositionForObject(bv.cols[2].list).AddXY(30, 30)
	test.Drag(h.w.Canvas(), from, target.X-from.X, target.Y-from.Y)
	if g := h.storedGoal("Read the draft aloud"); g.Stage != model.StageExecution {
		t.Fatalf("stage after the drag: %s", g.Stage)
	}
	if got := h.columnTitles(bv, 2); len(got) != 1 || got[0] != "Read the draft aloud" {
		t.Fatalf("execute column shows %q", got)
	}
	h.mustSee("Execute · 2 / 3")
	h.u.undoItem.Action()
	if g := h.storedGoal("Read the draft aloud"); g.Stage != model.StagePlanning {
		t.Fatalf("undo left stage %s", g.Stage)
	}

	// Past the limit the board and the banner warn.
	for _, title := range []string{"Draft part one", "Outline chapter one", "Interview a retired detective"} {
		c := h.card(bv, title)
		from := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).AddXY(20, c.Size().Height/2)
		target := fyne.CurrentApp().Driver().AbsolutePositionForObject(bv.cols[2].list).AddXY(30, 30)
		test.Drag(h.w.Canvas(), from, target.X-from.X, target.Y-from.Y)
	}
	h.mustSee("Execute · 4 / 3")
	h.mustSee("4 steps in progress, over the focus limit of 3")

	// ✓ on a card completes it and moves it to celebrate.
	test.Tap(h.card(bv, "Draft part one").done)
	g := h.storedGoal("Draft part one")
	if g.Status != model.StatusDone || g.Stage != model.StageCelebration {
		t.Fatalf("completed card: %s / %s", g.Status, g.Stage)
	}
	if got := h.columnTitles(bv, 4); len(got) != 1 || got[0] != "Draft part one" {
		t.Fatalf("celebrate column shows %q", got)
	}
	h.mustSee("Execute · 3 / 3")
}

// BenchmarkBoard1000 builds the board of an objective of 1,000 steps: the model's columns
// and the redraw of the five lists.
func BenchmarkBoard1000(b *testing.B) {
	st, err := storage.Open(b.TempDir()+"/plan.db", storage.Options{Now: func() time.Time { return clock }})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	o, err := st.CreateObjective(ctx, model.Objective{Title: "Big objective", Status: model.ObjectiveActive})
	if err != nil {
		b.Fatal(err)
	}
	goals := make([]model.MicroGoal, 1000)
	for i := range goals {
		goals[i] = model.NewMicroGoal(o.ID, 0, fmt.Sprintf("Write section %d of the report", i), clock)
		goals[i].Stage = model.Stages[i%5]
	}
	if _, err := st.CreateObjectiveWithGoals(ctx, model.Objective{Title: "Other", Status: model.ObjectiveActive}, nil); err != nil {
		b.Fatal(err)
	}
	for _, g := range goals {
		if _, err := st.CreateGoal(ctx, g, 0); err != nil {
			b.Fatal(err)
		}
	}
	a := test.NewTempApp(b)
	u := New(a, st, Config{Now: func() time.Time { return clock }})
	if err := u.Load(); err != nil {
		b.Fatal(err)
	}
	u.win.Resize(fyne.NewSize(1200, 800))
	u.outline.selected = objectiveKey(o.ID)
	u.selectView("Board")
	var bv *boardView
	for _, tv := range u.views {
		if v, ok := tv.view.(*boardView); ok {
			bv = v
		}
	}
	b.ResetTimer()
	done := cpuPerOp(b)
	for i := 0; i < b.N; i++ {
		bv.Refresh()
	}
	done()
	if n := len(bv.board.Columns[0].Cards); n != 200 {
		b.Fatalf("input column holds %d cards", n)
	}
}
