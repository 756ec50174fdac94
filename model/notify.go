package model

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// NotifyKind is a kind of notification: a deadline, a reminder or a celebration.
type NotifyKind string

// The notification kinds. KindMissed is the one summary of what came due while the app was
// not running; it cannot be switched off (the kinds it covers can).
const (
	KindDueSoon   NotifyKind = "due-soon"
	KindDueNow    NotifyKind = "due-now"
	KindOverdue   NotifyKind = "overdue"
	KindMorning   NotifyKind = "morning"
	KindReview    NotifyKind = "review"
	KindDone      NotifyKind = "done"
	KindAllDone   NotifyKind = "all-done"
	KindWeekly    NotifyKind = "weekly"
	KindStreak    NotifyKind = "streak"
	KindObjective NotifyKind = "objective"
	KindMissed    NotifyKind = "missed"
)

// NotifyKinds lists the kinds a user can switch on and off, in the order settings show them.
var NotifyKinds = []NotifyKind{KindDueSoon, KindDueNow, KindOverdue, KindMorning, KindReview,
	KindDone, KindAllDone, KindWeekly, KindStreak, KindObjective}

// Label is how settings name the kind.
func (k NotifyKind) Label() string {
	switch k {
	case KindDueSoon:
		return tr("Before a deadline (lead time)")
	case KindDueNow:
		return tr("When a micro-goal falls due")
	case KindOverdue:
		return tr("One nudge when it is overdue")
	case KindMorning:
		return tr("Morning plan reminder")
	case KindReview:
		return tr("Weekly review reminder")
	case KindDone:
		return tr("Celebrate a micro-goal done")
	case KindAllDone:
		return tr("Celebrate all of today's milestones done")
	case KindWeekly:
		return tr("Celebrate a weekly target reached")
	case KindStreak:
		return tr("Celebrate a streak (3, 7, 14, 30 … days)")
	case KindObjective:
		return tr("Celebrate an objective achieved")
	case KindMissed:
		return tr("Missed while closed")
	}
	return string(k)
}

// Urgent reports whether the kind is a deadline that quiet hours must not hold back.
func (k NotifyKind) Urgent() bool { return k == KindDueSoon || k == KindDueNow }

// StreakMilestones are the streak lengths (days in a row with at least one micro-goal done)
// worth a celebration.
var StreakMilestones = []int{3, 7, 14, 30, 60, 100, 200, 365}

// Planning windows.
const (
	// StaleAfter is how late a notification may be and still be sent on its own: anything
	// older came due while the app was not running (or the machine slept) and goes into one
	// summary instead of a flood.
	StaleAfter = 5 * time.Minute
	// Lookback bounds how far back the plan looks for what has not been sent yet.
	Lookback = 30 * 24 * time.Hour
	// StreakLookback bounds how far back completions count towards a streak.
	StreakLookback = 400 * 24 * time.Hour
	// MaxOverdueAfter is the longest "overdue after" the settings accept.
	MaxOverdueAfter = 7 * 24 * time.Hour
	// MaxLead is the longest lead time before a deadline the settings accept.
	MaxLead = 24 * time.Hour
)

// NotifyWindow bounds what PlanNotifications can act on at any time from now until the next
// local midnight, on a plan whose notifications began at since (the zero time: long ago): a
// step that does not repeat and is due outside [from, to) raises no notification, counts
// towards nothing and is no wake-up before then; a completion before doneFrom is celebrated
// no more and only counts towards a streak. The bounds leave a day of margin, for all-day
// steps and a change of zone. A process that keeps only what is inside reads the plan again
// when the day turns.
func NotifyWindow(now, since time.Time, loc *time.Location) (from, to, doneFrom time.Time) {
	if loc == nil {
		loc = time.Local
	}
	doneFrom = now.Add(-Lookback)
	if since.After(doneFrom) {
		doneFrom = since
	}
	y, m, d := now.In(loc).Date()
	// The overdue nudge of a step due before from would come before the plan's cut-off;
	// the "due soon" of one due after the day after tomorrow comes after tomorrow's midnight
	// (the lead is at most a day), and tomorrow's steps are the next morning reminder's.
	from = doneFrom.Add(-MaxOverdueAfter - 24*time.Hour)
	to = time.Date(y, m, d+3, 0, 0, 0, 0, loc)
	return from, to, doneFrom
}

// NotifySettings are the user's notification settings, with the zone and the moment the
// notifications began (nothing that happened earlier is ever announced).
type NotifySettings struct {
	Off          map[NotifyKind]bool // kinds switched off
	Lead         time.Duration       // how long before a deadline "due soon" comes
	OverdueAfter time.Duration       // how long after a deadline the one overdue nudge comes
	QuietOn      bool
	QuietFrom    int // minutes after midnight; quiet hours may wrap past midnight
	QuietTo      int
	MorningAt    int // minutes after midnight: the first routine anchor
	ReviewDay    time.Weekday
	ReviewAt     int // minutes after midnight
	Since        time.Time
	Location     *time.Location
	// Locale writes the times and dates in the notifications' text; like Location it comes
	// from the process, not from storage.
	Locale Locale
}

// DefaultNotifySettings are the settings before the user changes any.
func DefaultNotifySettings() NotifySettings {
	return NotifySettings{
		Off: map[NotifyKind]bool{}, Lead: 15 * time.Minute, OverdueAfter: time.Hour,
		QuietOn: true, QuietFrom: 22 * 60, QuietTo: 7 * 60, MorningAt: 8*60 + 30,
		ReviewDay: time.Sunday, ReviewAt: 17 * 60, Location: time.Local,
	}
}

// Enabled reports whether notifications of kind k are switched on.
func (s NotifySettings) Enabled(k NotifyKind) bool { return !s.Off[k] }

// The settings keys, as stored.
const (
	SettingNotifyOff     = "notify.off"      // comma-separated kinds
	SettingNotifyLead    = "notify.lead_min" // minutes
	SettingNotifyOverdue = "notify.overdue_min"
	SettingQuietOn       = "notify.quiet"      // "1" or "0"
	SettingQuietFrom     = "notify.quiet_from" // HH:MM
	SettingQuietTo       = "notify.quiet_to"
	SettingMorningAt     = "notify.morning_at" // HH:MM, the first routine anchor
	SettingReviewDay     = "notify.review_day" // 0 = Sunday … 6 = Saturday
	SettingReviewAt      = "notify.review_at"  // HH:MM
)

// ParseNotifySettings reads the stored values over the defaults. A value that does not parse
// keeps its default: a damaged setting must never stop the notifications.
func ParseNotifySettings(v map[string]string) NotifySettings {
	s := DefaultNotifySettings()
	if off, ok := v[SettingNotifyOff]; ok {
		for _, k := range strings.Split(off, ",") {
			if k = strings.TrimSpace(k); k != "" {
				s.Off[NotifyKind(k)] = true
			}
		}
	}
	minutes := func(key string, d *time.Duration, max int) {
		if n, err := strconv.Atoi(v[key]); err == nil && n >= 0 && n <= max {
			*d = time.Duration(n) * time.Minute
		}
	}
	minutes(SettingNotifyLead, &s.Lead, int(MaxLead/time.Minute))
	minutes(SettingNotifyOverdue, &s.OverdueAfter, int(MaxOverdueAfter/time.Minute))
	clock := func(key string, m *int) {
		if h, mi, ok, err := ParseClock(v[key]); ok && err == nil {
			*m = h*60 + mi
		}
	}
	clock(SettingQuietFrom, &s.QuietFrom)
	clock(SettingQuietTo, &s.QuietTo)
	clock(SettingMorningAt, &s.MorningAt)
	clock(SettingReviewAt, &s.ReviewAt)
	if q, ok := v[SettingQuietOn]; ok {
		s.QuietOn = q == "1"
	}
	if d, err := strconv.Atoi(v[SettingReviewDay]); err == nil && d >= 0 && d <= 6 {
		s.ReviewDay = time.Weekday(d)
	}
	return s
}

// Values are the settings as stored (everything but Since and Location).
func (s NotifySettings) Values() map[string]string {
	var off []string
	for _, k := range NotifyKinds {
		if s.Off[k] {
			off = append(off, string(k))
		}
	}
	b := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	return map[string]string{
		SettingNotifyOff:     strings.Join(off, ","),
		SettingNotifyLead:    strconv.Itoa(int(s.Lead / time.Minute)),
		SettingNotifyOverdue: strconv.Itoa(int(s.OverdueAfter / time.Minute)),
		SettingQuietOn:       b(s.QuietOn),
		SettingQuietFrom:     FormatClock(s.QuietFrom),
		SettingQuietTo:       FormatClock(s.QuietTo),
		SettingMorningAt:     FormatClock(s.MorningAt),
		SettingReviewDay:     strconv.Itoa(int(s.ReviewDay)),
		SettingReviewAt:      FormatClock(s.ReviewAt),
	}
}

// FormatClock writes minutes after midnight as HH:MM.
func FormatClock(m int) string {
	return strconv.Itoa(m/600) + strconv.Itoa(m/60%10) + ":" + strconv.Itoa(m%60/10) + strconv.Itoa(m%10)
}

// quiet reports whether the local time t falls in the quiet hours and, if so, when they end.
func (s NotifySettings) quiet(t time.Time) (bool, time.Time) {
	if !s.QuietOn || s.QuietFrom == s.QuietTo {
		return false, time.Time{}
	}
	lt := t.In(s.Location)
	m := lt.Hour()*60 + lt.Minute()
	y, mo, d := lt.Date()
	switch {
	case s.QuietFrom < s.QuietTo && m >= s.QuietFrom && m < s.QuietTo,
		s.QuietFrom > s.QuietTo && m < s.QuietTo:
	case s.QuietFrom > s.QuietTo && m >= s.QuietFrom:
		d++ // the quiet hours end tomorrow morning
	default:
		return false, time.Time{}
	}
	return true, time.Date(y, mo, d, s.QuietTo/60, s.QuietTo%60, 0, 0, s.Location)
}

// Notification is one thing to tell the user. Key identifies it for good: the persisted log
// of keys is what makes every notification go out exactly once.
type Notification struct {
	Kind   NotifyKind
	Key    string
	GoalID int64 // the micro-goal it is about, zero for none
	Title  string
	Body   string
	At     time.Time // when it came due (after quiet hours held it back)
	Urgent bool
	// Silent marks a notification of a kind that is switched off: it is logged as handled
	// and never shown, so switching the kind on again later does not bring up old ones.
	Silent bool
	// Covers are the keys a summary stands for; they are logged with it.
	Covers []string
}

// SentLog is the set of notification keys already handled.
type SentLog map[string]bool

// PlanNotifications is the scheduler's whole decision, pure: given the plan, the settings, the
// log of what was already handled and the time now, it returns what should go out now and
// when the next thing falls due (the zero time when nothing is scheduled). A notification is
// never returned again once its key is in sent, whatever the clock does; what came due more
// than StaleAfter ago is folded into one summary.
func PlanNotifications(goals []MicroGoal, objectives []Objective, s NotifySettings, sent SentLog, now time.Time) (fire []Notification, next time.Time) {
	if s.Location == nil {
		s.Location = time.Local
	}
	if s.Off == nil {
		s.Off = map[NotifyKind]bool{}
	}
	p := planner{s: s, sent: sent, now: now, cutoff: now.Add(-Lookback), buf: make([]byte, 0, 64)}
	if s.Since.After(p.cutoff) {
		p.cutoff = s.Since
	}
	loc := s.Location
	ln := now.In(loc)
	y, mo, d := ln.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, loc)
	tomorrow := time.Date(y, mo, d+1, 0, 0, 0, 0, loc)
	dayAfter := time.Date(y, mo, d+2, 0, 0, 0, 0, loc)
	todayNum := dayNumber(ln)

	var dueToday, openToday, openTomorrow, doneToday int
	var lastDoneToday time.Time
	var firstDoneToday time.Time
	var todayTitles []string
	winDays := map[int]bool{}
	for i := range goals {
		g := &goals[i]
		if g.HasDue() {
			due := g.Due // midnight of the day for an all-day step, the instant otherwise
			switch {
			case !due.Before(today) && due.Before(tomorrow):
				if g.Status != StatusDropped {
					dueToday++
				}
				switch g.Status {
				case StatusOpen:
					openToday++
					if len(todayTitles) < 3 {
						todayTitles = append(todayTitles, g.Title)
					}
				case StatusDone:
					doneToday++
					if g.DoneAt.After(lastDoneToday) {
						lastDoneToday = g.DoneAt
					}
				}
			case !due.Before(tomorrow) && due.Before(dayAfter) && g.Status == StatusOpen:
				openTomorrow++
			}
		}
		switch g.Status {
		case StatusOpen:
			if g.HasDue() {
				p.deadlines(g)
			}
		case StatusDone:
			if g.DoneAt.IsZero() {
				continue
			}
			if !g.DoneAt.Before(today) && g.DoneAt.Before(tomorrow) && (firstDoneToday.IsZero() || g.DoneAt.Before(firstDoneToday)) {
				firstDoneToday = g.DoneAt
			}
			if now.Sub(g.DoneAt) < StreakLookback {
				winDays[dayNumber(g.DoneAt.In(loc))] = true
			}
			if g.DoneAt.Before(p.cutoff) {
				continue
			}
			// Each occurrence of a repeating step is a win of its own, celebrated once.
			doneKey := func(k NotifyKind) func([]byte) []byte {
				if id, dueMs := OccurrenceKey(*g); dueMs != 0 {
					return func(b []byte) []byte { return appendDueKey(b, k, id, dueMs) }
				}
				return func(b []byte) []byte { return appendIDKey(b, k, g.ID) }
			}
			if g.Horizon == HorizonWeek {
				p.consider(KindWeekly, g.DoneAt, doneKey(KindWeekly), func(n *Notification) {
					n.GoalID, n.Title, n.Body = g.ID, tr("Weekly target reached: {{.Title}}", "Title", g.Title), tr("A whole week's target, done. Well played.")
				})
			} else {
				p.consider(KindDone, g.DoneAt, doneKey(KindDone), func(n *Notification) {
					n.GoalID, n.Title, n.Body = g.ID, tr("Done: {{.Title}}", "Title", g.Title), tr("One more small step on the path.")
				})
			}
		}
	}

	for i := range objectives {
		o := &objectives[i]
		if o.Status != ObjectiveAchieved || o.AchievedAt.IsZero() {
			continue
		}
		p.consider(KindObjective, o.AchievedAt, func(b []byte) []byte { return appendIDKey(b, KindObjective, o.ID) }, func(n *Notification) {
			n.Title, n.Body = tr("Objective achieved: {{.Title}}", "Title", o.Title), tr("You did what you set out to do. Take a moment to celebrate.")
		})
	}

	dayKey := func(k NotifyKind, day time.Time) func([]byte) []byte {
		return func(b []byte) []byte { return day.AppendFormat(append(append(b, k...), ':'), "2006-01-02") }
	}
	// All of today's milestones done.
	if dueToday > 0 && doneToday == dueToday {
		p.consider(KindAllDone, lastDoneToday, dayKey(KindAllDone, today), func(n *Notification) {
			n.Title, n.Body = tr("All of today's milestones are done"), trN(doneToday, "{{.Count}} milestone done today. Enjoy the rest of the day.", "{{.Count}} milestones done today. Enjoy the rest of the day.")
		})
	}
	// The morning plan reminder: today's, and tomorrow's as the next wake-up.
	morning := time.Date(y, mo, d, s.MorningAt/60, s.MorningAt%60, 0, 0, loc)
	if openToday > 0 {
		body := strings.Join(todayTitles, " · ")
		if openToday > len(todayTitles) {
			body += " …"
		}
		p.consider(KindMorning, morning, dayKey(KindMorning, today), func(n *Notification) {
			n.Title, n.Body = trN(openToday, "Today's plan: {{.Count}} milestone", "Today's plan: {{.Count}} milestones"), body
		})
	}
	if openTomorrow > 0 {
		p.future(KindMorning, time.Date(y, mo, d+1, s.MorningAt/60, s.MorningAt%60, 0, 0, loc), dayKey(KindMorning, tomorrow))
	}
	// The weekly review: this week's occurrence, and the next one as a wake-up.
	back := (int(ln.Weekday()) - int(s.ReviewDay) + 7) % 7
	review := time.Date(y, mo, d-back, s.ReviewAt/60, s.ReviewAt%60, 0, 0, loc)
	reviewDay := time.Date(y, mo, d-back, 0, 0, 0, 0, loc)
	p.consider(KindReview, review, dayKey(KindReview, reviewDay), func(n *Notification) {
		n.Title, n.Body = tr("Time for the weekly review"), tr("What was done, what remains, what to adjust — and the wins to celebrate.")
	})
	nextReviewDay := time.Date(y, mo, d-back+7, 0, 0, 0, 0, loc)
	p.future(KindReview, time.Date(y, mo, d-back+7, s.ReviewAt/60, s.ReviewAt%60, 0, 0, loc), dayKey(KindReview, nextReviewDay))
	// A streak milestone, reached by today's first win.
	if winDays[todayNum] {
		streak := 0
		for winDays[todayNum-streak] {
			streak++
		}
		for _, m := range StreakMilestones {
			if m == streak {
				p.consider(KindStreak, firstDoneToday, func(b []byte) []byte {
					b = strconv.AppendInt(append(append(b, KindStreak...), ':'), int64(streak), 10)
					return today.AppendFormat(append(b, ':'), "2006-01-02")
				}, func(n *Notification) {
					n.Title, n.Body = trN(streak, "{{.Count}} day in a row", "{{.Count}} days in a row"), trN(streak, "A streak of {{.Count}} day with at least one micro-goal done. Keep it going.", "A streak of {{.Count}} days with at least one micro-goal done. Keep it going.")
				})
			}
		}
	}
	return p.finish()
}

// planner collects the decision of PlanNotifications.
type planner struct {
	s      NotifySettings
	sent   SentLog
	now    time.Time
	cutoff time.Time
	fire   []Notification
	stale  []Notification
	next   time.Time
	buf    []byte // the key being looked up
}

// deadlines considers the due soon, due now and overdue notifications of an open step.
func (p *planner) deadlines(g *MicroGoal) {
	due := g.DueInstant(p.s.Location)
	dueMs := due.UnixMilli()
	overdue := due.Add(p.s.OverdueAfter)
	if g.DueHasTime {
		// Once the deadline has passed, "due soon" has nothing left to say, and "due now"
		// gives way to the overdue nudge once that is due.
		if p.s.Lead > 0 && p.now.Before(due) {
			p.consider(KindDueSoon, due.Add(-p.s.Lead), func(b []byte) []byte { return appendDueKey(b, KindDueSoon, g.ID, dueMs) }, func(n *Notification) {
				// The time left when it is sent: a step added 2 minutes before its deadline
				// is due in 2 minutes, not in the lead time.
				from := n.At
				if p.now.After(from) {
					from = p.now
				}
				// Rounded: a loop that wakes a few milliseconds after the lead time still has
				// the lead time left, in words.
				mins := int(due.Sub(from).Round(time.Minute) / time.Minute)
				n.GoalID, n.Title = g.ID, tr("Due in {{.Left}}: {{.Title}}", "Left", FormatMinutes(mins), "Title", g.Title)
				if mins < 1 {
					n.Title = tr("Due in less than a minute: {{.Title}}", "Title", g.Title)
				}
				n.Body = tr("Due at {{.Time}}.", "Time", p.s.Locale.Time(due.In(p.s.Location)))
				if g.DoneWhen != "" {
					n.Body += " " + tr("Done when: {{.Text}}", "Text", g.DoneWhen)
				}
			})
		}
		if p.now.Before(overdue) || p.s.OverdueAfter == 0 {
			p.consider(KindDueNow, due, func(b []byte) []byte { return appendDueKey(b, KindDueNow, g.ID, dueMs) }, func(n *Notification) {
				n.GoalID, n.Title, n.Body = g.ID, tr("Due now: {{.Title}}", "Title", g.Title), tr("Its deadline is {{.Time}}.", "Time", p.s.Locale.Time(due.In(p.s.Location)))
			})
		}
	}
	if p.s.OverdueAfter > 0 {
		p.consider(KindOverdue, overdue, func(b []byte) []byte { return appendDueKey(b, KindOverdue, g.ID, dueMs) }, func(n *Notification) {
			n.GoalID, n.Title = g.ID, tr("Overdue: {{.Title}}", "Title", g.Title)
			n.Body = tr("It was due {{.Date}}. Finish it, reschedule it or drop it with a reason.", "Date", p.s.Locale.DateTime(due.In(p.s.Location)))
		})
	}
}

// consider decides about one candidate that came (or comes) due at t.
// Keys are built into a reused buffer and looked up without turning them into strings (the
// compiler does not allocate for m[string(b)]): the plan runs over every step each time the
// loop wakes, and most candidates are already in the log.
func (p *planner) consider(kind NotifyKind, t time.Time, key func([]byte) []byte, fill func(*Notification)) {
	if t.Before(p.cutoff) {
		return
	}
	at := p.hold(kind, t)
	if at.After(p.now) {
		if p.s.Enabled(kind) && (p.next.IsZero() || at.Before(p.next)) {
			if p.buf = key(p.buf[:0]); !p.sent[string(p.buf)] {
				p.next = at
			}
		}
		return
	}
	if p.buf = key(p.buf[:0]); p.sent[string(p.buf)] {
		return
	}
	k := string(p.buf)
	n := Notification{Kind: kind, Key: k, At: at, Urgent: kind.Urgent()}
	fill(&n)
	switch {
	case !p.s.Enabled(kind):
		n.Silent = true
		p.fire = append(p.fire, n)
	case p.now.Sub(at) > StaleAfter:
		p.stale = append(p.stale, n)
	default:
		p.fire = append(p.fire, n)
	}
}

// future makes a candidate that cannot be due yet a wake-up time.
func (p *planner) future(kind NotifyKind, t time.Time, key func([]byte) []byte) {
	at := p.hold(kind, t)
	if at.After(p.now) && p.s.Enabled(kind) && (p.next.IsZero() || at.Before(p.next)) {
		if p.buf = key(p.buf[:0]); !p.sent[string(p.buf)] {
			p.next = at
		}
	}
}

// hold moves a non-urgent notification that falls in the quiet hours to their end.
func (p *planner) hold(kind NotifyKind, t time.Time) time.Time {
	if kind.Urgent() {
		return t
	}
	if q, end := p.s.quiet(t); q {
		return end
	}
	return t
}

func (p *planner) finish() ([]Notification, time.Time) {
	byTime := func(ns []Notification) {
		sort.Slice(ns, func(i, j int) bool {
			if !ns[i].At.Equal(ns[j].At) {
				return ns[i].At.Before(ns[j].At)
			}
			return ns[i].Key < ns[j].Key
		})
	}
	byTime(p.stale)
	switch len(p.stale) {
	case 0:
	case 1:
		p.fire = append(p.fire, p.stale[0])
	default:
		p.fire = append(p.fire, summarize(p.stale, p.now))
	}
	byTime(p.fire)
	return p.fire, p.next
}

// summarize folds what came due while the app was not running into one notification.
func summarize(stale []Notification, now time.Time) Notification {
	var deadlines, wins, reminders int
	var lines []string
	covers := make([]string, len(stale))
	for i, n := range stale {
		covers[i] = n.Key
		switch n.Kind {
		case KindDueSoon, KindDueNow, KindOverdue:
			deadlines++
		case KindMorning, KindReview:
			reminders++
		default:
			wins++
		}
		if len(lines) < 4 {
			lines = append(lines, n.Title)
		}
	}
	if len(stale) > len(lines) {
		lines = append(lines, "and "+strconv.Itoa(len(stale)-len(lines))+" more")
	}
	var parts []string
	if deadlines > 0 {
		parts = append(parts, trN(deadlines, "{{.Count}} deadline", "{{.Count}} deadlines"))
	}
	if reminders > 0 {
		parts = append(parts, trN(reminders, "{{.Count}} reminder", "{{.Count}} reminders"))
	}
	if wins > 0 {
		parts = append(parts, trN(wins, "{{.Count}} win", "{{.Count}} wins"))
	}
	return Notification{
		Kind: KindMissed, Key: string(KindMissed) + ":" + strconv.FormatInt(now.UnixMilli(), 10),
		Title: tr("While Microgoals was closed: {{.What}}", "What", strings.Join(parts, ", ")),
		Body:  strings.Join(lines, "\n"), At: now, Covers: covers,
	}
}

// appendDueKey appends the key of a deadline notification: kind, step and due instant (a new
// due date is a new deadline).
func appendDueKey(b []byte, k NotifyKind, id, dueMs int64) []byte {
	return strconv.AppendInt(append(appendIDKey(b, k, id), ':'), dueMs, 10)
}

// appendIDKey appends the key of a notification about one step or objective.
func appendIDKey(b []byte, k NotifyKind, id int64) []byte {
	return strconv.AppendInt(append(append(b, k...), ':'), id, 10)
}

// dayNumber numbers local calendar days consecutively, whatever their length.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Unix() / 86400)
}

func plural(n int, word string) string { return Plural(n, word) }

// Plural writes a count with its noun: "1 step", "3 steps", "0 days", "2 entries".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if len(word) > 1 && strings.HasSuffix(word, "y") && !strings.ContainsAny(word[len(word)-2:len(word)-1], "aeiou") {
		return strconv.Itoa(n) + " " + word[:len(word)-1] + "ies"
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// MaxNotifyTitle and MaxNotifyBody cap the text handed to the desktop's notifier.
const (
	MaxNotifyTitle = 100
	MaxNotifyBody  = 400
)

// CleanNotifyText makes user text safe for a desktop notification: control and format
// characters become spaces (a newline is kept only when keepLines), runs of spaces collapse,
// the text is capped at max runes, and a leading '-' is replaced by a look-alike so that no
// notifier that takes its text as command-line arguments reads it as an option. Angle
// brackets and ampersands become look-alikes too, so nothing can become markup on servers
// that parse it.
func CleanNotifyText(s string, max int, keepLines bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "�")
	}
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		switch {
		case r == '\n' && keepLines:
			b.WriteRune('\n')
			space = false
			n++
			continue
		case joiner(r):
			// Part of the character before it: "👨‍👩‍👧" is one family, not three people.
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
				n++
			}
			space = true
			continue
		case r == '<':
			r = '‹'
		case r == '>':
			r = '›'
		case r == '&':
			r = '＆'
		}
		space = false
		b.WriteRune(r)
		n++
	}
	out := strings.TrimSpace(b.String())
	if utf8.RuneCountInString(out) > max {
		out = strings.TrimSpace(TruncateRunes(out, max-1)) + "…"
	}
	if strings.HasPrefix(out, "-") {
		out = "‐" + out[1:] // U+2010 HYPHEN: looks the same, is never an option
	}
	return out
}

// joiner reports whether r is a format character that holds text together rather than one
// that could hide or reorder it: the zero-width joiner and non-joiner (emoji sequences, Persian
// and Indic words), the left-to-right, right-to-left and Arabic letter marks, and the tag
// characters of subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿). Variation selectors (U+FE0F) are marks, not format
// characters, and are kept as they are.
func joiner(r rune) bool {
	switch {
	case r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	case r >= 0xE0020 && r <= 0xE007F:
		return true
	}
	return false
}

// TruncateRunes cuts s to at most n runes without splitting a user-perceived character: a
// cluster such as "👨‍👩‍👧" or "é" written as e and an accent is kept whole or left out.
func TruncateRunes(s string, n int) string {
	count, end := 0, 0
	g := graphemes.FromString(s)
	for g.Next() {
		c := utf8.RuneCountInString(g.Value())
		if count+c > n {
			break
		}
		count += c
		end = g.End()
	}
	return s[:end]
}

// OpenDueOn counts the open micro-goals due on the local day of t (timed or all-day): the
// count the tray shows as today's.
func OpenDueOn(goals []MicroGoal, t time.Time, loc *time.Location) int {
	lt := t.In(loc)
	y, m, d := lt.Date()
	from, to := time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	n := 0
	for i := range goals {
		g := &goals[i]
		if g.Status == StatusOpen && g.HasDue() && !g.Due.Before(from) && g.Due.Before(to) {
			n++
		}
	}
	return n
}
