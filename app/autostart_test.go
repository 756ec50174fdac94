package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/app/agent"
)

// check is the visible check box labelled text, in the window or its overlays.
func (h *harness) check(text string) *widget.Check {
	h.t.Helper()
	roots := append([]fyne.CanvasObject{h.w.Content()}, h.w.Canvas().Overlays().List()...)
	for _, root := range roots {
		for _, o := range visible(root) {
			if c, ok := o.(*widget.Check); ok && c.Text == text {
				return c
			}
		}
	}
	h.t.Fatalf("no check box %q", text)
	return nil
}

func TestStartAtLoginInSettingsWritesAndRemovesTheEntry(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("XDG_CONFIG_DIRS", t.TempDir())
	entry := filepath.Join(home, "autostart", agent.AutostartFile)
	h := newHarness(t)
	seed(h, "Ship the release", "Write notes")

	// The first plan switches it on by default, once.
	h.u.defaultStartAtLogin()
	b, err := os.ReadFile(entry)
	if err != nil || !strings.Contains(string(b), " --background --db ") {
		t.Fatalf("no default login entry: %v\n%s", err, b)
	}

	h.u.openSettings()
	h.mustSee("Start at login")
	c := h.check("Start Microgoals' reminders and tray icon at login")
	if !c.Checked {
		t.Fatal("the check does not show the entry")
	}
	test.Tap(c)
	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Fatalf("unchecking left the entry: %v", err)
	}
	// The user's choice stands: the default is not applied again.
	h.u.defaultStartAtLogin()
	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Fatalf("the default came back: %v", err)
	}
	if v, _, _ := h.st.Setting(context.Background(), agent.SettingAutostartDecided); v != "1" {
		t.Fatalf("decided = %q", v)
	}
	test.Tap(c)
	if b, err := os.ReadFile(entry); err != nil || !strings.Contains(string(b), "Exec=") {
		t.Fatalf("checking wrote no entry: %v", err)
	}
}
