package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// ownerSuggestion fills the detail panel's empty Owner field with whoever completes the
// step's tags on time most often (issue 13), and says why under it. It is only a filled-in
// field: the user can type another name or clear it, and nothing is stored until the step is
// saved (or left, which saves it as any edit is).
type ownerSuggestion struct {
	why  *widget.Label
	tags string // the tags field's text last suggested for
	name string // the owner filled in by the suggestion; "" when none is
}

func newOwnerSuggestion() *ownerSuggestion {
	s := &ownerSuggestion{why: widget.NewLabel("")}
	s.why.Wrapping = fyne.TextWrapWord
	s.why.Importance = widget.LowImportance
	s.why.Hide()
	return s
}

// loaded starts over for a step just shown in the panel: its own tags suggest nothing until
// they change.
func (d *detail) ownerLoaded() {
	s := d.ownerSug
	s.tags, s.name = d.goalFields["tags"].text(), ""
	s.why.Hide()
}

// suggestOwner fills the Owner field when the tags field changed (or always, with force, for
// a step just added with tags) and the field is empty or holds the last suggestion. A name
// the user typed is never replaced. It reports the name it filled in ("" when none).
func (d *detail) suggestOwner(force bool) string {
	s := d.ownerSug
	owner, tags := d.goalFields["owner"], d.goalFields["tags"].text()
	current := strings.TrimSpace(owner.text())
	if s.name != "" && current != s.name {
		// The user changed the suggested name: it is theirs now.
		s.name = ""
		s.why.Hide()
	}
	if !force && tags == s.tags {
		return ""
	}
	s.tags = tags
	if current != "" && current != s.name {
		return ""
	}
	parsed, _ := model.ParseTags(tags)
	sug, ok := model.SuggestOwner(d.u.data.Goals, parsed, d.u.loc)
	if !ok {
		if s.name != "" { // the tags that suggested it are gone
			s.name = ""
			owner.set("")
			s.why.Hide()
		}
		return ""
	}
	s.name = sug.Owner
	if current != sug.Owner {
		owner.set(sug.Owner)
	}
	s.why.SetText(lang.L("Suggested: {{.Owner}} — {{.OnTime}} of {{.Dated}} {{.Tag}} steps done on time. Type another name to change it.",
		map[string]any{"Owner": sug.Owner, "OnTime": sug.OnTime, "Dated": sug.Dated, "Tag": model.TagWord(sug.Tag)}))
	s.why.Show()
	return sug.Owner
}
