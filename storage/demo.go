package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"time"

	"github.com/microgoals/microgoals/model"
)

// demoObjective is one theme of the demo data: an objective and the steps that fit it.
type demoObjective struct {
	title, why string
	steps      []string // verb-first actions
	units      []string // quantitative units that fit
}

var demoObjectives = []demoObjective{
	{"Finish the first draft of my novel", "I have carried this story for years and want to hold it in my hands.",
		[]string{"Write the opening scene", "Outline chapter %d", "Draft chapter %d", "Revise the dialogue in chapter %d", "Interview a retired detective for research", "Write %d00 words before breakfast", "Read the draft aloud", "Sketch the antagonist's backstory", "Cut the prologue to one page", "Send chapter %d to my writing group"},
		[]string{"words", "pages", "minutes"}},
	{"Run a half marathon in under 2 hours", "To prove to myself that I can train for something hard and stick with it.",
		[]string{"Run %d km at an easy pace", "Do the interval session", "Stretch for 15 minutes after the run", "Book the race", "Buy new running shoes", "Run the long route along the river", "Log sleep for a week", "Do a 10 km time trial", "Plan the taper week", "Practise the race-day breakfast"},
		[]string{"minutes", "km"}},
	{"Ship the Microgoals 1.0 release", "People I know keep asking for a planner that works offline.",
		[]string{"Fix the crash on empty databases", "Write tests for the outline drag", "Review pull request %d", "Draft the release notes", "Package the Linux build", "Record a two-minute demo video", "Answer the beta testers' feedback", "Profile loading 10,000 steps", "Design the tray icon", "Close %d open issues"},
		[]string{"tasks", "minutes"}},
	{"Learn conversational Spanish", "I want to talk with my partner's family without a translator.",
		[]string{"Practise Spanish for %d0 minutes", "Learn 20 new verbs", "Watch an episode without subtitles", "Book a session with a tutor", "Write a diary entry in Spanish", "Order dinner in Spanish", "Review the flashcard deck", "Read a short story aloud", "Call Abuela for five minutes", "Memorise the irregular past tense"},
		[]string{"minutes", "words"}},
	{"Save enough for a deposit on a flat", "A place of our own, close to the park, within three years.",
		[]string{"List every subscription", "Cancel two unused subscriptions", "Move the savings to a better account", "Track spending for %d days", "Sell the old bike", "Set up the monthly transfer", "Compare mortgage offers", "Cook at home five nights", "Review the budget with Sam", "Ask for a raise"},
		[]string{"tasks"}},
	{"Get the garden ready for summer", "Long evenings outside with friends and our own tomatoes.",
		[]string{"Clear the back bed", "Sow tomatoes indoors", "Fix the fence panel", "Build a compost bin", "Plant %d lavender bushes", "Repaint the bench", "Mow and edge the lawn", "Order seeds for the herb box", "Set up the drip irrigation", "Prune the apple tree"},
		[]string{"minutes", "tasks"}},
}

var (
	demoOutcomes = []string{
		"A clear next step and nothing left half-done",
		"Something I can show to someone else",
		"One less thing to worry about this week",
		"Evidence that the plan works",
		"Momentum for the next step",
	}
	demoDoneWhen = []string{
		"The result is saved and I have told someone",
		"I can tick it off without a second thought",
		"The number in the log reaches the target",
		"A friend has seen it and said it is done",
		"It is written down in the weekly review",
	}
	demoQualitative = []string{
		"Prototype finished", "Skill demonstrated to my coach", "Checkpoint reviewed", "Draft accepted",
	}
	demoDropReasons = []string{
		"Turned out not to matter for the objective",
		"Replaced by a better step",
		"No longer possible this month; rescheduled as a new step",
		"Too big: split it into smaller steps",
	}
	demoNotes        = []string{"", "", "felt good", "short session", "with Sam", "tired but did it", "early morning", "after work"}
	demoOwners       = []string{"me", "me", "me", "Sam", "Alex"}
	demoPartners     = []string{"", "", "", "Sam", "Maria", "coach"}
	demoEnvironments = []string{"", "home office", "library", "café", "train"}
	// Tags and places of the demo steps, by objective theme. They are chosen from the step's
	// number rather than the random source, so the rest of the demo stays what it was.
	demoTags     = [][]string{{"writing", "research"}, {"running", "health"}, {"code", "release"}, {"spanish", "reading"}, {"money"}, {"garden", "diy"}}
	demoPlaces   = []string{"@home", "@office", "@library", "@outside"}
	demoStepNote = "Keep it **small**: one sitting, then log it.\n\n- Check the [method](https://example.com/method) first\n- Note what got in the way"
)

// demoExtras are the tags, notes and completion context of demo step i of theme.
func demoExtras(i, theme int, done bool) (tags, notes, where, with string) {
	ts := demoTags[theme%len(demoTags)]
	list := []string{ts[i%len(ts)]}
	if i%3 == 0 {
		list = append(list, demoPlaces[(i/3)%len(demoPlaces)])
	}
	if i%7 == 0 {
		notes = demoStepNote
	}
	if done {
		where = demoEnvironments[1+i%(len(demoEnvironments)-1)]
		with = []string{"", "Sam", "Maria"}[i%3]
	}
	return model.JoinTags(list), notes, where, with
}

// GenerateDemo writes demonstration data: several objectives, goals micro-goals nested up to
// three levels with due dates spread over the weeks around now, a realistic share of them done
// or dropped, some without a due date or metric (so the SMART hints show), and entries metric
// entries spread over time on the quantitative ones. The same seed gives the same data. It is
// one transaction with prepared statements, fast enough for 10,000 goals and 100,000 entries.
func (s *Store) GenerateDemo(ctx context.Context, now time.Time, goals, entries int, seed int64) error {
	if goals < 0 || entries < 0 {
		return fmt.Errorf("generate demo data: negative counts (%d goals, %d entries)", goals, entries)
	}
	if entries > 0 && goals == 0 {
		return fmt.Errorf("generate demo data: metric entries need at least one micro-goal")
	}
	rng := rand.New(rand.NewSource(seed))
	err := s.write(ctx, func(tx *sql.Tx) error {
		g := &demoGen{s: s, tx: tx, ctx: ctx, rng: rng, now: now, pos: make(map[[2]int64]int64)}
		return g.run(goals, entries)
	})
	if err != nil {
		return fmt.Errorf("generate demo data: %w", err)
	}
	return nil
}

// demoGen holds the state of one GenerateDemo run.
type demoGen struct {
	s   *Store
	tx  *sql.Tx
	ctx context.Context
	rng *rand.Rand
	now time.Time
	pos map[[2]int64]int64 // last position under (objective, parent)
}

// demoGoal is what the generator remembers of a written goal.
type demoGoal struct {
	id, objective int64
	depth         int
	theme         int
}

// quantGoal is a goal with a quantitative metric, to log entries against.
type quantGoal struct {
	id       int64
	from, to time.Time
	target   float64
}

func (g *demoGen) pick(xs []string) string { return xs[g.rng.Intn(len(xs))] }

func (g *demoGen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *demoGen) nextPos(objective, parent int64) int64 {
	k := [2]int64{objective, parent}
	g.pos[k] += model.PositionGap
	return g.pos[k]
}

func (g *demoGen) run(goals, entries int) error {
	ctx, tx, now := g.ctx, g.tx, g.now
	nObj := (goals + 9) / 10
	nObj = max(1, min(nObj, len(demoObjectives)))
	var objPos int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) FROM objectives`).Scan(&objPos); err != nil {
		return err
	}
	objIDs := make([]int64, nObj)
	for i := range objIDs {
		d := demoObjectives[i]
		objPos += model.PositionGap
		created := now.AddDate(0, 0, -60-g.rng.Intn(30))
		target := any(nil)
		if i%3 != 2 {
			target = dayText(now.AddDate(0, 2+i, 0), g.s.loc)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO objectives (title, why, target_date, status, in_focus, position,
			created_at, updated_at, notes) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
			d.title, d.why, target, boolInt(i == 0), objPos, created.UnixMilli(), created.UnixMilli(),
			"Why it matters: *"+d.why+"*")
		if err != nil {
			return err
		}
		if objIDs[i], err = res.LastInsertId(); err != nil {
			return err
		}
	}

	ins, err := tx.PrepareContext(ctx, `INSERT INTO micro_goals (objective_id, parent_id, position, title,
		outcome, done_when, due_at, due_has_time, due_day, horizon, stage, status, estimate_minutes,
		metric_kind, metric_unit, metric_target, owner, partner, created_at, updated_at, done_at,
		dropped_at, drop_reason, tags, notes, done_where, done_with)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()

	// Recent goals at depth 1 and 2 of each objective, candidates to hang sub-steps under.
	recent := make([][2][]demoGoal, nObj)
	var quant []quantGoal
	for i := 0; i < goals; i++ {
		oi := i % nObj
		theme := demoObjectives[oi]
		parent := demoGoal{objective: objIDs[oi], theme: oi}
		switch r := g.rng.Float64(); {
		case r < 0.25 && len(recent[oi][1]) > 0:
			parent = recent[oi][1][g.rng.Intn(len(recent[oi][1]))]
		case r < 0.55 && len(recent[oi][0]) > 0:
			parent = recent[oi][0][g.rng.Intn(len(recent[oi][0]))]
		}
		depth := parent.depth + 1

		title := g.pick(theme.steps)
		if hasNumberSlot(title) {
			// 2 to 9: plurals read right ("Plant 3 lavender bushes"), and "%d00 words"
			// before breakfast stays a morning's work.
			title = fmt.Sprintf(title, 2+g.rng.Intn(8))
		}
		var horizon model.Horizon
		switch depth {
		case 1:
			horizon = []model.Horizon{model.HorizonWeek, model.HorizonFortnight, model.HorizonMonth}[g.rng.Intn(3)]
		case 2:
			horizon = []model.Horizon{model.HorizonDay, model.HorizonWeek}[g.rng.Intn(2)]
		default:
			horizon = model.HorizonDay
		}

		// Due dates spread over six weeks either side of now; one step in ten has none.
		var due time.Time
		hasTime := false
		if !g.chance(0.1) {
			day := now.In(g.s.loc).AddDate(0, 0, g.rng.Intn(85)-42)
			if horizon == model.HorizonDay && g.chance(0.5) {
				hasTime = true
				due = time.Date(day.Year(), day.Month(), day.Day(), 8+g.rng.Intn(11), []int{0, 15, 30, 45}[g.rng.Intn(4)], 0, 0, g.s.loc)
			} else {
				due = midnight(day, g.s.loc)
			}
		}
		created := now.AddDate(0, 0, -50-g.rng.Intn(10))
		if !due.IsZero() && due.Before(created) {
			created = due.AddDate(0, 0, -7)
		}

		status, stage := model.StatusOpen, model.StagePlanning
		var doneAt, droppedAt time.Time
		reason := ""
		past := !due.IsZero() && due.Before(now)
		r := g.rng.Float64()
		switch {
		case past && r < 0.75, !past && !due.IsZero() && r < 0.08, due.IsZero() && r < 0.3:
			status, stage = model.StatusDone, []model.Stage{model.StageReview, model.StageCelebration}[g.rng.Intn(2)]
			doneAt = created.Add(time.Duration(g.rng.Int63n(int64(now.Sub(created)))))
			if !due.IsZero() && due.Before(now) && g.chance(0.7) {
				doneAt = due.Add(-time.Duration(g.rng.Intn(48)) * time.Hour)
				if doneAt.Before(created) {
					doneAt = created.Add(time.Hour)
				}
			}
		case past && r < 0.83:
			status, stage = model.StatusDropped, model.StageReview
			droppedAt = due.Add(time.Duration(g.rng.Intn(72)) * time.Hour)
			if droppedAt.After(now) {
				droppedAt = now.Add(-time.Hour)
			}
			reason = g.pick(demoDropReasons)
		case past:
			stage = model.StageExecution
		case g.chance(0.3):
			stage = model.StageInput
		}

		metric := model.Metric{}
		switch m := g.rng.Float64(); {
		case i == 0 && entries > 0, m < 0.45:
			unit := g.pick(theme.units)
			target := map[string]float64{"words": 500 * float64(1+g.rng.Intn(10)), "pages": float64(5 + g.rng.Intn(30)),
				"minutes": float64(30 * (1 + g.rng.Intn(8))), "km": float64(5 + g.rng.Intn(17)), "tasks": float64(3 + g.rng.Intn(10))}[unit]
			metric = model.Metric{Kind: model.MetricQuantitative, Unit: unit, Target: target}
		case m < 0.70:
			metric = model.Metric{Kind: model.MetricQualitative}
		}
		doneWhen := ""
		if metric.Kind == model.MetricQualitative {
			doneWhen = g.pick(demoQualitative)
		} else if g.chance(0.75) {
			doneWhen = g.pick(demoDoneWhen)
		}
		outcome := ""
		if g.chance(0.8) {
			outcome = g.pick(demoOutcomes)
		}
		estimate := 0
		if g.chance(0.85) {
			estimate = []int{15, 25, 30, 45, 60, 90, 120, 180}[g.rng.Intn(8)]
		}
		updated := created
		for _, t := range []time.Time{doneAt, droppedAt} {
			if t.After(updated) {
				updated = t
			}
		}

		var dueAt, dueDay any
		if !due.IsZero() {
			dueAt, dueDay = due.UnixMilli(), dayText(due, g.s.loc)
		}
		tags, notes, where, with := demoExtras(i, oi, status == model.StatusDone)
		res, err := ins.ExecContext(ctx, parent.objective, idOrNull(parent.id), g.nextPos(parent.objective, parent.id),
			title, outcome, doneWhen, dueAt, boolInt(hasTime), dueDay, string(horizon), string(stage), string(status),
			estimate, string(metric.Kind), metric.Unit, metric.Target, g.pick(demoOwners), g.pick(demoPartners),
			created.UnixMilli(), updated.UnixMilli(), msOrNull(doneAt), msOrNull(droppedAt), reason,
			tags, notes, where, with)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if depth < 3 {
			lst := append(recent[oi][depth-1], demoGoal{id: id, objective: parent.objective, depth: depth, theme: oi})
			if len(lst) > 8 {
				lst = lst[len(lst)-8:]
			}
			recent[oi][depth-1] = lst
		}
		if metric.Kind == model.MetricQuantitative {
			to := now
			if !due.IsZero() && due.Before(now) {
				to = due
			}
			if !doneAt.IsZero() {
				to = doneAt
			}
			if !to.After(created) {
				to = created.Add(time.Hour)
			}
			quant = append(quant, quantGoal{id: id, from: created, to: to, target: metric.Target})
		}
	}
	if err := g.writeEntries(quant, entries); err != nil {
		return err
	}
	return g.writeSprints(quant, entries/20)
}

// writeSprints writes n ended focus sprints on the quantitative goals, mostly in working
// hours and mostly run to their end, so the patterns chart has something to show.
func (g *demoGen) writeSprints(quant []quantGoal, n int) error {
	if n == 0 || len(quant) == 0 {
		return nil
	}
	ins, err := g.tx.PrepareContext(g.ctx, `INSERT INTO sprints (goal_id, started_at, planned_minutes, paused_ms,
		ended_at, completed, environment, partner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	hours := []int{6, 7, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 13, 14, 14, 15, 16, 17, 19, 20, 21}
	for i := 0; i < n; i++ {
		q := quant[g.rng.Intn(len(quant))]
		day := q.from.Add(time.Duration(g.rng.Int63n(int64(q.to.Sub(q.from)) + 1))).In(g.s.loc)
		start := time.Date(day.Year(), day.Month(), day.Day(), hours[g.rng.Intn(len(hours))], g.rng.Intn(60), 0, 0, g.s.loc)
		planned := []int{25, 25, 25, 50, 15}[g.rng.Intn(5)]
		paused := time.Duration(0)
		if g.chance(0.2) {
			paused = time.Duration(1+g.rng.Intn(10)) * time.Minute
		}
		work, completed := time.Duration(planned)*time.Minute, true
		if g.chance(0.15) {
			work, completed = time.Duration(5+g.rng.Intn(planned-4))*time.Minute, false
		}
		end := start.Add(work + paused)
		if end.After(g.now) {
			continue
		}
		if _, err := ins.ExecContext(g.ctx, q.id, start.UnixMilli(), planned, paused.Milliseconds(), end.UnixMilli(),
			boolInt(completed), g.pick(demoEnvironments), g.pick(demoPartners)); err != nil {
			return err
		}
	}
	return nil
}

// writeEntries spreads n metric entries over the quantitative goals, each between the goal's
// creation and its completion (or now), sized so that a goal's entries roughly approach its
// target.
func (g *demoGen) writeEntries(quant []quantGoal, n int) error {
	if n == 0 {
		return nil
	}
	ins, err := g.tx.PrepareContext(g.ctx, `INSERT INTO metric_entries (goal_id, at, value, note, created_at)
		VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	perGoal := max(1, n/len(quant))
	for i := 0; i < n; i++ {
		q := quant[g.rng.Intn(len(quant))]
		at := q.from.Add(time.Duration(g.rng.Int63n(int64(q.to.Sub(q.from)) + 1)))
		value := float64(int(q.target/float64(perGoal)*(0.5+g.rng.Float64()) + 1))
		created := at.Add(time.Duration(g.rng.Intn(120)) * time.Minute)
		if created.After(g.now) {
			created = g.now
		}
		if _, err := ins.ExecContext(g.ctx, q.id, at.UnixMilli(), value, g.pick(demoNotes), created.UnixMilli()); err != nil {
			return err
		}
	}
	return nil
}

// hasNumberSlot reports whether a step template has a number to fill in (%d).
func hasNumberSlot(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' && s[i+1] == 'd' {
			return true
		}
	}
	return false
}
