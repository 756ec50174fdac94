package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/model"
)

// firstRun is what an empty plan shows: the objective in one sentence, then the first
// micro-goals for tomorrow — or an example plan to look around in.
type firstRun struct {
	u         *UI
	view      fyne.CanvasObject
	pages     *fyne.Container
	objective *widget.Entry
	nudge     *widget.Label
	nextBtn   *widget.Button
	goals     []*widget.Entry
	goalBox   *fyne.Container
	recap     *widget.Label
}

func newFirstRun(u *UI) *firstRun {
	f := &firstRun{u: u}
	f.objective = widget.NewEntry()
	f.objective.SetPlaceHolder(lang.L("e.g. Finish the first draft of my novel by March"))
	f.objective.OnChanged = f.onObjectiveChanged
	f.objective.OnSubmitted = func(string) { f.next() }
	f.nudge = widget.NewLabel("")
	f.nudge.Wrapping = fyne.TextWrapWord
	f.nextBtn = widget.NewButton(lang.L("Next"), f.next)
	f.nextBtn.Importance = widget.HighImportance
	f.nextBtn.Disable()
	example := widget.NewButton(lang.L("Try an example"), f.tryExample)

	title := widget.NewLabelWithStyle(lang.L("What do you want to achieve?"), fyne.TextAlignCenter, fyne.TextStyle{})
	title.SizeName = "headingText"
	page1 := container.NewVBox(
		title,
		widget.NewLabelWithStyle(lang.L("Write your objective in one sentence."), fyne.TextAlignCenter, fyne.TextStyle{}),
		f.objective, f.nudge,
		container.NewHBox(layout.NewSpacer(), example, f.nextBtn),
	)

	f.recap = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	f.recap.Wrapping = fyne.TextWrapWord
	f.goalBox = container.NewVBox()
	start := widget.NewButton(lang.L("Start"), f.start)
	start.Importance = widget.HighImportance
	title2 := widget.NewLabelWithStyle(lang.L("What are the first small steps for tomorrow?"), fyne.TextAlignCenter, fyne.TextStyle{})
	title2.SizeName = "headingText"
	page2 := container.NewVBox(
		title2, f.recap,
		widget.NewLabelWithStyle(lang.L("Start each with a verb; finish each within a day."), fyne.TextAlignCenter, fyne.TextStyle{}),
		f.goalBox,
		container.NewHBox(widget.NewButton(lang.L("Back"), func() { f.show(0) }), layout.NewSpacer(),
			widget.NewButton(lang.L("Add another"), func() { f.addGoalEntry("") }), start),
	)
	f.pages = container.NewStack(page1, page2)
	f.view = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 360), f.pages))
	return f // setData resets it once it is in the window
}

func (f *firstRun) show(page int) {
	showPage(f.pages.Objects, page)
	if c := f.u.win.Canvas(); page == 0 {
		c.Focus(f.objective)
	} else if len(f.goals) > 0 {
		c.Focus(f.goals[0])
	}
}

func (f *firstRun) reset() {
	f.objective.SetText("")
	f.goals = nil
	f.goalBox.RemoveAll()
	for _, p := range []string{lang.L("Write …"), lang.L("Call …"), lang.L("Draft …")} {
		f.addGoalEntry(p)
	}
	f.show(0)
}

func (f *firstRun) addGoalEntry(placeholder string) {
	e := widget.NewEntry()
	if placeholder == "" {
		placeholder = lang.L("Another step …")
	}
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { f.start() }
	f.goals = append(f.goals, e)
	f.goalBox.Add(e)
}

func (f *firstRun) onObjectiveChanged(s string) {
	ps := model.ValidateObjective(model.NewObjective(model.CleanTitle(s), f.u.now()))
	if strings.TrimSpace(s) == "" {
		f.nudge.SetText("")
		f.nextBtn.Disable()
		return
	}
	if len(ps) > 0 {
		f.nudge.SetText(ps[0].Message)
		f.nudge.Importance = widget.WarningImportance
		if ps[0].Blocking {
			f.nudge.Importance = widget.DangerImportance
		}
	} else {
		f.nudge.SetText("")
	}
	f.nudge.Refresh()
	if len(model.Blocking(ps)) > 0 {
		f.nextBtn.Disable()
	} else {
		f.nextBtn.Enable()
	}
}

func (f *firstRun) next() {
	if len(f.u.data.Objectives) > 0 {
		return
	}
	title := model.CleanTitle(f.objective.Text)
	if len(model.Blocking(model.ValidateObjective(model.NewObjective(title, f.u.now())))) > 0 {
		f.onObjectiveChanged(f.objective.Text)
		return
	}
	f.recap.SetText("“" + title + "”")
	f.show(1)
}

// start writes the objective and its first micro-goals, due tomorrow, as one action.
func (f *firstRun) start() {
	u := f.u
	if len(u.data.Objectives) > 0 {
		return // a key that repeated after the plan was written: it is written once
	}
	now := u.now()
	o := model.NewObjective(model.CleanTitle(f.objective.Text), now)
	o.InFocus = true
	t := now.In(u.loc).AddDate(0, 0, 1)
	tomorrow := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, u.loc)
	var goals []model.MicroGoal
	for _, e := range f.goals {
		title := model.CleanTitle(e.Text)
		if title == "" {
			continue
		}
		g := model.NewMicroGoal(0, 0, title, now)
		g.Due = tomorrow
		goals = append(goals, g)
	}
	u.do(lang.L("start the plan"), u.creation(func(ctx context.Context) (int64, string, error) {
		created, err := u.store.CreateObjectiveWithGoals(ctx, o, goals)
		return created.ID, objectiveKey(created.ID), err
	}, u.store.TrashObjective))
}

// tryExample fills the empty plan with one example objective and its first steps, so a new
// user can look around in a plan that reads like a real one.
func (f *firstRun) tryExample() {
	u := f.u
	o, goals := examplePlan(u.now(), u.loc)
	if _, err := u.store.CreateObjectiveWithGoals(u.ctx(), o, goals); err != nil {
		u.showError(lang.L("Could not write the example plan"), err)
		return
	}
	u.reload()
	u.say(lang.L("This is an example plan. Delete its objective (it goes to the trash) when you are ready for your own."))
}

// examplePlan is one coherent objective — a first 10 km race in ten weeks — with steps for
// the next days and weeks, each specific, measurable, achievable, relevant and time-bound.
func examplePlan(now time.Time, loc *time.Location) (model.Objective, []model.MicroGoal) {
	today := model.DateOf(now, loc)
	race := today.AddDays(70)
	o := model.NewObjective("Run a 10 km race in under an hour by "+race.Start(loc).Format("2 January"), now)
	o.Why = "To feel fit again, and to finish something I signed up for"
	o.TargetDate = race.Start(loc)
	o.InFocus = true
	// Sunday of this week (or of next week, on a Sunday) for the weekly target.
	sunday := today.AddDays((7 - int(today.Weekday())) % 7)
	if sunday == today {
		sunday = today.AddDays(7)
	}
	step := func(title, doneWhen string, h model.Horizon, due time.Time, hasTime bool, minutes int) model.MicroGoal {
		g := model.NewMicroGoal(0, 0, title, now)
		g.DoneWhen, g.Horizon, g.Due, g.DueHasTime, g.EstimateMinutes = doneWhen, h, due, hasTime, minutes
		return g
	}
	km := func(g model.MicroGoal, target float64) model.MicroGoal {
		g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "km", Target: target}
		return g
	}
	return o, []model.MicroGoal{
		step("Book a place in the city 10 km race", "The confirmation e-mail is in my inbox", model.HorizonDay, today.AddDays(1).At(19, 0, loc), true, 15),
		km(step("Run 3 km at an easy, chatty pace", "3 km logged in the running app", model.HorizonDay, today.AddDays(2).At(7, 30, loc), true, 30), 3),
		step("Buy running shoes fitted in a running shop", "Shoes bought after a test run in the shop", model.HorizonWeek, today.AddDays(5).Start(loc), false, 90),
		km(step("Run three times this week, 10 km in all", "Three runs logged, 10 km together", model.HorizonWeek, sunday.Start(loc), false, 120), 10),
		km(step("Run 5 km without stopping", "5 km in one go, logged in the app", model.HorizonFortnight, today.AddDays(14).Start(loc), false, 40), 5),
		km(step("Run 8 km at race pace (6 min per km)", "8 km logged at 6:00 per km or faster", model.HorizonMonth, today.AddDays(42).Start(loc), false, 50), 8),
	}
}
