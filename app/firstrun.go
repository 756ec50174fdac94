package app

import (
	"context"
	"fmt"
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
	f.recap.SetText(quoted(title))
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
	o, goals := examplePlan(u.now(), u.loc, currentLocale())
	if _, err := u.store.CreateObjectiveWithGoals(u.ctx(), o, goals); err != nil {
		u.showError(lang.L("Could not write the example plan"), err)
		return
	}
	u.reload()
	u.say(lang.L("This is an example plan. Delete its objective (it goes to the trash) when you are ready for your own."))
}

// exampleStep is one step of the example plan in one language: its title, what counts as
// done, and the distance it logs (0: no metric).
type exampleStep struct {
	title, doneWhen string
	km              float64
}

// exampleText is the example plan written in one language, as a runner of that language would
// write it: its to-do lists' own form (German names the verb last, "5 km ohne Pause laufen";
// French and Spanish start with the infinitive) and the glossary's words. objective has a %s
// for the race's day. The steps are in the order examplePlan gives them their dates.
type exampleText struct {
	objective, why string
	steps          [6]exampleStep
}

var examplePlans = map[string]exampleText{
	model.LangEnglish: {"Run a 10 km race in under an hour by %s", "To feel fit again, and to finish something I signed up for", [6]exampleStep{
		{"Book a place in the city 10 km race", "The confirmation e-mail is in my inbox", 0},
		{"Run 3 km at an easy, chatty pace", "3 km logged in the running app", 3},
		{"Buy running shoes fitted in a running shop", "Shoes bought after a test run in the shop", 0},
		{"Run three times this week, 10 km in all", "Three runs logged, 10 km together", 10},
		{"Run 5 km without stopping", "5 km in one go, logged in the app", 5},
		{"Run 8 km at race pace (6 min per km)", "8 km logged at 6:00 per km or faster", 8},
	}},
	model.LangGerman: {"Bis zum %s einen 10-km-Lauf in unter einer Stunde schaffen", "Um mich wieder fit zu fühlen und etwas durchzuziehen, für das ich mich angemeldet habe", [6]exampleStep{
		{"Startplatz für den 10-km-Stadtlauf buchen", "Die Bestätigungsmail ist in meinem Postfach", 0},
		{"3 km locker im Plaudertempo laufen", "3 km in der Lauf-App eingetragen", 3},
		{"Laufschuhe nach einem Probelauf im Fachgeschäft kaufen", "Schuhe nach einem Probelauf im Laden gekauft", 0},
		{"Diese Woche in drei Läufen 10 km schaffen", "Drei Läufe eingetragen, zusammen 10 km", 10},
		{"5 km ohne Pause durchlaufen", "5 km am Stück gelaufen und in der App eingetragen", 5},
		{"8 km im Wettkampftempo von 6 min/km laufen", "8 km mit 6:00 pro km oder schneller eingetragen", 8},
	}},
	model.LangFrench: {"Courir un 10 km en moins d’une heure d’ici le %s", "Pour retrouver la forme, et aller enfin au bout de ce que j’ai commencé", [6]exampleStep{
		{"Réserver un dossard pour le 10 km de la ville", "L’e-mail de confirmation est dans ma boîte de réception", 0},
		{"Courir 3 km en endurance, à une allure où je peux parler", "3 km enregistrés dans l’appli de course", 3},
		{"Acheter des chaussures de course essayées en magasin spécialisé", "Chaussures achetées après un essai sur tapis en magasin", 0},
		{"Courir trois fois cette semaine, 10 km au total", "Trois sorties enregistrées, 10 km au total", 10},
		{"Courir 5 km sans m’arrêter", "5 km d’une traite, enregistrés dans l’appli", 5},
		{"Courir 8 km à l’allure course (6 min/km)", "8 km enregistrés à 6 min/km ou plus vite", 8},
	}},
	model.LangSpanish: {"Correr una carrera de 10 km en menos de una hora antes del %s", "Para volver a sentirme en forma y terminar algo a lo que me apunté", [6]exampleStep{
		{"Reservar plaza en la carrera de 10 km de la ciudad", "El correo de confirmación está en mi bandeja de entrada", 0},
		{"Correr 3 km a ritmo suave, pudiendo charlar", "3 km registrados en la app de running", 3},
		{"Comprar zapatillas de running probadas en una tienda especializada", "Zapatillas compradas tras probarlas corriendo en la tienda", 0},
		{"Salir a correr tres veces esta semana, 10 km en total", "Tres salidas registradas, 10 km en total", 10},
		{"Correr 5 km sin parar", "5 km seguidos, registrados en la app", 5},
		{"Correr 8 km a ritmo de carrera (6 min/km)", "8 km registrados a 6:00 por km o más rápido", 8},
	}},
}

// examplePlan is one coherent objective — a first 10 km race in ten weeks — with steps for
// the next days and weeks, each specific, measurable, achievable, relevant and time-bound,
// written in the language of l (English for a language the app does not speak) with the
// race's day in l's format.
func examplePlan(now time.Time, loc *time.Location, l model.Locale) (model.Objective, []model.MicroGoal) {
	text, ok := examplePlans[l.Language()]
	if !ok {
		text = examplePlans[model.LangEnglish]
	}
	today := model.DateOf(now, loc)
	race := today.AddDays(70)
	o := model.NewObjective(fmt.Sprintf(text.objective, l.DayMonthLong(race.Start(loc))), now)
	o.Why = text.why
	o.TargetDate = race.Start(loc)
	o.InFocus = true
	// Sunday of this week (or of next week, on a Sunday) for the weekly target.
	sunday := today.AddDays((7 - int(today.Weekday())) % 7)
	if sunday == today {
		sunday = today.AddDays(7)
	}
	plan := []struct {
		h       model.Horizon
		due     time.Time
		hasTime bool
		minutes int
	}{
		{model.HorizonDay, today.AddDays(1).At(19, 0, loc), true, 15},
		{model.HorizonDay, today.AddDays(2).At(7, 30, loc), true, 30},
		{model.HorizonWeek, today.AddDays(5).Start(loc), false, 90},
		{model.HorizonWeek, sunday.Start(loc), false, 120},
		{model.HorizonFortnight, today.AddDays(14).Start(loc), false, 40},
		{model.HorizonMonth, today.AddDays(42).Start(loc), false, 50},
	}
	goals := make([]model.MicroGoal, len(plan))
	for i, p := range plan {
		s := text.steps[i]
		g := model.NewMicroGoal(0, 0, s.title, now)
		g.DoneWhen, g.Horizon, g.Due, g.DueHasTime, g.EstimateMinutes = s.doneWhen, p.h, p.due, p.hasTime, p.minutes
		if s.km > 0 {
			g.Metric = model.Metric{Kind: model.MetricQuantitative, Unit: "km", Target: s.km}
		}
		goals[i] = g
	}
	return o, goals
}
