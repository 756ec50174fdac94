package app

import (
	"context"
	"log"
	"os"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/microgoals/microgoals/app/agent"
)

// startAtLoginItem is the Settings dialog's "Start at login" section: the check writes or
// removes the XDG autostart entry that starts the agent (reminders and the tray) at login, at
// once.
func (u *UI) startAtLoginItem() *widget.FormItem {
	c := widget.NewCheck(lang.L("Start Microgoals' reminders and tray icon at login"), nil)
	c.SetChecked(agent.AutostartEnabled())
	c.OnChanged = func(on bool) { u.setStartAtLogin(on) }
	it := widget.NewFormItem(lang.L("Start at login"), c)
	it.HintText = lang.L("Reminders come all day without the window; it opens from the tray")
	return it
}

func (u *UI) setStartAtLogin(on bool) {
	exe, err := os.Executable()
	if err != nil {
		u.showError(lang.L("Could not change the login entry"), err)
		return
	}
	if err := agent.SetAutostart(on, exe, u.store.Path()); err != nil {
		u.showError(lang.L("Could not change the login entry"), err)
		return
	}
	if err := u.store.SetSetting(u.ctx(), agent.SettingAutostartDecided, "1"); err != nil {
		log.Printf("start at login: %v", err)
	}
}

// defaultStartAtLogin switches "Start at login" on the first time the plan has an objective,
// unless the user (or an earlier run) decided already. It runs off the UI goroutine.
func (u *UI) defaultStartAtLogin() {
	st := u.currentStore()
	ctx := context.Background()
	if v, _, err := st.Setting(ctx, agent.SettingAutostartDecided); err != nil || v == "1" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	if !agent.AutostartEnabled() {
		if err := agent.SetAutostart(true, exe, st.Path()); err != nil {
			log.Printf("start at login: %v", err)
			return
		}
	}
	if err := st.SetSetting(ctx, agent.SettingAutostartDecided, "1"); err != nil {
		log.Printf("start at login: %v", err)
	}
}
