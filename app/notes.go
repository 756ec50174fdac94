package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// The detail panel's tags field and Markdown notes, kept here so that detail.go only hooks
// them in.

func notesPlaceholder() string {
	return lang.L("Notes in Markdown: **bold**, - lists, [links](https://…)")
}

// notesField is a Markdown notes editor with a rendered preview: the preview (links open in
// the browser) shows when there are notes, Edit switches to the text.
type notesField struct {
	d       *detail
	input   *formEntry    // Tab and Shift+Tab leave it, as in every field of the panel
	entry   *widget.Entry // input's Entry
	preview *widget.RichText
	toggle  *widget.Button
	editing bool
	box     *fyne.Container
}

func (d *detail) newNotesField(fields map[string]*field) *field {
	n := &notesField{d: d}
	n.input = newFormEntry(true)
	n.entry = &n.input.Entry
	n.entry.Wrapping = fyne.TextWrapWord
	n.entry.SetMinRowsVisible(4)
	n.entry.SetPlaceHolder(notesPlaceholder())
	n.entry.OnChanged = func(string) { d.changed() }
	n.preview = widget.NewRichTextFromMarkdown("")
	n.preview.Wrapping = fyne.TextWrapWord
	n.toggle = widget.NewButton(lang.L("Edit"), n.flip)
	n.toggle.Importance = widget.LowImportance
	n.box = container.NewStack(n.input, n.preview)
	f := &field{name: "notes", label: lang.L("Notes"), widget: container.NewBorder(nil, nil, nil, container.NewVBox(n.toggle), n.box),
		entry: n.entry, input: n.input,
		text: func() string { return n.entry.Text },
		set: func(s string) {
			n.entry.SetText(s)
			n.editing = strings.TrimSpace(s) == ""
			n.show()
		}}
	fields["notes"] = f
	return f
}

// flip switches between the text and its rendering.
func (n *notesField) flip() {
	n.editing = !n.editing
	n.show()
	if n.editing {
		if c := fyne.CurrentApp().Driver().CanvasForObject(n.entry); c != nil {
			c.Focus(n.input)
		}
	}
}

func (n *notesField) show() {
	if n.editing {
		n.preview.Hide()
		n.input.Show()
		n.toggle.SetText(lang.L("Preview"))
		return
	}
	n.preview.ParseMarkdown(n.entry.Text)
	alignRightToLeft(n.preview)
	n.input.Hide()
	n.preview.Show()
	n.toggle.SetText(lang.L("Edit"))
}

// tagsField is the step's tags as the user types them: "#writing @home".
func (d *detail) tagsField(fields map[string]*field) *field {
	f := d.entryField(fields, "tags", lang.L("Tags and places"), "#writing @home", false)
	return f
}

// goalExtras reads the tags and notes of the form into g, with a problem for words that are
// not tags (they stay in the field: nothing typed is dropped).
func (d *detail) goalExtras(g *model.MicroGoal) []model.Problem {
	tags, bad := model.ParseTags(d.goalFields["tags"].text())
	g.Tags = tags
	g.Notes = d.goalFields["notes"].text()
	if len(bad) > 0 {
		return []model.Problem{{Field: "tags", Blocking: true,
			Message: lang.L("“{{.Tags}}” is not a tag: start with # or @ and use letters, digits, '-', '_' or '/'", args("Tags", strings.Join(bad, "”, “")))}}
	}
	return nil
}

// sameGoalExtras reports whether a and b have the same tags and notes.
func sameGoalExtras(a, b model.MicroGoal) bool {
	return model.JoinTags(a.Tags) == model.JoinTags(b.Tags) && a.Notes == b.Notes
}

// alignRightToLeft aligns the rendered notes' right-to-left paragraphs right, as the outline
// aligns such titles: Markdown has no direction of its own.
func alignRightToLeft(rt *widget.RichText) {
	changed := false
	for _, s := range rt.Segments {
		if t, ok := s.(*widget.TextSegment); ok && model.IsRightToLeft(t.Text) {
			t.Style.Alignment = fyne.TextAlignTrailing
			changed = true
		}
	}
	if changed {
		rt.Refresh()
	}
}
