package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/model"
)

// TestExamplePlanSpeaksTheLanguage taps "Try an example" in a window started under a German,
// French and Spanish desktop: the plan is written in that language — no title is the English
// one, each names its action the way the language does (and not by an English verb) — its
// race day is written the locale's way, and every step passes the real SMART check in that
// language.
func TestExamplePlanSpeaksTheLanguage(t *testing.T) {
	english := map[string]bool{}
	en := examplePlans[model.LangEnglish]
	english[en.objective] = true
	for _, s := range en.steps {
		english[s.title], english[s.doneWhen] = true, true
	}
	for _, c := range []struct{ env, lang string }{
		{"de_DE.UTF-8", model.LangGerman}, {"fr_FR.UTF-8", model.LangFrench}, {"es_ES.UTF-8", model.LangSpanish},
	} {
		t.Run(c.lang, func(t *testing.T) {
			desktopLocale(t, c.env, "system")
			useLanguage(t, c.lang)
			h := newHarness(t)
			button := lang.L("Try an example")
			if button == "Try an example" {
				t.Fatalf("the first-run button is not translated into %s", c.lang)
			}
			h.tapButton(button)
			st := h.stored()
			if len(st.Objectives) != 1 || len(st.Goals) != len(en.steps) {
				t.Fatalf("the example wrote %d objectives and %d steps", len(st.Objectives), len(st.Goals))
			}
			o := st.Objectives[0]
			if english[o.Title] || english[o.Why] || !strings.Contains(o.Title, currentLocale().DayMonthLong(o.TargetDate)) {
				t.Errorf("objective %q (why %q), race day %v", o.Title, o.Why, o.TargetDate)
			}
			for _, g := range st.Goals {
				if english[g.Title] || english[g.DoneWhen] {
					t.Errorf("step %q (done when %q) is English", g.Title, g.DoneWhen)
				}
				if !model.StartsWithAction(g.Title, c.lang) || model.StartsWithAction(g.Title, model.LangEnglish) {
					t.Errorf("step %q is not recognised by the %s verb rules alone", g.Title, c.lang)
				}
				sc := h.u.smartContext(g)
				if sc.Language != c.lang {
					t.Fatalf("the SMART check runs in %q", sc.Language)
				}
				if s := model.CheckSMART(g, sc); s.Score() != 5 {
					t.Errorf("step %q fails SMART in %s: %v", g.Title, c.lang, s.Hints())
				}
				if g.Due.After(o.TargetDate) {
					t.Errorf("step %q is due %v, after the race on %v", g.Title, g.Due, o.TargetDate)
				}
			}
			h.mustSee(st.Goals[0].Title)
		})
	}
}
