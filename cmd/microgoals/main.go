// Command microgoals is the Microgoals desktop planner: it reads its flags, opens the plan's
// SQLite file and starts the window.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"

	"github.com/microgoals/microgoals/app"
	"github.com/microgoals/microgoals/app/calsync"
	"github.com/microgoals/microgoals/storage"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	dbPath := flag.String("db", "", "the plan's SQLite `file` (created if absent; default: "+defaultPath()+")")
	showVersion := flag.Bool("version", false, "print the version and exit")
	syncNow := flag.Bool("sync-now", false, "sync the plan with its CalDAV task list (set up in Settings → Sync), print the result and exit: status 0 when it synced, 1 when it failed")
	flag.Parse()
	if *showVersion {
		fmt.Println("microgoals", version)
		return
	}
	path := *dbPath
	if path == "" {
		path = defaultPath()
	}
	store, err := storage.Open(path, storage.Options{BackgroundCheck: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "microgoals:", err)
		app.ShowOpenError(err)
		os.Exit(1)
	}
	if *syncNow {
		code := syncOnce(store)
		store.Close()
		os.Exit(code)
	}
	defer store.Close()
	app.Run(store, app.Config{Version: version})
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
