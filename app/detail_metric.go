package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// canDecreaseField is the goal form's "can go down" switch of a quantitative metric: a
// weight or a backlog goes down, so negative values may be logged; pages written do not.
// Its text is "1" when on, so the form's drafts keep it like any other field.
func (d *detail) canDecreaseField() *field {
	check := widget.NewCheck(lang.L("Can go down"), func(bool) { d.changed() })
	f := &field{name: "canDecrease", label: lang.L("Direction"), widget: check,
		text: func() string {
			if check.Checked {
				return "1"
			}
			return ""
		},
		set: func(s string) { check.SetChecked(s == "1") }}
	d.goalFields["canDecrease"] = f
	return f
}

// fromCompletionField is the goal form's "repeat from completion" switch: a repeating step
// that comes back a rule's interval after it was last done instead of on fixed days.
func (d *detail) fromCompletionField() *field {
	check := widget.NewCheck(lang.L("Count from completion"), func(bool) { d.changed() })
	f := &field{name: "fromCompletion", label: lang.L("Repeats"), widget: check,
		text: func() string {
			if check.Checked {
				return "1"
			}
			return ""
		},
		set: func(s string) { check.SetChecked(s == "1") }}
	d.goalFields["fromCompletion"] = f
	return f
}
