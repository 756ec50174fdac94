package agent

import (
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
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
