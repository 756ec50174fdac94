package model

import (
	"strings"
	"testing"
	"time"
)

// TestParseQuickAddInEachLanguage reads lines as a German, French and Spanish speaker types
// them: the date phrase leaves the title, every other word stays.
func TestParseQuickAddInEachLanguage(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	now := time.Date(2026, 11, 25, 16, 0, 0, 0, loc) // a Wednesday
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, loc) }
	at := func(m time.Month, d, h, mi int) time.Time { return time.Date(2026, m, d, h, mi, 0, 0, loc) }
	cases := []struct {
		lang, line, title, phrase string
		due                       time.Time
		hasTime                   bool
	}{
		{"de", "Bericht schreiben morgen 9 Uhr", "Bericht schreiben", "morgen 9 Uhr", at(11, 26, 9, 0), true},
		{"de", "Steuer abgeben nächsten Freitag", "Steuer abgeben", "nächsten Freitag", day(11, 27), false},
		{"de", "Anna anrufen am Montag um 14:30", "Anna anrufen", "am Montag um 14:30", at(11, 30, 14, 30), true},
		{"de", "Zahnarzt übermorgen", "Zahnarzt", "übermorgen", day(11, 27), false},
		{"de", "Mittwoch Training", "Training", "Mittwoch", day(12, 2), false},
		{"de", "Training diesen Mittwoch", "Training", "diesen Mittwoch", day(11, 25), false},
		{"de", "Geschenk kaufen bis 24. Dezember", "Geschenk kaufen", "bis 24. Dezember", day(12, 24), false},
		{"de", "Rechnung zahlen am 3.12.", "Rechnung zahlen", "am 3.12.", day(12, 3), false},
		{"de", "Angebot prüfen in 3 Tagen", "Angebot prüfen", "in 3 Tagen", day(11, 28), false},
		{"de", "Plan machen nächste Woche", "Plan machen", "nächste Woche", day(11, 30), false},
		{"de", "Öl wechseln 9 Uhr", "Öl wechseln", "9 Uhr", at(11, 25, 9, 0), true},
		{"de", "Morgenroutine üben", "Morgenroutine üben", "", time.Time{}, false},
		{"de", "Draft intro tomorrow 9am", "Draft intro", "tomorrow 9am", at(11, 26, 9, 0), true},
		{"fr", "Appeler Marie demain 14h", "Appeler Marie", "demain 14h", at(11, 26, 14, 0), true},
		{"fr", "Rendre le rapport vendredi", "Rendre le rapport", "vendredi", day(11, 27), false},
		{"fr", "Courir lundi prochain à 7h30", "Courir", "lundi prochain à 7h30", at(11, 30, 7, 30), true},
		{"fr", "Payer le loyer le 1er décembre", "Payer le loyer", "le 1er décembre", day(12, 1), false},
		{"fr", "Réviser 2h", "Réviser 2h", "", time.Time{}, false},
		{"fr", "Relire le chapitre après-demain", "Relire le chapitre", "après-demain", day(11, 27), false},
		{"fr", "Écrire à Paul dans 2 semaines", "Écrire à Paul", "dans 2 semaines", day(12, 9), false},
		{"fr", "Préparer l’atelier aujourd’hui à 18h", "Préparer l’atelier", "aujourd’hui à 18h", at(11, 25, 18, 0), true},
		{"es", "Llamar a Ana viernes", "Llamar a Ana", "viernes", day(11, 27), false},
		{"es", "Comprar pan el lunes", "Comprar pan", "el lunes", day(11, 30), false},
		{"es", "Enviar factura mañana a las 10", "Enviar factura", "mañana a las 10", at(11, 26, 10, 0), true},
		{"es", "Pagar la luz el 5 de diciembre", "Pagar la luz", "el 5 de diciembre", day(12, 5), false},
		{"es", "Estudiar pasado mañana", "Estudiar", "pasado mañana", day(11, 27), false},
		{"es", "Revisar el informe en 3 días", "Revisar el informe", "en 3 días", day(11, 28), false},
		{"es", "Ir al gimnasio hoy a las 19:30", "Ir al gimnasio", "hoy a las 19:30", at(11, 25, 19, 30), true},
		// A language's words are read only in that language: an English line keeps "Montag".
		{"en", "Read Montag chapter", "Read Montag chapter", "", time.Time{}, false},
		{"en", "Call Ana mañana", "Call Ana mañana", "", time.Time{}, false},
	}
	for _, c := range cases {
		q := ParseQuickAddIn(c.lang, c.line, now, loc)
		if q.Title != c.title || q.Phrase != c.phrase || !q.Due.Equal(c.due) || q.HasTime != c.hasTime {
			t.Errorf("%s %q = %q / %q / %v / %v, want %q / %q / %v / %v", c.lang,
				c.line, q.Title, q.Phrase, q.Due, q.HasTime, c.title, c.phrase, c.due, c.hasTime)
		}
	}
}

func TestParseDueInEachLanguage(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc) // a Wednesday
	cases := []struct {
		lang, in string
		want     time.Time
		hasTime  bool
	}{
		{"de", "morgen", time.Date(2026, 11, 26, 0, 0, 0, 0, loc), false},
		{"de", "Freitag 17 Uhr", time.Date(2026, 11, 27, 17, 0, 0, 0, loc), true},
		{"fr", "demain 14h", time.Date(2026, 11, 26, 14, 0, 0, 0, loc), true},
		{"es", "viernes", time.Date(2026, 11, 27, 0, 0, 0, 0, loc), false},
		{"es", "tomorrow", time.Date(2026, 11, 26, 0, 0, 0, 0, loc), false},
	}
	for _, c := range cases {
		got, hasTime, err := ParseDueIn(c.lang, c.in, now, loc)
		if err != nil || !got.Equal(c.want) || hasTime != c.hasTime {
			t.Errorf("ParseDueIn(%s, %q) = %v %v %v, want %v %v", c.lang, c.in, got, hasTime, err, c.want, c.hasTime)
		}
	}
	if _, _, err := ParseDueIn("de", "morgen und so", now, loc); err == nil {
		t.Error("words beyond the date are refused")
	}
	if _, _, err := ParseDueIn("de", "31. Februar", now, loc); err == nil {
		t.Error("a day that does not exist is refused")
	}
}

// FuzzParseQuickAddIn checks, in each language, that no word is lost or invented. Its seed
// corpus runs with every go test.
func FuzzParseQuickAddIn(f *testing.F) {
	for _, s := range []string{"Bericht schreiben morgen 9 Uhr", "Appeler Marie demain 14h", "Llamar a Ana viernes",
		"Steuer nächsten Freitag", "comprar pan el lunes", "am am Montag um um 9", "le le 1er mai 2027 à 7h",
		"el 31 de febrero", "in 9999999999 Tagen", "dans une semaine", "a las 25", "14h 15h", "mañana mañana",
		"x 3.13.", "Préparer aujourd’hui à 18h", "bis bis morgen", "hoy 10:00h #casa"} {
		f.Add(s)
	}
	loc := mustZone(f, "Europe/Paris")
	now := time.Date(2026, 3, 29, 1, 30, 0, 0, loc) // the night the clocks go forward
	f.Fuzz(func(t *testing.T, line string) {
		for _, lang := range SupportedLanguages {
			q := ParseQuickAddIn(lang, line, now, loc)
			clean := CleanTitle(strings.ToValidUTF8(line, "\uFFFD"))
			var untagged []string
			for _, w := range words(clean) {
				if _, ok := TagOfWord(w); ok && len(q.Tags) > 0 {
					continue
				}
				untagged = append(untagged, w)
			}
			if got := words(q.Title, q.Phrase); strings.Join(got, "\x00") != strings.Join(untagged, "\x00") {
				t.Fatalf("%s: words lost or invented: %q -> title %q phrase %q", lang, line, q.Title, q.Phrase)
			}
			if q.HasDue() != (q.Phrase != "") || (q.HasDue() && q.Title == "") {
				t.Fatalf("%s: %q: due %v phrase %q title %q", lang, line, q.Due, q.Phrase, q.Title)
			}
		}
	})
}

func BenchmarkParseQuickAddIn(b *testing.B) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc)
	for _, c := range []struct{ lang, line string }{
		{"en", "Draft intro section tomorrow 9am"}, {"de", "Bericht schreiben nächsten Freitag 9 Uhr"},
		{"fr", "Appeler Marie demain 14h"}, {"es", "Llamar a Ana el viernes a las 10"}, {"de", "Kapitel zwei lesen"},
	} {
		b.Run(c.lang+"/"+strings.Fields(c.line)[0], func(b *testing.B) {
			for b.Loop() {
				ParseQuickAddIn(c.lang, c.line, now, loc)
			}
		})
	}
}
