package model

import (
	"strings"
	"testing"
)

// upperLocalizer stands for a language: it marks every message it translates.
type upperLocalizer struct{}

func (upperLocalizer) Text(msg string, data map[string]any) string {
	return "T[" + English(msg, data) + "]"
}

func (upperLocalizer) Plural(n int, one, other string, data map[string]any) string {
	return "T[" + English(other, data) + "]"
}

// TestSyncConflictRecordRoundTrip: what storage writes reads back field by field, values
// with line breaks and quotes included, and rows written before (prose in the deletion
// conflict) read too.
func TestSyncConflictRecordRoundTrip(t *testing.T) {
	cs := []SyncConflict{
		{Field: "Title", Kept: "Run 5 km", Lost: "Run “fast” 5 km"},
		{Field: "Expected outcome", Kept: "line one\nTitle: kept “x”, not a field", Lost: ""},
		{Field: SyncFieldDeleted},
	}
	r := SyncConflictRationale(cs)
	got, ok := ParseSyncConflicts(r)
	if !ok || len(got) != 3 || got[0] != cs[0] || got[2].Field != SyncFieldDeleted {
		t.Fatalf("read back %+v (%v) from\n%s", got, ok, r)
	}
	old := "Sync conflict: this was changed on two devices at once; the later change was kept.\n" +
		"Deleted: kept “the step, changed on another device”, the other device had “its deletion on this device”.\n" +
		"Owner: kept “Sam”, the other device had “Maria”."
	SetLocalizer(upperLocalizer{})
	defer SetLocalizer(nil)
	shown := LocalizeRationale(old)
	want := "T[Sync conflict: this was changed on two devices at once; the later change was kept.]\n" +
		"T[Deleted on this device and changed on another: the changed step was kept.]\n" +
		"T[T[Owner]: kept “Sam”, the other device had “Maria”.]"
	if shown != want {
		t.Fatalf("an old row shows\n%s\nwant\n%s", shown, want)
	}
	for _, own := range []string{"The tutor moved away", "Sync conflict: my own words", ""} {
		if got := LocalizeRationale(own); got != own {
			t.Errorf("a user's rationale %q became %q", own, got)
		}
	}
	if d := (Decision{Kind: DecisionAdjust, Rationale: old}); !strings.Contains(d.Summary(), "T[Deleted on this device") {
		t.Errorf("the summary does not translate the conflict: %q", d.Summary())
	}
	for _, f := range SyncFields {
		if _, ok := SyncFieldName(f); !ok {
			t.Errorf("field %q has no translation", f)
		}
	}
}
