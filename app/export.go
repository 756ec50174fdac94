package app

import (
	"context"
	"image"
	"image/png"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/storage"
)

// exportScale is the pixel density of exported charts: twice the screen's units, so the
// image stays sharp in a document or on a HiDPI screen.
const exportScale = 2

// renderImage draws obj, laid out at size, into an image with Fyne's software renderer
// (driver/software), in the current theme. Reading the window back instead
// (Canvas().Capture()) reads the GL front buffer, which is black under Xvfb and some drivers,
// and would also catch whatever overlaps the chart.
func renderImage(obj fyne.CanvasObject, size fyne.Size) image.Image {
	c := software.NewCanvas()
	c.SetScale(exportScale)
	c.SetContent(obj)
	c.Resize(size)
	return c.Capture()
}

// exportPNG saves the image that render draws as a PNG file.
func (u *UI) exportPNG(render func() image.Image, name string) {
	img := render()
	what := lang.L("the chart")
	u.saveFile(name, what, func(_ context.Context, _ *storage.Store, path string, _ storage.Progress) (string, func(), error) {
		err := writeAtomically(path, func(w io.Writer) error { return png.Encode(w, img) })
		return lang.L("Saved {{.What}} to {{.File}}.", args("What", what, "File", path)), nil, err
	})
}
