package calsync

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/zalando/go-keyring"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// keyringService names the passwords Microgoals keeps in the desktop's Secret Service.
const keyringService = "Microgoals CalDAV sync"

// PasswordEnv, when set, is the password a headless sync uses (--sync-now, scripts).
const PasswordEnv = "MICROGOALS_SYNC_PASSWORD"

// keyringTimeout bounds a question to the Secret Service: a desktop without one may leave
// D-Bus to time out slowly.
const keyringTimeout = 3 * time.Second

// secretKey names one account's password: the user at the server.
func secretKey(serverURL, user string) string { return user + "@" + serverURL }

// passwordFile is where the password is kept when no Secret Service answers: a file only the
// user can read, in the user's configuration directory.
func passwordFile() string {
	return filepath.Join(xdg.ConfigHome, "microgoals", "sync-password")
}

func withTimeout(fn func() error) error {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(keyringTimeout):
		return errors.New("the Secret Service did not answer")
	}
}

// SavePassword keeps the password of user at serverURL: in the desktop's keyring when its
// Secret Service answers, otherwise in a file readable only by the user. It returns where, in
// words the settings show.
func SavePassword(serverURL, user, password string) (string, error) {
	key := secretKey(serverURL, user)
	if err := withTimeout(func() error { return keyring.Set(keyringService, key, password) }); err == nil {
		os.Remove(passwordFile())
		return model.Text("The password is kept in the desktop's keyring."), nil
	}
	p := passwordFile()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", fmt.Errorf("keep the password: %w", err)
	}
	if err := os.WriteFile(p+".tmp", []byte(key+"\n"+password+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("keep the password: %w", err)
	}
	if err := os.Rename(p+".tmp", p); err != nil {
		return "", fmt.Errorf("keep the password: %w", err)
	}
	return model.Text("No desktop keyring answered: the password is kept in {{.Path}}, readable only by you.", "Path", p), nil
}

// LoadPassword returns the password of user at serverURL: from PasswordEnv, the keyring, or
// the file SavePassword wrote.
func LoadPassword(serverURL, user string) (string, error) {
	if pw := os.Getenv(PasswordEnv); pw != "" {
		return pw, nil
	}
	key := secretKey(serverURL, user)
	var pw string
	if err := withTimeout(func() error {
		var err error
		pw, err = keyring.Get(keyringService, key)
		return err
	}); err == nil {
		return pw, nil
	}
	data, err := os.ReadFile(passwordFile())
	if err != nil {
		return "", &Error{Kind: ErrAuth, Msg: model.Text("No password is saved for sync: enter it in Settings → Sync.")}
	}
	lines := strings.SplitN(string(data), "\n", 3)
	if len(lines) < 2 || lines[0] != key {
		return "", &Error{Kind: ErrAuth, Msg: model.Text("No password is saved for this account: enter it in Settings → Sync.")}
	}
	return lines[1], nil
}

// Settings is the sync set-up kept in the database.
type Settings struct {
	Server, User, List, ListName string
}

// LoadSettings reads the sync set-up; Configured reports whether a task list is chosen.
func LoadSettings(ctx context.Context, s *storage.Store) (Settings, error) {
	var st Settings
	for key, dst := range map[string]*string{SettingURL: &st.Server, SettingUser: &st.User, SettingList: &st.List, SettingName: &st.ListName} {
		v, _, err := s.Setting(ctx, key)
		if err != nil {
			return st, err
		}
		*dst = v
	}
	return st, nil
}

// Configured reports whether sync is set up.
func (s Settings) Configured() bool { return s.List != "" }

// SaveSettings stores the set-up; choosing another task list starts sync afresh.
func SaveSettings(ctx context.Context, store *storage.Store, st Settings) error {
	old, err := LoadSettings(ctx, store)
	if err != nil {
		return err
	}
	if err := store.SetSettings(ctx, map[string]string{SettingURL: st.Server, SettingUser: st.User, SettingList: st.List, SettingName: st.ListName}); err != nil {
		return err
	}
	if old.List != st.List {
		return store.SyncReset(ctx)
	}
	return nil
}

// Status is the last sync's time and result as kept in the database.
func Status(ctx context.Context, s *storage.Store) (at time.Time, result string, err error) {
	last, _, err := s.Setting(ctx, SettingLast)
	if err != nil {
		return at, "", err
	}
	result, _, err = s.Setting(ctx, SettingState)
	if last != "" {
		at, _ = time.Parse(time.RFC3339, last)
	}
	return at, result, err
}

// RunOnce syncs store with the task list its settings name, and records the time and the
// result (or the error, in words) for the status display.
func RunOnce(ctx context.Context, store *storage.Store, now func() time.Time, progress func(Progress)) (Result, error) {
	if now == nil {
		now = time.Now
	}
	st, err := LoadSettings(ctx, store)
	if err != nil {
		return Result{}, err
	}
	if !st.Configured() {
		return Result{}, &Error{Kind: ErrOther, Msg: model.Text("Sync is not set up: choose a server and a task list in Settings → Sync.")}
	}
	pw, err := LoadPassword(st.Server, st.User)
	var res Result
	if err == nil {
		e := &Engine{Store: store, Account: Account{URL: st.List, User: st.User, Password: pw}, Now: now, Progress: progress}
		res, err = e.Sync(ctx)
	}
	state := res.String()
	if err != nil {
		// In the language of the process that synced: the agent's is the one chosen in the window.
		state = model.Text("Failed: {{.Error}}", "Error", err.Error())
	}
	if serr := store.SetSettings(ctx, map[string]string{SettingLast: now().UTC().Format(time.RFC3339), SettingState: state}); serr != nil && err == nil {
		err = serr
	}
	return res, err
}
