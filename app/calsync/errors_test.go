package calsync

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microgoals/microgoals/model"
)

// errorKind runs a sync and returns the kind of its error, checking that it has a message.
func errorKind(t *testing.T, d *device) ErrorKind {
	t.Helper()
	_, err := d.engine.Sync(ctx)
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("sync error %v (%T) is not a sync Error", err, err)
	}
	if se.Msg == "" {
		t.Fatal("the error has no message")
	}
	t.Logf("message: %s", se.Msg)
	return se.Kind
}

// TestBadServersChangeNothing: a wrong password, a server that is down, an untrusted
// certificate and a calendar without tasks each give their own message, and leave the local
// change waiting in the outbox.
func TestBadServersChangeNothing(t *testing.T) {
	acct := newTaskList(t)
	d := newDevice(t, acct, "a")
	obj, _ := d.store.CreateObjective(ctx, model.NewObjective("Stay safe", start))
	if _, err := d.store.CreateGoal(ctx, model.NewMicroGoal(obj.ID, 0, "Back up the laptop", start), 0); err != nil {
		t.Fatal(err)
	}
	pending, _ := d.store.SyncPendingCount(ctx)

	d.engine.Account.Password = "wrong"
	if k := errorKind(t, d); k != ErrAuth {
		t.Errorf("wrong password: kind %v", k)
	}
	d.engine.Account.Password = testPassword

	l, _ := net.Listen("tcp", "127.0.0.1:0")
	down := "http://" + l.Addr().String() + "/alice/list/"
	l.Close()
	d.engine.Account.URL = down
	if k := errorKind(t, d); k != ErrUnreachable {
		t.Errorf("server down: kind %v", k)
	}

	tlsServer := httptest.NewTLSServer(http.NotFoundHandler())
	defer tlsServer.Close()
	d.engine.Account.URL = tlsServer.URL + "/alice/list/"
	if k := errorKind(t, d); k != ErrCertificate {
		t.Errorf("untrusted certificate: kind %v", k)
	}

	// A calendar that only holds events.
	u, _ := url.Parse(acct.URL)
	events := *u
	events.Path = strings.TrimSuffix(u.Path, "/") + "-events/"
	body := `<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`
	req, _ := http.NewRequest("MKCALENDAR", events.String(), strings.NewReader(body))
	req.SetBasicAuth(testUser, testPassword)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("make an event calendar: %v %v", resp, err)
	}
	resp.Body.Close()
	d.engine.Account.URL = events.String()
	if k := errorKind(t, d); k != ErrNoTasks {
		t.Errorf("calendar without VTODO: kind %v", k)
	}

	if after, _ := d.store.SyncPendingCount(ctx); after != pending {
		t.Fatalf("failed syncs changed the outbox: %d → %d", pending, after)
	}
	d.engine.Account.URL = acct.URL
	if res := d.sync(t); res.Sent != 2 {
		t.Fatalf("the good sync sent %d, want 2", res.Sent)
	}
}

// TestMalformedTaskIsSkippedWithAMessage: a task another app wrote badly is reported and
// left alone; the rest of the sync goes through.
func TestMalformedTaskIsSkippedWithAMessage(t *testing.T) {
	acct := newTaskList(t)
	a := newDevice(t, acct, "a")
	obj, _ := a.store.CreateObjective(ctx, model.NewObjective("Tidy up", start))
	g := model.NewMicroGoal(obj.ID, 0, "Sort the papers", start)
	g.Due = time.Date(2026, 11, 6, 0, 0, 0, 0, time.UTC)
	a.store.CreateGoal(ctx, g, 0)
	a.store.CreateGoal(ctx, model.NewMicroGoal(obj.ID, 0, "Recycle the boxes", start), 0)
	a.sync(t)

	// B reads the list through a proxy that breaks the due date of one task, as a careless
	// client might have written it.
	target, _ := url.Parse(radicaleURL(t))
	proxy := httputil.NewSingleHostReverseProxy(target)
	direct := proxy.Director
	proxy.Director = func(r *http.Request) {
		direct(r)
		r.Header.Del("Accept-Encoding") // a plain body, to edit
	}
	proxy.ModifyResponse = func(r *http.Response) error {
		b, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return err
		}
		b = bytes.ReplaceAll(b, []byte("DUE;VALUE=DATE:20261106"), []byte("DUE;VALUE=DATE:2026-11-6th"))
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.ContentLength = int64(len(b))
		r.Header.Set("Content-Length", strconv.Itoa(len(b)))
		return nil
	}
	srv := httptest.NewServer(proxy)
	defer srv.Close()
	proxied := acct
	u, _ := url.Parse(acct.URL)
	proxied.URL = srv.URL + u.Path
	b := newDevice(t, proxied, "b")
	res := b.sync(t)
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0], "Sort the papers") || !strings.Contains(res.String(), "DUE is not a date") {
		t.Fatalf("result %q, want one problem naming the broken task", res.String())
	}
	// The same sync in German says it in German.
	useModelLanguage(t, "de")
	c := newDevice(t, proxied, "c")
	res = c.sync(t)
	if s := res.String(); !strings.Contains(s, "2 Änderungen empfangen") || !strings.Contains(s, "übersprungen") ||
		!strings.Contains(s, "„Sort the papers“: DUE ist kein Datum") || strings.Contains(s, "Skipped") {
		t.Fatalf("in German the result reads %q", s)
	}
	useModelLanguage(t, "en")
	out, _ := b.store.LoadOutline(ctx)
	if len(out.Goals) != 1 || out.Goals[0].Title != "Recycle the boxes" {
		t.Fatalf("B has %+v, want only the good step", out.Goals)
	}
}
