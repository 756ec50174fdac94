package agent

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// TestAgentSpeaksTheDesktopLanguage: with LANGUAGE=de the tray's count and the model's
// notification texts come out in German, plural forms included, through go-i18n alone.
func TestAgentSpeaksTheDesktopLanguage(t *testing.T) {
	t.Setenv("LANGUAGE", "de")
	t.Setenv("LC_ALL", "")
	loadTranslations()
	t.Cleanup(func() {
		agentLocalizer.Store(nil)
		model.SetLocalizer(nil)
	})
	for n, want := range map[int]string{0: "Heute: nichts offen", 1: "Heute: 1 offenes Mikroziel", 3: "Heute: 3 offene Mikroziele"} {
		if got := countLabel(n); got != want {
			t.Errorf("countLabel(%d) = %q, want %q", n, got, want)
		}
	}
	if got := tr("Open Microgoals"); got != "Microgoals öffnen" {
		t.Errorf("the tray's Open item is %q", got)
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	g := model.NewMicroGoal(1, 0, "Call the dentist", now.Add(-time.Hour))
	g.ID, g.Due, g.DueHasTime = 1, now.Add(-2*time.Hour), true
	s := model.DefaultNotifySettings()
	s.Location, s.Since = time.UTC, now.Add(-24*time.Hour)
	fire, _ := model.PlanNotifications([]model.MicroGoal{g}, nil, s, model.SentLog{}, now)
	var titles []string
	for _, n := range fire {
		titles = append(titles, n.Title)
	}
	// Missed while the agent was not running: one summary, with German plural forms.
	if !strings.Contains(strings.Join(titles, "\n"), "Während Microgoals geschlossen war: 1 Frist, 1 Erinnerung") {
		t.Errorf("the notifications are %q, want the German summary of what was missed", titles)
	}
}

// TestAgentFollowsTheLanguageChosenInTheWindow runs the agent in a C.UTF-8 session on a plan
// whose file says the window chose German: the reminder and the reason why the desktop could
// not show it are German. The window then chooses French and tells the agent the plan
// changed: the next reminder and reason are French, without restarting the agent.
func TestAgentFollowsTheLanguageChosenInTheWindow(t *testing.T) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", "C.UTF-8")
	t.Cleanup(func() {
		agentLocalizer.Store(nil)
		model.SetLocalizer(nil)
	})
	st, o := plan(t)
	since(t, st)
	ctx := context.Background()
	if err := st.SetSetting(ctx, storage.SettingLanguage, model.LangGerman); err != nil {
		t.Fatal(err)
	}
	addDue(t, st, o, "Write the release notes", -time.Minute)
	// The desktop has no session bus, as beeep reports it.
	rec := &recorder{}
	send := func(title, body string) error {
		rec.send(title, body)
		return errors.New("dbus: dial unix /nonexistent/microgoals-no-session-bus: connect: no such file or directory")
	}
	done := make(chan int, 1)
	go func() { done <- Run(Options{DBPath: st.Path(), Send: send, NoTray: true}) }()
	defer func() {
		Send(RoleAgent, st.Path(), MsgQuit, time.Second)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("the agent did not quit")
		}
	}()
	unavailable := func() string {
		v, _, _ := st.Setting(ctx, storage.SettingNotifyUnavailable)
		return v
	}
	waitFor(t, "the German reminder", 10*time.Second, func() bool { return rec.count("fällig: Write the release notes | Fällig um ") == 1 })
	waitFor(t, "the German reason", 5*time.Second, func() bool {
		return strings.HasPrefix(unavailable(), "es gibt keinen D-Bus-Sitzungsbus (dbus: dial unix")
	})

	if err := st.SetSetting(ctx, storage.SettingLanguage, model.LangFrench); err != nil {
		t.Fatal(err)
	}
	addDue(t, st, o, "Tag the release", -time.Minute)
	if _, err := Send(RoleAgent, st.Path(), MsgChanged, time.Second); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the French reminder", 5*time.Second, func() bool { return rec.count("Tag the release | Échéance à ") == 1 })
	waitFor(t, "the French reason", 5*time.Second, func() bool {
		return strings.HasPrefix(unavailable(), "il n'y a pas de bus de session D-Bus (dbus: dial unix")
	})
	if n := rec.count("Tag the release"); n != 1 {
		t.Errorf("the second step was shown %d times: %q", n, rec.sent)
	}
}

// TestChosenLanguageSetsTheNotificationsDates: the locale the agent hands the scheduler
// writes dates in the chosen language, with the session's formats where it has a locale.
func TestChosenLanguageSetsTheNotificationsDates(t *testing.T) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", "C.UTF-8")
	loadTranslations()
	t.Cleanup(func() {
		agentLocalizer.Store(nil)
		model.SetLocalizer(nil)
	})
	day := time.Date(2026, 11, 21, 15, 4, 0, 0, time.UTC)
	for _, c := range []struct{ pref, want string }{{"system", "Sat 21 Nov"}, {"de", "Sa. 21. Nov."}, {"fr", "sam. 21 nov."}, {"es", "sáb 21 nov"}} {
		if got := useLanguage(c.pref).ShortDate(day); got != c.want {
			t.Errorf("%s: %q, want %q", c.pref, got, c.want)
		}
	}
	if got := tr("Open Microgoals"); got != "Abrir Microgoals" {
		t.Errorf("after choosing Spanish last, the tray's Open item is %q", got)
	}
}

// TestReloadHandsTheSchedulerTheChosenLocale: when the agent reads the plan again after the
// window chose French, the scheduler writes the notifications' dates in French from then on.
func TestReloadHandsTheSchedulerTheChosenLocale(t *testing.T) {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", "C.UTF-8")
	loadTranslations()
	t.Cleanup(func() {
		agentLocalizer.Store(nil)
		model.SetLocalizer(nil)
	})
	st, _ := plan(t)
	a := &Agent{opts: Options{DBPath: st.Path(), Now: time.Now, Location: time.UTC}, store: st, lang: readLanguage(st)}
	a.sched = NewScheduler(st, Config{Location: time.UTC, Locale: useLanguage(a.lang)})
	day := time.Date(2026, 11, 21, 15, 4, 0, 0, time.UTC)
	if err := a.reload(); err != nil {
		t.Fatal(err)
	}
	if got := a.sched.Settings().Locale.ShortDate(day); got != "Sat 21 Nov" {
		t.Errorf("before a choice: %q", got)
	}
	if err := st.SetSetting(context.Background(), storage.SettingLanguage, model.LangFrench); err != nil {
		t.Fatal(err)
	}
	if err := a.reload(); err != nil {
		t.Fatal(err)
	}
	if got := a.sched.Settings().Locale.ShortDate(day); got != "sam. 21 nov." {
		t.Errorf("after choosing French: %q", got)
	}
	if got := countLabel(2); got != "Aujourd'hui\u00a0: 2 micro-objectifs ouverts" {
		t.Errorf("the tray's count after choosing French: %q", got)
	}
}
