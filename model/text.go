package model

import (
	"strings"
	"sync/atomic"
	"text/template"
)

// Localizer puts the model's user-facing messages (notifications, SMART hints, validation
// problems) into the user's language. A message is its English text, a text/template with
// named fields ({{.Title}}); counted messages have an English singular and plural and get
// the count as {{.Count}}. The model cannot import the UI toolkit, so the app implements
// this with its translations and hands it over with SetLocalizer; until then, and in tests,
// messages are English.
type Localizer interface {
	// Text translates msg and fills in its fields.
	Text(msg string, data map[string]any) string
	// Plural picks the form for n (one and other are the English forms) and fills it in.
	Plural(n int, one, other string, data map[string]any) string
}

type localizerBox struct{ l Localizer }

var localizer atomic.Pointer[localizerBox]

// SetLocalizer makes l translate the model's messages from now on; nil goes back to English.
func SetLocalizer(l Localizer) {
	if l == nil {
		localizer.Store(nil)
		return
	}
	localizer.Store(&localizerBox{l})
}

// tr is a message in the user's language; kv are the template's fields in pairs.
func tr(msg string, kv ...any) string {
	data := pairs(kv)
	if b := localizer.Load(); b != nil {
		return b.l.Text(msg, data)
	}
	return English(msg, data)
}

// trN is a counted message in the user's language: one and other are the English singular
// and plural, with the count as {{.Count}}.
func trN(n int, one, other string, kv ...any) string {
	data := pairs(kv)
	data["Count"] = n
	if b := localizer.Load(); b != nil {
		return b.l.Plural(n, one, other, data)
	}
	if n == 1 {
		return English(one, data)
	}
	return English(other, data)
}

func pairs(kv []any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// English fills in the fields of an English message template.
func English(msg string, data map[string]any) string {
	if !strings.Contains(msg, "{{") {
		return msg
	}
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

// Text is a sentence for the user in their language, for the packages outside the model that
// must not import Fyne (the sync engine, which the background agent runs too): kv are the
// template's fields as name, value pairs.
func Text(msg string, kv ...any) string { return tr(msg, kv...) }

// TextN is Text with the plural form n asks for ({{.Count}} is n); one is the English singular.
func TextN(n int, one, other string, kv ...any) string { return trN(n, one, other, kv...) }
