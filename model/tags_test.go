package model

import (
	"slices"
	"testing"
	"time"
)

func TestTagOfWord(t *testing.T) {
	cases := []struct {
		word, tag string
		ok        bool
	}{
		{"#writing", "writing", true},
		{"@home", "@home", true},
		{"#deep-work", "deep-work", true},
		{"#über", "über", true},
		{"#2", "", false},      // a number, as in "chapter #2"
		{"a@b.com", "", false}, // an address
		{"#", "", false},       // nothing after the sign
		{"@home.", "", false},  // punctuation: left in the title
		{"#a#b", "", false},    // two signs
		{"writing", "", false}, // no sign
		{"#x1", "x1", true},    // digits after a letter
		{"@ Ann", "", false},   // space
		{"#q3-plan/ch2", "q3-plan/ch2", true},
	}
	for _, c := range cases {
		tag, ok := TagOfWord(c.word)
		if tag != c.tag || ok != c.ok {
			t.Errorf("TagOfWord(%q) = %q, %v; want %q, %v", c.word, tag, ok, c.tag, c.ok)
		}
	}
}

func TestParseQuickAddTags(t *testing.T) {
	loc := mustZone(t, "Europe/Berlin")
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, loc)
	cases := []struct {
		line, title, phrase string
		tags                []string
	}{
		{"Draft intro #writing @home tomorrow 9am", "Draft intro", "tomorrow 9am", []string{"writing", "@home"}},
		{"#writing Draft intro", "Draft intro", "", []string{"writing"}},
		{"Draft #a intro #A #b", "Draft intro", "", []string{"a", "b"}},
		{"Read chapter #2", "Read chapter #2", "", nil},
		{"#writing", "#writing", "", nil},                          // nothing else: kept as the title
		{"#writing tomorrow", "tomorrow", "", []string{"writing"}}, // the date alone is no title
		{"Mail ann@example.com @office", "Mail ann@example.com", "", []string{"@office"}},
	}
	for _, c := range cases {
		q := ParseQuickAdd(c.line, now, loc)
		if q.Title != c.title || q.Phrase != c.phrase || !slices.Equal(q.Tags, c.tags) {
			t.Errorf("ParseQuickAdd(%q) = %q / %q / %q; want %q / %q / %q", c.line, q.Title, q.Phrase, q.Tags, c.title, c.phrase, c.tags)
		}
	}
}

func TestParseTagsField(t *testing.T) {
	tags, bad := ParseTags("writing, #deep-work @home  #writing 42 @")
	if want := []string{"writing", "deep-work", "@home"}; !slices.Equal(tags, want) {
		t.Errorf("tags = %q, want %q", tags, want)
	}
	if want := []string{"42", "@"}; !slices.Equal(bad, want) {
		t.Errorf("bad = %q, want %q", bad, want)
	}
	if s := FormatTags(tags); s != "#writing #deep-work @home" {
		t.Errorf("FormatTags = %q", s)
	}
	if got := SplitTags(JoinTags(tags)); !slices.Equal(got, tags) {
		t.Errorf("stored form does not round-trip: %q", got)
	}
	if SplitTags("") != nil {
		t.Error("no tags should read as nil")
	}
}
