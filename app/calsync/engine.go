package calsync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/microgoals/microgoals/model"
	"github.com/microgoals/microgoals/storage"
)

// The settings sync keeps in the database (never exported: "sync." is local to a machine).
const (
	SettingURL   = "sync.url"   // the server address the user typed
	SettingUser  = "sync.user"  // the user name
	SettingList  = "sync.list"  // the task list's URL
	SettingName  = "sync.name"  // the task list's name
	SettingLast  = "sync.last"  // when the last sync ended (RFC 3339)
	SettingState = "sync.state" // the last sync's result, in words
	settingToken = "sync.token" // the collection's sync token after the last sync
	settingCTag  = "sync.ctag"  // its CTag, for servers without sync tokens
)

// tagsStoredLocally says whether storage keeps a step's tags (it does since issue 13's
// migration). Were it false, the server's CATEGORIES would pass through untouched.
const tagsStoredLocally = true

// Engine syncs one database with one task list.
type Engine struct {
	Store   *storage.Store
	Account Account // Account.URL is the task list's URL
	// Now is the clock for DTSTAMP and the sync time; nil means time.Now.
	Now func() time.Time
	// Loc is the user's time zone for all-day dates; nil means time.Local. It must be the
	// store's zone.
	Loc *time.Location
	// Inbox is the title of the objective that collects other apps' tasks without a parent.
	Inbox string
	// Progress, when set, hears how far a sync is; it is called on the syncing goroutine.
	Progress func(Progress)
}

// Progress is how far a sync has come.
type Progress struct {
	Phase       string // "Checking", "Receiving", "Sending"
	Done, Total int
}

// Result is what one sync did.
type Result struct {
	At        time.Time
	Took      time.Duration
	Received  int // items added or changed here
	Sent      int // items added or changed on the server
	Deleted   int // items deleted on the server
	Trashed   int // items moved to the trash here
	Conflicts int // fields changed on both sides
	Problems  []string
}

// String says what a sync did, in words.
func (r Result) String() string {
	var parts []string
	add := func(n int, text string) {
		if n > 0 {
			parts = append(parts, text)
		}
	}
	add(r.Received, model.TextN(r.Received, "{{.Count}} change received", "{{.Count}} changes received"))
	add(r.Sent, model.TextN(r.Sent, "{{.Count}} change sent", "{{.Count}} changes sent"))
	add(r.Deleted, model.TextN(r.Deleted, "{{.Count}} deletion sent", "{{.Count}} deletions sent"))
	add(r.Trashed, model.TextN(r.Trashed, "{{.Count}} step moved to the trash", "{{.Count}} items moved to the trash"))
	add(r.Conflicts, model.TextN(r.Conflicts, "{{.Count}} conflict resolved (see the decision log)", "{{.Count}} conflicts resolved (see the decision log)"))
	s := model.Text("Up to date")
	if len(parts) > 0 {
		s = model.Text("Synced: {{.Changes}}", "Changes", strings.Join(parts, ", "))
	}
	for _, p := range r.Problems {
		s = model.Text("{{.Result}}. {{.Problem}}", "Result", s, "Problem", p)
	}
	return s
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Engine) loc() *time.Location {
	if e.Loc != nil {
		return e.Loc
	}
	return time.Local
}

func (e *Engine) progress(phase string, done, total int) {
	if e.Progress != nil {
		e.Progress(Progress{Phase: phase, Done: done, Total: total})
	}
}

// remoteItem is one task read from the server.
type remoteItem struct {
	Item
	Href, ETag, Data string
	depth            int
}

// Sync runs one two-way sync: it receives the server's changes since the last sync (merging
// them with local ones field by field), then sends the local changes waiting in the outbox.
// Every received change is stored in its own transaction; a sync that fails before it has
// read the server's changes completely changes nothing here.
func (e *Engine) Sync(ctx context.Context) (Result, error) {
	start := e.now()
	res := Result{At: start}
	coll, err := url.Parse(e.Account.URL)
	if err != nil || coll.Host == "" {
		return res, &Error{Kind: ErrOther, Msg: model.Text("No task list is chosen: set one up in Settings → Sync.")}
	}
	if !strings.HasSuffix(coll.Path, "/") {
		coll.Path += "/"
	}
	d := &dav{http: e.Account.client(), collection: coll}
	e.progress("Checking", 0, 0)
	token, _, err := e.Store.Setting(ctx, settingToken)
	if err != nil {
		return res, err
	}
	ctag, _, err := e.Store.Setting(ctx, settingCTag)
	if err != nil {
		return res, err
	}
	// After the first sync, ask only for what this server has: its sync token, else its CTag.
	st, err := d.state(ctx, token != "" || ctag == "", token == "")
	if err != nil {
		return res, err
	}
	if !st.IsCalendar {
		return res, &Error{Kind: ErrNotFound, Msg: model.Text("{{.Path}} is not a calendar collection: choose or create a task list in Settings → Sync.", "Path", coll.Path)}
	}
	if len(st.Components) > 0 && !contains(st.Components, "VTODO") {
		return res, &Error{Kind: ErrNoTasks, Msg: model.Text("The calendar {{.Path}} holds {{.Components}} but not tasks (VTODO): choose or create a task list in Settings → Sync.", "Path", coll.Path, "Components", strings.Join(st.Components, ", "))}
	}
	pending, err := e.Store.SyncPendingCount(ctx)
	if err != nil {
		return res, err
	}
	unchanged := (st.SyncToken != "" && token == st.SyncToken) || (st.SyncToken == "" && st.CTag != "" && ctag == st.CTag)
	if !unchanged {
		newToken, err := e.pull(ctx, d, st, token, &res)
		if err != nil {
			return res, err
		}
		if err := e.Store.SetSettings(ctx, map[string]string{settingToken: newToken, settingCTag: st.CTag}); err != nil {
			return res, err
		}
	}
	if pending > 0 || !unchanged {
		if err := e.push(ctx, d, &res); err != nil {
			return res, err
		}
	}
	if res.Sent+res.Deleted > 0 && st.SyncToken == "" {
		// Without sync tokens, our own writes change the CTag: remember the new one, or the
		// next sync would list everything again.
		if after, err := d.state(ctx, false, true); err == nil {
			if err := e.Store.SetSetting(ctx, settingCTag, after.CTag); err != nil {
				return res, err
			}
		}
	}
	res.Took = e.now().Sub(start)
	return res, nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// pull receives the server's changes and returns the sync token to keep.
func (e *Engine) pull(ctx context.Context, d *dav, st collectionState, token string, res *Result) (string, error) {
	var changes []change
	complete := true // the listing names every member (not only the changes)
	newToken := ""
	if st.SyncToken != "" {
		var err error
		changes, newToken, err = d.syncCollection(ctx, token)
		if errors.Is(err, errTokenExpired) {
			changes, newToken, err = d.syncCollection(ctx, "")
		} else if err == nil && token != "" {
			complete = false
		}
		if errors.Is(err, errSyncUnsupported) {
			changes, err = d.listETags(ctx)
			newToken, complete = "", true
		}
		if err != nil {
			return "", err
		}
	} else {
		var err error
		if changes, err = d.listETags(ctx); err != nil {
			return "", err
		}
	}
	records, err := e.Store.SyncRecords(ctx)
	if err != nil {
		return "", err
	}
	var fetch []string
	removed := map[string]storage.SyncRecord{}
	listed := map[string]bool{}
	for _, c := range changes {
		listed[c.Href] = true
		rec, known := records[c.Href]
		switch {
		case c.Removed:
			if known {
				removed[c.Href] = rec
			}
		case known && c.ETag != "" && rec.ETag == c.ETag:
		default:
			fetch = append(fetch, c.Href)
		}
	}
	if complete {
		for href, rec := range records {
			if !listed[href] && rec.ETag != "" {
				removed[href] = rec
			}
		}
	}
	e.progress("Receiving", 0, len(fetch)+len(removed))
	got, err := d.multiGet(ctx, fetch)
	if err != nil {
		return "", err
	}
	// Everything is read and parsed before anything is stored: a server that fails half-way
	// leaves the plan as it was.
	var items []remoteItem
	for _, f := range got {
		cal, err := Decode([]byte(f.Data))
		if err != nil {
			res.Problems = append(res.Problems, model.Text("Skipped {{.Item}}: it is not valid iCalendar ({{.Error}})", "Item", path1(f.Href), "Error", err))
			continue
		}
		it, ok, err := FromICal(cal, e.loc())
		if err != nil {
			res.Problems = append(res.Problems, model.Text("Skipped {{.Item}}: {{.Error}}", "Item", path1(f.Href), "Error", err))
			continue
		}
		if !ok {
			continue
		}
		items = append(items, remoteItem{Item: it, Href: f.Href, ETag: f.ETag, Data: f.Data})
	}
	orderParentsFirst(items)
	inbox, _, err := e.Store.Setting(ctx, storage.SyncSettingInbox)
	if err != nil {
		return "", err
	}
	done := 0
	for _, it := range items {
		if err := e.receive(ctx, it, inbox, res); err != nil {
			return "", err
		}
		if inbox == "" {
			if inbox, _, err = e.Store.Setting(ctx, storage.SyncSettingInbox); err != nil {
				return "", err
			}
		}
		done++
		e.progress("Receiving", done, len(fetch)+len(removed))
	}
	hrefs := make([]string, 0, len(removed))
	for h := range removed {
		hrefs = append(hrefs, h)
	}
	sort.Strings(hrefs)
	for _, h := range hrefs {
		rec := removed[h]
		if _, err := e.Store.SyncApply(ctx, storage.SyncChange{Record: rec, Trash: true}); err != nil {
			return "", err
		}
		res.Trashed++
		done++
		e.progress("Receiving", done, len(fetch)+len(removed))
	}
	return newToken, nil
}

func path1(href string) string {
	if i := strings.LastIndexByte(strings.TrimSuffix(href, "/"), '/'); i >= 0 {
		return href[i+1:]
	}
	return href
}

// orderParentsFirst sorts objectives first, then each step after the step it hangs under.
func orderParentsFirst(items []remoteItem) {
	byUID := map[string]int{}
	for i, it := range items {
		byUID[it.UID] = i
	}
	for i := range items {
		n, uid := 0, items[i].Fields[fParent]
		for seen := 0; uid != "" && seen < len(items); seen++ {
			j, ok := byUID[uid]
			if !ok {
				break
			}
			n++
			uid = items[j].Fields[fParent]
		}
		if items[i].Fields[fKind] == storage.SyncObjective {
			n = -1
		}
		items[i].depth = n
	}
	sort.SliceStable(items, func(a, b int) bool { return items[a].depth < items[b].depth })
}

// decodeBase reads a record's last-agreed fields.
func decodeBase(s string) Fields {
	f := Fields{}
	if s != "" {
		_ = json.Unmarshal([]byte(s), &f)
	}
	return f
}

func encodeFields(f Fields) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// localFields are a local item's fields, with what storage does not keep taken from base.
func localFields(l storage.SyncLocal, inbox string, base Fields, loc *time.Location) Fields {
	f := LocalFields(l, inbox, loc)
	if !tagsStoredLocally && l.Kind == storage.SyncGoal {
		delete(f, fTags)
		if base[fTags] != "" {
			f[fTags] = base[fTags]
		}
	}
	return f
}

// receive stores one task from the server, merged with the local change it may meet.
func (e *Engine) receive(ctx context.Context, it remoteItem, inbox string, res *Result) error {
	local, exists, err := e.Store.SyncLocalByUUID(ctx, it.UID)
	if err != nil {
		return err
	}
	rec, hasRec, err := e.Store.SyncRecord(ctx, it.UID)
	if err != nil {
		return err
	}
	base := Fields{}
	if hasRec {
		base = decodeBase(rec.Base)
	}
	merged, conflicts := it.Fields, []storage.SyncConflict(nil)
	modified := it.Modified
	created := it.Created
	if exists && local.Gen != 0 {
		lf := localFields(local, inbox, base, e.loc())
		if local.Trashed {
			// Deleted here while changed there: the change wins, so nothing is lost; the
			// decision log says so.
			conflicts = append(conflicts, storage.SyncConflict{Field: model.SyncFieldDeleted})
		} else {
			merged, conflicts = Merge(base, lf, it.Fields, localUpdated(local), it.Modified)
		}
		if localUpdated(local).After(modified) {
			modified = localUpdated(local)
		}
	}
	if exists && created.IsZero() {
		created = localCreated(local)
	}
	if modified.IsZero() {
		modified = e.now()
	}
	l := merged.ToLocal(it.UID, created, modified, e.loc())
	if exists && l.Kind == storage.SyncGoal && !tagsStoredLocally {
		l.Goal.Tags = nil
	}
	queued := !equalFields(merged, it.Fields)
	_, err = e.Store.SyncApply(ctx, storage.SyncChange{
		Record: storage.SyncRecord{UUID: it.UID, Href: it.Href, ETag: it.ETag, Base: encodeFields(it.Fields), Raw: it.Data},
		Local:  l, Queued: queued, Conflicts: conflicts, Inbox: e.Inbox,
	})
	if err != nil {
		var ve *storage.ValidationError
		if errors.As(err, &ve) {
			res.Problems = append(res.Problems, model.Text("Skipped “{{.Title}}”: {{.Error}}", "Title", it.Fields[fTitle], "Error", ve))
			return nil
		}
		return err
	}
	res.Received++
	res.Conflicts += len(conflicts)
	return nil
}

func localUpdated(l storage.SyncLocal) time.Time {
	if l.Kind == storage.SyncObjective {
		return l.Objective.UpdatedAt
	}
	return l.Goal.UpdatedAt
}

func localCreated(l storage.SyncLocal) time.Time {
	if l.Kind == storage.SyncObjective {
		return l.Objective.CreatedAt
	}
	return l.Goal.CreatedAt
}

func equalFields(a, b Fields) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// fieldLabels name the fields in the decision log.
var fieldLabels = map[string]string{
	fTitle: "Title", fParent: "Parent", fPosition: "Position", fOutcome: "Expected outcome", fDoneWhen: "Done when",
	fDue: "Due", fHorizon: "Horizon", fStage: "Stage", fStatus: "Status", fEstimate: "Estimate (minutes)",
	fMetricKind: "Metric", fMetricUnit: "Metric unit", fMetricTarget: "Metric target", fOwner: "Owner",
	fPartner: "Partner", fDoneAt: "Done at", fDroppedAt: "Dropped at", fDropReason: "Drop reason",
	fAnchor: "Routine anchor", fRepeat: "Repeat", fTags: "Tags", fWhy: "Why", fTarget: "Target date",
	fAchievedAt: "Achieved at",
}

// Merge is the three-way merge of one item: a field changed on one side only takes that
// side's value; a field changed on both sides to different values takes the value of the side
// changed later (remote on a tie), and the other value is returned as a conflict. Timestamps
// that merely follow a status (done at, dropped at) are not reported as conflicts of their own.
func Merge(base, local, remote Fields, localAt, remoteAt time.Time) (Fields, []storage.SyncConflict) {
	out := Fields{}
	keys := map[string]bool{}
	for _, f := range []Fields{base, local, remote} {
		for k := range f {
			keys[k] = true
		}
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	var conflicts []storage.SyncConflict
	remoteWins := !localAt.After(remoteAt)
	for _, k := range names {
		b, l, r := base[k], local[k], remote[k]
		var v string
		switch {
		case l == r, l == b:
			v = r
		case r == b:
			v = l
		default:
			kept, lost := l, r
			if remoteWins {
				kept, lost = r, l
			}
			v = kept
			if k != fDoneAt && k != fDroppedAt && k != fAchievedAt && k != fPosition {
				label := fieldLabels[k]
				if label == "" {
					label = k
				}
				conflicts = append(conflicts, storage.SyncConflict{Field: label, Kept: kept, Lost: lost})
			}
		}
		if v != "" {
			out[k] = v
		}
	}
	return out, conflicts
}

// push sends the outbox.
func (e *Engine) push(ctx context.Context, d *dav, res *Result) error {
	queued, err := e.Store.SyncOutbox(ctx)
	if err != nil {
		return err
	}
	inbox, _, err := e.Store.Setting(ctx, storage.SyncSettingInbox)
	if err != nil {
		return err
	}
	e.progress("Sending", 0, len(queued))
	for i, l := range queued {
		if err := e.send(ctx, d, l, inbox, res); err != nil {
			return err
		}
		e.progress("Sending", i+1, len(queued))
	}
	return nil
}

// send sends one queued local change, merging first when the server's copy changed since.
func (e *Engine) send(ctx context.Context, d *dav, l storage.SyncLocal, inbox string, res *Result) error {
	if inbox != "" && l.UUID == inbox {
		// The inbox objective is this machine's way of showing other apps' tasks.
		return e.Store.SyncUnqueue(ctx, l.Kind, l.LocalID, l.Gen)
	}
	rec, hasRec, err := e.Store.SyncRecord(ctx, l.UUID)
	if err != nil {
		return err
	}
	if l.Trashed {
		if !hasRec {
			return e.Store.SyncUnqueue(ctx, l.Kind, l.LocalID, l.Gen)
		}
		err := d.remove(ctx, rec.Href, rec.ETag)
		if errors.Is(err, errPrecondition) {
			// Changed there since: the deletion still goes through, and the step keeps its
			// last local version in this machine's trash.
			err = d.remove(ctx, rec.Href, "")
		}
		if err != nil {
			return err
		}
		res.Deleted++
		return e.Store.SyncSent(ctx, rec, l.Gen, true)
	}
	base := Fields{}
	if hasRec {
		base = decodeBase(rec.Base)
	}
	f := localFields(l, inbox, base, e.loc())
	if hasRec && equalFields(f, base) {
		return e.Store.SyncUnqueue(ctx, l.Kind, l.LocalID, l.Gen)
	}
	href := d.collection.Path + l.UUID + ".ics"
	etag, raw := "", ""
	if hasRec {
		href, etag, raw = rec.Href, rec.ETag, rec.Raw
	}
	for attempt := 0; ; attempt++ {
		var template = decodeTemplate(raw)
		it := Item{UID: l.UUID, Fields: f, Created: localCreated(l), Modified: localUpdated(l)}
		data, err := Encode(ToICal(it, template, e.now()))
		if err != nil {
			return fmt.Errorf("write “%s” as iCalendar: %w", f[fTitle], err)
		}
		newTag, err := d.put(ctx, href, etag, data)
		if err == nil {
			res.Sent++
			return e.Store.SyncSent(ctx, storage.SyncRecord{UUID: l.UUID, Kind: l.Kind, LocalID: l.LocalID, Href: href,
				ETag: newTag, Base: encodeFields(f), Raw: string(data)}, l.Gen, false)
		}
		if !errors.Is(err, errPrecondition) || attempt >= 3 {
			return err
		}
		// The server's copy changed (or, after an interrupted sync, already exists): read
		// it, merge, store the merge here, and send it again against the new ETag.
		remote, rtag, ok, err := d.get(ctx, href)
		if err != nil {
			return err
		}
		if !ok {
			etag, raw = "", ""
			continue
		}
		cal, err := Decode(remote)
		if err != nil {
			return &Error{Kind: ErrServer, Msg: model.Text("The server's copy of “{{.Title}}” is not valid iCalendar ({{.Error}}); it was left as it is.", "Title", f[fTitle], "Error", err)}
		}
		rit, isTask, err := FromICal(cal, e.loc())
		if err != nil || !isTask {
			return &Error{Kind: ErrServer, Msg: model.Text("The server's copy of “{{.Title}}” cannot be read as a task; it was left as it is.", "Title", f[fTitle])}
		}
		if err := e.receive(ctx, remoteItem{Item: rit, Href: href, ETag: rtag, Data: string(remote)}, inbox, res); err != nil {
			return err
		}
		res.Received--
		fresh, ok, err := e.Store.SyncLocalByUUID(ctx, l.UUID)
		if err != nil || !ok {
			return err
		}
		l = fresh
		f = localFields(l, inbox, rit.Fields, e.loc())
		if equalFields(f, rit.Fields) {
			return nil
		}
		etag, raw = rtag, string(remote)
		if l.Gen == 0 {
			return nil
		}
	}
}

func decodeTemplate(raw string) *icalCalendar {
	if raw == "" {
		return nil
	}
	cal, err := Decode([]byte(raw))
	if err != nil {
		return nil
	}
	return cal
}

func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}
