package calsync

import (
	"encoding/json"
	"strings"
	"testing"
	"text/template"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/resources"
)

// fileLocalizer translates the model's messages from the app's translation files, as the
// app's localizer does, without Fyne (this package must not import it).
type fileLocalizer map[string]any

func (l fileLocalizer) fill(msg string, data map[string]any) string {
	t, err := template.New("").Option("missingkey=zero").Parse(msg)
	if err != nil {
		return msg
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return msg
	}
	return b.String()
}

func (l fileLocalizer) Text(msg string, data map[string]any) string {
	if s, ok := l[msg].(string); ok {
		return l.fill(s, data)
	}
	return model.English(msg, data)
}

func (l fileLocalizer) Plural(n int, one, other string, data map[string]any) string {
	forms, _ := l[other].(map[string]any)
	key := "other"
	if n == 1 {
		key = "one"
	}
	if s, ok := forms[key].(string); ok {
		return l.fill(s, data)
	}
	if n == 1 {
		return model.English(one, data)
	}
	return model.English(other, data)
}

// useModelLanguage makes the model's messages come out in language l for one test.
func useModelLanguage(t *testing.T, l string) {
	t.Helper()
	b, err := resources.Translations.ReadFile("translations/ui." + l + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m fileLocalizer
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	model.SetLocalizer(m)
	t.Cleanup(func() { model.SetLocalizer(nil) })
}

// TestMergeLabelsAreTranslated: every field a conflict can name is one the decision log
// translates.
func TestMergeLabelsAreTranslated(t *testing.T) {
	useModelLanguage(t, "de")
	for k, label := range fieldLabels {
		name, ok := model.SyncFieldName(label)
		if !ok || name == label && label != "Position" && label != "Status" && label != "Partner" {
			t.Errorf("field %s: %q is shown as %q", k, label, name)
		}
	}
}

// TestDescriptionInEveryLanguage: the DESCRIPTION other apps show is written in the user's
// language and read back in any, so a task described in German keeps its outcome and
// done-when on a device in French or English.
func TestDescriptionInEveryLanguage(t *testing.T) {
	for _, l := range []string{"en", "de", "fr", "es"} {
		useModelLanguage(t, l)
		d := describe("Notes everyone can read", "Two people read them")
		if l != "en" && strings.Contains(d, "Outcome") {
			t.Errorf("%s: the description is English: %q", l, d)
		}
		for _, reader := range []string{"en", "fr"} {
			useModelLanguage(t, reader)
			if o, w := undescribe(d); o != "Notes everyone can read" || w != "Two people read them" {
				t.Errorf("written in %s, read in %s: outcome %q, done when %q from %q", l, reader, o, w, d)
			}
		}
	}
}
