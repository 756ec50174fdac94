package model

import (
	"testing"
	"time"
)

func TestStartsWithActionInEachLanguage(t *testing.T) {
	cases := []struct {
		lang, title string
		want        bool
	}{
		{"en", "Write the intro", true},
		{"en", "Chapter two intro", false},
		{"en", "Bericht schreiben", false}, // German is read only when the user speaks it
		{"de", "Bericht schreiben", true},
		{"de", "Steuererklärung für 2026 abgeben", true},
		{"de", "Schreib den Bericht", true},
		{"de", "Rufe Anna an", true},
		{"de", "Anrufen: Zahnarzt", true},
		{"de", "Unterlagen sortieren und ablegen", true},
		{"de", "Termin beim Zahnarzt", false},
		{"de", "Bericht für den Chef", false},
		{"de", "Kapitel zwei", false},
		{"de", "Write the intro", true}, // English still counts
		{"fr", "Appeler Marie", true},
		{"fr", "Écrire la préface", true},
		{"fr", "Écris la préface", true},
		{"fr", "Lire le chapitre 3", true},
		{"fr", "Finir le rapport", true},
		{"fr", "Prendre rendez-vous", true},
		{"fr", "Fais les courses", true},
		{"fr", "Dossier client", false},
		{"fr", "Premier chapitre", false},
		{"fr", "Rapport annuel", false},
		{"es", "Llamar a Ana", true},
		{"es", "Escribir el informe", true},
		{"es", "Envía la factura", true},
		{"es", "Haz la compra", true},
		{"es", "Enviarlo hoy", true},
		{"es", "Lugar de la reunión", false},
		{"es", "Informe anual", false},
		{"es", "Mejor informe", false},
	}
	for _, c := range cases {
		if got := StartsWithAction(c.title, c.lang); got != c.want {
			t.Errorf("%s %q: action %v, want %v", c.lang, c.title, got, c.want)
		}
	}
}

// TestCheckSMARTSpeaksTheLanguage runs the whole check on a German, French and Spanish
// step: the S letter passes when the title names its action the language's way.
func TestCheckSMARTSpeaksTheLanguage(t *testing.T) {
	for _, c := range []struct{ lang, pass, fail string }{
		{"de", "Den Bericht für Anna schreiben", "Bericht für Anna und Paul"},
		{"fr", "Envoyer le rapport à Anna", "Le rapport pour Anna"},
		{"es", "Enviar el informe a Ana", "El informe para Ana"},
	} {
		g := validGoal()
		ctx := SMARTContext{Now: created, Location: time.UTC, ObjectiveExists: true, Language: c.lang}
		g.Title = c.pass
		if s := CheckSMART(g, ctx); !s[Specific].OK {
			t.Errorf("%s %q: %v", c.lang, c.pass, s.Hints())
		}
		g.Title = c.fail
		if s := CheckSMART(g, ctx); s[Specific].OK {
			t.Errorf("%s %q passes S", c.lang, c.fail)
		}
	}
}
