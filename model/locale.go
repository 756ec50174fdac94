package model

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goodsign/monday"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Languages the app speaks, as the two-letter codes of the desktop's locale.
const (
	LangEnglish = "en"
	LangGerman  = "de"
	LangFrench  = "fr"
	LangSpanish = "es"
)

// SupportedLanguages are the languages with translations and date words, English first.
var SupportedLanguages = []string{LangEnglish, LangGerman, LangFrench, LangSpanish}

// Locale is how dates, times and numbers are written for the user: the language and the
// region of the desktop's locale ("de_DE.UTF-8" is German, Germany). Its zero value, and the
// C and POSIX locales, write them the way the app always has: "Sat 21 Nov", 24-hour times,
// weeks from Monday.
//
// Month and day names come from github.com/goodsign/monday (CLDR-derived tables for many
// locales); numbers from golang.org/x/text, which knows every locale's separators and
// grouping. Only the order of the parts ("21. Nov." or "21 nov.") is written here.
type Locale struct {
	Lang   string // "en", "de", "fr", "es"; "" is English
	Region string // "US", "GB", "DE", …; "" when the locale named none
}

// ParseLocale reads a POSIX locale name ("de_DE.UTF-8", "fr_FR@euro", "es") or a BCP 47
// tag ("en-US"). A language the app does not speak, C and POSIX give the zero Locale.
func ParseLocale(s string) Locale {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	lang, region, _ := strings.Cut(strings.ReplaceAll(s, "-", "_"), "_")
	lang = strings.ToLower(lang)
	for _, l := range SupportedLanguages {
		if l == lang {
			return Locale{Lang: lang, Region: strings.ToUpper(region)}
		}
	}
	return Locale{}
}

// LocaleFromEnv is the locale for dates and numbers from the environment, read the way the C
// library reads LC_TIME: LC_ALL, then LC_TIME, then LANG; the first that is set decides.
// getenv is os.Getenv outside tests.
func LocaleFromEnv(getenv func(string) string) Locale {
	for _, k := range []string{"LC_ALL", "LC_TIME", "LANG"} {
		if v := getenv(k); v != "" {
			return ParseLocale(v)
		}
	}
	return Locale{}
}

// ChosenLanguage is pref, a language setting, when it names one of SupportedLanguages, and ""
// for anything else ("system": the session's locale decides).
func ChosenLanguage(pref string) string {
	if slices.Contains(SupportedLanguages, pref) {
		return pref
	}
	return ""
}

// FormatsIn is the session's locale (LC_ALL, LC_TIME, LANG) in language chosen, or, when
// chosen is "", in the language LANGUAGE picks among ours: texts in one language and dates
// in another read oddly.
func FormatsIn(chosen string, getenv func(string) string) Locale {
	if chosen == "" {
		chosen = MessagesLanguageFromEnv(getenv)
	}
	return LocaleFromEnv(getenv).WithLanguage(chosen)
}

// MessagesLanguageFromEnv is the language of the texts from the environment, read the way
// gettext and Fyne's lang package read it: LC_ALL, LC_MESSAGES, then LANG decide, and unless
// that is C or POSIX, LANGUAGE (a colon-separated list of preferences) comes first. It is the
// first supported language of those, or "" when none is.
func MessagesLanguageFromEnv(getenv func(string) string) string {
	base := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if base = getenv(k); base != "" {
			break
		}
	}
	if base == "C" || base == "POSIX" {
		return ""
	}
	for _, l := range strings.Split(getenv("LANGUAGE"), ":") {
		if loc := ParseLocale(l); loc.Lang != "" {
			return loc.Lang
		}
	}
	return ParseLocale(base).Lang
}

// WithLanguage is the locale with its language set to lang: the region is kept when the
// language is the same, and otherwise is the language's main one. lang "" keeps l.
func (l Locale) WithLanguage(lang string) Locale {
	if lang == "" || lang == l.language() {
		return l
	}
	return ParseLocale(lang)
}

func (l Locale) language() string {
	if l.Lang == "" {
		return LangEnglish
	}
	return l.Lang
}

// Language is the locale's two-letter language code, "en" for the zero Locale.
func (l Locale) Language() string { return l.language() }

// mondayLocale is the locale of the name tables.
func (l Locale) mondayLocale() monday.Locale {
	switch l.language() {
	case LangGerman:
		return monday.LocaleDeDE
	case LangFrench:
		return monday.LocaleFrFR
	case LangSpanish:
		return monday.LocaleEsES
	}
	if l.Region == "US" {
		return monday.LocaleEnUS
	}
	return monday.LocaleEnGB
}

// americanStyle reports whether the locale writes the month before the day, in 12 hours and
// from Sunday: English of the United States (and of the few places that follow it).
func (l Locale) americanStyle() bool {
	if l.language() != LangEnglish {
		return false
	}
	switch l.Region {
	case "US", "PH", "CA":
		return true
	}
	return false
}

// Uses12Hour reports whether times are written with AM and PM.
func (l Locale) Uses12Hour() bool {
	if l.americanStyle() {
		return true
	}
	return l.language() == LangEnglish && (l.Region == "AU" || l.Region == "NZ" || l.Region == "IN")
}

// FirstWeekday is the day weeks begin on: Sunday in the United States and Canada, Monday in
// Europe and wherever the locale does not say.
func (l Locale) FirstWeekday() time.Weekday {
	if l.americanStyle() {
		return time.Sunday
	}
	return time.Monday
}

// WeekdayName is the full name of the weekday: "Saturday", "Samstag", "samedi", "sábado".
func (l Locale) WeekdayName(d time.Weekday) string {
	return monday.Format(weekdayRef(d), "Monday", l.mondayLocale())
}

// WeekdayShort is the abbreviated weekday: "Sat", "Sa.", "sam.", "sáb".
func (l Locale) WeekdayShort(d time.Weekday) string {
	short := monday.Format(weekdayRef(d), "Mon", l.mondayLocale())
	switch l.language() {
	case LangGerman, LangFrench:
		return short + "."
	}
	return short
}

// MonthName is the month's full name: "November", "novembre", "noviembre".
func (l Locale) MonthName(m time.Month) string {
	return monday.Format(monthRef(m), "January", l.mondayLocale())
}

// MonthShort is the abbreviated month: "Nov", "Nov.", "nov.", "nov". A month whose name is
// short already ("Mai", "juin") is written whole, without a point.
func (l Locale) MonthShort(m time.Month) string {
	short := monday.Format(monthRef(m), "Jan", l.mondayLocale())
	switch l.language() {
	case LangGerman, LangFrench:
		if short != l.MonthName(m) {
			return short + "."
		}
	}
	return short
}

// dayMonth is "21 Nov", "Nov 21", "21. Nov.", "21 nov.", "21 nov".
func (l Locale) dayMonth(t time.Time, long bool) string {
	d := itoa(t.Day())
	m := l.MonthShort(t.Month())
	if long {
		m = l.MonthName(t.Month())
	}
	switch {
	case l.americanStyle():
		return m + " " + d
	case l.language() == LangGerman:
		return d + ". " + m
	case l.language() == LangSpanish && long:
		return d + " de " + m
	}
	return d + " " + m
}

// DayMonth is a day of the year without its weekday: "21 Nov", "21. Nov.", "21 nov.".
func (l Locale) DayMonth(t time.Time) string { return l.dayMonth(t, false) }

// DayMonthLong is a day of the year with the month's full name: "21 November",
// "November 21", "21. November", "21 novembre", "21 de noviembre".
func (l Locale) DayMonthLong(t time.Time) string { return l.dayMonth(t, true) }

// DayMonthYear is "21 Nov 2026", "Nov 21, 2026", "21. Nov. 2026", "21 nov. 2026".
func (l Locale) DayMonthYear(t time.Time) string {
	if l.americanStyle() {
		return l.dayMonth(t, false) + ", " + itoa(t.Year())
	}
	return l.dayMonth(t, false) + " " + itoa(t.Year())
}

// ShortDate is a day with its weekday: "Sat 21 Nov", "Sat Nov 21", "Sa. 21. Nov.",
// "sam. 21 nov.", "sáb 21 nov".
func (l Locale) ShortDate(t time.Time) string {
	return l.WeekdayShort(t.Weekday()) + " " + l.dayMonth(t, false)
}

// ShortDateYear is ShortDate with the year: "Sat 21 Nov 2026", "Sa. 21. Nov. 2026".
func (l Locale) ShortDateYear(t time.Time) string {
	if l.americanStyle() {
		return l.ShortDate(t) + ", " + itoa(t.Year())
	}
	return l.ShortDate(t) + " " + itoa(t.Year())
}

// LongDate is a heading's day: "Saturday 21 November", "Saturday, November 21",
// "Samstag, 21. November", "samedi 21 novembre", "sábado, 21 de noviembre".
func (l Locale) LongDate(t time.Time) string {
	day := l.WeekdayName(t.Weekday())
	switch {
	case l.americanStyle(), l.language() == LangGerman, l.language() == LangSpanish:
		return day + ", " + l.dayMonth(t, true)
	}
	return day + " " + l.dayMonth(t, true)
}

// LongDateYear is LongDate with the year: "Saturday 21 November 2026",
// "sábado, 21 de noviembre de 2026".
func (l Locale) LongDateYear(t time.Time) string {
	switch {
	case l.americanStyle():
		return l.LongDate(t) + ", " + itoa(t.Year())
	case l.language() == LangSpanish:
		return l.LongDate(t) + " de " + itoa(t.Year())
	}
	return l.LongDate(t) + " " + itoa(t.Year())
}

// MonthYear is a calendar month's header: "November 2026", "novembre 2026",
// "noviembre de 2026".
func (l Locale) MonthYear(t time.Time) string {
	if l.language() == LangSpanish {
		return l.MonthName(t.Month()) + " de " + itoa(t.Year())
	}
	return l.MonthName(t.Month()) + " " + itoa(t.Year())
}

// Period names a period for a person: "Mon 23 Nov – Sun 29 Nov 2026", "Mo. 23. Nov. – So.
// 29. Nov. 2026".
func (l Locale) Period(p Period) string {
	return l.ShortDate(p.Start) + " – " + l.ShortDateYear(p.Last())
}

// Time is a time of day: "15:04", or "3:04 PM" where the locale counts 12 hours.
func (l Locale) Time(t time.Time) string {
	if l.Uses12Hour() {
		return t.Format("3:04 PM")
	}
	return t.Format("15:04")
}

// DateTime is ShortDate and Time: "Sat 21 Nov 15:04", "Sa. 21. Nov. 15:04".
func (l Locale) DateTime(t time.Time) string { return l.ShortDate(t) + " " + l.Time(t) }

// DateTimeYear is ShortDateYear and Time: "Sat 21 Nov 2026 15:04".
func (l Locale) DateTimeYear(t time.Time) string { return l.ShortDateYear(t) + " " + l.Time(t) }

func (l Locale) tag() language.Tag {
	if l.Region != "" {
		if t, err := language.Parse(l.language() + "-" + l.Region); err == nil {
			return t
		}
	}
	return language.Make(l.language())
}

func (l Locale) printer() *message.Printer { return message.NewPrinter(l.tag()) }

// Number writes v with at most decimals digits after the separator (fewer when they are
// zeros) and the locale's separators: 1234.5 is "1,234.5", "1.234,5" or "1 234,5".
func (l Locale) Number(v float64, decimals int) string {
	if l.Lang == "" {
		// The C locale groups no digits.
		return strconv.FormatFloat(roundTo(v, decimals), 'f', -1, 64)
	}
	return l.printer().Sprint(number.Decimal(v, l.grouping(roundTo(v, decimals), number.MaxFractionDigits(decimals))...))
}

// grouping adds to opts what the locale's minimum grouping digits ask for v as it will be
// written (rounded): Spanish groups a
// number only from five digits on ("1234", "12.345"; CLDR minimumGroupingDigits 2), which
// golang.org/x/text's tables do not carry for es.
func (l Locale) grouping(v float64, opts ...number.Option) []number.Option {
	if l.language() == LangSpanish && math.Abs(v) < 10000 {
		opts = append(opts, number.NoSeparator())
	}
	return opts
}

// Fixed writes v with exactly decimals digits after the separator: "2.0", "2,0".
func (l Locale) Fixed(v float64, decimals int) string {
	if l.Lang == "" {
		return strconv.FormatFloat(v, 'f', decimals, 64)
	}
	return l.printer().Sprint(number.Decimal(v, l.grouping(roundTo(v, decimals), number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals))...))
}

// Value writes a metric's value: whole numbers grouped ("12,500", "12.500"), others with the
// digits they have.
func (l Locale) Value(v float64) string {
	if l.Lang == "" {
		return FormatValue(v)
	}
	return l.Number(v, 6)
}

// Days writes a number of days to a tenth, with the locale's decimal separator: "less than
// a day", "1 day", "12.1 days", "12,1 Tage".
func (l Locale) Days(d float64) string {
	switch {
	case d < 0.05:
		return tr("less than a day")
	case d > 0.95 && d < 1.05:
		return trN(1, "{{.Count}} day", "{{.Count}} days")
	}
	return tr("{{.Days}} days", "Days", l.Number(d, 1))
}

// Percent writes a fraction as a whole percentage: 0.42 is "42%", "42 %".
func (l Locale) Percent(fraction float64) string {
	if l.Lang == "" {
		return strconv.FormatFloat(math.Round(fraction*100), 'f', 0, 64) + "%"
	}
	return l.printer().Sprint(number.Percent(fraction))
}

// weekdayRef is a day that falls on d (4 January 1970 was a Sunday).
func weekdayRef(d time.Weekday) time.Time { return time.Date(1970, 1, 4+int(d), 12, 0, 0, 0, time.UTC) }

func monthRef(m time.Month) time.Time { return time.Date(1970, m, 15, 12, 0, 0, 0, time.UTC) }

func roundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
