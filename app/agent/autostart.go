package agent

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/microgoals/microgoals/model"
)

// AutostartFile is the name of the XDG autostart entry that starts the agent at login. `make
// install` and the Debian package install one under the same name; a user's entry of that name
// in ~/.config/autostart overrides a system one (Hidden=true switches it off).
const AutostartFile = "io.github.microgoals.Microgoals-background.desktop"

// SettingAutostartDecided records that "Start at login" was set once (by the user, or switched
// on by default when the first plan was made), so the default is not applied again.
const SettingAutostartDecided = "agent.autostart_decided"

func configHome() string {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return d
	}
	h, _ := os.UserHomeDir()
	return filepath.Join(h, ".config")
}

func configDirs() []string {
	dirs := os.Getenv("XDG_CONFIG_DIRS")
	if dirs == "" {
		dirs = "/etc/xdg"
	}
	return filepath.SplitList(dirs)
}

// UserAutostartPath is the user's autostart entry.
func UserAutostartPath() string { return filepath.Join(configHome(), "autostart", AutostartFile) }

// hidden reports whether the entry at path exists and is switched off (Hidden=true).
func readEntry(path string) (exists, hidden bool) {
	f, err := os.Open(path)
	if err != nil {
		return false, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "Hidden=true" || l == "X-GNOME-Autostart-enabled=false" {
			hidden = true
		}
	}
	return true, hidden
}

// AutostartEnabled reports whether the agent starts at login: the user's entry decides when
// there is one, else a system-wide one (the Debian package's).
func AutostartEnabled() bool {
	if ok, hidden := readEntry(UserAutostartPath()); ok {
		return !hidden
	}
	for _, d := range configDirs() {
		if ok, hidden := readEntry(filepath.Join(d, "autostart", AutostartFile)); ok {
			return !hidden
		}
	}
	return false
}

func systemEntry() bool {
	for _, d := range configDirs() {
		if ok, _ := readEntry(filepath.Join(d, "autostart", AutostartFile)); ok {
			return true
		}
	}
	return false
}

// AutostartEntry is the entry that starts exe's agent on dbPath ("" for the default plan).
func AutostartEntry(exe, dbPath string) string {
	q := func(s string) string {
		if strings.ContainsAny(s, " \t\"'\\$`") {
			return `"` + strings.NewReplacer(`\`, `\\\\`, `"`, `\"`, "$", `\$`, "`", "\\`").Replace(s) + `"`
		}
		return s
	}
	execLine := q(exe) + " --background"
	if dbPath != "" {
		execLine += " --db " + q(dbPath)
	}
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		desktopKey("Name", "Microgoals reminders", func(l string) string { return trIn(l, "Microgoals reminders") }) +
		desktopKey("Comment", "Reminders and the tray icon of Microgoals, without the window",
			func(l string) string { return trIn(l, "Reminders and the tray icon of Microgoals, without the window") }) +
		"Exec=" + execLine + "\n" +
		"Icon=io.github.microgoals.Microgoals\n" +
		"Terminal=false\n" +
		"NoDisplay=true\n" +
		"X-GNOME-Autostart-enabled=true\n"
}

// SetAutostart writes the user's entry that starts the agent at login, or removes it (writing
// Hidden=true instead when a system-wide entry would still start it).
func SetAutostart(on bool, exe, dbPath string) error {
	p := UserAutostartPath()
	if !on {
		if systemEntry() {
			return writeEntry(p, "[Desktop Entry]\nType=Application\nName=Microgoals reminders\nHidden=true\n")
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove the login entry: %w", err)
		}
		return nil
	}
	return writeEntry(p, AutostartEntry(exe, dbPath))
}

func writeEntry(p, text string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write the login entry: %w", err)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return fmt.Errorf("write the login entry: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write the login entry: %w", err)
	}
	return nil
}

// desktopKey is a key of the login entry in English and in each translated language
// (Name[de]=…): the desktop's list of login items shows it in the user's language.
func desktopKey(key, english string, in func(lang string) string) string {
	out := key + "=" + english + "\n"
	for _, l := range model.SupportedLanguages {
		if v := in(l); l != model.LangEnglish && v != "" && v != english {
			out += key + "[" + l + "]=" + v + "\n"
		}
	}
	return out
}
