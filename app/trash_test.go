package app

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestTrashSpeaksTheLanguage: the trash lists what was deleted in the window's language, with
// the language's quotes, the count of steps that went with it and the day in the middle of a
// sentence ("heute", not "Heute"); the list is opened from the File menu as a user does.
func TestTrashSpeaksTheLanguage(t *testing.T) {
	for _, c := range []struct{ lang, objective, step string }{
		{"de", "Ziel „Marathon laufen“ mit 2 Schritten, gelöscht heute 09:00", "Mikroziel „Schuhe kaufen“, gelöscht heute 09:00"},
		{"fr", "Objectif «\u00a0Marathon laufen\u00a0» avec 2 étapes, supprimé aujourd'hui 09:00", "Micro-objectif «\u00a0Schuhe kaufen\u00a0», supprimé aujourd'hui 09:00"},
		{"en", "Objective “Marathon laufen” with 2 steps, deleted today 09:00", "Micro-goal “Schuhe kaufen”, deleted today 09:00"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			useLanguage(t, c.lang)
			h := newHarness(t)
			seed(h, "Marathon laufen", "Plan the route", "Book the entry")
			seed(h, "Ausrüstung", "Schuhe kaufen")
			goal := h.storedGoal("Schuhe kaufen")
			if _, err := h.st.TrashGoal(h.u.ctx(), goal.ID); err != nil {
				t.Fatal(err)
			}
			var id int64
			for _, o := range h.stored().Objectives {
				if o.Title == "Marathon laufen" {
					id = o.ID
				}
			}
			if _, err := h.st.TrashObjective(h.u.ctx(), id); err != nil {
				t.Fatal(err)
			}
			menuItemLabeled(h.w, lang.L("Trash…")).Action()
			h.mustSee(c.objective)
			h.mustSee(c.step)
		})
	}
}
