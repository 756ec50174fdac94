package model

import (
	"strings"
	"testing"
	"time"
)

func TestParseDay(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"", "", ""},
		{"2026-11-26", "2026-11-26", ""},
		{" 2028-2-29 ", "2028-02-29", ""},
		{"2026-02-29", "", "2026-02 has 28 days; there is no day 29"},
		{"2026-04-31", "", "2026-04 has 30 days"},
		{"2026-13-01", "", "no month 13"},
		{"2026-00-10", "", "no month 0"},
		{"0001-01-01", "", "not a year"},
		{"26/11/2026", "", "YYYY-MM-DD"},
		{"tomorrow", "", "YYYY-MM-DD"},
	}
	for _, tc := range tests {
		got, err := ParseDay(tc.in, time.UTC)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseDay(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDay(%q): %v", tc.in, err)
			continue
		}
		if s := fmtDay(got); s != tc.want {
			t.Errorf("ParseDay(%q) = %s, want %s", tc.in, s, tc.want)
		}
	}
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in     string
		h, m   int
		ok     bool
		hasErr bool
	}{
		{"", 0, 0, false, false},
		{"9", 9, 0, true, false},
		{"09:30", 9, 30, true, false},
		{"23:59", 23, 59, true, false},
		{"12am", 0, 0, true, false},
		{"2:30 pm", 14, 30, true, false},
		{"24:00", 0, 0, false, true},
		{"9:60", 0, 0, false, true},
		{"13pm", 0, 0, false, true},
		{"noonish", 0, 0, false, true},
	}
	for _, tc := range tests {
		h, m, ok, err := ParseClock(tc.in)
		if (err != nil) != tc.hasErr || ok != tc.ok || h != tc.h || m != tc.m {
			t.Errorf("ParseClock(%q) = %d,%d,%v,%v", tc.in, h, m, ok, err)
		}
	}
}

func TestParseMinutes(t *testing.T) {
	good := map[string]int{"": 0, "45": 45, "45 min": 45, "2h": 120, "1h 30m": 90, "1.5h": 90, "1 hour 5 minutes": 65,
		"15 Min.": 15, "2 h 5 Min.": 125, "1,5 Std.": 90, "3 Stunden": 180, "1 h 30": 90, "2 heures": 120, "20 mn": 20, "1 hora 10 minutos": 70}
	for in, want := range good {
		if got, err := ParseMinutes(in); err != nil || got != want {
			t.Errorf("ParseMinutes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"soon", "-5", "200h", "99999999999999999999", "15 Min..", "1,5,5h"} {
		if _, err := ParseMinutes(in); err == nil {
			t.Errorf("ParseMinutes(%q) should fail", in)
		}
	}
}

func TestParseNumber(t *testing.T) {
	if v, err := ParseNumber("2,5"); err != nil || v != 2.5 {
		t.Errorf("ParseNumber(2,5) = %v %v", v, err)
	}
	for _, in := range []string{"NaN", "inf", "ten"} {
		if _, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) should fail", in)
		}
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-11-26", "2026-02-30", "", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s, time.UTC)
		if err == nil && !d.IsZero() && d.Format("2006-01-02") != normalizeDay(s) {
			t.Errorf("ParseDay(%q) = %v does not round-trip", s, d)
		}
	})
}

func normalizeDay(s string) string {
	d, err := time.Parse("2006-1-2", strings.TrimSpace(s))
	if err != nil {
		return "invalid"
	}
	return d.Format("2006-01-02")
}
