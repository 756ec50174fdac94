package model

import (
	"strings"
	"testing"
	"time"
)

func TestLocaleFormatsPerLanguage(t *testing.T) {
	sat := time.Date(2026, 11, 21, 15, 4, 0, 0, time.UTC)
	may := time.Date(2027, 5, 3, 9, 5, 0, 0, time.UTC)
	cases := []struct {
		locale                                         string
		short, shortYear, dayMonth, long, monthYear, t string
		mayShort                                       string
		first                                          time.Weekday
		num, pct                                       string
	}{
		{"C.UTF-8", "Sat 21 Nov", "Sat 21 Nov 2026", "21 Nov", "Saturday 21 November", "November 2026", "15:04", "Mon 3 May", time.Monday, "1234.5", "42%"},
		{"en_GB.UTF-8", "Sat 21 Nov", "Sat 21 Nov 2026", "21 Nov", "Saturday 21 November", "November 2026", "15:04", "Mon 3 May", time.Monday, "1,234.5", "42%"},
		{"en_US.UTF-8", "Sat Nov 21", "Sat Nov 21, 2026", "Nov 21", "Saturday, November 21", "November 2026", "3:04 PM", "Mon May 3", time.Sunday, "1,234.5", "42%"},
		{"de_DE.UTF-8", "Sa. 21. Nov.", "Sa. 21. Nov. 2026", "21. Nov.", "Samstag, 21. November", "November 2026", "15:04", "Mo. 3. Mai", time.Monday, "1.234,5", "42\u00a0%"},
		{"fr_FR.UTF-8", "sam. 21 nov.", "sam. 21 nov. 2026", "21 nov.", "samedi 21 novembre", "novembre 2026", "15:04", "lun. 3 mai", time.Monday, "1\u00a0234,5", "42\u00a0%"},
		{"es_ES.UTF-8", "sáb 21 nov", "sáb 21 nov 2026", "21 nov", "sábado, 21 de noviembre", "noviembre de 2026", "15:04", "lun 3 may", time.Monday, "1234,5", "42\u00a0%"},
	}
	for _, c := range cases {
		l := ParseLocale(c.locale)
		got := []string{l.ShortDate(sat), l.ShortDateYear(sat), l.DayMonth(sat), l.LongDate(sat), l.MonthYear(sat), l.Time(sat), l.ShortDate(may), l.Number(1234.5, 2), l.Percent(0.42)}
		want := []string{c.short, c.shortYear, c.dayMonth, c.long, c.monthYear, c.t, c.mayShort, c.num, c.pct}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: format %d = %q, want %q", c.locale, i, got[i], want[i])
			}
		}
		if l.FirstWeekday() != c.first {
			t.Errorf("%s: week starts %v, want %v", c.locale, l.FirstWeekday(), c.first)
		}
	}
}

func TestLocaleNumbers(t *testing.T) {
	de := ParseLocale("de_DE")
	if got := de.Fixed(2, 1); got != "2,0" {
		t.Errorf("Fixed = %q", got)
	}
	if got := de.Number(0.125, 2); got != "0,13" && got != "0,12" {
		t.Errorf("Number = %q", got)
	}
	if got := (Locale{}).Number(2.25, 1); got != "2.3" && got != "2.2" {
		t.Errorf("C Number = %q", got)
	}
	// Spanish groups from five digits on; four stay whole, rounding included.
	es := ParseLocale("es_ES")
	for v, want := range map[float64]string{1234: "1234", 9999.4: "9999,4", 9999.96: "10.000", 12345: "12.345", -12345: "-12.345", 1234567.5: "1.234.567,5"} {
		if got := es.Number(v, 1); got != want {
			t.Errorf("es Number(%v) = %q, want %q", v, got, want)
		}
	}
	if got := es.Fixed(1234.5, 1); got != "1234,5" {
		t.Errorf("es Fixed = %q", got)
	}
}

func TestLocaleFromEnvironment(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		env      map[string]string
		formats  Locale
		messages string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, Locale{}, ""},
		{map[string]string{"LANG": "de_DE.UTF-8"}, Locale{"de", "DE"}, "de"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_TIME": "fr_FR.UTF-8"}, Locale{"fr", "FR"}, "de"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "es_ES.UTF-8"}, Locale{"es", "ES"}, "es"},
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "pt:fr:de"}, Locale{"en", "US"}, "fr"},
		{map[string]string{"LC_ALL": "C", "LANGUAGE": "fr"}, Locale{}, ""},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, Locale{}, ""},
		{map[string]string{"LANG": "fr_CA@euro"}, Locale{"fr", "CA"}, "fr"},
	}
	for _, c := range cases {
		if got := LocaleFromEnv(env(c.env)); got != c.formats {
			t.Errorf("%v: formats %+v, want %+v", c.env, got, c.formats)
		}
		if got := MessagesLanguageFromEnv(env(c.env)); got != c.messages {
			t.Errorf("%v: messages %q, want %q", c.env, got, c.messages)
		}
	}
	if got := (Locale{"de", "AT"}).WithLanguage("de"); got != (Locale{"de", "AT"}) {
		t.Errorf("same language keeps the region: %+v", got)
	}
	if got := (Locale{"en", "US"}).WithLanguage("fr"); got != (Locale{"fr", ""}) {
		t.Errorf("another language: %+v", got)
	}
}

// TestDaysUseTheLocaleSeparator: a number of days is written with the locale's decimal
// separator (the charts' "slipped 12,1 days on average" read "12.1" in German).
func TestDaysUseTheLocaleSeparator(t *testing.T) {
	for l, want := range map[Locale]string{{}: "12.1 days", ParseLocale("de_DE"): "12,1 days", ParseLocale("fr_FR"): "12,1 days", ParseLocale("en_US"): "12.1 days"} {
		if got := l.Days(12.06); got != want {
			t.Errorf("%+v: Days(12.06) = %q, want %q", l, got, want)
		}
	}
	if got := (Locale{}).Days(0.01); got != "less than a day" {
		t.Errorf("Days(0.01) = %q", got)
	}
}

// TestDescribeRuleNamesWeekdaysInTheLanguage: a weekly rule's days are the locale's names
// ("Mo., Do." in German); the zero locale keeps "Mon, Thu".
func TestDescribeRuleNamesWeekdaysInTheLanguage(t *testing.T) {
	rule := "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"
	if got := ParseLocale("de_DE").DescribeRule(rule); !strings.Contains(got, "Mo., Do.") {
		t.Errorf("German: %q", got)
	}
	if got := ParseLocale("fr_FR").DescribeRule(rule); !strings.Contains(got, "lun., jeu.") {
		t.Errorf("French: %q", got)
	}
	if got := DescribeRule(rule); got != "Every 2 weeks on Mon, Thu" {
		t.Errorf("English: %q", got)
	}
}
