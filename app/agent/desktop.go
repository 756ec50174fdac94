package agent

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gen2brain/beeep"
	"github.com/godbus/dbus/v5"

	"github.com/microgoals/microgoals/resources"
)

// NoBusAddress is what DBUS_SESSION_BUS_ADDRESS is set to when the session has no bus: a
// socket path that cannot exist, so every D-Bus client in the process fails at once instead
// of autolaunching a bus.
const NoBusAddress = "unix:path=/nonexistent/microgoals-no-session-bus"

// PreventBusAutolaunch keeps this process, and what it starts, from autolaunching a D-Bus
// session bus. With DBUS_SESSION_BUS_ADDRESS unset and no bus at $XDG_RUNTIME_DIR/bus,
// godbus's SessionBus() (used by beeep, Fyne's portal code and the tray) runs
// `dbus-launch --autolaunch`, which starts a dbus-daemon bound to the X display that outlives
// the app, and that daemon in turn activates at-spi-bus-launcher. Call it first in main.
func PreventBusAutolaunch() {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if fi, err := os.Stat(filepath.Join(dir, "bus")); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return // the systemd user bus: godbus finds it itself
		}
	}
	os.Setenv("DBUS_SESSION_BUS_ADDRESS", NoBusAddress)
}

// HaveBus reports whether a session bus address is known (not the one that cannot exist).
func HaveBus() bool { return os.Getenv("DBUS_SESSION_BUS_ADDRESS") != NoBusAddress }

// TrayHostPresent reports whether a status-notifier host (a tray) listens on the session bus.
func TrayHostPresent() bool {
	if !HaveBus() {
		return false
	}
	conn, err := dbus.SessionBus()
	if err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var has bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}

// Desktop sends notifications through beeep with the app's name and icon.
type Desktop struct {
	once sync.Once
	icon string
}

// Send shows one notification on the desktop.
func (d *Desktop) Send(title, body string) error {
	d.once.Do(func() {
		beeep.AppName = "Microgoals" // the name the desktop shows for our notifications
		d.icon = writeNotifyIcon()
	})
	return beeep.Notify(title, body, d.icon)
}

// writeNotifyIcon puts the app icon where the notification service can read it, and returns
// its path ("" when it cannot: the notification then goes without an icon). A path, not the
// PNG bytes: beeep would send the 512-pixel image over D-Bus as raw pixels every time.
func writeNotifyIcon() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	p := filepath.Join(dir, "microgoals", "icon.png")
	if b, err := os.ReadFile(p); err == nil && len(b) == len(resources.IconPNG) {
		return p
	}
	if os.MkdirAll(filepath.Dir(p), 0o700) != nil || os.WriteFile(p, resources.IconPNG, 0o600) != nil {
		return ""
	}
	return p
}

// oneLine makes s safe as one line of the local protocol.
func oneLine(s string) string { return strings.NewReplacer("\n", " ", "\r", " ").Replace(s) }
