package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/microgoals/microgoals/model"
)

// TestDetailEstimateReadsItsOwnFormat: the detail panel writes an estimate in the language's
// words ("15 Min." in German) and must read them back: a step saved with an estimate, then
// edited and saved again, keeps its estimate and takes the edit, in every language.
func TestDetailEstimateReadsItsOwnFormat(t *testing.T) {
	for _, l := range model.SupportedLanguages {
		t.Run(l, func(t *testing.T) {
			useLanguage(t, l)
			h := newHarness(t)
			seed(h, "Plan", "Write the release notes")
			h.selectRow("Write the release notes")
			d := h.u.detail
			est := d.goalFields["estimate"]
			h.w.Canvas().Focus(est.input)
			est.entry.SetText("")
			h.typeKeys("15")
			h.press(fyne.KeyS, ctrl)
			if g := h.storedGoal("Write the release notes"); g.EstimateMinutes != 15 {
				t.Fatalf("the estimate was saved as %d minutes", g.EstimateMinutes)
			}
			if est.text() != model.FormatMinutes(15) {
				t.Fatalf("the estimate field shows %q, want %q", est.text(), model.FormatMinutes(15))
			}
			title := d.goalFields["title"]
			h.w.Canvas().Focus(title.input)
			title.input.CursorColumn = len([]rune(title.text()))
			h.typeKeys(" for 1.0")
			h.press(fyne.KeyS, ctrl)
			g := h.storedGoal("Write the release notes for 1.0")
			if g.EstimateMinutes != 15 {
				t.Fatalf("the edit kept an estimate of %d minutes", g.EstimateMinutes)
			}
		})
	}
}
