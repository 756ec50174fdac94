package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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
}
