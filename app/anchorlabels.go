package app

import (
	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/model"
)

// The default routine anchors (model.DefaultAnchors) are stored under their English names,
// and steps are paired with an anchor by its name: the names stay what they are in the
// database, whatever the language, and the window shows the defaults in the user's words.
// An anchor the user named is shown as it was written.

// anchorLabel is how the window names the anchor stored as name.
func anchorLabel(name string) string {
	switch name {
	case "Morning planning":
		return lang.X("anchor.morning", "Morning planning")
	case "Work start":
		return lang.X("anchor.workstart", "Work start")
	case "After lunch":
		return lang.X("anchor.afterlunch", "After lunch")
	case "After work":
		return lang.X("anchor.afterwork", "After work")
	}
	return name
}

// anchorValue is the stored name of the anchor the window shows as label: a default's
// translated name is read back as the default.
func anchorValue(label string) string {
	for _, a := range model.DefaultAnchors() {
		if anchorLabel(a.Name) == label {
			return a.Name
		}
	}
	return label
}

// labelledAnchors are anchors with the names the window shows; storedAnchors undoes it.
func labelledAnchors(as []model.Anchor) []model.Anchor {
	out := append([]model.Anchor(nil), as...)
	for i := range out {
		out[i].Name = anchorLabel(out[i].Name)
	}
	return out
}

func storedAnchors(as []model.Anchor) []model.Anchor {
	out := append([]model.Anchor(nil), as...)
	for i := range out {
		out[i].Name = anchorValue(out[i].Name)
	}
	return out
}
