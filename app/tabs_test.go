package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestTabBarShowsOneViewAtATime(t *testing.T) {
	test.NewTempApp(t)
	tb := newTabBar()
	a, b := widget.NewLabel("outline"), widget.NewLabel("calendar")
	tb.append("Outline", theme.ListIcon(), a)
	i := tb.append("Calendar", theme.GridIcon(), b)
	test.NewTempWindow(t, tb.view)
	if !a.Visible() || b.Visible() {
		t.Fatal("the first tab shows first")
	}
	picked := -1
	tb.onSelected = func(j int) { picked = j }
	test.Tap(tb.buttons[i])
	if a.Visible() || !b.Visible() || picked != i || !tb.buttons[i].selected || tb.buttons[0].selected {
		t.Fatalf("after tapping the second tab: outline %v, calendar %v, picked %d", a.Visible(), b.Visible(), picked)
	}
	c := widget.NewLabel("built later")
	tb.setContent(i, c)
	if !c.Visible() || tb.stack.Objects[i] != c {
		t.Fatal("replaced content shows in the selected tab")
	}
}
