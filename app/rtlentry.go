package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// Fyne's Entry (v2.8.1) has no text alignment: it draws every text from the left edge, and
// places its caret and reads its clicks as if the text started there. A Hebrew or Arabic title
// belongs at the right of the field, as in the outline (model.IsRightToLeft).
//
// A one-line field therefore moves the whole of its text area — text, caret and selection
// together — to the right by the room the text leaves free, and takes the clicks on the
// entry back by the same amount: drawing, caret, selection and typing stay in step, as they
// do in any entry. A multi-line field cannot move its lines one by one that way, so its
// right-to-left text is aligned right while it is read (not focused), through the alignment
// of the text's RichText segment, and from the left while it is edited, where Fyne's caret
// and selection know where the letters are.

// CreateRenderer is the Entry's own renderer with right-to-left text placed at the right.
func (e *formEntry) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	r := &rtlEntryRenderer{WidgetRenderer: e.Entry.CreateRenderer(), e: e}
	r.place()
	return r
}

// FocusGained notes the focus: a multi-line field is edited from the left.
func (e *formEntry) FocusGained() {
	e.hasFocus = true
	e.Entry.FocusGained()
}

// FocusLost notes the focus: a multi-line field is read from the right again.
func (e *formEntry) FocusLost() {
	e.hasFocus = false
	e.Entry.FocusLost()
}

// MouseDown puts the caret where the pointer is, in the text as it is drawn (moved right).
func (e *formEntry) MouseDown(m *desktop.MouseEvent) {
	ev := *m
	ev.Position.X -= e.shift
	e.Entry.MouseDown(&ev)
}

// Dragged selects from where the drag is, in the text as it is drawn. Drags that start on
// the text go to the text area itself, whose positions already move with it.
func (e *formEntry) Dragged(d *fyne.DragEvent) {
	ev := *d
	ev.Position.X -= e.shift
	e.Entry.Dragged(&ev)
}

// rtlEntryRenderer wraps the Entry's renderer: after the Entry has laid itself out, it places
// the text area of a one-line right-to-left field at the right, and aligns a multi-line
// field's right-to-left text.
type rtlEntryRenderer struct {
	fyne.WidgetRenderer
	e *formEntry
	// area is the object that holds the text, caret and selection (the Entry's content, or
	// the scroller around it); base is where the Entry put it.
	area      fyne.CanvasObject
	basePos   fyne.Position
	baseSize  fyne.Size
	text      *widget.RichText // the Entry's text (multi-line fields)
	searched  bool             // text was looked for: it is not searched for again at each layout
	laidOut   bool
	alignment fyne.TextAlign
}

func (r *rtlEntryRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.area = r.textArea()
	if r.area != nil {
		r.basePos, r.baseSize, r.laidOut = r.area.Position(), r.area.Size(), true
	}
	r.place()
}

func (r *rtlEntryRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.place()
}

// textArea is the Entry's content, or the scroller around it: the one of the renderer's
// objects that is neither its background nor its border.
func (r *rtlEntryRenderer) textArea() fyne.CanvasObject {
	objs := r.WidgetRenderer.Objects()
	if len(objs) < 3 {
		return nil
	}
	return objs[2] // box, border, then the content or its scroller (Fyne's entryRenderer)
}

// richText is the Entry's text as a RichText: its content widget draws it with the placeholder
// before it. The content's renderer is made once more to reach it (the text is a field of the
// Entry, the same object the real renderer draws).
func (r *rtlEntryRenderer) richText() *widget.RichText {
	if r.searched {
		return r.text
	}
	area := r.textArea()
	if s, ok := area.(*container.Scroll); ok {
		area = s.Content
	}
	w, ok := area.(fyne.Widget)
	if !ok {
		return nil
	}
	var rts []*widget.RichText
	for _, o := range w.CreateRenderer().Objects() {
		if rt, ok := o.(*widget.RichText); ok {
			rts = append(rts, rt)
		}
	}
	if len(rts) == 2 { // the placeholder, then the text
		r.text = rts[1]
	}
	r.searched = true
	return r.text
}

func (r *rtlEntryRenderer) place() {
	e := r.e
	rtl := model.IsRightToLeft(e.Text)
	if e.MultiLine {
		align := fyne.TextAlignLeading
		if rtl && !e.hasFocus {
			align = fyne.TextAlignTrailing
		}
		if align == r.alignment {
			return
		}
		if rt := r.richText(); rt != nil && len(rt.Segments) > 0 {
			if seg, ok := rt.Segments[0].(*widget.TextSegment); ok {
				seg.Style.Alignment = align
				r.alignment = align
				rt.Refresh()
			}
		}
		return
	}
	if !r.laidOut || r.area == nil {
		return
	}
	shift := float32(0)
	if rtl {
		th := e.Theme()
		pad := th.Size(theme.SizeNameInnerPadding)
		width := fyne.MeasureText(e.Text, th.Size(theme.SizeNameText), e.TextStyle).Width + 2*pad
		shift = max(0, r.baseSize.Width-width)
	}
	e.shift = shift
	r.area.Move(r.basePos.AddXY(shift, 0))
	r.area.Resize(fyne.NewSize(r.baseSize.Width-shift, r.baseSize.Height))
}
