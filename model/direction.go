package model

import "golang.org/x/text/unicode/bidi"

// IsRightToLeft reports whether s reads from right to left: its first letter with a strong
// direction is Hebrew, Arabic or of another right-to-left script (the rule by which the
// Unicode bidirectional algorithm sets a paragraph's direction, P2 and P3). Text with no
// strong letter, such as "42 ✓", is left to right.
func IsRightToLeft(s string) bool {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}
