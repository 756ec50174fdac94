package resources

import (
	"encoding/xml"
	"os"
	"strings"
	"testing"
)

// languages are the translations the app ships besides English (model.SupportedLanguages;
// this package imports nothing of the app).
var languages = []string{"de", "fr", "es"}

// TestDesktopEntrySpeaksEveryLanguage: the application menu shows the entry's generic name,
// comment and search keywords in the desktop's language, so each has a line per language,
// different from the English one.
func TestDesktopEntrySpeaksEveryLanguage(t *testing.T) {
	b, err := os.ReadFile("io.github.microgoals.Microgoals.desktop")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			keys[k] = v
		}
	}
	for _, k := range []string{"GenericName", "Comment", "Keywords"} {
		en := keys[k]
		if en == "" {
			t.Fatalf("the entry has no %s", k)
		}
		for _, l := range languages {
			if v := keys[k+"["+l+"]"]; v == "" || v == en {
				t.Errorf("%s[%s] is %q (English: %q)", k, l, v, en)
			}
		}
	}
}

// TestMetainfoSpeaksEveryLanguage: software centres show the summary and the description in
// the user's language: each English paragraph and list item is followed by one per language.
func TestMetainfoSpeaksEveryLanguage(t *testing.T) {
	b, err := os.ReadFile("io.github.microgoals.Microgoals.metainfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	type text struct {
		Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Text string `xml:",chardata"`
	}
	var c struct {
		Summary     []text `xml:"summary"`
		Description struct {
			P  []text `xml:"p"`
			Li []text `xml:"ul>li"`
		} `xml:"description"`
	}
	if err := xml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	check := func(what string, items []text) {
		var en []string
		count := map[string]int{}
		for _, it := range items {
			if strings.TrimSpace(it.Text) == "" {
				t.Errorf("an empty %s (%q)", what, it.Lang)
			}
			if it.Lang == "" {
				en = append(en, it.Text)
			}
			count[it.Lang]++
		}
		if len(en) == 0 {
			t.Fatalf("no English %s", what)
		}
		for _, l := range languages {
			if count[l] != len(en) {
				t.Errorf("%d %s in %s, %d in English", count[l], what, l, len(en))
			}
		}
	}
	check("summary", c.Summary)
	check("paragraphs", c.Description.P)
	check("list items", c.Description.Li)
}
