package calsync

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/xml"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/caldav"

	"github.com/microgoals/microgoals/model"
)

// The requests below are written by hand because go-webdav v0.6.0's CalDAV client has no
// sync-collection REPORT (RFC 6578; only its internal package has one), no If-Match or
// If-None-Match on PUT and DELETE, no MKCALENDAR, and its multi-get fails a whole batch when
// one object is not valid iCalendar. Discovery (principal, calendar home, the lists and the
// components they support) goes through go-webdav.

// dav is one server connection: the collection's URL and an HTTP client that signs in.
type dav struct {
	http       webdav.HTTPClient
	collection *url.URL
}

// ErrorKind says what went wrong with the server, so the window can say it in plain words.
type ErrorKind int

// The kinds of sync errors.
const (
	ErrOther ErrorKind = iota
	ErrAuth
	ErrUnreachable
	ErrCertificate
	ErrNotFound
	ErrNoTasks
	ErrServer
)

// Error is a sync failure with a message for the user.
type Error struct {
	Kind ErrorKind
	Msg  string
	Err  error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// classify turns a transport error into an Error the user can act on.
func classify(host string, err error) error {
	var se *Error
	if errors.As(err, &se) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return &Error{Kind: ErrOther, Msg: model.Text("Sync was cancelled."), Err: err}
	}
	var ue x509.UnknownAuthorityError
	var he x509.HostnameError
	var ce x509.CertificateInvalidError
	var ve *tls.CertificateVerificationError
	if errors.As(err, &ue) || errors.As(err, &he) || errors.As(err, &ce) || errors.As(err, &ve) {
		return &Error{Kind: ErrCertificate, Msg: model.Text("The certificate of {{.Server}} is not trusted ({{.Error}}). Check the address, or install the server's certificate.", "Server", host, "Error", err), Err: err}
	}
	var rh tls.RecordHeaderError
	if errors.As(err, &rh) {
		return &Error{Kind: ErrCertificate, Msg: model.Text("{{.Server}} does not speak HTTPS on that port: try http:// or another port.", "Server", host), Err: err}
	}
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	if errors.As(err, &oe) || errors.As(err, &de) || errors.As(err, &ne) {
		return &Error{Kind: ErrUnreachable, Msg: model.Text("Cannot reach {{.Server}}: the server is down, or the address is wrong, or this machine is offline.", "Server", host), Err: err}
	}
	return &Error{Kind: ErrOther, Msg: model.Text("Sync with {{.Server}} failed: {{.Error}}", "Server", host, "Error", err), Err: err}
}

// statusError turns an unexpected HTTP status into an Error.
func statusError(host, what string, resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	switch resp.StatusCode {
	case http.StatusUnauthorized:
		return &Error{Kind: ErrAuth, Msg: model.Text("{{.Server}} refused the user name or password.", "Server", host)}
	case http.StatusForbidden:
		return &Error{Kind: ErrAuth, Msg: model.Text("{{.Server}} does not let this user {{.Action}}.", "Server", host, "Action", what)}
	case http.StatusNotFound:
		return &Error{Kind: ErrNotFound, Msg: model.Text("The task list is not on {{.Server}} any more (404). Choose or create a task list in Settings → Sync.", "Server", host)}
	}
	msg := model.Text("{{.Server}} answered {{.Status}} to {{.Action}}", "Server", host, "Status", resp.Status, "Action", what)
	if s := strings.TrimSpace(string(body)); s != "" && len(s) < 200 && !strings.Contains(s, "<") {
		msg += ": " + s
	}
	return &Error{Kind: ErrServer, Msg: msg + "."}
}

func (d *dav) host() string { return d.collection.Host }

func (d *dav) resolve(href string) *url.URL {
	u, err := d.collection.Parse(href)
	if err != nil {
		return d.collection
	}
	return u
}

func (d *dav) do(ctx context.Context, method, target string, body []byte, hdr map[string]string) (*http.Response, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.resolve(target).String(), r)
	if err != nil {
		return nil, err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := d.http.Do(req)
	if err != nil {
		return nil, classify(d.host(), err)
	}
	return resp, nil
}

// multistatus is a WebDAV 207 body, as far as sync reads it.
type multistatus struct {
	Responses []struct {
		Href     string `xml:"DAV: href"`
		Status   string `xml:"DAV: status"`
		Propstat []struct {
			Status string `xml:"DAV: status"`
			Prop   struct {
				ETag         string `xml:"DAV: getetag"`
				CTag         string `xml:"http://calendarserver.org/ns/ getctag"`
				SyncToken    string `xml:"DAV: sync-token"`
				CalendarData string `xml:"urn:ietf:params:xml:ns:caldav calendar-data"`
				ResourceType struct {
					Calendar *struct{} `xml:"urn:ietf:params:xml:ns:caldav calendar"`
				} `xml:"DAV: resourcetype"`
				Components struct {
					Comps []struct {
						Name string `xml:"name,attr"`
					} `xml:"urn:ietf:params:xml:ns:caldav comp"`
				} `xml:"urn:ietf:params:xml:ns:caldav supported-calendar-component-set"`
			} `xml:"DAV: prop"`
		} `xml:"DAV: propstat"`
	} `xml:"DAV: response"`
	SyncToken string `xml:"DAV: sync-token"`
}

func (d *dav) multistatus(ctx context.Context, method, target, depth, body, what string) (*multistatus, *http.Response, error) {
	resp, err := d.do(ctx, method, target, []byte(xml.Header+body), map[string]string{"Depth": depth, "Content-Type": "application/xml; charset=utf-8"})
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusMultiStatus {
		return nil, resp, statusError(d.host(), what, resp)
	}
	var ms multistatus
	if err := xml.NewDecoder(resp.Body).Decode(&ms); err != nil {
		return nil, resp, &Error{Kind: ErrServer, Msg: model.Text("{{.Server}} sent an answer that is not valid WebDAV XML ({{.Error}}).", "Server", d.host(), "Error", err), Err: err}
	}
	return &ms, resp, nil
}

// collectionState is what one PROPFIND tells about the task list.
type collectionState struct {
	IsCalendar bool
	Components []string // empty when the server does not say
	CTag       string
	SyncToken  string
}

// state reads the task list's kind and components, and its sync token, its CTag or both.
// Servers such as Radicale compute each by walking the collection, so a sync asks only for
// the one it uses once it knows which the server has.
func (d *dav) state(ctx context.Context, token, ctag bool) (collectionState, error) {
	props := `<d:resourcetype/><c:supported-calendar-component-set/>`
	if ctag {
		props += `<cs:getctag/>`
	}
	if token {
		props += `<d:sync-token/>`
	}
	ms, _, err := d.multistatus(ctx, "PROPFIND", d.collection.Path, "0", `<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/">
<d:prop>`+props+`</d:prop></d:propfind>`, "read the task list")
	var st collectionState
	if err != nil {
		return st, err
	}
	for _, r := range ms.Responses {
		for _, ps := range r.Propstat {
			if !strings.Contains(ps.Status, " 200") {
				continue
			}
			p := ps.Prop
			st.IsCalendar = st.IsCalendar || p.ResourceType.Calendar != nil
			for _, c := range p.Components.Comps {
				st.Components = append(st.Components, strings.ToUpper(c.Name))
			}
			if p.CTag != "" {
				st.CTag = p.CTag
			}
			if p.SyncToken != "" {
				st.SyncToken = p.SyncToken
			}
		}
	}
	return st, nil
}

// change is one member of the collection as a listing reports it.
type change struct {
	Href    string
	ETag    string
	Removed bool
}

// errSyncUnsupported means the server has no usable sync-collection REPORT: fall back to ETags.
var errSyncUnsupported = errors.New("sync-collection not supported")

// errTokenExpired means the server no longer knows the sync token: list everything again.
var errTokenExpired = errors.New("sync token expired")

// syncCollection asks for the changes since token (all members when token is empty).
func (d *dav) syncCollection(ctx context.Context, token string) ([]change, string, error) {
	body := `<d:sync-collection xmlns:d="DAV:"><d:sync-token>` + xmlEscape(token) + `</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`
	resp, err := d.do(ctx, "REPORT", d.collection.Path, []byte(xml.Header+body), map[string]string{"Content-Type": "application/xml; charset=utf-8"})
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusMultiStatus:
	case http.StatusForbidden, http.StatusConflict:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		if token != "" && strings.Contains(string(b), "valid-sync-token") {
			return nil, "", errTokenExpired
		}
		if resp.StatusCode == http.StatusForbidden && !strings.Contains(string(b), "valid-sync-token") {
			return nil, "", &Error{Kind: ErrAuth, Msg: model.Text("{{.Server}} does not let this user {{.Action}}.", "Server", d.host(), "Action", model.Text("read the task list"))}
		}
		return nil, "", errSyncUnsupported
	case http.StatusUnauthorized, http.StatusNotFound:
		return nil, "", statusError(d.host(), model.Text("list the task list"), resp)
	default:
		return nil, "", errSyncUnsupported
	}
	var ms multistatus
	if err := xml.NewDecoder(resp.Body).Decode(&ms); err != nil {
		return nil, "", &Error{Kind: ErrServer, Msg: model.Text("{{.Server}} sent an answer that is not valid WebDAV XML ({{.Error}}).", "Server", d.host(), "Error", err), Err: err}
	}
	var out []change
	for _, r := range ms.Responses {
		if d.isCollection(r.Href) {
			continue
		}
		c := change{Href: d.resolve(r.Href).Path}
		if strings.Contains(r.Status, " 404") {
			c.Removed = true
		}
		for _, ps := range r.Propstat {
			if strings.Contains(ps.Status, " 200") {
				c.ETag = unquote(ps.Prop.ETag)
			}
		}
		out = append(out, c)
	}
	return out, ms.SyncToken, nil
}

// listETags lists every member with its ETag (for servers without sync-collection).
func (d *dav) listETags(ctx context.Context) ([]change, error) {
	ms, _, err := d.multistatus(ctx, "PROPFIND", d.collection.Path, "1", `<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>`, model.Text("list the task list"))
	if err != nil {
		return nil, err
	}
	var out []change
	for _, r := range ms.Responses {
		if d.isCollection(r.Href) {
			continue
		}
		c := change{Href: d.resolve(r.Href).Path}
		for _, ps := range r.Propstat {
			if strings.Contains(ps.Status, " 200") {
				c.ETag = unquote(ps.Prop.ETag)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func (d *dav) isCollection(href string) bool {
	return strings.TrimSuffix(d.resolve(href).Path, "/") == strings.TrimSuffix(d.collection.Path, "/")
}

// fetched is one object read from the server: its text, or why it could not be read.
type fetched struct {
	Href, ETag string
	Data       string
}

// multiGet reads the objects at hrefs, in batches.
func (d *dav) multiGet(ctx context.Context, hrefs []string) ([]fetched, error) {
	var out []fetched
	for start := 0; start < len(hrefs); start += 200 {
		end := min(start+200, len(hrefs))
		var b strings.Builder
		b.WriteString(`<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>`)
		for _, h := range hrefs[start:end] {
			b.WriteString("<d:href>" + xmlEscape(h) + "</d:href>")
		}
		b.WriteString("</c:calendar-multiget>")
		ms, _, err := d.multistatus(ctx, "REPORT", d.collection.Path, "1", b.String(), "read the tasks")
		if err != nil {
			return nil, err
		}
		for _, r := range ms.Responses {
			f := fetched{Href: d.resolve(r.Href).Path}
			for _, ps := range r.Propstat {
				if strings.Contains(ps.Status, " 200") {
					f.ETag = unquote(ps.Prop.ETag)
					f.Data = ps.Prop.CalendarData
				}
			}
			if f.Data != "" {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// errPrecondition means the object changed on the server since its ETag was read.
var errPrecondition = errors.New("the task changed on the server")

// put writes an object; etag "" creates it and fails if it already exists. It returns the new
// ETag, or "" when the server does not say.
func (d *dav) put(ctx context.Context, href, etag string, data []byte) (string, error) {
	hdr := map[string]string{"Content-Type": "text/calendar; charset=utf-8"}
	if etag == "" {
		hdr["If-None-Match"] = "*"
	} else {
		hdr["If-Match"] = strconv.Quote(etag)
	}
	resp, err := d.do(ctx, http.MethodPut, href, data, hdr)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPreconditionFailed:
		return "", errPrecondition
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return unquote(resp.Header.Get("ETag")), nil
	case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnsupportedMediaType || resp.StatusCode == http.StatusBadRequest:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		if strings.Contains(string(b), "supported-calendar-component") {
			return "", &Error{Kind: ErrNoTasks, Msg: model.Text("The chosen calendar does not accept tasks (VTODO). Choose or create a task list in Settings → Sync.")}
		}
		return "", &Error{Kind: ErrServer, Msg: model.Text("{{.Server}} refused to store a task ({{.Status}}).", "Server", d.host(), "Status", resp.Status)}
	}
	return "", statusError(d.host(), model.Text("store a task"), resp)
}

// remove deletes an object; a missing one counts as deleted.
func (d *dav) remove(ctx context.Context, href, etag string) error {
	hdr := map[string]string{}
	if etag != "" {
		hdr["If-Match"] = strconv.Quote(etag)
	}
	resp, err := d.do(ctx, http.MethodDelete, href, nil, hdr)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPreconditionFailed:
		return errPrecondition
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	}
	return statusError(d.host(), model.Text("delete a task"), resp)
}

// get reads one object and its ETag; a missing object returns ok false.
func (d *dav) get(ctx context.Context, href string) (data []byte, etag string, ok bool, err error) {
	resp, err := d.do(ctx, http.MethodGet, href, nil, map[string]string{"Accept": "text/calendar"})
	if err != nil {
		return nil, "", false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, "", false, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, "", false, statusError(d.host(), model.Text("read a task"), resp)
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, "", false, classify(d.host(), err)
	}
	return data, unquote(resp.Header.Get("ETag")), true, nil
}

func unquote(etag string) string {
	etag = strings.TrimPrefix(strings.TrimSpace(etag), "W/")
	if u, err := strconv.Unquote(etag); err == nil {
		return u
	}
	return etag
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// TaskList is a calendar collection on the server.
type TaskList struct {
	URL       string
	Name      string
	HoldsTask bool // it accepts VTODOs
}

// Account is how to reach and sign in to a server.
type Account struct {
	URL      string
	User     string
	Password string
	// HTTPClient is the client requests go through; nil means a client with a 30 s timeout.
	HTTPClient *http.Client
}

func (a Account) client() webdav.HTTPClient {
	c := a.HTTPClient
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	return webdav.HTTPClientWithBasicAuth(c, a.User, a.Password)
}

func (a Account) base() (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(a.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{Kind: ErrOther, Msg: model.Text("“{{.Address}}” is not a server address: write it as https://host/ or http://host:port/.", "Address", a.URL)}
	}
	return u, nil
}

// TaskLists finds the calendar collections of the signed-in user on the server.
func TaskLists(ctx context.Context, a Account) ([]TaskList, error) {
	base, err := a.base()
	if err != nil {
		return nil, err
	}
	hc := a.client()
	wc, err := webdav.NewClient(hc, base.String())
	if err != nil {
		return nil, classify(base.Host, err)
	}
	principal, err := wc.FindCurrentUserPrincipal(ctx)
	if err != nil {
		return nil, davError(base.Host, err)
	}
	cc, err := caldav.NewClient(hc, base.String())
	if err != nil {
		return nil, classify(base.Host, err)
	}
	home, err := cc.FindCalendarHomeSet(ctx, principal)
	if err != nil {
		return nil, davError(base.Host, err)
	}
	cals, err := cc.FindCalendars(ctx, home)
	if err != nil {
		return nil, davError(base.Host, err)
	}
	var out []TaskList
	for _, c := range cals {
		tl := TaskList{URL: base.ResolveReference(&url.URL{Path: c.Path}).String(), Name: c.Name}
		if tl.Name == "" {
			tl.Name = path.Base(strings.TrimSuffix(c.Path, "/"))
		}
		tl.HoldsTask = len(c.SupportedComponentSet) == 0
		for _, comp := range c.SupportedComponentSet {
			tl.HoldsTask = tl.HoldsTask || strings.EqualFold(comp, "VTODO")
		}
		out = append(out, tl)
	}
	return out, nil
}

// davError classifies an error from go-webdav, which reports HTTP statuses as text.
func davError(host string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "401"):
		return &Error{Kind: ErrAuth, Msg: model.Text("{{.Server}} refused the user name or password.", "Server", host), Err: err}
	case strings.Contains(msg, "404"):
		return &Error{Kind: ErrNotFound, Msg: model.Text("{{.Server}} has no CalDAV service at that address (404).", "Server", host), Err: err}
	}
	return classify(host, err)
}

// CreateTaskList makes a new calendar collection for tasks, named name, in the user's
// calendar home, and returns it.
func CreateTaskList(ctx context.Context, a Account, name string) (TaskList, error) {
	base, err := a.base()
	if err != nil {
		return TaskList{}, err
	}
	hc := a.client()
	wc, err := webdav.NewClient(hc, base.String())
	if err != nil {
		return TaskList{}, classify(base.Host, err)
	}
	principal, err := wc.FindCurrentUserPrincipal(ctx)
	if err != nil {
		return TaskList{}, davError(base.Host, err)
	}
	cc, err := caldav.NewClient(hc, base.String())
	if err != nil {
		return TaskList{}, classify(base.Host, err)
	}
	home, err := cc.FindCalendarHomeSet(ctx, principal)
	if err != nil {
		return TaskList{}, davError(base.Host, err)
	}
	target := base.ResolveReference(&url.URL{Path: strings.TrimSuffix(home, "/") + "/microgoals-" + newID()[:8] + "/"})
	d := &dav{http: hc, collection: target}
	body := `<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>` + xmlEscape(name) +
		`</d:displayname><c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`
	resp, err := d.do(ctx, "MKCALENDAR", target.Path, []byte(xml.Header+body), map[string]string{"Content-Type": "application/xml; charset=utf-8"})
	if err != nil {
		return TaskList{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return TaskList{}, statusError(base.Host, model.Text("create a task list"), resp)
	}
	return TaskList{URL: target.String(), Name: name, HoldsTask: true}, nil
}

// urlURL and parseURL let tests build a dav for a task list.
type urlURL = url.URL

func parseURL(s string) (*url.URL, error) { return url.Parse(s) }
