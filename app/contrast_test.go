package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

func TestSMARTLettersHaveContrastInBothThemes(t *testing.T) {
	test.NewTempApp(t)
	th := theme.DefaultTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		pass, fail := smartLetterColor(true, th, v), smartLetterColor(false, th, v)
		for name, c := range map[string]color.Color{"passing": pass, "failing": fail} {
			if r := contrast(c, bg); r < 3 {
				t.Errorf("variant %d: a %s letter has contrast %.2f:1 on the background, want at least 3:1", v, name, r)
			}
		}
		if pass == fail {
			t.Errorf("variant %d: passing and failing letters look the same", v)
		}
		// The theme's own colours, for the record: the light theme's are too pale by themselves.
		t.Logf("variant %d: pass %.2f:1 (theme green %.2f:1), fail %.2f:1 (theme grey %.2f:1)", v,
			contrast(pass, bg), contrast(th.Color(theme.ColorNameSuccess, v), bg),
			contrast(fail, bg), contrast(th.Color(theme.ColorNamePlaceHolder, v), bg))
	}
}

func TestThemeSettingIsSavedAndApplied(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the Microgoals 1.0 release", "Write the release notes")
	h.chooseTheme("Light")
	h.lettersReadable(theme.VariantLight)
	h.press(fyne.KeyComma, ctrl)
	h.mustSee("Appearance")
	var sel *widget.Select
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if s, ok := o.(*widget.Select); ok && len(s.Options) == len(themeChoices()) && s.Options[2] == "Dark" {
			sel = s
		}
	}
	if sel == nil {
		t.Fatal("no theme choice in the settings")
	}
	sel.SetSelected("Dark")
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Save" {
			test.Tap(b)
		}
	}
	if got := fyne.CurrentApp().Preferences().String(prefTheme); got != "dark" {
		t.Fatalf("theme preference = %q", got)
	}
	th := fyne.CurrentApp().Settings().Theme()
	if c := th.Color(theme.ColorNameBackground, theme.VariantLight); c != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Fatalf("the dark theme is not applied: background %v", c)
	}
	h.lettersReadable(theme.VariantDark)
	// Back to the system's theme: at once, not at the next start.
	h.chooseTheme("Follow the system")
	if _, fixed := fyne.CurrentApp().Settings().Theme().(*variantTheme); fixed {
		t.Fatal("“Follow the system” left the dark theme in place until the next start")
	}
	h.lettersReadable(fyne.CurrentApp().Settings().ThemeVariant())
}

func (h *harness) chooseTheme(label string) {
	h.t.Helper()
	h.press(fyne.KeyComma, ctrl)
	for _, o := range visible(h.w.Canvas().Overlays().Top()) {
		if s, ok := o.(*widget.Select); ok && len(s.Options) == len(themeChoices()) && s.Options[2] == "Dark" {
			s.SetSelected(label)
		}
	}
	h.keyDown(fyne.KeyReturn)
}

// lettersReadable checks the SMART letters the outline draws, failing ones included, against
// the background of variant: each is at least 3:1.
func (h *harness) lettersReadable(v fyne.ThemeVariant) {
	h.t.Helper()
	bg := fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameBackground, v)
	r := h.row("Write the release notes")
	failing := 0
	s := model.CheckSMART(h.storedGoal("Write the release notes"), h.u.smartContext(h.storedGoal("Write the release notes")))
	for i, l := range r.badges.letters {
		if !s[i].OK {
			failing++
		}
		if c := contrast(l.Color, bg); c < minLetterContrast {
			h.t.Errorf("variant %d: letter %s (passes: %v) has contrast %.2f:1", v, l.Text, s[i].OK, c)
		}
	}
	if failing == 0 {
		h.t.Fatal("the step fails no SMART letter: the test sees no failing letter")
	}
}
