package model

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func TestParseQuickAdd(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc) // a Wednesday
	cases := []struct {
		line, title, phrase string
		due                 time.Time
		hasTime             bool
	}{
		{"Draft intro section tomorrow 9am", "Draft intro section", "tomorrow 9am", time.Date(2026, 11, 26, 9, 0, 0, 0, loc), true},
		{"Review chapter 2 fri", "Review chapter 2", "fri", time.Date(2026, 11, 27, 0, 0, 0, 0, loc), false},
		{"Run 5 km easy on Monday", "Run 5 km easy", "on Monday", time.Date(2026, 11, 30, 0, 0, 0, 0, loc), false},
		{"Pay the rent 2026-12-01", "Pay the rent", "2026-12-01", time.Date(2026, 12, 1, 0, 0, 0, 0, loc), false},
		{"Call the printer by 2026-12-03 14:30 about proofs", "Call the printer about proofs", "by 2026-12-03 14:30", time.Date(2026, 12, 3, 14, 30, 0, 0, loc), true},
		{"Write 500 words", "Write 500 words", "", time.Time{}, false},
		{"Plan the Mondays review", "Plan the Mondays review", "", time.Time{}, false},
		{"tomorrow", "tomorrow", "", time.Time{}, false},
	}
	for _, c := range cases {
		q := ParseQuickAdd(c.line, now, loc)
		if q.Title != c.title || q.Phrase != c.phrase || !q.Due.Equal(c.due) || q.HasTime != c.hasTime {
			t.Errorf("ParseQuickAdd(%q) = %q / %q / %v / %v, want %q / %q / %v / %v",
				c.line, q.Title, q.Phrase, q.Due, q.HasTime, c.title, c.phrase, c.due, c.hasTime)
		}
	}
	q := ParseQuickAdd("Pay the rent 2026-02-30", now, loc)
	if q.HasDue() || q.Title != "Pay the rent 2026-02-30" || !strings.Contains(q.Problem, "28 days") {
		t.Errorf("impossible date: %+v", q)
	}
}

// words is the multiset of words of s, sorted.
func words(s ...string) []string {
	var out []string
	for _, x := range s {
		out = append(out, strings.Fields(CleanTitle(x))...)
	}
	sort.Strings(out)
	return out
}

func FuzzParseQuickAdd(f *testing.F) {
	for _, s := range []string{"Draft intro section tomorrow 9am", "Review chapter 2 fri", "x 2026-12-01 9", "on on Monday",
		"next week", "in 3 days", "Call Ann at noon", "12/24 party", "Öl wechseln übermorgen", "a\u00a0tomorrow", "by 2026-1-1 13:00pm",
		"Write intro #writing @home tomorrow", "#a", "#a #A x", "Call @Ann #2", "x #über-alles @café"} {
		f.Add(s)
	}
	loc := mustZone(f, "America/New_York")
	now := time.Date(2026, 3, 8, 1, 30, 0, 0, loc)
	f.Fuzz(func(t *testing.T, line string) {
		q := ParseQuickAdd(line, now, loc)
		clean := CleanTitle(strings.ToValidUTF8(line, "\uFFFD"))
		// Nothing is lost: the title and the date phrase hold every word of the line but its
		// tag words, and the tags hold each of those (a repeated tag once).
		var untagged []string
		for _, w := range words(clean) {
			if tag, ok := TagOfWord(w); ok && len(q.Tags) > 0 {
				if !HasTag(q.Tags, tag) {
					t.Fatalf("%q: tag word %q lost (tags %q)", line, w, q.Tags)
				}
				continue
			}
			untagged = append(untagged, w)
		}
		got := words(q.Title, q.Phrase)
		if strings.Join(got, "\x00") != strings.Join(untagged, "\x00") {
			t.Fatalf("words lost or invented: %q -> title %q phrase %q tags %q", line, q.Title, q.Phrase, q.Tags)
		}
		for _, tag := range q.Tags {
			if !strings.Contains(clean, TagWord(tag)) {
				t.Fatalf("%q: tag %q invented", line, tag)
			}
		}
		if q.HasDue() != (q.Phrase != "") {
			t.Fatalf("%q: due %v but phrase %q", line, q.Due, q.Phrase)
		}
		if q.HasDue() && (q.Due.Year() < MinYear || q.Due.Year() > MaxYear || q.Title == "") {
			t.Fatalf("%q: due %v title %q", line, q.Due, q.Title)
		}
	})
}

func TestParseDueReadsWhatQuickAddReads(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc) // a Wednesday
	cases := []struct {
		in       string
		want     time.Time
		hasTime  bool
		errorHas string
	}{
		{"", time.Time{}, false, ""},
		{"2026-12-01", time.Date(2026, 12, 1, 0, 0, 0, 0, loc), false, ""},
		{"tomorrow", time.Date(2026, 11, 26, 0, 0, 0, 0, loc), false, ""},
		{"tomorrow 9am", time.Date(2026, 11, 26, 9, 0, 0, 0, loc), true, ""},
		{"fri", time.Date(2026, 11, 27, 0, 0, 0, 0, loc), false, ""},
		{"2026-12-01 14:00", time.Date(2026, 12, 1, 14, 0, 0, 0, loc), true, ""},
		{"2026-02-30", time.Time{}, false, "28 days"},
		{"soonish", time.Time{}, false, "not a date"},
		{"fri and then some", time.Time{}, false, "not a date"},
	}
	for _, c := range cases {
		got, hasTime, err := ParseDue(c.in, now, loc)
		if c.errorHas != "" {
			if err == nil || !strings.Contains(err.Error(), c.errorHas) {
				t.Errorf("ParseDue(%q) error = %v, want one saying %q", c.in, err, c.errorHas)
			}
			continue
		}
		if err != nil || !got.Equal(c.want) || hasTime != c.hasTime {
			t.Errorf("ParseDue(%q) = %v %v %v, want %v %v", c.in, got, hasTime, err, c.want, c.hasTime)
		}
	}
}

func TestHorizonForFollowsTheDueDistance(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc)
	day := func(n int) time.Time { return time.Date(2026, 11, 25+n, 0, 0, 0, 0, loc) }
	cases := []struct {
		due     time.Time
		hasTime bool
		want    Horizon
	}{
		{time.Time{}, false, HorizonDay},
		{day(1), false, HorizonDay},
		{day(2), false, HorizonDay},
		{day(5), false, HorizonWeek},
		{day(5), true, HorizonDay},
		{day(12), false, HorizonFortnight},
		{day(40), false, HorizonMonth},
	}
	for _, c := range cases {
		if got := HorizonFor(c.due, c.hasTime, now, loc); got != c.want {
			t.Errorf("HorizonFor(%v, %v) = %s, want %s", c.due, c.hasTime, got, c.want)
		}
	}
}
