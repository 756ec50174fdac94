// Command microgoals is the Microgoals desktop planner: it reads its flags, opens the plan's
// SQLite file and starts the window.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"

	"github.com/microgoals/microgoals/app"
	"github.com/microgoals/microgoals/storage"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	dbPath := flag.String("db", "", "the plan's SQLite `file` (created if absent; default: "+defaultPath()+")")
	showVersion := flag.Bool("version", false, "print the version and exit")
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
	defer store.Close()
	app.Run(store, app.Config{Version: version})
}

// defaultPath is the plan in the user's data directory: $XDG_DATA_HOME/microgoals on Linux,
// Application Support on macOS, AppData on Windows.
func defaultPath() string {
	return filepath.Join(xdg.DataHome, "microgoals", "microgoals.db")
}
