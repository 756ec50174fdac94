package model

import "testing"

func TestIsRightToLeft(t *testing.T) {
	for s, want := range map[string]bool{
		"كتابة التقرير الشهري":   true,
		"לכתוב את הדוח":          true,
		"3 كتب":                  true, // digits have no strong direction
		"Write the report":       false,
		"Call أحمد":              false,
		"👨\u200d👩\u200d👧 dinner": false,
		"":                       false,
		"« نص »":                 true,
	} {
		if got := IsRightToLeft(s); got != want {
			t.Errorf("IsRightToLeft(%q) = %v, want %v", s, got, want)
		}
	}
}
