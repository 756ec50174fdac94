//go:build !(linux || freebsd || netbsd || openbsd)

package app

// trayHostPresent: macOS and Windows always have somewhere for the tray icon.
func trayHostPresent() bool { return true }
