package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
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
