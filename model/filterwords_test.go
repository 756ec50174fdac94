package model

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// stageNamesBefore are the English words the search used for the stages before it spoke
// other languages.
var stageNamesBefore = map[Stage]string{
	StageInput: "input", StagePlanning: "plan", StageExecution: "execute", StageReview: "review", StageCelebration: "celebrate",
}

// englishFilterBefore is ParseFilter's reading of an English "key:value" before the search
// spoke other languages: every English query must still mean what it meant.
func englishFilterBefore(key, val string) (Filter, bool) {
	var f Filter
	lv := strings.ToLower(val)
	prefix := func(names ...string) (int, bool) {
		for i, n := range names {
			if strings.HasPrefix(n, lv) {
				return i, true
			}
		}
		return 0, false
	}
	switch key {
	case "stage":
		for _, s := range Stages {
			if strings.HasPrefix(string(s), lv) || strings.HasPrefix(stageNamesBefore[s], lv) {
				f.Stage = s
				return f, true
			}
		}
	case "status":
		if i, ok := prefix("open", "done", "dropped"); ok {
			f.Status = []Status{StatusOpen, StatusDone, StatusDropped}[i]
			return f, true
		}
	case "horizon":
		if i, ok := prefix("day", "week", "fortnight", "month"); ok {
			f.Horizon = Horizons[i]
			return f, true
		}
	case "due":
		if i, ok := prefix("overdue", "today", "week", "none"); ok {
			f.Due = DueWindows[i+1]
			return f, true
		}
	case "is":
		if _, ok := prefix("focus"); ok {
			f.FocusOnly = true
			return f, true
		}
	}
	return f, false
}

// TestFilterEnglishPrefixesUnchanged tries every start of every English value under every
// English key: each reads as it did before the other languages' words were added.
func TestFilterEnglishPrefixesUnchanged(t *testing.T) {
	en := filterVocabOf(LangEnglish)
	for _, key := range []string{"stage", "status", "horizon", "due", "is"} {
		for _, words := range en.values[key] {
			for _, w := range words {
				for n := 1; n <= len(w); n++ {
					for _, v := range []string{w[:n], strings.ToUpper(w[:n])} {
						want, ok := englishFilterBefore(key, v)
						if !ok {
							t.Fatalf("%s:%s did not parse before", key, v)
						}
						got := ParseFilter(key + ":" + v)
						got.Unknown = nil
						if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
							t.Errorf("%s:%s = %+v, want %+v as before", key, v, got, want)
						}
					}
				}
			}
		}
	}
}

// TestFilterWordsPerLanguage types each language's key and value words (as the window shows
// them, in any case, with and without accents) and checks the filter asks for that value.
func TestFilterWordsPerLanguage(t *testing.T) {
	cases := map[string][]struct {
		q    string
		want Filter
	}{
		LangGerman: {
			{"Phase:Umsetzen", Filter{Stage: StageExecution}},
			{"phase:prüfen", Filter{Stage: StageReview}},
			{"phase:prufen", Filter{Stage: StageReview}},
			{"status:erledigt", Filter{Status: StatusDone}},
			{"status:verworfen", Filter{Status: StatusDropped}},
			{"horizont:zwei-wochen", Filter{Horizon: HorizonFortnight}},
			{"horizont:woche", Filter{Horizon: HorizonWeek}},
			{"fällig:heute", Filter{Due: DueToday}},
			{"faellig:heute", Filter{Words: []string{"faellig:heute"}}}, // not a key: searched as text
			{"fallig:überfällig", Filter{Due: DueOverdue}},
			{"fällig:woche", Filter{Due: DueThisWeek}},
			{"fällig:ohne", Filter{Due: DueNone}},
			{"verantwortlich:Sam", Filter{Owner: "Sam"}},
			{"partner:Maria", Filter{Partner: "Maria"}},
			{"ist:fokus", Filter{FocusOnly: true}},
		},
		LangFrench: {
			{"phase:exécuter", Filter{Stage: StageExecution}},
			{"étape:évaluer", Filter{Stage: StageReview}},
			{"statut:terminé", Filter{Status: StatusDone}},
			{"statut:abandonne", Filter{Status: StatusDropped}},
			{"horizon:quinzaine", Filter{Horizon: HorizonFortnight}},
			{"échéance:aujourd'hui", Filter{Due: DueToday}},
			{"echeance:aujourd’hui", Filter{Due: DueToday}},
			{"échéance:retard", Filter{Due: DueOverdue}},
			{"responsable:Sam", Filter{Owner: "Sam"}},
			{"partenaire:Maria", Filter{Partner: "Maria"}},
			{"est:focus", Filter{FocusOnly: true}},
		},
		LangSpanish: {
			{"fase:ejecutar", Filter{Stage: StageExecution}},
			{"fase:celebrar", Filter{Stage: StageCelebration}},
			{"estado:hecho", Filter{Status: StatusDone}},
			{"estado:abierto", Filter{Status: StatusOpen}},
			{"horizonte:quincena", Filter{Horizon: HorizonFortnight}},
			{"horizonte:día", Filter{Horizon: HorizonDay}},
			{"vence:hoy", Filter{Due: DueToday}},
			{"vence:vencido", Filter{Due: DueOverdue}},
			{"responsable:Sam", Filter{Owner: "Sam"}},
			{"compañero:Maria", Filter{Partner: "Maria"}},
			{"es:foco", Filter{FocusOnly: true}},
		},
	}
	for l, cs := range cases {
		for _, c := range cs {
			if got := ParseFilter(c.q); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", c.want) {
				t.Errorf("%s: ParseFilter(%q) = %+v, want %+v", l, c.q, got, c.want)
			}
		}
	}
	// A query mixes languages: a search saved in German still works in French.
	f := ParseFilter("Entwurf phase:umsetzen statut:ouvert due:today")
	if !slices.Equal(f.Words, []string{"entwurf"}) || f.Stage != StageExecution || f.Status != StatusOpen || f.Due != DueToday {
		t.Fatalf("mixed query = %+v", f)
	}
	if f := ParseFilter("phase:xyz"); len(f.Unknown) != 1 || f.Unknown[0] != "phase:xyz" {
		t.Fatalf("a German key with a value it does not take is not reported: %+v", f)
	}
}

// TestFilterWordsAreUnambiguous: a whole word names one value of its key in every language
// together, and every language has words for every key and value (the help shows them).
func TestFilterWordsAreUnambiguous(t *testing.T) {
	for _, key := range FilterKeys {
		seen := map[string]string{}
		for _, v := range filterVocabs {
			if len(v.vocab.keys[key]) == 0 {
				t.Errorf("%s has no word for the key %s", v.lang, key)
			}
			for i, words := range v.vocab.values[key] {
				for _, w := range words {
					val := filterValues[key][i]
					if o, ok := seen[FoldWord(w)]; ok && o != val {
						t.Errorf("%s:%s means %s in one language and %s in another", key, w, o, val)
					}
					seen[FoldWord(w)] = val
				}
			}
			if len(v.vocab.values[key]) != len(filterValues[key]) {
				t.Errorf("%s has %d words for the values of %s, want %d", v.lang, len(v.vocab.values[key]), key, len(filterValues[key]))
			}
		}
	}
	keyOf := map[string]string{}
	for _, v := range filterVocabs {
		for k, words := range v.vocab.keys {
			for _, w := range words {
				if o, ok := keyOf[FoldWord(w)]; ok && o != k {
					t.Errorf("the key word %s names %s and %s", w, o, k)
				}
				keyOf[FoldWord(w)] = k
			}
		}
	}
	for _, l := range []string{LangGerman, LangFrench, LangSpanish} {
		for _, key := range FilterKeys {
			for _, val := range FilterValues(key) {
				q := FilterKeyWord(l, key) + ":" + FilterValueWord(l, key, val)
				f := ParseFilter(q)
				if len(f.Words) > 0 || len(f.Unknown) > 0 {
					t.Errorf("%s: the help's %q does not parse: %+v", l, q, f)
				}
			}
		}
	}
}

// FuzzFilterKeepsWords: whatever is typed, every word is a tag, a field or text (or is listed
// as not understood), none is lost; and an English "key:value" added to it still reads as
// it does alone.
func FuzzFilterKeepsWords(f *testing.F) {
	for _, s := range []string{"Entwurf phase:umsetzen", "préparer échéance:aujourd'hui #écrire", "es:foco fase:x revisar", "stage:exec draft", "ist: :fokus"} {
		f.Add(s, uint8(0), uint8(0))
	}
	keys := []string{"stage", "status", "horizon", "due", "is"}
	f.Fuzz(func(t *testing.T, q string, ki, vi uint8) {
		if !utf8.ValidString(q) {
			return
		}
		got := ParseFilter(q)
		words := strings.FieldsFunc(q, wordBreak)
		for _, w := range words {
			if _, ok := TagOfWord(w); ok {
				continue
			}
			k, v, ok := strings.Cut(w, ":")
			if ok && v != "" && filterKeyOf(k) != "" && !slices.Contains(got.Unknown, w) {
				continue // read as a field
			}
			if !slices.Contains(got.Words, toLower(w)) && !slices.Contains(got.Unknown, w) {
				t.Fatalf("%q: the word %q is lost: %+v", q, w, got)
			}
		}
		key := keys[int(ki)%len(keys)]
		en := filterVocabOf(LangEnglish).values[key]
		w := en[int(vi)%len(en)][0]
		want, _ := englishFilterBefore(key, w)
		alone := ParseFilter(key + ":" + w)
		if fmt.Sprintf("%+v", alone) != fmt.Sprintf("%+v", want) {
			t.Fatalf("%s:%s = %+v, want %+v", key, w, alone, want)
		}
		mixed := ParseFilter(q + " " + key + ":" + w)
		switch key {
		case "stage":
			if mixed.Stage != want.Stage {
				t.Fatalf("%q then %s:%s: stage %s", q, key, w, mixed.Stage)
			}
		case "status":
			if mixed.Status != want.Status {
				t.Fatalf("%q then %s:%s: status %s", q, key, w, mixed.Status)
			}
		case "horizon":
			if mixed.Horizon != want.Horizon {
				t.Fatalf("%q then %s:%s: horizon %s", q, key, w, mixed.Horizon)
			}
		case "due":
			if mixed.Due != want.Due {
				t.Fatalf("%q then %s:%s: due %s", q, key, w, mixed.Due)
			}
		case "is":
			if !mixed.FocusOnly {
				t.Fatalf("%q then is:focus: not focus only", q)
			}
		}
	})
}

// TestFilterWordsRandomQueries runs the fuzz test's checks on queries built from every
// language's words mixed with plain ones, so plain "go test" covers them.
func TestFilterWordsRandomQueries(t *testing.T) {
	r := rand.New(rand.NewSource(15))
	var pool []string
	for _, v := range filterVocabs {
		for k, kw := range v.vocab.keys {
			for _, words := range v.vocab.values[k] {
				pool = append(pool, kw[0]+":"+words[0])
			}
			pool = append(pool, kw[0]+":", kw[0]+":zzz")
		}
	}
	pool = append(pool, "Entwurf", "prüfen", "tâche", "año", "#tag", "@home", "note:x", "::", "planen")
	for i := 0; i < 2000; i++ {
		var q []string
		for j := r.Intn(6); j >= 0; j-- {
			q = append(q, pool[r.Intn(len(pool))])
		}
		query := strings.Join(q, " ")
		got := ParseFilter(query)
		for _, w := range q {
			k, v, ok := strings.Cut(w, ":")
			isField := ok && v != "" && filterKeyOf(k) != "" && !slices.Contains(got.Unknown, w)
			_, isTag := TagOfWord(w)
			if !isField && !isTag && !slices.Contains(got.Words, toLower(w)) && !slices.Contains(got.Unknown, w) {
				t.Fatalf("%q: %q is lost: %+v", query, w, got)
			}
		}
	}
}
