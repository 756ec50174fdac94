package agent

import (
	"encoding/json"
	"io/fs"
	"log"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jeandeaual/go-locale"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/resources"
)

// The agent translates its texts (the tray's menu, the notifications) from the same files as
// the window, but through go-i18n directly: Fyne's lang package would pull Fyne into the
// agent, whose whole point is to run without it (TestTheAgentImportsNoFyne).
var agentLocalizer atomic.Pointer[i18n.Localizer]

// loadTranslations reads the translations and picks the language from the environment
// (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), as the window does; useLanguage changes it to the
// one chosen in the window's settings once the plan's file is read.
func loadTranslations() {
	useLanguage("system")
	model.SetLocalizer(localizer{})
}

// translations reads the translation files once (nil when they cannot be read at all).
var translations = sync.OnceValue(func() *i18n.Bundle {
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.ReadDir(resources.Translations, "translations")
	if err != nil {
		log.Printf("microgoals --background: translations: %v", err)
		return nil
	}
	for _, f := range files {
		data, err := fs.ReadFile(resources.Translations, "translations/"+f.Name())
		if err == nil {
			_, err = bundle.ParseMessageFileBytes(data, f.Name())
		}
		if err != nil {
			log.Printf("microgoals --background: translations: %v", err)
		}
	}
	return bundle
})

// trIn is msg in the language lang, whatever language the process speaks, or "" when lang
// has no translation of it (the login entry lists every language's name for the desktop).
func trIn(lang, msg string) string {
	b := translations()
	if b == nil {
		return ""
	}
	s, err := i18n.NewLocalizer(b, lang).Localize(&i18n.LocalizeConfig{MessageID: msg})
	if err != nil {
		return ""
	}
	return s
}

// useLanguage makes pref the language of the agent's texts, as the window's applyLanguage
// does for the window: "system" (or anything not one of model.SupportedLanguages) follows the
// session's locale, a language code overrides it. It returns the locale the notifications
// write dates and times in: the session's formats, in the chosen language.
func useLanguage(pref string) model.Locale {
	chosen := model.ChosenLanguage(pref)
	var langs []string
	if chosen != "" {
		langs = []string{chosen}
	} else {
		var err error
		langs, err = locale.GetLocales()
		if err != nil || len(langs) == 0 {
			langs = []string{"en"}
		}
		for i, l := range langs {
			langs[i] = strings.ReplaceAll(strings.SplitN(l, ".", 2)[0], "_", "-")
		}
	}
	if b := translations(); b != nil {
		agentLocalizer.Store(i18n.NewLocalizer(b, append(langs, "en")...))
	}
	return model.FormatsIn(chosen, os.Getenv)
}

// localize translates msg (its English text) and fills in data; with n >= 0 it picks the
// plural form for n. Anything missing falls back to the English text.
func localize(msg string, n int, data map[string]any) string {
	cfg := &i18n.LocalizeConfig{DefaultMessage: &i18n.Message{ID: msg, Other: msg}, TemplateData: data}
	if n >= 0 {
		cfg.PluralCount = n
	}
	if l := agentLocalizer.Load(); l != nil {
		if s, err := l.Localize(cfg); err == nil || s != "" {
			return s
		}
	}
	return model.English(msg, data)
}

// tr is one of the agent's texts in the user's language.
func tr(msg string) string { return localize(msg, -1, nil) }

// counted writes a count with its noun in the plural form the language needs; one is the
// English singular, kept in ui.en.json.
func counted(n int, one, other string) string {
	if agentLocalizer.Load() == nil && n == 1 {
		return model.English(one, map[string]any{"Count": n})
	}
	return localize(other, n, map[string]any{"Count": n})
}

// localizer translates the model's messages (the notifications' texts).
type localizer struct{}

func (localizer) Text(msg string, data map[string]any) string { return localize(msg, -1, data) }

func (localizer) Plural(n int, one, other string, data map[string]any) string {
	if agentLocalizer.Load() == nil && n == 1 {
		return model.English(one, data)
	}
	return localize(other, n, data)
}
