package model

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The search's keys, by their English names: the canonical name of each key the query reads.
const (
	FilterKeyStage   = "stage"
	FilterKeyStatus  = "status"
	FilterKeyHorizon = "horizon"
	FilterKeyOwner   = "owner"
	FilterKeyPartner = "partner"
	FilterKeyDue     = "due"
	FilterKeyIs      = "is"
)

// FilterKeys are the search's keys in the order the help lists them.
var FilterKeys = []string{FilterKeyStage, FilterKeyStatus, FilterKeyHorizon, FilterKeyOwner, FilterKeyPartner, FilterKeyDue, FilterKeyIs}

// filterVocab is one language's words for the search: a key's words (the first is the one
// the help shows), and the words of each value of the keys that take a fixed set of values,
// in the order of filterValues.
type filterVocab struct {
	keys   map[string][]string
	values map[string][][]string
}

// filterValues are the values of the keys that take a fixed set, in the order of each
// language's words.
var filterValues = map[string][]string{
	FilterKeyStage:   {string(StageInput), string(StagePlanning), string(StageExecution), string(StageReview), string(StageCelebration)},
	FilterKeyStatus:  {string(StatusOpen), string(StatusDone), string(StatusDropped)},
	FilterKeyHorizon: {string(HorizonDay), string(HorizonWeek), string(HorizonFortnight), string(HorizonMonth)},
	FilterKeyDue:     {string(DueOverdue), string(DueToday), string(DueThisWeek), string(DueNone)},
	FilterKeyIs:      {"focus"},
}

// filterVocabs are the search's words by language. The stage, status and horizon words are
// the ones the window shows for them in that language (docs/GLOSSARY.md), so what the user
// reads is what they can type; a value's words in any language are read whatever the app's
// language is, so a saved search keeps working after the language changes. English comes
// first: its words win a tie, as they did before the other languages.
var filterVocabs = []struct {
	lang  string
	vocab filterVocab
}{
	{LangEnglish, filterVocab{
		keys: map[string][]string{FilterKeyStage: {"stage"}, FilterKeyStatus: {"status"}, FilterKeyHorizon: {"horizon"},
			FilterKeyOwner: {"owner"}, FilterKeyPartner: {"partner"}, FilterKeyDue: {"due"}, FilterKeyIs: {"is"}},
		values: map[string][][]string{
			FilterKeyStage:   {{"input"}, {"plan", "planning"}, {"execute", "execution"}, {"review"}, {"celebrate", "celebration"}},
			FilterKeyStatus:  {{"open"}, {"done"}, {"dropped"}},
			FilterKeyHorizon: {{"day"}, {"week"}, {"fortnight"}, {"month"}},
			FilterKeyDue:     {{"overdue"}, {"today"}, {"week"}, {"none"}},
			FilterKeyIs:      {{"focus"}},
		},
	}},
	{LangGerman, filterVocab{
		keys: map[string][]string{FilterKeyStage: {"phase"}, FilterKeyStatus: {"status"}, FilterKeyHorizon: {"horizont"},
			FilterKeyOwner: {"verantwortlich"}, FilterKeyPartner: {"partner", "partnerin"}, FilterKeyDue: {"fällig"}, FilterKeyIs: {"ist"}},
		values: map[string][][]string{
			FilterKeyStage:   {{"eingang"}, {"planen", "planung"}, {"umsetzen", "umsetzung"}, {"prüfen", "prüfung"}, {"feiern"}},
			FilterKeyStatus:  {{"offen"}, {"erledigt"}, {"verworfen"}},
			FilterKeyHorizon: {{"tag"}, {"woche"}, {"zwei-wochen", "zweiwochen"}, {"monat"}},
			FilterKeyDue:     {{"überfällig"}, {"heute"}, {"woche"}, {"ohne", "kein"}},
			FilterKeyIs:      {{"fokus"}},
		},
	}},
	{LangFrench, filterVocab{
		keys: map[string][]string{FilterKeyStage: {"phase", "étape"}, FilterKeyStatus: {"statut"}, FilterKeyHorizon: {"horizon"},
			FilterKeyOwner: {"responsable"}, FilterKeyPartner: {"partenaire"}, FilterKeyDue: {"échéance"}, FilterKeyIs: {"est"}},
		values: map[string][][]string{
			FilterKeyStage:   {{"entrée"}, {"planifier", "planification"}, {"exécuter", "exécution"}, {"évaluer", "évaluation"}, {"célébrer"}},
			FilterKeyStatus:  {{"ouvert"}, {"terminé", "fait"}, {"abandonné"}},
			FilterKeyHorizon: {{"jour"}, {"semaine"}, {"quinzaine"}, {"mois"}},
			FilterKeyDue:     {{"retard", "en-retard"}, {"aujourd'hui", "aujourd’hui"}, {"semaine"}, {"sans", "aucune"}},
			FilterKeyIs:      {{"focus"}},
		},
	}},
	{LangSpanish, filterVocab{
		keys: map[string][]string{FilterKeyStage: {"fase"}, FilterKeyStatus: {"estado"}, FilterKeyHorizon: {"horizonte"},
			FilterKeyOwner: {"responsable"}, FilterKeyPartner: {"compañero", "compañera"}, FilterKeyDue: {"vence", "vencimiento"}, FilterKeyIs: {"es"}},
		values: map[string][][]string{
			FilterKeyStage:   {{"entrada"}, {"planificar", "planificación"}, {"ejecutar", "ejecución"}, {"revisar", "revisión"}, {"celebrar"}},
			FilterKeyStatus:  {{"abierto"}, {"hecho"}, {"descartado"}},
			FilterKeyHorizon: {{"día"}, {"semana"}, {"quincena"}, {"mes"}},
			FilterKeyDue:     {{"vencido"}, {"hoy"}, {"semana"}, {"sin", "ninguna"}},
			FilterKeyIs:      {{"foco"}},
		},
	}},
}

// filterVocabOf is the vocabulary of language l, English for a language without one.
func filterVocabOf(l string) filterVocab {
	for _, v := range filterVocabs {
		if v.lang == l {
			return v.vocab
		}
	}
	return filterVocabs[0].vocab
}

// FilterKeyWord is the word for key (one of FilterKeys) in language l, as the search help
// shows it.
func FilterKeyWord(l, key string) string {
	if w := filterVocabOf(l).keys[key]; len(w) > 0 {
		return w[0]
	}
	return key
}

// FilterValueWord is the word for value of key in language l ("phase:umsetzen" is the German
// of "stage:execute"); value is returned as it is when the key has no such value.
func FilterValueWord(l, key, value string) string {
	for i, v := range filterValues[key] {
		if v == value {
			if w := filterVocabOf(l).values[key]; i < len(w) && len(w[i]) > 0 {
				return w[i][0]
			}
		}
	}
	return value
}

// FilterValues are the values key takes (empty for owner and partner, which take a name).
func FilterValues(key string) []string { return filterValues[key] }

// foldedFilterWords are the search's key and value words of every language, folded once: the
// search reads the query at every keystroke.
type foldedFilterWords struct {
	keys   map[string]string        // folded word → key; the first language to use a word wins
	values map[string][]foldedValue // key → its values' words, English first, in vocabulary order
}

type foldedValue struct{ fold, value string }

var filterWordsFolded = sync.OnceValue(func() foldedFilterWords {
	t := foldedFilterWords{keys: map[string]string{}, values: map[string][]foldedValue{}}
	for _, v := range filterVocabs {
		for _, k := range FilterKeys {
			for _, kw := range v.vocab.keys[k] {
				if _, ok := t.keys[FoldWord(kw)]; !ok {
					t.keys[FoldWord(kw)] = k
				}
			}
		}
		for key, vals := range v.vocab.values {
			for i, words := range vals {
				for _, vw := range words {
					t.values[key] = append(t.values[key], foldedValue{FoldWord(vw), filterValues[key][i]})
				}
			}
		}
	}
	return t
})

// filterKeyOf is the canonical key a word of the query names, in any language, or "".
func filterKeyOf(word string) string {
	return filterWordsFolded().keys[FoldWord(word)]
}

// filterValueOf is the value of key that word names, in any language: a whole word first,
// then the start of one ("stage:exec"), English words before the others.
func filterValueOf(key, word string) (string, bool) {
	w := FoldWord(word)
	if w == "" {
		return "", false
	}
	vals := filterWordsFolded().values[key]
	for _, v := range vals {
		if v.fold == w {
			return v.value, true
		}
	}
	for _, v := range vals {
		if strings.HasPrefix(v.fold, w) {
			return v.value, true
		}
	}
	return "", false
}

// FoldWord is a word as the search and the importers compare keywords: lower case, without accents, with the
// typographic apostrophe as the plain one, so "prufen" finds "prüfen" and "echeance:" works
// on a keyboard without accents.
func FoldWord(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r == 'ß' {
			b.WriteString("ss")
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
