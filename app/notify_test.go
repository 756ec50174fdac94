package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/microgoals/microgoals/model"
)

// desk records what the notifier hands to the desktop, or fails like a desktop without a
// notification service.
type desk struct {
	mu    sync.Mutex
	sent  []string // "title | body"
	fail  error
	block chan struct{}
}

func (d *desk) send(title, body string) error {
	if d.block != nil {
		<-d.block
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.fail != nil {
		return d.fail
	}
	d.sent = append(d.sent, title+" | "+body)
	return nil
}

func (d *desk) got() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.sent...)
}

// startNotifier gives the harness's window a notifier that sends to d, with its settings and
// log loaded from the file as the app's loop does; step() then runs one round of the loop.
func startNotifier(h *harness, d *desk) *notifier {
	h.t.Helper()
	n := h.u.notify
	n.SetDesktop(d.send, 0)
	if err := n.Load(); err != nil {
		h.t.Fatal(err)
	}
	return n
}

func count(xs []string, sub string) int {
	c := 0
	for _, x := range xs {
		if strings.Contains(x, sub) {
			c++
		}
	}
	return c
}

func TestMarkingDoneCelebratesExactlyOnceAcrossRestarts(t *testing.T) {
	h := newHarness(t)
	d := &desk{}
	n := startNotifier(h, d)
	seed(h, "Run a half marathon in under 2 hours", "Run 5 km easy on Monday", "Book the race entry")
	n.Step()
	if len(d.got()) != 0 {
		t.Fatalf("sent before anything happened: %q", d.got())
	}

	test.Tap(h.row("Book the race entry").status)
	n.Step()
	if got := d.got(); len(got) != 1 || got[0] != "Done: Book the race entry | One more small step on the path." {
		t.Fatalf("after marking done: %q", got)
	}
	// The window is open: the win shows in its banner as well.
	h.mustSee("Done: Book the race entry")

	// Reopen and mark done again, step again: no second celebration.
	test.Tap(h.row("Book the race entry").status)
	test.Tap(h.row("Book the race entry").status)
	n.Step()
	n.Step()
	if got := d.got(); len(got) != 1 {
		t.Fatalf("celebrated again: %q", got)
	}

	// A restart on the same file: a fresh notifier with the log from the file sends nothing.
	h.reopen()
	d2 := &desk{}
	n2 := startNotifier(h, d2)
	n2.Step()
	if got := d2.got(); len(got) != 0 {
		t.Fatalf("after restart: %q", got)
	}
}

func TestDeadlineTitlesAreCleanedBeforeSending(t *testing.T) {
	h := newHarness(t)
	d := &desk{}
	seed(h, "Ship the release", "Write notes")
	g := h.storedGoal("Write notes")
	g.Title = "-rf <b>Write</b> notes & co"
	g.Due, g.DueHasTime = clock.Add(20*time.Minute), true
	if _, err := h.st.UpdateGoal(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	n := startNotifier(h, d)
	if next := n.Step(); !next.Equal(clock.Add(5 * time.Minute)) {
		t.Fatalf("the loop would sleep until %v", next)
	}
	// The loop wakes 5 minutes after the lead time: the notification says the time really left.
	n.SetClock(func() time.Time { return clock.Add(10 * time.Minute) })
	n.Step()
	got := d.got()
	if len(got) != 1 {
		t.Fatalf("sent %q", got)
	}
	if !strings.HasPrefix(got[0], "Due in 10 min: -rf ‹b›Write‹/b› notes ＆ co |") || strings.ContainsAny(got[0], "<>&") {
		t.Fatalf("sent %q", got[0])
	}
}

func TestWithoutANotificationServiceTheBannerShowsItAndSettingsSayWhy(t *testing.T) {
	h := newHarness(t)
	d := &desk{fail: errors.New(`beeep: dbus: exec: "dbus-launch": executable file not found in $PATH; notify-send: exec: "notify-send": executable file not found in $PATH`)}
	seed(h, "Ship the release", "Write the release notes")
	g := h.storedGoal("Write the release notes")
	g.Due, g.DueHasTime = clock.Add(20*time.Minute), true
	if _, err := h.st.UpdateGoal(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	n := startNotifier(h, d)
	n.SetClock(func() time.Time { return clock.Add(5 * time.Minute) })
	n.Step()
	h.mustSee("Due in 15 min: Write the release notes")
	st, err := h.st.LoadNotifyState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(st.Unavailable, "there is no D-Bus session bus and notify-send is not installed") {
		t.Fatalf("recorded reason: %q", st.Unavailable)
	}
	if !st.Sent["due-soon:"+itoa(g.ID)+":"+itoa(g.Due.UnixMilli())] {
		t.Fatalf("not logged: %v", st.Sent)
	}
	h.u.messageBx.Hide()
	h.u.openSettings()
	h.mustSee("Desktop notifications are unavailable")
	h.mustSee("there is no D-Bus session bus")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestAHangingNotifierIsTimeBoxed(t *testing.T) {
	h := newHarness(t)
	d := &desk{block: make(chan struct{})}
	defer close(d.block)
	n := startNotifier(h, d)
	// The time box is long enough that "did not wait for it again" stays measurable under
	// -race on a loaded machine (a 50 ms bound once failed at 54 ms).
	n.SetDesktop(d.send, time.Second)
	start := time.Now()
	n.show("Stretch", "Two minutes", false)
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("show took %v", el)
	}
	h.mustSee("Stretch — Two minutes")
	// The next one does not wait again for the stuck service.
	h.u.messageBx.Hide()
	start = time.Now()
	n.show("Drink water", "Now", false)
	if el := time.Since(start); el > 500*time.Millisecond {
		t.Fatalf("second show took %v: it waited for the stuck service again", el)
	}
	h.mustSee("Drink water — Now")
	if !strings.Contains(n.unavailableReason(), "has not answered") {
		t.Fatalf("reason %q", n.unavailableReason())
	}
}

func TestCelebrateGoesThroughTheNotifier(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the release", "Write notes")
	// Before the notifier runs: the banner only.
	h.u.celebrate("Sprint finished", "25 minutes on Write notes")
	h.mustSee("Sprint finished")
	d := &desk{}
	startNotifier(h, d)
	h.u.messageBx.Hide()
	h.u.celebrate("Sprint finished", "Another 25 minutes")
	deadline := time.Now().Add(2 * time.Second)
	for len(d.got()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := d.got(); len(got) != 1 || got[0] != "Sprint finished | Another 25 minutes" {
		t.Fatalf("sent %q", got)
	}
	h.mustSee("Another 25 minutes")
}

func TestSettingsDialogSavesAndUndoes(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the release", "Write notes")
	startNotifier(h, &desk{})
	f, d := h.u.openSettings()
	h.mustSee("Celebrate a streak (3, 7, 14, 30 … days)")
	h.mustSee("Desktop notifications: sent through")
	f.kinds[model.KindStreak].SetChecked(false)
	f.lead.SetText("30")
	f.quietFrom.SetText("23:15")
	f.reviewDay.SetSelectedIndex(5)
	d.Submit()
	st, err := h.st.LoadNotifyState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := st.Settings
	if !s.Off[model.KindStreak] || s.Lead != 30*time.Minute || s.QuietFrom != 23*60+15 || s.ReviewDay != time.Friday {
		t.Fatalf("stored settings: %+v", s)
	}
	if cur := h.u.notify.currentSettings(); cur.Lead != 30*time.Minute {
		t.Fatalf("the loop still plans with lead %v", cur.Lead)
	}
	// A time that does not parse cannot be saved.
	f, d = h.u.openSettings()
	f.morning.SetText("25:99")
	if f.morning.Validate() == nil {
		t.Fatal("25:99 was accepted")
	}
	d.Hide()

	h.u.undoLast()
	st, _ = h.st.LoadNotifyState(context.Background())
	if st.Settings.Lead != 15*time.Minute || st.Settings.Off[model.KindStreak] {
		t.Fatalf("after undo: %+v", st.Settings)
	}
}

func TestWhatCameDueWhileClosedIsOneNotificationAtStart(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the release", "Write the notes", "Tag the build", "Announce it")
	for i, title := range []string{"Write the notes", "Tag the build", "Announce it"} {
		g := h.storedGoal(title)
		g.Due, g.DueHasTime = clock.Add(-time.Duration(4-i)*time.Hour), true
		if _, err := h.st.UpdateGoal(context.Background(), g); err != nil {
			t.Fatal(err)
		}
	}
	// The app last ran five hours ago: notifications began then.
	if err := h.st.SetSetting(context.Background(), "notify.since", strconv.FormatInt(clock.Add(-5*time.Hour).UnixMilli(), 10)); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	d := &desk{}
	n := startNotifier(h, d)
	n.Step()
	got := d.got()
	if len(got) != 1 || !strings.HasPrefix(got[0], "While Microgoals was closed:") || count(got, "Tag the build") != 1 {
		t.Fatalf("at start: %q", got)
	}
	n.Step()
	h.reopen()
	d2 := &desk{}
	startNotifier(h, d2).Step()
	if len(d.got())+len(d2.got()) != 1 {
		t.Fatalf("summary repeated: %q %q", d.got(), d2.got())
	}
}

// The loop says when its first pass is done (the app then hands start-up memory back), and
// only once the plan is there to plan with.
func TestTheLoopSaysWhenItHasPlannedOnce(t *testing.T) {
	h := newHarness(t)
	seed(h, "Ship the release", "Write the notes")
	n := h.u.notify
	n.SetDesktop((&desk{}).send, 0)
	n.Forget()
	n.Start(0)
	t.Cleanup(n.Stop)
	select {
	case <-n.Planned():
		t.Fatal("planned before the plan was handed to the loop")
	case <-time.After(200 * time.Millisecond):
	}
	n.update(h.u.data)
	select {
	case <-n.Planned():
	case <-time.After(5 * time.Second):
		t.Fatal("the loop never said it had planned")
	}
}
