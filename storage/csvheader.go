package storage

import (
	"strings"
	"unicode"

	"github.com/microgoals/microgoals/model"
)

// The columns of a metric entries CSV file, by their English names (the header English
// exports have always had). Each is written, and read back, under its name in any of the
// app's languages.
const (
	csvEntry     = "entry"
	csvGoal      = "goal"
	csvGoalTitle = "goal_title"
	csvObjective = "objective"
	csvAt        = "at"
	csvValue     = "value"
	csvUnit      = "unit"
	csvNote      = "note"
	csvCorrects  = "corrects"
	csvLoggedAt  = "logged_at"
	csvCounts    = "counts"
)

// csvHeader is the header of an English export, the columns in the order a file has them.
var csvHeader = []string{csvEntry, csvGoal, csvGoalTitle, csvObjective, csvAt, csvValue, csvUnit, csvNote, csvCorrects, csvLoggedAt, csvCounts}

// csvRequired are the columns an import cannot do without; the others are read when the file
// has them (corrects, logged_at) or only there for the reader of the file (titles, unit,
// counts).
var csvRequired = []string{csvEntry, csvGoal, csvAt, csvValue}

// csvHeaderWords are the columns' names in each language but English, in csvHeader's order:
// what a spreadsheet shows in the first row (docs/GLOSSARY.md's words).
var csvHeaderWords = map[string][]string{
	"de": {"Eintrag", "Mikroziel", "Titel des Mikroziels", "Ziel", "Zeitpunkt", "Wert", "Einheit", "Notiz", "korrigiert", "erfasst am", "zählt"},
	"fr": {"entrée", "micro-objectif", "titre du micro-objectif", "objectif", "moment", "valeur", "unité", "note", "corrige", "saisie le", "compte"},
	"es": {"entrada", "microobjetivo", "título del microobjetivo", "objetivo", "momento", "valor", "unidad", "nota", "corrige", "registrado el", "cuenta"},
}

// CSVHeader is the header row of a metric entries CSV exported in language lang (a two-letter
// code; English for any language without its own words).
func CSVHeader(lang string) []string {
	if w, ok := csvHeaderWords[lang]; ok {
		return append([]string(nil), w...)
	}
	return append([]string(nil), csvHeader...)
}

// csvColumnOf is the column a header cell names in any of the languages, "" for none.
// Case, accents and the spacing around the name do not matter.
func csvColumnOf(cell string) string {
	c := foldHeader(cell)
	for i, name := range csvHeader {
		if foldHeader(name) == c {
			return csvHeader[i]
		}
	}
	for _, words := range csvHeaderWords {
		for i, w := range words {
			if foldHeader(w) == c {
				return csvHeader[i]
			}
		}
	}
	return ""
}

// foldHeader is a header cell as the import compares it: folded as the search folds its
// keywords (model.FoldWord: lower case, no accents), with spaces, underscores and hyphens alike.
func foldHeader(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, model.FoldWord(strings.TrimSpace(s)))
}
