package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefTheme names the theme setting in Fyne's preferences: it must be known before the first
// frame, long before the plan's file is read.
const prefTheme = "appearance.theme"

// The theme choices, as stored and as shown.
func themeChoices() []struct{ value, label string } {
	return []struct{ value, label string }{
		{"system", lang.L("Follow the system")}, {"light", lang.L("Light")}, {"dark", lang.L("Dark")},
	}
}

// applyThemePreference sets the theme the user chose: before any window is drawn, and again
// when the choice changes. "system" (the default) leaves Fyne to follow the desktop (and
// FYNE_THEME); coming back to it from a fixed theme puts Fyne's own theme back at once.
func applyThemePreference(a fyne.App) {
	switch a.Preferences().StringWithFallback(prefTheme, "system") {
	case "light":
		a.Settings().SetTheme(&variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight})
	case "dark":
		a.Settings().SetTheme(&variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark})
	default:
		if _, fixed := a.Settings().Theme().(*variantTheme); fixed {
			a.Settings().SetTheme(theme.DefaultTheme())
		}
	}
}

// variantTheme is a theme with its light or dark variant fixed, whatever the desktop prefers.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color gives the colour of the fixed variant.
func (t *variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// settingsSection is one section of the Settings dialog: a title, its form items, and what Save
// does with them.
type settingsSection struct {
	id    string // what a view names to open Settings here; may be empty
	title string
	items []*widget.FormItem
	save  func()
}

// settingsSections builds the Settings dialog's sections after the notifications: a feature
// adds its own with one line here (its builder in its own file).
func (u *UI) settingsSections() []settingsSection {
	return []settingsSection{u.appearanceSection(), u.languageSection(), u.routineSection(),
		// The login entry is written as soon as the box is ticked (autostart.go).
		{title: lang.L("In the background"), items: []*widget.FormItem{u.startAtLoginItem()}, save: func() {}},
		u.syncSettingsSection()}
}

// appearanceSection chooses the theme. Each choice applies at once and from the first frame of
// every later start.
func (u *UI) appearanceSection() settingsSection {
	labels := make([]string, len(themeChoices()))
	current := u.app.Preferences().StringWithFallback(prefTheme, "system")
	sel := widget.NewSelect(nil, nil)
	for i, c := range themeChoices() {
		labels[i] = c.label
		if c.value == current {
			defer sel.SetSelected(c.label)
		}
	}
	sel.Options = labels
	return settingsSection{
		title: lang.L("Appearance"),
		items: []*widget.FormItem{widget.NewFormItem(lang.L("Theme"), sel)},
		save: func() {
			for _, c := range themeChoices() {
				if c.label == sel.Selected && c.value != current {
					u.app.Preferences().SetString(prefTheme, c.value)
					applyThemePreference(u.app)
				}
			}
		},
	}
}
