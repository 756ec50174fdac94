package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// drawnText is where the entry's text is drawn, from the entry's left edge, and how wide: the
// canvas.Text objects of the rendered tree, their positions added up through their parents.
func drawnText(t *testing.T, e *formEntry) (x, width float32) {
	t.Helper()
	return drawnAt(t, e, e.Text)
}

// drawnAt is where root draws the text s, from root's left edge, and how wide.
func drawnAt(t *testing.T, root fyne.Widget, s string) (x, width float32) {
	t.Helper()
	var walk func(o fyne.CanvasObject, at fyne.Position) bool
	walk = func(o fyne.CanvasObject, at fyne.Position) bool {
		if !o.Visible() {
			return false
		}
		at = at.Add(o.Position())
		if txt, ok := o.(*canvas.Text); ok && txt.Text == s {
			// A text object may be wider than its text, which it then draws by its alignment.
			x, width = at.X, txt.MinSize().Width
			switch txt.Alignment {
			case fyne.TextAlignTrailing:
				x += txt.Size().Width - width
			case fyne.TextAlignCenter:
				x += (txt.Size().Width - width) / 2
			}
			return true
		}
		var kids []fyne.CanvasObject
		switch v := o.(type) {
		case fyne.Widget:
			kids = test.WidgetRenderer(v).Objects()
		case *fyne.Container:
			kids = v.Objects
		}
		for _, k := range kids {
			if walk(k, at) {
				return true
			}
		}
		return false
	}
	for _, k := range test.WidgetRenderer(root).Objects() {
		if walk(k, fyne.Position{}) {
			return x, width
		}
	}
	t.Fatalf("%T does not draw %q", root, s)
	return 0, 0
}

// TestDetailTitleRightToLeftSitsRight opens a Hebrew, an Arabic and an English step in the
// detail panel: the right-to-left titles are drawn against the field's right edge, the English
// one at its left. A click at the left end of the drawn Hebrew text puts the caret before its
// first letter (as Fyne counts), typing at the end keeps the text at the right, and a Hebrew
// outcome (multi-line) is aligned right while read and from the left while edited.
func TestDetailTitleRightToLeftSitsRight(t *testing.T) {
	h := newHarness(t)
	he, ar, en := "לכתוב את הדוח", "كتابة التقرير الشهري", "Write the report"
	seed(h, "Plan", he, ar, en)
	d := h.u.detail
	title := d.goalFields["title"].input
	for _, c := range []struct {
		title string
		right bool
	}{{he, true}, {ar, true}, {en, false}} {
		h.selectRow(c.title)
		if title.Text != c.title {
			t.Fatalf("the detail panel shows %q, want %q", title.Text, c.title)
		}
		x, w := drawnText(t, title)
		right := title.Size().Width - (x + w)
		if c.right && (right > 3*theme0Pad() || x < title.Size().Width/3) {
			t.Errorf("%q is drawn at x=%v (width %v) in a %v-wide field", c.title, x, w, title.Size().Width)
		}
		if !c.right && x > 3*theme0Pad() {
			t.Errorf("%q is drawn at x=%v, not at the left", c.title, x)
		}
	}

	h.selectRow(he)
	x, w := drawnText(t, title)
	title.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x+1, title.Size().Height/2)}, Button: desktop.MouseButtonPrimary})
	if title.CursorColumn != 0 {
		t.Errorf("a click at the left end of the drawn text puts the caret at column %d", title.CursorColumn)
	}
	title.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x+w-1, title.Size().Height/2)}, Button: desktop.MouseButtonPrimary})
	if n := len([]rune(he)); title.CursorColumn != n {
		t.Errorf("a click at the right end of the drawn text puts the caret at column %d, want %d", title.CursorColumn, n)
	}
	if h.w.Canvas().Focused() != fyne.Focusable(title) {
		t.Fatalf("the click left the focus on %T", h.w.Canvas().Focused())
	}
	h.typeKeys(" היום")
	if title.Text != he+" היום" {
		t.Fatalf("typing gave %q", title.Text)
	}
	x2, w2 := drawnText(t, title)
	if w2 <= w || x2 >= x || title.Size().Width-(x2+w2) > 3*theme0Pad() {
		t.Errorf("after typing the text is drawn at x=%v (width %v), before at x=%v (width %v)", x2, w2, x, w)
	}

	outcome := d.goalFields["outcome"].input
	h.w.Canvas().Focus(outcome)
	h.typeKeys("דוח מוכן לשליחה")
	h.w.Canvas().Focus(title)
	if x, w := drawnText(t, outcome); outcome.Size().Width-(x+w) > 3*theme0Pad() {
		t.Errorf("the Hebrew outcome is read at x=%v (width %v) in a %v-wide field", x, w, outcome.Size().Width)
	}
	h.w.Canvas().Focus(outcome)
	if x, _ := drawnText(t, outcome); x > 3*theme0Pad() {
		t.Errorf("the Hebrew outcome is edited at x=%v, not from the left where the caret is", x)
	}

	// Notes: typed, then shown as Markdown with Preview; the Hebrew paragraph reads right.
	notes := d.goalFields["notes"].input
	h.w.Canvas().Focus(notes)
	h.typeKeys("הערה קצרה")
	h.tapButton("Preview")
	var preview *widget.RichText
	for _, o := range visible(h.w.Content()) {
		if rt, ok := o.(*widget.RichText); ok && rt.String() == "הערה קצרה" {
			preview = rt
		}
	}
	if preview == nil {
		t.Fatal("no notes preview shows the Hebrew note")
	}
	if x, w := drawnAt(t, preview, "הערה קצרה"); preview.Size().Width-(x+w) > 3*theme0Pad() {
		t.Errorf("the Hebrew note is shown at x=%v (width %v) in a %v-wide preview", x, w, preview.Size().Width)
	}
}

func theme0Pad() float32 { return theme.InnerPadding() }
