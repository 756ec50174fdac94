package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// peopleView is the People tab: every owner and accountability partner with their open, done
// and on-time steps, overall and by tag, so work can be given to whoever does it well.
type peopleView struct {
	u     *UI
	intro *widget.Label
	list  *fyne.Container
}

func newPeopleView(u *UI) *peopleView { return &peopleView{u: u} }

// Title is the tab's label.
func (pv *peopleView) Title() string { return lang.L("People") }

// Icon is the tab's icon.
func (pv *peopleView) Icon() fyne.Resource { return theme.AccountIcon() }

// Build makes the view.
func (pv *peopleView) Build() fyne.CanvasObject {
	pv.intro = widget.NewLabel("")
	pv.intro.Wrapping = fyne.TextWrapWord
	pv.list = container.NewVBox()
	return container.NewVScroll(container.NewPadded(container.NewVBox(pv.intro, pv.list)))
}

// Refresh redraws the people from the loaded plan.
func (pv *peopleView) Refresh() {
	people := model.PeopleOf(pv.u.data.Goals, pv.u.loc)
	pv.list.RemoveAll()
	if len(people) == 0 {
		pv.intro.SetText(lang.L("Nobody is named yet. Give steps an owner and an accountability partner in the detail panel, and each person's record shows here."))
		return
	}
	pv.intro.SetText(lang.L("Who owns what, and how often it is done on time — overall and by tag — so you can give work to whoever does it well."))
	for _, p := range people {
		name := widget.NewLabelWithStyle(p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		lines := []string{}
		if p.Owned.Open+p.Owned.Done > 0 {
			lines = append(lines, lang.L("Owns: {{.Tally}}", args("Tally", tallyText(p.Owned))))
		}
		if p.Partner.Open+p.Partner.Done > 0 {
			lines = append(lines, lang.L("Partner of: {{.Tally}}", args("Tally", tallyText(p.Partner))))
		}
		tags := make([]string, 0, len(p.ByTag))
		for t := range p.ByTag {
			tags = append(tags, t)
		}
		sort.Strings(tags)
		for _, t := range tags {
			lines = append(lines, "    "+model.TagWord(t)+": "+tallyText(p.ByTag[t]))
		}
		body := widget.NewLabel(strings.Join(lines, "\n"))
		body.Wrapping = fyne.TextWrapWord
		pv.list.Add(container.NewVBox(name, body, widget.NewSeparator()))
	}
}

// tallyText is "3 open · 12 done · 10 of 11 on time (91%)".
func tallyText(t model.Tally) string {
	s := fmt.Sprintf(lang.L("%d open · %d done"), t.Open, t.Done)
	if t.Dated > 0 {
		s += fmt.Sprintf(lang.L(" · %d of %d on time (%s)"), t.OnTime, t.Dated, currentLocale().Percent(t.OnTimeRate()))
	}
	return s
}

// projectionText says when the objective will be finished at the last four weeks' rate, and
// how that compares with its target date.
func projectionText(p model.Projection) string {
	switch {
	case p.AlreadyAll:
		return lang.L("Every step is done.")
	case !p.HasFinish:
		return lang.L("Nothing done in the last four weeks: no rate to project a finish from.")
	}
	s := counted(p.Remaining, "At {{.Rate}} steps a week (last four weeks), the open step is done by {{.Date}}",
		"At {{.Rate}} steps a week (last four weeks), the {{.Count}} open steps are done by {{.Date}}",
		args("Rate", currentLocale().Fixed(p.PerWeek, 1), "Date", currentLocale().ShortDateYear(p.Finish)))
	switch {
	case !p.HasTarget:
		return s + "."
	case p.DaysAhead > 0:
		return fmt.Sprintf(lang.L("%s: %s ahead of the target date."), s, dayCount(p.DaysAhead))
	case p.DaysAhead < 0:
		return fmt.Sprintf(lang.L("%s: %s behind the target date."), s, dayCount(-p.DaysAhead))
	}
	return s + lang.L(": on the target date.")
}

func dayCount(n int) string {
	return counted(n, "{{.Count}} day", "{{.Count}} days")
}
