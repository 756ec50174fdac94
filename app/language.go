package app

import (
	"log"
	"os"
	"sync/atomic"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// prefLanguage names the language setting in Fyne's preferences: "system" (the default) or
// one of model.SupportedLanguages. Like the theme it must be known before the first frame.
const prefLanguage = "appearance.language"

// languageChoices are the choices of the setting, as stored and as shown. The languages are
// written in their own words, so that each reads its name whatever the window's language is.
var languageChoices = []struct{ value, label string }{
	{"system", ""}, // "Follow the system", translated when shown
	{model.LangEnglish, "English"},
	{model.LangGerman, "Deutsch"},
	{model.LangFrench, "Français"},
	{model.LangSpanish, "Español"},
}

// uiLocale holds the locale the window writes dates, times and numbers in. It is set once as
// the app starts (applyLanguage), before any view is built, and only read after that.
var uiLocale atomic.Value

// currentLocale is the locale of the window's dates, times and numbers; the zero Locale (the
// formats of the C locale) until applyLanguage has run, as in tests that do not set one.
func currentLocale() model.Locale {
	l, _ := uiLocale.Load().(model.Locale)
	return l
}

// applyLanguage makes pref ("system" or a language code) the language of the app. It must run
// before the translations are added (lang.AddTranslationsFS): Fyne's lang package picks the
// language from the environment each time translations are added, so a chosen language is put
// where it looks first, in LANGUAGE. Under the C or POSIX locale gettext and Fyne ignore
// LANGUAGE, so the variable that names C is set to the language as well. The window's dates,
// times and numbers follow the desktop's locale (LC_ALL, LC_TIME, LANG), in the chosen
// language when there is one.
func applyLanguage(pref string) {
	chosen := model.ChosenLanguage(pref)
	if chosen != "" {
		os.Setenv("LANGUAGE", chosen)
		for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if v := os.Getenv(k); v != "" {
				if v == "C" || v == "POSIX" {
					os.Setenv(k, chosen)
				}
				break
			}
		}
	}
	l := model.FormatsIn(chosen, os.Getenv)
	uiLocale.Store(l)
	// Quick add's date words for the language are compiled now, not on the first Enter.
	go model.WarmDateWords(l.Language())
}

// languageSection chooses the language. It applies when the app next starts: the window's
// texts are read once, as it is built.
func (u *UI) languageSection() settingsSection {
	current := u.app.Preferences().StringWithFallback(prefLanguage, "system")
	labels := make([]string, len(languageChoices))
	for i, c := range languageChoices {
		labels[i] = c.label
		if c.value == "system" {
			labels[i] = lang.L("Follow the system")
		}
	}
	sel := widget.NewSelect(labels, nil)
	for i, c := range languageChoices {
		if c.value == current {
			sel.SetSelected(labels[i])
		}
	}
	item := widget.NewFormItem(lang.L("Language"), sel)
	item.HintText = lang.L("A new language applies the next time Microgoals starts.")
	return settingsSection{
		title: lang.L("Language"),
		items: []*widget.FormItem{item},
		save: func() {
			for i, c := range languageChoices {
				if labels[i] == sel.Selected && c.value != current {
					u.app.Preferences().SetString(prefLanguage, c.value)
					go u.mirrorLanguage(c.value)
					u.showMessage("%s", lang.L("The new language applies the next time Microgoals starts; reminders use it from now on."))
				}
			}
		},
	}
}

// embedTitle prepares a title to stand inside a left-to-right line with other words ("09:00
// <title> · <objective>"): a right-to-left title ends with a left-to-right mark, so that the
// spaces and the "·" after it stay after it on the screen instead of joining the Arabic or
// Hebrew run and being drawn at its other end.
func embedTitle(title string) string {
	if model.IsRightToLeft(title) {
		return title + "\u200e"
	}
	return title
}

// mirrorLanguage copies the language setting (Fyne's preference) into the plan's file, where
// the background agent, which runs without Fyne, reads it (storage.SettingLanguage), and tells
// the agent to read the plan again: its reminders and tray menu change language at once. It
// writes only when the file says something else. It runs off the UI goroutine.
func (u *UI) mirrorLanguage(pref string) {
	st := u.currentStore()
	if st == nil {
		return
	}
	ctx := u.ctx()
	if v, ok, err := st.Setting(ctx, storage.SettingLanguage); err == nil && (v == pref || !ok && pref == "system") {
		return
	}
	if err := st.SetSetting(ctx, storage.SettingLanguage, pref); err != nil {
		log.Printf("language: %v", err)
		return
	}
	if u.link != nil {
		select {
		case u.link.changed <- struct{}{}:
		default: // one is pending: the agent reads the file anyway
		}
	}
}
