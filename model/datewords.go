package model

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Date words in German, French and Spanish, read the way github.com/olebedev/when reads
// English: a phrase naming the day ("morgen", "demain", "el viernes", "nächsten Freitag",
// "3. Dezember", "dans 3 jours") and a phrase naming the time ("9 Uhr", "14h", "a las 9"),
// each found as a regular expression over the line, joined when they stand side by side.
//
// github.com/markusmobius/go-dateparser was tried first: it read "demain 14h" as the day
// after tomorrow at midnight, "morgen 9 Uhr" without its hour, took the Spanish "a" for a
// date, and its module raises golang.org/x/text and x/sys far past the versions Fyne is
// built with. when has no rules for these languages, so they are written here in its manner.

// dayRule is one way of naming a day: its pattern (group 1 is the phrase; the match also
// takes the space before and after it) and what day it names from the captures.
type dayRule struct {
	re  *regexp.Regexp
	day func(m []string, today Date) (Date, bool)
}

// clockRule is one way of naming a time of day; hour and minute come from groups 2 and 3.
// withDay marks a form that is only a time next to a day: a bare "2h" is as often how long
// something takes ("réviser 2h") as when.
type clockRule struct {
	re      *regexp.Regexp
	withDay bool
}

type dateWords struct {
	days   []dayRule
	clocks []clockRule
}

// phrase wraps a pattern so that it stands between spaces or the line's ends, and is group 1.
func phrase(p string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|\s)(` + p + `)(?:\s|$)`)
}

// relativeDay is a fixed offset from today: "morgen", "demain", "pasado mañana".
func relativeDay(offsets map[string]int) func(m []string, today Date) (Date, bool) {
	return func(m []string, today Date) (Date, bool) {
		key := strings.Join(strings.Fields(strings.ToLower(m[2])), " ")
		n, ok := offsets[strings.ReplaceAll(key, "’", "'")]
		return today.AddDays(n), ok
	}
}

// weekdayIn is the named weekday (group 3) from today: the next one after today, or, when
// group 2 says "this" ("diesen", "ce", "este"), this week's, today included.
func weekdayIn(names map[string]time.Weekday, this map[string]bool) func(m []string, today Date) (Date, bool) {
	return func(m []string, today Date) (Date, bool) {
		wd, ok := names[strings.ToLower(m[3])]
		if !ok {
			return Date{}, false
		}
		diff := (int(wd) - int(today.Start(time.UTC).Weekday()) + 7) % 7
		if diff == 0 && !this[strings.ToLower(m[2])] {
			diff = 7
		}
		return today.AddDays(diff), true
	}
}

// dayOfMonth is the day (group 2) of the named month (group 3) in the year of group 4 or,
// without one, the next such day from today.
func dayOfMonth(months map[string]time.Month) func(m []string, today Date) (Date, bool) {
	return func(m []string, today Date) (Date, bool) {
		mo, ok := months[strings.TrimSuffix(strings.ToLower(m[3]), ".")]
		if !ok {
			if n, err := strconv.Atoi(m[3]); err == nil && n >= 1 && n <= 12 {
				mo, ok = time.Month(n), true
			}
		}
		d, _ := strconv.Atoi(m[2])
		if !ok || d < 1 || d > 31 {
			return Date{}, false
		}
		year := today.Year
		if len(m) > 4 && m[4] != "" {
			year, _ = strconv.Atoi(m[4])
		}
		if d > time.Date(year, mo+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			return Date{}, false
		}
		day := D(year, mo, d)
		if (len(m) <= 4 || m[4] == "") && day.Before(today) {
			day = D(year+1, mo, d)
		}
		return day, true
	}
}

// inDays is "in 3 Tagen", "dans 2 semaines", "en un mes": group 2 counts the units of group 3.
func inDays(numbers map[string]int, units map[string]int) func(m []string, today Date) (Date, bool) {
	return func(m []string, today Date) (Date, bool) {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			var ok bool
			if n, ok = numbers[strings.ToLower(m[2])]; !ok {
				return Date{}, false
			}
		}
		unit, ok := units[strings.ToLower(m[3])]
		if !ok || n > 3660 {
			return Date{}, false
		}
		if unit == 30 {
			t := today.Start(time.UTC).AddDate(0, n, 0)
			return D(t.Year(), t.Month(), t.Day()), true
		}
		return today.AddDays(n * unit), true
	}
}

// nextWeek is the Monday of next week: "nächste Woche", "la semaine prochaine".
func nextWeek(_ []string, today Date) (Date, bool) {
	return WeekStart(today, time.Monday).AddDays(7), true
}

func weekdays(names ...string) map[string]time.Weekday {
	m := make(map[string]time.Weekday)
	for i, n := range names {
		for _, v := range strings.Split(n, "|") {
			m[v] = time.Weekday(i)
		}
	}
	return m
}

func months(names ...string) map[string]time.Month {
	m := make(map[string]time.Month)
	for i, n := range names {
		for _, v := range strings.Split(n, "|") {
			m[v] = time.Month(i + 1)
		}
	}
	return m
}

func alternation[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, regexp.QuoteMeta(k))
	}
	// Longest first, so that "übermorgen" is not read as "morgen" and "sept" not as "sep".
	sortByLengthDesc(keys)
	return strings.Join(keys, "|")
}

func sortByLengthDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || len(s[j]) == len(s[j-1]) && s[j] < s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// dateWordsByLang builds each language's rules the first time a line in it is read (a few
// milliseconds of compiling regular expressions; WarmDateWords does it ahead).
var dateWordsByLang = map[string]func() *dateWords{
	LangGerman:  sync.OnceValue(germanDateWords),
	LangFrench:  sync.OnceValue(frenchDateWords),
	LangSpanish: sync.OnceValue(spanishDateWords),
}

// WarmDateWords builds the date words of lang now (off the UI goroutine, as the app starts),
// so that the first quick add does not wait for them.
func WarmDateWords(lang string) {
	if f := dateWordsByLang[lang]; f != nil {
		f()
	}
}

// germanDateWords: "morgen 9 Uhr", "am nächsten Freitag", "3. Dezember", "in 3 Tagen".
func germanDateWords() *dateWords {
	deDays := weekdays("sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag|sonnabend")
	deMonths := months("januar|jänner|jan", "februar|feb", "märz|mär|maerz", "april|apr", "mai", "juni|jun",
		"juli|jul", "august|aug", "september|sep|sept", "oktober|okt", "november|nov", "dezember|dez")
	de := &dateWords{
		days: []dayRule{
			{phrase(`(?:am\s+)?(` + alternation(map[string]int{"heute": 0, "morgen": 1, "übermorgen": 2}) + `)`),
				relativeDay(map[string]int{"heute": 0, "morgen": 1, "übermorgen": 2})},
			{phrase(`(?:am\s+)?(?:(nächsten|nächster|nächste|kommenden|kommender|diesen|dieser|diese)\s+)?(` + alternation(deDays) + `)`),
				weekdayIn(deDays, map[string]bool{"diesen": true, "dieser": true, "diese": true})},
			{phrase(`(?:am\s+)?(\d{1,2})\.\s*(` + alternation(deMonths) + `)\.?(?:\s+(\d{4}))?`), dayOfMonth(deMonths)},
			{phrase(`(?:am\s+)?(\d{1,2})\.(\d{1,2})\.(\d{4})?`), dayOfMonth(nil)},
			{phrase(`in\s+(\d+|einem|einer|zwei|drei|vier|fünf)\s+(tag|tagen|woche|wochen|monat|monaten)`),
				inDays(map[string]int{"einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5},
					map[string]int{"tag": 1, "tagen": 1, "woche": 7, "wochen": 7, "monat": 30, "monaten": 30})},
			{phrase(`(nächste|kommende)\s+woche`), nextWeek},
		},
		clocks: []clockRule{
			{phrase(`(?:um\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*uhr`), false},
			{phrase(`um\s+(\d{1,2})(?::(\d{2}))?`), false},
		},
	}
	return de
}

// frenchDateWords: "demain 14h", "lundi prochain à 7h30", "le 1er décembre", "dans 2 jours".
func frenchDateWords() *dateWords {
	frDays := weekdays("dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi")
	frMonths := months("janvier|janv", "février|fevrier|févr|fevr", "mars", "avril|avr", "mai", "juin",
		"juillet|juil", "août|aout", "septembre|sept", "octobre|oct", "novembre|nov", "décembre|decembre|déc|dec")
	fr := &dateWords{
		days: []dayRule{
			{phrase(`(` + alternation(map[string]int{"aujourd'hui": 0, "aujourd’hui": 0, "demain": 1, "après-demain": 2, "après demain": 2}) + `)`),
				relativeDay(map[string]int{"aujourd'hui": 0, "demain": 1, "après-demain": 2, "après demain": 2})},
			{phrase(`(?:(ce|le)\s+)?(` + alternation(frDays) + `)(?:\s+prochain)?`),
				// "ce lundi" is this week's; "le lundi" and "lundi prochain" the next.
				weekdayIn(frDays, map[string]bool{"ce": true})},
			{phrase(`(?:le\s+)?(\d{1,2})(?:er)?\s+(` + alternation(frMonths) + `)\.?(?:\s+(\d{4}))?`), dayOfMonth(frMonths)},
			{phrase(`dans\s+(\d+|un|une|deux|trois|quatre|cinq)\s+(jours?|semaines?|mois)`),
				inDays(map[string]int{"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5},
					map[string]int{"jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30})},
			{phrase(`la\s+semaine\s+prochaine|semaine\s+prochaine`), nextWeek},
		},
		clocks: []clockRule{
			{phrase(`à\s+(\d{1,2})\s*h\s*(\d{2})?`), false},
			{phrase(`(\d{1,2})\s*h\s*(\d{2})?`), true},
			{phrase(`à\s+(\d{1,2}):(\d{2})`), false},
		},
	}
	return fr
}

// spanishDateWords: "mañana a las 10", "el viernes", "5 de diciembre", "en 3 días".
func spanishDateWords() *dateWords {
	esDays := weekdays("domingo", "lunes", "martes", "miércoles|miercoles", "jueves", "viernes", "sábado|sabado")
	esMonths := months("enero|ene", "febrero|feb", "marzo|mar", "abril|abr", "mayo|may", "junio|jun",
		"julio|jul", "agosto|ago", "septiembre|setiembre|sept|sep", "octubre|oct", "noviembre|nov", "diciembre|dic")

	es := &dateWords{
		days: []dayRule{
			{phrase(`(` + alternation(map[string]int{"hoy": 0, "mañana": 1, "pasado mañana": 2}) + `)`),
				relativeDay(map[string]int{"hoy": 0, "mañana": 1, "pasado mañana": 2})},
			{phrase(`(?:(?:el|(este))\s+)?(?:(?:próximo|proximo)\s+)?(` + alternation(esDays) + `)(?:\s+(?:que\s+viene|próximo|proximo))?`),
				weekdayIn(esDays, map[string]bool{"este": true})},
			{phrase(`(?:el\s+)?(\d{1,2})\s+de\s+(` + alternation(esMonths) + `)(?:\s+de\s+(\d{4}))?`), dayOfMonth(esMonths)},
			{phrase(`en\s+(\d+|un|una|dos|tres|cuatro|cinco)\s+(días?|dias?|semanas?|mes|meses)`),
				inDays(map[string]int{"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5},
					map[string]int{"día": 1, "días": 1, "dia": 1, "dias": 1, "semana": 7, "semanas": 7, "mes": 30, "meses": 30})},
			{phrase(`la\s+(?:próxima|proxima)\s+semana|la\s+semana\s+que\s+viene`), nextWeek},
		},
		clocks: []clockRule{
			{phrase(`a\s+las?\s+(\d{1,2})(?::(\d{2}))?(?:\s*h)?`), false},
			{phrase(`(\d{1,2}):(\d{2})\s*h`), false},
		},
	}
	return es
}

// span is where a phrase stands in the line.
type span struct{ left, right int }

// firstDay finds the first phrase naming a day: where it stands, and the day.
func (w *dateWords) firstDay(line string, today Date) (span, Date, bool) {
	best, bestDay, found := span{}, Date{}, false
	for _, r := range w.days {
		idx := r.re.FindStringSubmatchIndex(line)
		if idx == nil || (found && idx[2] >= best.left) {
			continue
		}
		m := make([]string, len(idx)/2)
		for i := range m {
			if idx[2*i] >= 0 {
				m[i] = line[idx[2*i]:idx[2*i+1]]
			}
		}
		// Group 2 onwards are the rule's own; the day functions index from 2. A rule
		// whose day words are in group 2 gets them there; the weekday rules have them in 3.
		if d, ok := r.day(shiftWeekday(m), today); ok {
			best, bestDay, found = span{idx[2], idx[3]}, d, true
		}
	}
	return best, bestDay, found
}

// shiftWeekday returns the captures as the day functions read them: [0] the match,
// [1] the phrase, then the rule's groups.
func shiftWeekday(m []string) []string {
	for len(m) < 5 {
		m = append(m, "")
	}
	return m
}

// firstClock finds the first phrase naming a time of day.
// Forms that need a day count only when they stand right beside the day found (ds).
func (w *dateWords) firstClock(line string, ds span, dayOK bool) (span, int, int, bool) {
	best, h, mi, found := span{}, 0, 0, false
	for _, r := range w.clocks {
		m := r.re.FindStringSubmatchIndex(line)
		if m == nil || (found && m[2] >= best.left) {
			continue
		}
		if r.withDay && !(dayOK && (adjacent(line, ds, span{m[2], m[3]}) || adjacent(line, span{m[2], m[3]}, ds))) {
			continue
		}
		hour, _ := strconv.Atoi(line[m[4]:m[5]])
		minute := 0
		if m[6] >= 0 {
			minute, _ = strconv.Atoi(line[m[6]:m[7]])
		}
		if hour > 23 || minute > 59 {
			continue
		}
		best, h, mi, found = span{m[2], m[3]}, hour, minute, true
	}
	return best, h, mi, found
}

// findLocalWords finds the first date phrase of lang in line, as findWords does for English:
// a day, a time, or both side by side in either order. A time alone is today at that time.
func findLocalWords(lang, line string, now time.Time, loc *time.Location) (left, right int, due time.Time, hasTime, ok bool) {
	build := dateWordsByLang[lang]
	if build == nil {
		return 0, 0, time.Time{}, false, false
	}
	w := build()
	today := DateOf(now, loc)
	ds, day, dayOK := w.firstDay(line, today)
	cs, h, mi, clockOK := w.firstClock(line, ds, dayOK)
	switch {
	case dayOK && clockOK && (adjacent(line, ds, cs) || adjacent(line, cs, ds)):
		return min(ds.left, cs.left), max(ds.right, cs.right), day.At(h, mi, loc), true, true
	case dayOK && (!clockOK || ds.left < cs.left):
		return ds.left, ds.right, day.Start(loc), false, true
	case clockOK:
		return cs.left, cs.right, today.At(h, mi, loc), true, true
	}
	return 0, 0, time.Time{}, false, false
}

// adjacent reports whether phrase b follows phrase a in line with only space between them.
func adjacent(line string, a, b span) bool {
	return a.right <= b.left && strings.TrimSpace(line[a.right:b.left]) == ""
}
