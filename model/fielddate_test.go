package model

import (
	"testing"
	"time"
)

var fieldLocales = []string{"C", "en", "en_US.UTF-8", "en_GB.UTF-8", "en_AU.UTF-8", "de_DE.UTF-8", "de_AT", "fr_FR.UTF-8", "fr_CA", "es_ES.UTF-8", "es_MX"}

// Every day of several years, written the way a date field shows it, reads back as that day
// in its own locale, whatever the day the reading happens on.
func TestFieldDateRoundTrip(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		loc = time.FixedZone("EST", -5*3600)
	}
	nows := []time.Time{
		time.Date(2026, 11, 30, 8, 0, 0, 0, loc),
		time.Date(2027, 3, 4, 23, 59, 0, 0, loc),
	}
	for _, name := range fieldLocales {
		l := ParseLocale(name)
		n := 0
		for d := time.Date(MinYear, 1, 1, 0, 0, 0, 0, loc); d.Year() <= MaxYear; d = d.AddDate(0, 0, 1) {
			if d.Year() > MinYear+2 && d.Year() < 2025 && d.Day() != 3 {
				continue // every day from 2025, and the 3rd of each month before
			}
			if d.Year() > 2031 && d.Year() < MaxYear-1 && d.Day() != 4 {
				continue
			}
			text := l.FieldDate(d)
			for _, now := range nows {
				got, hasTime, err := ParseDateField(l, text, now, loc)
				if err != nil || hasTime || !got.Equal(d) {
					t.Fatalf("%s: %s shows as %q, which reads back as %v (time %v, %v)", name, d.Format("2006-01-02"), text, got, hasTime, err)
				}
			}
			if iso := l.FieldDateISO(text, loc); iso != d.Format("2006-01-02") {
				t.Fatalf("%s: %q as ISO is %q, want %s", name, text, iso, d.Format("2006-01-02"))
			}
			n++
		}
		if n < 3000 {
			t.Fatalf("%s: only %d days tried", name, n)
		}
	}
}

// The formats a native reader expects, and the day-month order of ambiguous days.
func TestFieldDateFormats(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, loc)
	jan9 := time.Date(2027, 1, 9, 0, 0, 0, 0, loc)
	apr3 := time.Date(2027, 4, 3, 0, 0, 0, 0, loc)
	for _, c := range []struct{ locale, jan9, apr3 string }{
		{"C", "2027-01-09", "2027-04-03"},
		{"en_US.UTF-8", "01/09/2027", "04/03/2027"},
		{"en_GB.UTF-8", "09/01/2027", "03/04/2027"},
		{"de_DE.UTF-8", "09.01.2027", "03.04.2027"},
		{"fr_FR.UTF-8", "09/01/2027", "03/04/2027"},
		{"es_ES.UTF-8", "09/01/2027", "03/04/2027"},
	} {
		l := ParseLocale(c.locale)
		if got := l.FieldDate(jan9); got != c.jan9 {
			t.Errorf("%s: FieldDate(9 Jan 2027) = %q, want %q", c.locale, got, c.jan9)
		}
		if got := l.FieldDate(apr3); got != c.apr3 {
			t.Errorf("%s: FieldDate(3 Apr 2027) = %q, want %q", c.locale, got, c.apr3)
		}
		for _, in := range []string{c.apr3, "2027-04-03", " " + c.apr3 + " "} {
			got, _, err := ParseDateField(l, in, now, loc)
			if err != nil || !got.Equal(apr3) {
				t.Errorf("%s: %q reads as %v, %v; want 3 Apr 2027", c.locale, in, got, err)
			}
		}
	}
	// Short days and months in the locale's order.
	de := ParseLocale("de_DE")
	if got, _, err := ParseDateField(de, "3.4.2027", now, loc); err != nil || !got.Equal(apr3) {
		t.Errorf("de: 3.4.2027 reads as %v, %v", got, err)
	}
	us := ParseLocale("en_US")
	if got, _, err := ParseDateField(us, "4/3/2027", now, loc); err != nil || !got.Equal(apr3) {
		t.Errorf("en_US: 4/3/2027 reads as %v, %v", got, err)
	}
	// A day that does not exist says so instead of moving to another.
	for name, text := range map[string]string{"de_DE": "31.02.2027", "fr_FR": "31/02/2027", "es_ES": "31/02/2027", "en_US": "02/31/2027"} {
		if _, _, err := ParseDateField(ParseLocale(name), text, now, loc); err == nil {
			t.Errorf("%s: %q was read as a day", name, text)
		}
	}
	// Text that is not digits is left as it is for a draft.
	if got := de.FieldDateISO("morgen", loc); got != "morgen" {
		t.Errorf("FieldDateISO(morgen) = %q", got)
	}
}

// A time of day as the locale writes it reads back as that time, for every minute.
func TestFieldTimeRoundTrip(t *testing.T) {
	for _, name := range fieldLocales {
		l := ParseLocale(name)
		for m := 0; m < 24*60; m++ {
			at := time.Date(2027, 1, 9, m/60, m%60, 0, 0, time.UTC)
			text := l.Time(at)
			h, mi, ok, err := ParseClock(text)
			if err != nil || !ok || h != at.Hour() || mi != at.Minute() {
				t.Fatalf("%s: %s shows as %q, which reads back as %02d:%02d (%v, %v)", name, at.Format("15:04"), text, h, mi, ok, err)
			}
		}
	}
}
