package app

import (
	"encoding/json"
	"log"

	"fyne.io/fyne/v2/lang"
)

// draftsSetting is the settings key under which the detail panel's drafts are kept in the
// plan's file, so that an edit left invalid survives a restart.
const draftsSetting = "detail.drafts"

// flushPendingEdit saves the detail panel's pending edit when it is valid, or keeps it in the
// file as a draft when it is not (as selecting another row does), so that no way out of the app
// loses an edit. Every quit path goes through it: Ctrl+Q and the tray's Quit (quit), the
// window's close button (closeWindow), and SIGTERM, SIGINT and any other Quit of the app
// (the lifecycle hook Run installs). It reports whether an edit was pending; it does not redraw
// the window (a quit has no need to), the caller reloads when the window stays.
func (u *UI) flushPendingEdit() bool {
	if !u.built() || u.detail == nil {
		return false
	}
	return u.detail.flush()
}

// flush is flushPendingEdit for the panel.
func (d *detail) flush() bool {
	if d.key == "" || !d.dirty || !d.exists(d.key) {
		return false
	}
	if d.valid() && d.saveKey(d.key) {
		if _, had := d.drafts[d.key]; had {
			delete(d.drafts, d.key)
			d.persistDrafts()
		}
		d.dirty = false
		return true
	}
	d.keepDraft()
	return true
}

// keepDraft stores what the form holds as the row's draft, in memory and in the file.
func (d *detail) keepDraft() {
	draft := map[string]string{}
	for name, f := range d.fieldsFor(d.key) {
		draft[name] = f.text()
		if f.toDraft != nil {
			draft[name] = f.toDraft(f.text())
		}
	}
	d.drafts[d.key] = draft
	d.persistDrafts()
}

// persistDrafts writes the drafts to the file (or removes them when there are none left).
func (d *detail) persistDrafts() {
	b, err := json.Marshal(d.drafts)
	if err != nil {
		log.Printf("keep the drafts: %v", err)
		return
	}
	if len(d.drafts) == 0 {
		b = []byte("{}")
	}
	if err := d.u.store.SetSetting(d.u.ctx(), draftsSetting, string(b)); err != nil {
		d.u.showError(lang.L("Could not keep your unsaved edits"), err)
	}
}

// loadDrafts reads the drafts a previous session left and returns the key of one of them
// ("" when there are none), so the window can open on it.
func (d *detail) loadDrafts() string {
	v, ok, err := d.u.store.Setting(d.u.ctx(), draftsSetting)
	if err != nil || !ok {
		if err != nil {
			log.Printf("read the drafts: %v", err)
		}
		return ""
	}
	drafts := map[string]map[string]string{}
	if err := json.Unmarshal([]byte(v), &drafts); err != nil {
		log.Printf("read the drafts: %v", err)
		return ""
	}
	first := ""
	for key, draft := range drafts {
		d.drafts[key] = draft
		if first == "" || key < first {
			first = key
		}
	}
	return first
}
