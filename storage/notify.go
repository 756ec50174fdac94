package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/microgoals/microgoals/model"
)

// migrationNotifyLog is the notification log: one row per notification key ever handled
// (sent, shown in the window, summarised or silenced). The key is the primary key, so a
// second instance on the same file, a restart or a clock jump cannot claim it twice.
const migrationNotifyLog = `
CREATE TABLE notification_log (
	key        TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	due_at     INTEGER NOT NULL,
	claimed_at INTEGER NOT NULL,
	outcome    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX notification_log_due ON notification_log (due_at);
`

// settingNotifySince is when this file's notifications began: nothing before it is announced.
const settingNotifySince = "notify.since"

// SettingNotifyUnavailable holds why desktop notifications could not be sent, or nothing.
const SettingNotifyUnavailable = "notify.unavailable"

// notifyLogKeep is how long handled keys are kept: longer than the plan ever looks back.
const notifyLogKeep = 2 * model.Lookback

// NotifyState is what the scheduler needs from the file besides the plan.
type NotifyState struct {
	Settings model.NotifySettings // Since set; Location left to the caller
	Sent     model.SentLog
	// Unavailable is the reason last recorded why desktop notifications failed, or "".
	Unavailable string
}

// LoadNotifyState reads the notification settings and the log, in one transaction that also
// fixes when notifications began (the first time it is called on a file) and forgets keys
// too old for the plan to look at again.
func (s *Store) LoadNotifyState(ctx context.Context) (NotifyState, error) {
	now := s.now()
	st := NotifyState{Sent: model.SentLog{}}
	values := map[string]string{}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`,
			settingNotifySince, strconv.FormatInt(now.UnixMilli(), 10)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM notification_log WHERE due_at < ?`,
			now.Add(-notifyLogKeep).UnixMilli()); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings WHERE key >= 'notify.' AND key < 'notify/'`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return err
			}
			values[k] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT key FROM notification_log`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				return err
			}
			st.Sent[k] = true
		}
		return rows.Err()
	})
	if err != nil {
		return NotifyState{}, fmt.Errorf("read the notification settings: %w", err)
	}
	st.Settings = model.ParseNotifySettings(values)
	if ms, err := strconv.ParseInt(values[settingNotifySince], 10, 64); err == nil {
		st.Settings.Since = time.UnixMilli(ms).In(s.loc)
	} else {
		st.Settings.Since = now
	}
	st.Unavailable = values[SettingNotifyUnavailable]
	return st, nil
}

// ClaimNotification records n as handled, in one transaction, before it is shown: the key and,
// for a summary, every key it covers (INSERT OR IGNORE). It reports whether this caller won
// the claim and should show it: for a single notification, whether its key was new; for a
// summary, whether any covered key was new (another instance may have summarised them first).
func (s *Store) ClaimNotification(ctx context.Context, n model.Notification, outcome string) (bool, error) {
	now := s.now().UnixMilli()
	won := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		claim := func(key string, kind model.NotifyKind, at time.Time) (bool, error) {
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO notification_log (key, kind, due_at, claimed_at, outcome)
				VALUES (?, ?, ?, ?, ?)`, key, string(kind), at.UnixMilli(), now, outcome)
			if err != nil {
				return false, err
			}
			c, err := res.RowsAffected()
			return c == 1, err
		}
		ok, err := claim(n.Key, n.Kind, n.At)
		if err != nil {
			return err
		}
		won = ok
		if len(n.Covers) > 0 {
			won = false
			for _, k := range n.Covers {
				ok, err := claim(k, model.NotifyKind(kindOfKey(k)), n.At)
				if err != nil {
					return err
				}
				won = won || ok
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("record notification %q: %w", n.Key, err)
	}
	return won, nil
}

// kindOfKey is the kind a notification key starts with.
func kindOfKey(k string) string {
	for i := 0; i < len(k); i++ {
		if k[i] == ':' {
			return k[:i]
		}
	}
	return k
}

// SetNotifyOutcome notes how a claimed notification went (sent, banner, failed: …).
func (s *Store) SetNotifyOutcome(ctx context.Context, key, outcome string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE notification_log SET outcome = ? WHERE key = ?`, outcome, key)
		return err
	})
	if err != nil {
		return fmt.Errorf("record notification %q: %w", key, err)
	}
	return nil
}

// NotificationCount is the number of keys in the log (for tests and diagnostics).
func (s *Store) NotificationCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM notification_log`).Scan(&n)
	return n, err
}

// LoadNotifyPlan reads the part of the outline that model.PlanNotifications can act on at any
// time from now until the next local midnight (model.NotifyWindow), for a process that keeps
// only that in memory (the background agent): the repeating steps, the steps due within the
// window, the steps completed since the window's doneFrom, and the achieved objectives.
// Earlier completions only count towards a streak, so for each local day within
// model.StreakLookback that has one, a single stand-in done step (no ID, no title) marks the
// day. The free text notifications never show (outcome, notes, tags, owner, partner, where
// and with, drop reason, metric unit) is left empty. Planned with this, the notifications are
// the same as with the whole outline until the next local midnight, when the plan must be
// read again.
func (s *Store) LoadNotifyPlan(ctx context.Context, now time.Time) (Outline, error) {
	var out Outline
	err := s.read(ctx, func(q *sql.Conn) error {
		// Before LoadNotifyState first fixes when notifications began, they begin now at the
		// earliest: nothing earlier can be announced.
		since := now
		var v string
		switch err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingNotifySince).Scan(&v); {
		case err == nil:
			if ms, perr := strconv.ParseInt(v, 10, 64); perr == nil {
				since = time.UnixMilli(ms)
			} else {
				since = time.Time{} // as LoadNotifyState reads it: unreadable means no bound
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		from, to, doneFrom := model.NotifyWindow(now, since, s.loc)
		rows, err := q.QueryContext(ctx, `SELECT `+objectiveCols+` FROM objectives WHERE trash_id IS NULL AND status = 'achieved' ORDER BY position, id`)
		if err != nil {
			return err
		}
		var r objectiveRow
		dest := r.dest()
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
			o := s.objectiveFrom(&r)
			o.Why, o.Notes = "", ""
			out.Objectives = append(out.Objectives, o)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := q.Raw(func(dc any) error {
			out.Goals, err = s.rawGoals(ctx, dc, nil, `trash_id IS NULL AND (rrule <> ''
				OR due_at >= ?1 AND due_at < ?2 OR status = 'done' AND done_at >= ?3)`,
				from.UnixMilli(), to.UnixMilli(), doneFrom.UnixMilli())
			return err
		}); err != nil {
			return err
		}
		// In the outline's order: the morning reminder names the first of today's steps.
		sortOutline(out.Goals)
		for i := range out.Goals {
			g := &out.Goals[i]
			g.Outcome, g.Notes, g.Tags, g.Owner, g.Partner, g.DoneWhere, g.DoneWith, g.DropReason = "", "", nil, "", "", "", "", ""
			g.Metric.Unit = ""
		}
		// One stand-in per earlier day with a completion, for the streak.
		rows, err = q.QueryContext(ctx, `SELECT done_at FROM micro_goals WHERE trash_id IS NULL AND status = 'done'
			AND done_at >= ? AND done_at < ? ORDER BY done_at`, now.Add(-model.StreakLookback).UnixMilli(), doneFrom.UnixMilli())
		if err != nil {
			return err
		}
		defer rows.Close()
		var last string
		for rows.Next() {
			var ms int64
			if err := rows.Scan(&ms); err != nil {
				return err
			}
			at := time.UnixMilli(ms).In(s.loc)
			if day := at.Format(time.DateOnly); day != last {
				last = day
				out.Goals = append(out.Goals, model.MicroGoal{Status: model.StatusDone, DoneAt: at})
			}
		}
		return rows.Err()
	})
	if err != nil {
		return Outline{}, fmt.Errorf("load the steps to remind of: %w", err)
	}
	return out, nil
}
