package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// numericDayPattern is a day written with digits in the order of a locale: "09.01.2027",
// "09/01/2027", "1/9/2027". The year is always written whole, so that no century is guessed.
var numericDayPattern = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})\.?$`)

// FieldDate writes a day the way the locale writes it in an editable date field, with digits
// and the year, so that it reads back to the same day whatever the current date:
// "09.01.2027" in German, "09/01/2027" in French, Spanish and British English, "01/09/2027"
// in American English, and "2027-01-09" in the C locale.
func (l Locale) FieldDate(t time.Time) string {
	switch {
	case l.Lang == "":
		return t.Format("2006-01-02")
	case l.americanStyle():
		return t.Format("01/02/2006")
	case l.language() == LangGerman:
		return t.Format("02.01.2006")
	}
	return t.Format("02/01/2006")
}

// parseNumericDay reads a day written with digits in the locale's order (day first, or month
// first in American English). ok is false when s is not written that way; a day so written
// that does not exist ("31.02.2027") is an error that says why.
func (l Locale) parseNumericDay(s string, loc *time.Location) (day time.Time, ok bool, err error) {
	m := numericDayPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || l.Lang == "" {
		return time.Time{}, false, nil
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	y, _ := strconv.Atoi(m[4])
	d, mo := a, b
	if l.americanStyle() {
		d, mo = b, a
	}
	day, err = ParseDay(fmt.Sprintf("%04d-%02d-%02d", y, mo, d), loc)
	return day, true, err
}

// ParseDateField reads what a date field holds: a day as FieldDate writes it in l, a
// YYYY-MM-DD in any locale, or words in l's language ("tomorrow", "morgen 9 Uhr", "vendredi").
// hasTime tells whether the text named a time of day too.
func ParseDateField(l Locale, s string, now time.Time, loc *time.Location) (due time.Time, hasTime bool, err error) {
	if day, ok, err := l.parseNumericDay(s, loc); ok {
		return day, false, err
	}
	return ParseDueIn(l.Language(), s, now, loc)
}

// FieldDateISO is the text of a date field rewritten as YYYY-MM-DD when it holds a day as
// FieldDate writes it in l, and s unchanged otherwise: a draft kept this way reads back to the
// same day in any other language ("03/04/2027" is the 3rd of April in French, the 4th of March
// in American English).
func (l Locale) FieldDateISO(s string, loc *time.Location) string {
	if day, ok, err := l.parseNumericDay(s, loc); ok && err == nil {
		return day.Format("2006-01-02")
	}
	return s
}
