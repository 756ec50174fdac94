package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tags and contexts. A tag is written "#writing" and stored without its '#' ("writing"); a
// place or context is written and stored with its '@' ("@home"). Neither holds white space, so
// a list of them is stored joined by single spaces.

// MaxTagLen is the longest tag kept, in characters, its '@' included.
const MaxTagLen = 40

// tagRune reports whether r may stand in a tag after its '#' or '@'.
func tagRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '/' || unicode.Is(unicode.Mn, r)
}

// TagOfWord returns the tag a quick-add word such as "#writing" or "@home" stands for, and
// whether it is one. A word is a tag when it is '#' or '@' followed by letters, digits, '_',
// '-' or '/' with at least one letter, so "#2" (a number) and "a@b.com" are not tags.
func TagOfWord(w string) (string, bool) {
	if len(w) < 2 || (w[0] != '#' && w[0] != '@') {
		return "", false
	}
	body := w[1:]
	letter := false
	for _, r := range body {
		if !tagRune(r) {
			return "", false
		}
		letter = letter || unicode.IsLetter(r)
	}
	if !letter || utf8.RuneCountInString(w) > MaxTagLen {
		return "", false
	}
	if w[0] == '#' {
		return body, true
	}
	return w, true
}

// TagWord is how a stored tag is written: "#writing" or "@home".
func TagWord(tag string) string {
	if strings.HasPrefix(tag, "@") {
		return tag
	}
	return "#" + tag
}

// IsPlace reports whether a stored tag is a place or context ("@home").
func IsPlace(tag string) bool { return strings.HasPrefix(tag, "@") }

// HasTag reports whether tags holds tag, ignoring case and a leading '#'.
func HasTag(tags []string, tag string) bool {
	tag = strings.TrimPrefix(tag, "#")
	for _, t := range tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// wordBreak separates words the way CleanTitle does.
func wordBreak(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// SplitTagWords takes the tag words out of a line: it returns the line without them (other
// words and spacing as they were) and the tags in the order written, each once.
func SplitTagWords(line string) (rest string, tags []string) {
	var b strings.Builder
	i := 0
	for i < len(line) {
		r, n := utf8.DecodeRuneInString(line[i:])
		if wordBreak(r) {
			b.WriteString(line[i : i+n])
			i += n
			continue
		}
		j := i
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if wordBreak(r) {
				break
			}
			j += n
		}
		w := line[i:j]
		if t, ok := TagOfWord(w); ok {
			if !HasTag(tags, t) {
				tags = append(tags, t)
			}
		} else {
			b.WriteString(w)
		}
		i = j
	}
	return b.String(), tags
}

// ParseTags reads the tags field of the detail panel: words separated by spaces or commas,
// each "#tag", "@place" or a bare tag. It returns the tags in order, each once, and the words
// it could not read as a tag (to tell the user; they are not dropped silently).
func ParseTags(text string) (tags, bad []string) {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		word := w
		if word[0] != '#' && word[0] != '@' {
			word = "#" + word
		}
		t, ok := TagOfWord(word)
		if !ok {
			bad = append(bad, w)
			continue
		}
		if !HasTag(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags, bad
}

// FormatTags writes tags the way the user types them: "#writing @home".
func FormatTags(tags []string) string {
	words := make([]string, len(tags))
	for i, t := range tags {
		words[i] = TagWord(t)
	}
	return strings.Join(words, " ")
}

// JoinTags is the stored form of tags: joined by single spaces.
func JoinTags(tags []string) string { return strings.Join(tags, " ") }

// SplitTags reads the stored form of tags; nil for none.
func SplitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Fields(s)
}

// ValidateTags reports stored tags that could not be written back the same way: each must be
// what TagOfWord reads from its TagWord, so it holds no space and survives JoinTags.
func ValidateTags(tags []string) []Problem {
	for _, t := range tags {
		if got, ok := TagOfWord(TagWord(t)); !ok || got != t {
			return []Problem{blocking("tags", "“%s” is not a tag: use letters, digits, '-', '_' or '/' after # or @", t)}
		}
	}
	return nil
}

// TagOfCategory reads a calendar program's category (iCalendar CATEGORIES) as a tag:
// "#writing" or "writing" is the tag "writing", "@home" the place "@home"; the spaces other
// programs allow become '-' ("Work stuff" is "Work-stuff"), since a stored tag holds none.
// ok is false for a value that is no tag even then (punctuation only, or too long).
func TagOfCategory(c string) (string, bool) {
	c = strings.Join(strings.Fields(c), "-")
	if c == "" {
		return "", false
	}
	if c[0] != '@' && c[0] != '#' {
		c = "#" + c
	}
	return TagOfWord(c)
}
