// Command microgoals is the Microgoals desktop planner: it reads its flags, opens the plan's
// SQLite file and starts the window, or with --background the agent that keeps reminders and
// the tray icon going without a window.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"

	"github.com/microgoals/microgoals/app"
	"github.com/microgoals/microgoals/app/agent"
	"github.com/microgoals/microgoals/app/calsync"
	"github.com/microgoals/microgoals/storage"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	dbPath := flag.String("db", "", "the plan's SQLite `file` (created if absent; default: "+defaultPath()+")")
	showVersion := flag.Bool("version", false, "print the version and exit")
	syncNow := flag.Bool("sync-now", false, "sync the plan with its CalDAV task list (set up in Settings → Sync), print the result and exit: status 0 when it synced, 1 when it failed")
	background := flag.Bool("background", false, "run the reminders and the tray icon without the window (one per plan)")
	quickAdd := flag.Bool("quick-add", false, "open with the cursor in the quick-add box")
	flag.Parse()
	if *showVersion {
		fmt.Println("microgoals", version)
		return
	}
	path := *dbPath
	if path == "" {
		path = defaultPath()
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	// Before anything touches D-Bus: no session bus must not mean a bus of our own that
	// outlives us.
	agent.PreventBusAutolaunch()
	if *background {
		os.Exit(agent.Run(agent.Options{DBPath: path}))
	}
	if *syncNow { // no window: it may run while one is open on the same plan
		store, err := storage.Open(path, storage.Options{BackgroundCheck: true})
		if err != nil {
			app.LoadTranslations()
			fmt.Fprintln(os.Stderr, "microgoals:", storage.Explain(err))
			os.Exit(1)
		}
		// The result in the language chosen in the window's settings.
		lang, _, _ := store.Setting(context.Background(), storage.SettingLanguage)
		app.LoadTranslationsIn(lang)
		code := syncOnce(store)
		store.Close()
		os.Exit(code)
	}
	// One window per plan: a second start brings the open one to the front instead.
	inst, err := agent.Claim(agent.RoleWindow, path)
	if errors.Is(err, agent.ErrRunning) {
		msg := agent.MsgRaise
		if *quickAdd {
			msg = agent.MsgQuickAdd
		}
		if _, err := agent.Send(agent.RoleWindow, path, msg, 3*time.Second); err == nil {
			return
		}
		fmt.Fprintln(os.Stderr, "microgoals: a window is already open on this plan but does not answer:", err)
		os.Exit(1)
	}
	if err != nil {
		log.Printf("microgoals: %v (starting without the single-instance check)", err)
		inst = nil
	}
	store, err := storage.Open(path, storage.Options{BackgroundCheck: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "microgoals:", err)
		app.ShowOpenError(err)
		os.Exit(1)
	}
	err = app.Run(store, app.Config{Version: version, Instance: inst, QuickAdd: *quickAdd})
	store.Close()
	if inst != nil {
		inst.Close()
	}
	if err != nil {
		// Exit status 3: the window system failed, not the plan (scripts can tell them apart).
		fmt.Fprintf(os.Stderr, "microgoals: %v. Is a desktop session running (DISPLAY=%q, WAYLAND_DISPLAY=%q)?\n",
			err, os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY"))
		os.Exit(3)
	}
}

// defaultPath is the plan in the user's data directory: $XDG_DATA_HOME/microgoals on Linux,
// Application Support on macOS, AppData on Windows.
func defaultPath() string {
	return filepath.Join(xdg.DataHome, "microgoals", "microgoals.db")
}

// syncOnce runs one sync without a window, for scripts and the command line.
func syncOnce(store *storage.Store) int {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	res, err := calsync.RunOnce(ctx, store, nil, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "microgoals: sync:", err)
		return 1
	}
	fmt.Println(res.String())
	return 0
}
