package model

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	dayPattern   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	clockPattern = regexp.MustCompile(`^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$`)
	// The units are those FormatMinutes writes in each language ("15 Min.", "2 h") and those
	// people type: hours, Std., Stunden, heures, horas; minutes, Minuten, minutos, mn.
	minutesPattern = regexp.MustCompile(`^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hours?|hrs?|std|stunden?|heures?|horas?)\.?)?\s*(?:(\d+)\s*(?:m|min|mins|minutes?|minuten|minutos?|mn)?\.?)?$`)
)

// ParseDay reads a calendar day written as YYYY-MM-DD and returns its midnight in loc. An
// empty string is no day (the zero time). A day that does not exist, such as 2026-02-30, is
// refused with a message that says why.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	m := dayPattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, errors.New(tr("write the date as YYYY-MM-DD, for example {{.Example}}", "Example", time.Now().In(loc).Format("2006-01-02")))
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if y < MinYear || y > MaxYear {
		return time.Time{}, errors.New(tr("{{.Year}} is not a year a plan can use ({{.Min}}–{{.Max}})", "Year", y, "Min", MinYear, "Max", MaxYear))
	}
	if mo < 1 || mo > 12 {
		return time.Time{}, errors.New(tr("there is no month {{.Month}}", "Month", mo))
	}
	last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return time.Time{}, errors.New(tr("{{.Month}} has {{.Days}} days; there is no day {{.Day}}", "Month", fmt.Sprintf("%04d-%02d", y, mo), "Days", last, "Day", d))
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc), nil
}

// ParseClock reads a time of day: "9", "09:30", "14:05", "9am", "2:30 pm". ok is false for an
// empty string.
func ParseClock(s string) (hour, minute int, ok bool, err error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, 0, false, nil
	}
	m := clockPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false, errors.New(tr("write the time as HH:MM, for example 09:30"))
	}
	hour, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		minute, _ = strconv.Atoi(m[2])
	}
	switch m[3] {
	case "am", "pm":
		if hour < 1 || hour > 12 {
			return 0, 0, false, errors.New(tr("{{.Time}} is not a time of day", "Time", fmt.Sprintf("%d%s", hour, m[3])))
		}
		hour %= 12
		if m[3] == "pm" {
			hour += 12
		}
	}
	if hour > 23 || minute > 59 {
		return 0, 0, false, errors.New(tr("{{.Time}} is not a time of day", "Time", s))
	}
	return hour, minute, true, nil
}

// ParseMinutes reads an estimate: "45", "45 min", "2h", "1h 30m", "1.5h", and the same in
// German, French and Spanish ("15 Min.", "1,5 Std.", "1 h 30", "2 horas"). Empty is zero.
func ParseMinutes(s string) (int, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, nil
	}
	m := minutesPattern.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[2] == "") {
		return 0, errors.New(tr("write the estimate in minutes (45) or hours (1h 30m)"))
	}
	total := 0.0
	if m[1] != "" {
		h, _ := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
		total += h * 60
	}
	if m[2] != "" {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			return 0, errors.New(tr("{{.Minutes}} minutes is too many", "Minutes", m[2]))
		}
		total += float64(n)
	}
	if total > MaxEstimate {
		return 0, errors.New(tr("{{.Estimate}} is more than a week; split the step", "Estimate", FormatMinutes(int(math.Min(total, 1e9)))))
	}
	return int(math.Round(total)), nil
}

// ParseNumber reads a metric value or target. Empty is zero.
func ParseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errors.New(tr("“{{.Text}}” is not a number", "Text", s))
	}
	return v, nil
}
