package app

import (
	"log"
	"sync"

	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/resources"
)

// loadTranslations adds the app's own strings to Fyne's translations (which already hold
// those of Fyne's widgets) and picks the language from the environment (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG). It runs before any text is built: a label made before it stays English.
// English is also a file, since only it holds the singular forms of the plural messages.
// Only the first call loads: the language is chosen once, before the window opens.
func loadTranslations() error {
	translationsOnce.Do(func() {
		translationsErr = lang.AddTranslationsFS(resources.Translations, "translations")
	})
	return translationsErr
}

// LoadTranslations loads the translations for a run without the window that still writes
// text for the user (--sync-now's result), and hands the model its localizer.
func LoadTranslations() {
	if err := loadTranslations(); err != nil {
		log.Printf("translations: %v", err)
	}
	model.SetLocalizer(langLocalizer{})
}

// LoadTranslationsIn is LoadTranslations in the language chosen in the window's settings,
// as the window copies it into the plan's file (storage.SettingLanguage: "system" or a
// language code), for a run without the window on that plan.
func LoadTranslationsIn(pref string) {
	applyLanguage(pref)
	LoadTranslations()
}

var (
	translationsOnce sync.Once
	translationsErr  error
)

// counted writes a number with its noun in the current language, in the plural form the
// language needs for it: counted(n, "{{.Count}} step", "{{.Count}} steps"). The English
// singular lives in ui.en.json beside the plural; it is repeated here so the call reads well
// and the i18n test can check the file against it.
func counted(n int, one, other string, data ...map[string]any) string {
	_ = one
	m := map[string]any{"Count": countText(n)}
	for _, d := range data {
		for k, v := range d {
			m[k] = v
		}
	}
	return lang.N(other, n, m)
}

// quoted puts the user's text in the language's quotation marks: “…”, „…“, « … », «…».
func quoted(s string) string {
	return lang.L("“{{.Text}}”", map[string]any{"Text": s})
}

// args is the data of a message template, in pairs: args("Title", g.Title, "Stage", s).
func args(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// stageName is a workflow stage's name in the user's language, in lower case as in a
// sentence (the glossary fixes the words: input, plan, execute, review, celebrate).
func stageName(s model.Stage) string {
	switch s {
	case model.StageInput:
		return lang.X("stage.input", "input")
	case model.StagePlanning:
		return lang.X("stage.plan", "plan")
	case model.StageExecution:
		return lang.X("stage.execute", "execute")
	case model.StageReview:
		return lang.X("stage.review", "review")
	case model.StageCelebration:
		return lang.X("stage.celebrate", "celebrate")
	}
	return string(s)
}

// statusHeading heads the detail panel of a micro-goal in the given status.
func statusHeading(s model.Status) string {
	switch s {
	case model.StatusDone:
		return lang.L("Done micro-goal")
	case model.StatusDropped:
		return lang.L("Dropped micro-goal")
	}
	return lang.L("Open micro-goal")
}

// statusAction names the undoable action of setting one day's occurrence of a routine step.
func statusAction(s model.Status, title, day string) string {
	a := args("Title", title, "Day", day)
	switch s {
	case model.StatusDone:
		return lang.L("mark “{{.Title}}” done on {{.Day}}", a)
	case model.StatusDropped:
		return lang.L("skip “{{.Title}}” on {{.Day}}", a)
	}
	return lang.L("reopen “{{.Title}}” on {{.Day}}", a)
}

// langLocalizer translates the model's messages with Fyne's lang, from the same files.
type langLocalizer struct{}

func (langLocalizer) Text(msg string, data map[string]any) string { return lang.L(msg, data) }

func (langLocalizer) Plural(n int, one, other string, data map[string]any) string {
	data["Count"] = countText(n)
	return lang.N(other, n, data)
}

// countText writes the count of a plural message as the locale writes numbers ("12,500",
// "12.500", "12 500"); the plural form is still chosen from the number itself.
func countText(n int) string { return currentLocale().Number(float64(n), 0) }

// horizonLabel, stageLabel and objectiveStatusLabel name a stored value in the detail panel's
// selects; in English the label is the value itself.
func horizonLabel(v string) string {
	switch model.Horizon(v) {
	case model.HorizonDay:
		return lang.X("horizon.day", "day")
	case model.HorizonWeek:
		return lang.X("horizon.week", "week")
	case model.HorizonFortnight:
		return lang.X("horizon.fortnight", "fortnight")
	case model.HorizonMonth:
		return lang.X("horizon.month", "month")
	}
	return v
}

func stageLabel(v string) string {
	switch model.Stage(v) {
	case model.StageInput:
		return lang.X("stagevalue.input", "input")
	case model.StagePlanning:
		return lang.X("stagevalue.planning", "planning")
	case model.StageExecution:
		return lang.X("stagevalue.execution", "execution")
	case model.StageReview:
		return lang.X("stagevalue.review", "review")
	case model.StageCelebration:
		return lang.X("stagevalue.celebration", "celebration")
	}
	return v
}

func objectiveStatusLabel(v string) string {
	switch model.ObjectiveStatus(v) {
	case model.ObjectiveActive:
		return lang.X("objective.active", "active")
	case model.ObjectiveAchieved:
		return lang.X("objective.achieved", "achieved")
	case model.ObjectiveArchived:
		return lang.X("objective.archived", "archived")
	}
	return v
}
