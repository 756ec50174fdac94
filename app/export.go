package app

import (
	"image"
	"image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
)

// saveAs asks where to save a file named name and hands the chosen file to write.
func (u *UI) saveAs(name, what string, write func(w io.Writer) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(lang.L("Could not save {{.What}}", args("What", what)), err)
			return
		}
		if w == nil {
			return // cancelled
		}
		err = write(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			u.showError(lang.L("Could not save {{.What}}", args("What", what)), err)
			return
		}
		u.showMessage(lang.L("Saved %s to %s."), what, w.URI().Path())
	}, u.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{name[strings.LastIndex(name, "."):]}))
	d.Show()
	d.Resize(fyne.NewSize(760, 520)) // only once shown: the dialog is built by Show
}

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
	u.saveAs(name, lang.L("the chart"), func(w io.Writer) error { return png.Encode(w, img) })
}
