package model

import (
	"regexp"
	"strings"
)

// SyncConflict is one field that two devices changed at once: Kept won, Lost is the value the
// other side had. Field is the field's English name (SyncFieldTitle…), the key the decision
// log stores and translates when it is shown.
type SyncConflict struct {
	Field, Kept, Lost string
}

// SyncFieldDeleted is the conflict of a step deleted on this device and changed on another:
// the change was kept. Kept and Lost are not shown for it.
const SyncFieldDeleted = "Deleted"

// syncConflictHead opens the rationale of a sync conflict in the decision log. The log keeps
// this English form, as it always has: it is the key the window translates when it shows the
// decision, so a user who changes the language reads old and new conflicts in the new one.
const syncConflictHead = "Sync conflict: this was changed on two devices at once; the later change was kept."

// The English words of a stored conflict line: "Title: kept “a”, the other device had “b”."
const (
	syncKept = ": kept “"
	syncHad  = "”, the other device had “"
	syncEnd  = "”."
	// The stored values of the deletion conflict, written by versions that stored prose.
	syncDeletedKept = "the step, changed on another device"
	syncDeletedLost = "its deletion on this device"
)

// SyncFields are the English names of the fields a sync conflict can name, in the order of
// the task's form. They are the keys of the decision log's conflict records.
var SyncFields = []string{
	"Title", "Parent", "Position", "Expected outcome", "Done when", "Due", "Horizon", "Stage", "Status",
	"Estimate (minutes)", "Metric", "Metric unit", "Metric target", "Owner", "Partner", "Done at",
	"Dropped at", "Drop reason", "Routine anchor", "Repeat", "Tags", "Why", "Target date", "Achieved at",
}

// SyncFieldName is a conflict's field name in the user's language; ok is false for a name
// that is not one of SyncFields (it is returned as it is).
func SyncFieldName(field string) (name string, ok bool) {
	switch field {
	case "Title":
		return tr("Title"), true
	case "Parent":
		return tr("Parent"), true
	case "Position":
		return tr("Position"), true
	case "Expected outcome":
		return tr("Expected outcome"), true
	case "Done when":
		return tr("Done when"), true
	case "Due":
		return tr("Due"), true
	case "Horizon":
		return tr("Horizon"), true
	case "Stage":
		return tr("Stage"), true
	case "Status":
		return tr("Status"), true
	case "Estimate (minutes)":
		return tr("Estimate (minutes)"), true
	case "Metric":
		return tr("Metric"), true
	case "Metric unit":
		return tr("Metric unit"), true
	case "Metric target":
		return tr("Metric target"), true
	case "Owner":
		return tr("Owner"), true
	case "Partner":
		return tr("Partner"), true
	case "Done at":
		return tr("Done at"), true
	case "Dropped at":
		return tr("Dropped at"), true
	case "Drop reason":
		return tr("Drop reason"), true
	case "Routine anchor":
		return tr("Routine anchor"), true
	case "Repeat":
		return tr("Repeat"), true
	case "Tags":
		return tr("Tags"), true
	case "Why":
		return tr("Why"), true
	case "Target date":
		return tr("Target date"), true
	case "Achieved at":
		return tr("Achieved at"), true
	}
	return field, false
}

// SyncConflictRationale is the decision log's record of the conflicts of one item, in the
// stored (English, language-neutral) form that LocalizeRationale reads.
func SyncConflictRationale(cs []SyncConflict) string {
	var b strings.Builder
	b.WriteString(syncConflictHead)
	for _, c := range cs {
		kept, lost := c.Kept, c.Lost
		if c.Field == SyncFieldDeleted {
			kept, lost = syncDeletedKept, syncDeletedLost
		}
		b.WriteString("\n" + c.Field + syncKept + kept + syncHad + lost + syncEnd)
	}
	return b.String()
}

// syncLineStart finds where a conflict line starts: a field name at the start of a line.
var syncLineStart = regexp.MustCompile(`(?m)^[^\n:“”]+: kept “`)

// ParseSyncConflicts reads a rationale SyncConflictRationale wrote (in this version or an
// earlier one); ok is false for any other text.
func ParseSyncConflicts(rationale string) (cs []SyncConflict, ok bool) {
	rest, found := strings.CutPrefix(rationale, syncConflictHead)
	if !found {
		return nil, false
	}
	if rest == "" {
		return nil, true
	}
	if !strings.HasPrefix(rest, "\n") {
		return nil, false
	}
	rest = rest[1:]
	starts := syncLineStart.FindAllStringIndex(rest, -1)
	if len(starts) == 0 || starts[0][0] != 0 {
		return nil, false
	}
	// A value may hold a line that looks like the start of a field: a line is only taken as
	// the next field's when the text before it reads as a whole record.
	for i := 0; i < len(starts); {
		next := -1
		for j := i + 1; j <= len(starts); j++ {
			end := len(rest)
			if j < len(starts) {
				end = starts[j][0] - 1 // the line break before the next field
			}
			if c, ok := parseSyncLine(rest[starts[i][0]:end]); ok {
				cs = append(cs, c)
				next = j
				break
			}
		}
		if next < 0 {
			return nil, false
		}
		i = next
	}
	return cs, true
}

// parseSyncLine reads one field's record: `Title: kept “a”, the other device had “b”.`
func parseSyncLine(line string) (SyncConflict, bool) {
	field, body, _ := strings.Cut(line, syncKept)
	body, closed := strings.CutSuffix(body, syncEnd)
	cut := strings.LastIndex(body, syncHad)
	if !closed || cut < 0 {
		return SyncConflict{}, false
	}
	return SyncConflict{Field: field, Kept: body[:cut], Lost: body[cut+len(syncHad):]}, true
}

// LocalizeRationale is a decision's rationale as the user reads it: a sync conflict's record
// is put into the user's language; any other rationale is the user's own text, unchanged.
func LocalizeRationale(rationale string) string {
	cs, ok := ParseSyncConflicts(rationale)
	if !ok {
		return rationale
	}
	lines := []string{tr("Sync conflict: this was changed on two devices at once; the later change was kept.")}
	for _, c := range cs {
		if c.Field == SyncFieldDeleted {
			lines = append(lines, tr("Deleted on this device and changed on another: the changed step was kept."))
			continue
		}
		name, _ := SyncFieldName(c.Field)
		lines = append(lines, tr("{{.Field}}: kept “{{.Kept}}”, the other device had “{{.Lost}}”.", "Field", name, "Kept", c.Kept, "Lost", c.Lost))
	}
	return strings.Join(lines, "\n")
}
