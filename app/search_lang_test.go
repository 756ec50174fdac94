package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/microgoals/microgoals/model"
)

// TestSearchInTheWindowsLanguage opens the window in German, French and Spanish: the query
// typed into the search in the window's words (the stage the window shows) filters, English
// keys still do, the placeholder and the help name the keys in that language, and a sync
// conflict stored in the decision log reads in that language.
func TestSearchInTheWindowsLanguage(t *testing.T) {
	cases := []struct {
		code, env, query, found, placeholder, help, conflict string
	}{
		{"de", "de_DE.UTF-8", "phase:umsetzen", "1 gefunden", "verantwortlich:, fällig:heute", "phase:eingang, planen, umsetzen, prüfen, feiern",
			"Verantwortlich: „Sam“ behalten, das andere Gerät hatte „Maria“."},
		{"fr", "fr_FR.UTF-8", "phase:exécuter", "1 trouvé", "responsable:, échéance:aujourd'hui", "phase:entrée, planifier, exécuter, évaluer, célébrer",
			"Responsable\u00a0: «\u00a0Sam\u00a0» conservé, l'autre appareil avait «\u00a0Maria\u00a0»."},
		{"es", "es_ES.UTF-8", "fase:ejecutar", "1 encontrado", "responsable:, vence:hoy", "fase:entrada, planificar, ejecutar, revisar, celebrar",
			"Responsable: se conservó «Sam», el otro dispositivo tenía «Maria»."},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			desktopLocale(t, c.env, "system")
			useLanguage(t, c.code)
			model.SetLocalizer(langLocalizer{})
			t.Cleanup(func() { model.SetLocalizer(nil) })
			h := newHarness(t)
			searchPlan(h)
			s := h.u.outline.search
			if !strings.Contains(s.entry.PlaceHolder, c.placeholder) {
				t.Errorf("the placeholder %q does not name %q", s.entry.PlaceHolder, c.placeholder)
			}
			test.Type(s.entry, c.query)
			h.mustOutline("Run a half marathon", "  Buy running shoes")
			h.mustSee(c.found)
			// English keeps working in every language.
			s.entry.SetText("")
			test.Type(s.entry, "stage:exec")
			h.mustOutline("Run a half marathon", "  Buy running shoes")
			s.entry.SetText("")
			// The stage menu lists the stages by the window's names.
			s.stage.SetSelected(stageName(model.StageExecution))
			h.mustOutline("Run a half marathon", "  Buy running shoes")
			s.stage.SetSelected(anyStage())
			test.Tap(s.help)
			h.mustSee(c.help)
			h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())

			// A conflict as the sync engine stores it, in English, shows in the window's language.
			g := h.storedGoal("Buy running shoes")
			rationale := model.SyncConflictRationale([]model.SyncConflict{{Field: "Owner", Kept: "Sam", Lost: "Maria"}})
			if _, err := h.st.RecordDecision(context.Background(), model.Decision{GoalID: g.ID, Kind: model.DecisionAdjust, Rationale: rationale}); err != nil {
				t.Fatal(err)
			}
			h.selectRow("Buy running shoes")
			h.mustSee(c.conflict)
			h.mustNotSee("kept “Sam”")
		})
	}
}
