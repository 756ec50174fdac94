package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// defaultMessageTTL is how long the running app shows a message before it goes by itself.
const defaultMessageTTL = 8 * time.Second

// The banner floats over the bottom of the window, above the content, and never takes room
// from it: a message that comes and goes (mid-drag in the calendar too) moves nothing under
// the pointer. It has an opaque background and a border so it reads over any view.
func (u *UI) buildMessage() {
	u.message = widget.NewLabel("")
	u.message.Wrapping = fyne.TextWrapWord
	closeMsg := newIconButton(theme.CancelIcon(), u.clearMessage)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	u.messageBx = container.NewStack(bg,
		container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), closeMsg, u.message))
	u.messageBx.Hide()
}

// messageLayer places the banner at the bottom of the window, inset from its edges.
func (u *UI) messageLayer() fyne.CanvasObject {
	return container.New(&bannerLayout{}, u.messageBx)
}

// bannerLayout puts its one object at the bottom left, over the lower end of the outline
// (where the list ends and nothing needs a click), clear of the detail panel's Save and
// Revert on the right; its own size is the window's (it is the top layer of a stack).
type bannerLayout struct{}

func (l *bannerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 2
	for _, o := range objs {
		w := min(size.Width*0.58-2*pad, 720)
		h := o.MinSize().Height
		// Wrapped text needs its width to know its height: lay it out once at that width.
		o.Resize(fyne.NewSize(w, h))
		h = o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(pad, size.Height-h-pad))
	}
}

func (l *bannerLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// showMessage shows a line in the banner. It replaces the message before it, and goes by
// itself after messageTTL, or when clearMessage says it no longer holds.
func (u *UI) showMessage(format string, args ...any) {
	u.message.SetText(fmt.Sprintf(format, args...))
	u.messageGen++
	u.restyleMessage()
	u.messageBx.Show()
	// Showing a container does not lay out its parent: without this, a message that comes on
	// its own (a notification in the banner) stays at zero size until something else redraws.
	if c := u.win.Content(); c != nil {
		c.Refresh()
	}
	if u.messageTTL > 0 {
		gen := u.messageGen
		time.AfterFunc(u.messageTTL, func() {
			fyne.Do(func() {
				if u.messageGen == gen {
					u.clearMessage()
				}
			})
		})
	}
}

// clearMessage takes the banner away: what it said no longer holds, or the user closed it.
func (u *UI) clearMessage() {
	if u.messageBx == nil {
		return
	}
	u.messageGen++
	u.messageBx.Hide()
}

// restyleMessage gives the banner the current theme's colours.
func (u *UI) restyleMessage() {
	bg := u.messageBx.Objects[0].(*canvas.Rectangle)
	th := u.app.Settings().Theme()
	v := u.app.Settings().ThemeVariant()
	bg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	bg.Refresh()
}

// say shows a text that is already complete (translated, with no verbs left) in the banner.
func (u *UI) say(text string) {
	u.showMessage("%s", text)
}
