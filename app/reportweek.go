package app

import (
	"context"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// settingReportDir is the folder the last progress report was written to: "Report for last
// week" writes there again without asking.
const settingReportDir = "report.dir"

// reportLastWeek writes the progress report of last week in one click, into the folder of the
// previous report (the plan's folder before any), and shows it.
func (u *UI) reportLastWeek() {
	p := model.ReviewPeriod(u.now().AddDate(0, 0, -7), u.loc, model.PeriodWeek)
	dir := filepath.Dir(u.store.Path())
	if d, ok, err := u.store.Setting(u.ctx(), settingReportDir); err == nil && ok {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			dir = d
		}
	}
	path := filepath.Join(dir, "progress-"+p.Start.Format("2006-01-02")+".md")
	u.saveTo(path, lang.L("the report"), func(ctx context.Context, st *storage.Store, path string, _ storage.Progress) (string, func(), error) {
		md, err := u.writeReport(ctx, st, path, p)
		if err != nil {
			return "", nil, err
		}
		return lang.L("Wrote the report for last week to {{.File}}, with its charts beside it.", args("File", path)),
			func() { u.rememberReportDir(path); u.showReport(path, md) }, nil
	})
}

// rememberReportDir keeps the folder of a report just written for the next "Report for last
// week". Failing to remember it costs nothing but a question next time: it is only logged.
func (u *UI) rememberReportDir(path string) {
	if err := u.store.SetSetting(u.ctx(), settingReportDir, filepath.Dir(path)); err != nil {
		u.showError(lang.L("Could not remember the report's folder"), err)
	}
}

// writeBurnUpPNG draws the burn-up of the objective in focus (the first objective when none
// is) as the Charts tab draws it, for the report; it reports whether there was one to draw.
func (u *UI) writeBurnUpPNG(path string, data []model.Objective, goals []model.MicroGoal) (bool, error) {
	id := int64(0)
	for _, o := range data {
		if o.InFocus {
			id = o.ID
		}
	}
	if id == 0 && len(data) > 0 {
		id = data[0].ID
	}
	if id == 0 {
		return false, nil
	}
	b := model.BurnUpOf(goals, id, u.loc, u.now())
	plot := &burnUpPlot{b: b, loc: u.loc, now: u.now()}
	for _, o := range data {
		if o.ID == id && b.Total > 0 {
			pr := model.ProjectFinish(goals, o, u.now(), u.loc)
			plot.proj = &pr
		}
	}
	size := fyne.NewSize(640, 300)
	var img image.Image
	// Widgets are made and drawn on the UI goroutine; the report itself is written on a worker.
	fyne.DoAndWait(func() { img = renderImage(newChart(plot, size), size) })
	return true, writeAtomically(path, func(w io.Writer) error { return png.Encode(w, img) })
}

// writePlacesPNG draws the period's patterns by place and collaborator as the Charts tab
// draws them, for the report; it reports whether there was anything to draw.
func (u *UI) writePlacesPNG(path string, c model.ContextPatterns) (bool, error) {
	if len(c.Places)+len(c.People) == 0 {
		return false, nil
	}
	size := fyne.NewSize(960, 420)
	var img image.Image
	fyne.DoAndWait(func() { img = renderImage(contextChartsGrid(contextCharts(c, fyne.NewSize(300, 190))), size) })
	return true, writeAtomically(path, func(w io.Writer) error { return png.Encode(w, img) })
}
