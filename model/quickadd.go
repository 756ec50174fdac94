package model

import (
	"errors"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/olebedev/when/rules"
	"github.com/olebedev/when/rules/common"
	"github.com/olebedev/when/rules/en"
)

// QuickAdd is what one quick-add line says: the step's title and, when the line named one, its
// due date. Nothing of the line is lost: Title and Phrase together hold every word of it.
type QuickAdd struct {
	Title   string
	Phrase  string    // the words read as the due date ("tomorrow 9am"), "" when none
	Due     time.Time // zero when the line names no date
	HasTime bool      // the line named a time of day as well
	// Problem says why words that looked like a date were left in the title ("February has
	// 28 days"); "" otherwise.
	Problem string
	// Tags are the line's "#tag" and "@place" words (see SplitTagWords), out of the title.
	Tags []string
}

// HasDue reports whether the line named a due date.
func (q QuickAdd) HasDue() bool { return !q.Due.IsZero() }

// The English rules of github.com/olebedev/when read the dates. Its root package is not used:
// it builds parsers for four languages when the program starts (about 3 ms and 1.5 MB on every
// start-up, for a line typed now and then); the English rules are joined here the way it joins
// them, built the first time a line is parsed.
var quickRules = sync.OnceValue(func() []rules.Rule {
	return append(append([]rules.Rule{}, en.All...), common.All...)
})

var quickOptions = &rules.Options{Distance: 5, MatchByOrder: true}

// isoDatePattern is a date written as digits, which the English rules would read as a time
// ("12-01" as 12:01): it is read first, with an optional time after it.
var isoDatePattern = regexp.MustCompile(`(?i)(?:^|\s)((?:(?:on|by|due)\s+)?(\d{4}-\d{1,2}-\d{1,2})(?:\s+(?:at\s+)?(\d{1,2}(?::\d{2})?\s*(?:am|pm)?))?)(?:\s|$)`)

// leadWords join the date phrase when they stand right before it: "on Friday", "by tomorrow".
// The German, French and Spanish phrases take their own ("am Freitag", "le 3 mai", "el
// lunes"); these are the words for "by" before them ("bis Freitag", "avant demain").
var leadWords = map[string]bool{"on": true, "by": true, "due": true, "at": true,
	"bis": true, "avant": true, "pour": true, "para": true, "antes": true, "hasta": true}

// ParseQuickAdd is ParseQuickAddIn for English alone.
func ParseQuickAdd(line string, now time.Time, loc *time.Location) QuickAdd {
	return ParseQuickAddIn(LangEnglish, line, now, loc)
}

// ParseQuickAddIn reads a line such as "Draft intro section tomorrow 9am" or "Review chapter 2
// fri" relative to now in loc. The first date phrase becomes the due date and leaves the
// title; "#tag" and "@place" words become tags; everything else stays in the title. A line
// that would be left without a title keeps all its words as the title and gets no date (nor
// tags, when they were all it had). Dates are read in English and, when lang is German,
// French or Spanish, in that language too ("morgen 9 Uhr", "demain 14h", "el viernes"):
// whichever phrase comes first in the line is the date.
func ParseQuickAddIn(lang, line string, now time.Time, loc *time.Location) QuickAdd {
	line = strings.ToValidUTF8(line, "\uFFFD")
	var tags []string
	if rest, t := SplitTagWords(line); len(t) > 0 && CleanTitle(rest) != "" {
		line, tags = rest, t
	}
	q := QuickAdd{Title: CleanTitle(line), Tags: tags}
	now = now.In(loc)
	left, right, due, hasTime, problem, ok := findISODate(line, loc)
	if !ok && problem == "" {
		left, right, due, hasTime, ok = findWords(line, now, loc)
		if l, r, d, ht, okl := findLocalWords(lang, line, now, loc); okl && (!ok || l < left) {
			left, right, due, hasTime, ok = l, r, d, ht, true
		}
	}
	if problem != "" {
		q.Problem = problem
		return q
	}
	if !ok || due.Year() < MinYear || due.Year() > MaxYear {
		return q
	}
	// A lead word such as "on" before the phrase belongs to it.
	before := strings.TrimRightFunc(line[:left], unicode.IsSpace)
	if i := strings.LastIndexFunc(before, unicode.IsSpace); len(before) > 0 {
		if w := before[i+1:]; leadWords[strings.ToLower(w)] {
			left = i + 1
		}
	}
	title := CleanTitle(line[:left] + " " + line[right:])
	if title == "" {
		return q
	}
	q.Title = title
	q.Phrase = CleanTitle(line[left:right])
	q.HasTime = hasTime
	if hasTime {
		q.Due = due.In(loc)
	} else {
		q.Due = DateOf(due, loc).Start(loc)
	}
	return q
}

// findISODate finds "2026-12-01" (optionally "on", and a time after it).
func findISODate(line string, loc *time.Location) (left, right int, due time.Time, hasTime bool, problem string, ok bool) {
	m := isoDatePattern.FindStringSubmatchIndex(line)
	if m == nil {
		return
	}
	day, err := ParseDay(line[m[4]:m[5]], loc)
	if err != nil {
		return 0, 0, time.Time{}, false, err.Error(), false
	}
	left, right, due = m[2], m[3], day
	if m[6] >= 0 {
		h, mi, okc, err := ParseClock(line[m[6]:m[7]])
		if err != nil || !okc {
			// Not a time after all: only the date is read.
			right = m[5]
		} else {
			due, hasTime = DateOf(day, loc).At(h, mi, loc), true
		}
	}
	return left, right, due, hasTime, "", true
}

// findWords runs the English rules over line and returns the first cluster of matches, as
// when.Parser.Parse does. The line is parsed twice against two times of the same day: a
// phrase that names no time of day keeps the reference time, so the two results differ.
func findWords(line string, now time.Time, loc *time.Location) (left, right int, due time.Time, hasTime, ok bool) {
	day := DateOf(now, loc)
	a, la, ra, oka := parseRules(line, day.At(10, 17, loc))
	b, _, _, okb := parseRules(line, day.At(15, 43, loc))
	if !oka || !okb {
		return 0, 0, time.Time{}, false, false
	}
	if !wordBoundary(line, la, ra) {
		return 0, 0, time.Time{}, false, false
	}
	hasTime = a.Equal(b)
	if !hasTime {
		// Relative to the real now, so that "in 2 hours" near midnight lands on the right day.
		a, _, _, _ = parseRules(line, now)
	}
	return la, ra, a, hasTime, true
}

// wordBoundary reports whether line[l:r] is whole words: it starts and ends at white space
// or the line's ends, so that taking it out never cuts a word ("Mondays", "x-fri").
func wordBoundary(line string, l, r int) bool {
	if l > 0 {
		if c, _ := utf8.DecodeLastRuneInString(line[:l]); !unicode.IsSpace(c) {
			return false
		}
	}
	if r < len(line) {
		if c, _ := utf8.DecodeRuneInString(line[r:]); !unicode.IsSpace(c) {
			return false
		}
	}
	return true
}

func parseRules(text string, base time.Time) (t time.Time, left, right int, ok bool) {
	var matches []*rules.Match
	for i, rule := range quickRules() {
		if m := rule.Find(text); m != nil {
			m.Order = float64(i)
			matches = append(matches, m)
		}
	}
	if len(matches) == 0 {
		return time.Time{}, 0, 0, false
	}
	sort.Sort(rules.MatchByIndex(matches))
	left, right = matches[0].Left, matches[0].Right
	for i, m := range matches {
		if m.Left <= right+quickOptions.Distance {
			right = max(right, m.Right)
		} else {
			matches = matches[:i]
			break
		}
	}
	if left < 0 || right > len(text) || left >= right {
		return time.Time{}, 0, 0, false
	}
	sort.Sort(rules.MatchByOrder(matches))
	ctx := &rules.Context{Text: text[left:right]}
	applied := false
	for _, m := range matches {
		done, err := m.Apply(ctx, quickOptions, base)
		if err != nil {
			return time.Time{}, 0, 0, false
		}
		applied = applied || done
	}
	if !applied {
		return time.Time{}, 0, 0, false
	}
	t, err := ctx.Time(base)
	if err != nil {
		return time.Time{}, 0, 0, false
	}
	return t, left, right, true
}

// ParseDue is ParseDueIn for English alone.
func ParseDue(s string, now time.Time, loc *time.Location) (due time.Time, hasTime bool, err error) {
	return ParseDueIn(LangEnglish, s, now, loc)
}

// ParseDueIn reads a due date typed on its own, in the words quick add understands
// ("tomorrow 9am", "fri", "next monday", "2026-12-01 14:00") or as YYYY-MM-DD, relative to now
// in loc. Empty is no date (the zero time). hasTime says whether a time of day was named. What
// is not a date comes back as an error that says what is understood. lang adds the date words
// of German, French or Spanish, as in ParseQuickAddIn.
func ParseDueIn(lang, s string, now time.Time, loc *time.Location) (due time.Time, hasTime bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, nil
	}
	if day, err := ParseDay(s, loc); err == nil {
		return day, false, nil
	} else if dayPattern.MatchString(s) {
		return time.Time{}, false, err // a YYYY-MM-DD that does not exist says why
	}
	// Quick add reads the date out of a line with a title: give it one and ask that the date
	// took every other word.
	const stand = "x"
	q := ParseQuickAddIn(lang, stand+" "+s, now, loc)
	if q.Problem != "" {
		return time.Time{}, false, errors.New(q.Problem)
	}
	if !q.HasDue() || q.Title != stand {
		return time.Time{}, false, errors.New(tr("“{{.Text}}” is not a date: write “tomorrow”, “fri 9am”, “next monday” or {{.Example}}", "Text", s, "Example", now.In(loc).Format("2006-01-02")))
	}
	return q.Due, q.HasTime, nil
}

// HorizonFor is the horizon a new step gets from its due date: a step for a time of day or
// for the next two days is a daily milestone, one within a week a weekly target, within two
// weeks a fortnightly one, anything later a monthly milestone. No due date is a daily step.
func HorizonFor(due time.Time, hasTime bool, now time.Time, loc *time.Location) Horizon {
	if due.IsZero() || hasTime {
		return HorizonDay
	}
	days := DateOf(now, loc).DaysUntil(DateOf(due, loc))
	switch {
	case days <= 2:
		return HorizonDay
	case days <= 7:
		return HorizonWeek
	case days <= 14:
		return HorizonFortnight
	}
	return HorizonMonth
}
