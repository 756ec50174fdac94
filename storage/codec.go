package storage

import (
	"database/sql"
	"time"
)

// msOrNull stores a time as unix milliseconds, and the zero time as NULL.
func msOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// idOrNull stores the zero ID (no parent, no correction) as NULL.
func idOrNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (s *Store) timeOf(ms int64) time.Time { return time.UnixMilli(ms).In(s.loc) }

func (s *Store) timeOrZero(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return time.UnixMilli(ms.Int64).In(s.loc)
}

// dayText is the calendar day of t in loc as 'YYYY-MM-DD', or NULL for the zero time.
func dayText(t time.Time, loc *time.Location) any {
	if t.IsZero() {
		return nil
	}
	return t.In(loc).Format(time.DateOnly)
}

// midnight is the start of t's calendar day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// parseDay reads a 'YYYY-MM-DD' day as midnight in loc without the general time parser,
// because the outline reads one per micro-goal. It returns the zero time for anything else.
func parseDay(b string, loc *time.Location) time.Time {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return time.Time{}
	}
	num := func(p string) (int, bool) {
		n := 0
		for i := 0; i < len(p); i++ {
			c := p[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(b[0:4])
	m, ok2 := num(b[5:7])
	d, ok3 := num(b[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
}

// intern returns the constant equal to v when there is one, so that the thousands of goals
// of an outline share the few enum strings instead of each holding its own copy.
func intern(v string) string {
	for _, k := range enumStrings {
		if v == k {
			return k
		}
	}
	return v
}

// internBytes is intern for raw column bytes; it allocates only for unknown values.
func internBytes(b []byte) string {
	for _, k := range enumStrings {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}

var enumStrings = []string{
	"open", "done", "dropped",
	"day", "week", "fortnight", "month",
	"input", "planning", "execution", "review", "celebration",
	"", "quantitative", "qualitative",
	"minutes", "pages", "words", "tasks", "km",
	"active", "achieved", "archived",
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
