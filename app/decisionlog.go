package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// decisionSection is the "Decision log" part of the detail panel; *label receives the
// label that refreshDecisions fills.
func decisionSection(label **widget.Label) fyne.CanvasObject {
	*label = widget.NewLabel("")
	(*label).Wrapping = fyne.TextWrapWord
	return container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Decision log"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), *label)
}

// refreshDecisions shows the decision log of the selected objective or micro-goal. It reads
// the log once per selection, not on every keystroke.
func (d *detail) refreshDecisions() {
	if d.decisions == nil {
		return
	}
	switch kind, id := parseKey(d.key); kind {
	case 'g':
		d.decisions.SetText(d.u.decisionLogText(0, id))
	case 'o':
		d.objDecisions.SetText(d.u.decisionLogText(id, 0))
	}
}
