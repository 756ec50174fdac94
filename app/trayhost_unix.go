//go:build linux || freebsd || netbsd || openbsd

package app

import (
	"context"
	"time"

	"github.com/godbus/dbus/v5"
)

// trayHostPresent reports whether a status-notifier host (the tray) is listening on the
// session bus: without one, a window hidden to the tray could never be brought back.
func trayHostPresent() bool {
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
