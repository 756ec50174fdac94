package model

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MetricEntry is one logged value of a micro-goal's metric: how much at what time, with a
// note. The log is an audit trail: a mistake is fixed by a new entry that names the one it
// corrects (CorrectsID), never by rewriting the old one.
type MetricEntry struct {
	ID         int64
	GoalID     int64
	At         time.Time // when the value was achieved
	Value      float64   // in the goal's metric unit; 1 or 0 for a qualitative checkpoint
	Note       string    // evidence or context
	CorrectsID int64     // the entry this one corrects, zero for none
	CreatedAt  time.Time // when the entry was logged
}

// EffectiveEntries resolves the corrections in a metric log: each original entry is replaced
// by its latest correction (the one logged last, corrections of corrections followed to the
// original), and the corrections themselves do not count twice. The result is in time order
// (At, then ID); entries may come in any order. The log itself is left as it is.
func EffectiveEntries(log []MetricEntry) []MetricEntry {
	idx := effectiveIndex(log)
	if len(idx) == 0 {
		return nil
	}
	out := make([]MetricEntry, len(idx))
	for j, i := range idx {
		out[j] = log[i]
	}
	return out
}

// effectiveIndex is EffectiveEntries as positions in log, so that a long log is neither
// copied nor sorted as whole entries.
func effectiveIndex(log []MetricEntry) []int {
	if len(log) == 0 {
		return nil
	}
	// Most logs have no correction at all. Otherwise the maps hold just the entries a
	// correction touches, which keeps a 100,000-entry log fast.
	targets := make(map[int64]int)
	for _, e := range log {
		if e.CorrectsID != 0 {
			targets[e.CorrectsID] = -1
		}
	}
	idx := make([]int, 0, len(log))
	if len(targets) == 0 {
		for i := range log {
			idx = append(idx, i)
		}
		return sortIndex(log, idx)
	}
	for i, e := range log {
		if _, ok := targets[e.ID]; ok {
			targets[e.ID] = i
		}
	}
	// root follows a chain of corrections to the entry that started it. A chain that names an
	// entry outside the log (or loops) stops where it can no longer be followed.
	root := func(i int) int {
		for steps := 0; steps < len(log); steps++ {
			j, ok := targets[log[i].CorrectsID]
			if log[i].CorrectsID == 0 || !ok || j < 0 || j == i {
				return i
			}
			i = j
		}
		return i
	}
	latest := make(map[int]int)
	for i, e := range log {
		if _, corrected := targets[e.ID]; e.CorrectsID == 0 && !corrected {
			idx = append(idx, i)
			continue
		}
		r := root(i)
		if cur, ok := latest[r]; !ok || laterLogged(log[i], log[cur]) {
			latest[r] = i
		}
	}
	for _, i := range latest {
		idx = append(idx, i)
	}
	return sortIndex(log, idx)
}

// sortIndex orders positions in log by time (At, then ID). It sorts small keys rather than
// the entries, and leaves an already ordered log (as storage returns it) as it is.
func sortIndex(log []MetricEntry, idx []int) []int {
	sorted := true
	for k := 1; k < len(idx) && sorted; k++ {
		sorted = compareEntries(log[idx[k-1]], log[idx[k]]) <= 0
	}
	if sorted {
		return idx
	}
	type key struct {
		sec, id int64
		nsec, i int
	}
	keys := make([]key, len(idx))
	for j, i := range idx {
		e := &log[i]
		keys[j] = key{e.At.Unix(), e.ID, e.At.Nanosecond(), i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.sec, b.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for j, k := range keys {
		idx[j] = k.i
	}
	return idx
}

// laterLogged reports whether a was logged after b: by CreatedAt, then by ID.
func laterLogged(a, b MetricEntry) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.After(b.CreatedAt)
	}
	return a.ID > b.ID
}

func compareEntries(a, b MetricEntry) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// CorrectedBy maps each corrected entry's ID to the ID of the entry that corrects it most
// recently, so a history can say "corrected by …" beside the old value.
func CorrectedBy(log []MetricEntry) map[int64]int64 {
	out := make(map[int64]int64)
	latest := make(map[int64]MetricEntry)
	for _, e := range log {
		if e.CorrectsID == 0 {
			continue
		}
		if cur, ok := latest[e.CorrectsID]; !ok || laterLogged(e, cur) {
			latest[e.CorrectsID] = e
			out[e.CorrectsID] = e.ID
		}
	}
	return out
}

// MetricTotal is the sum of the effective values of a log, corrections applied.
func MetricTotal(log []MetricEntry) float64 {
	var sum float64
	for _, e := range EffectiveEntries(log) {
		sum += e.Value
	}
	return sum
}

// CountsMinutes reports whether a metric measures minutes, so that a focus sprint's minutes
// are logged to it.
func CountsMinutes(m Metric) bool {
	if m.Kind != MetricQuantitative {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(m.Unit)) {
	case "minutes", "minute", "min", "mins", "m":
		return true
	}
	return false
}

// FormatValue writes a metric value without needless decimals: 30, 2.5, 1,200.
func FormatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		n := int64(math.Abs(v))
		s := strconv.FormatInt(n, 10)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		if v < 0 {
			s = "-" + s
		}
		return s
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// CleanNote is a note as it is kept: surrounding space trimmed and every line break a plain
// "\n" (a "\r\n" typed on one system reads the same everywhere, CSV export included).
func CleanNote(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n"))
}

// CurrentValue is the value that counts now for the entry id and every correction of it: the
// value of the latest entry in its chain of corrections. It reports false when id is not in
// the log.
func CurrentValue(log []MetricEntry, id int64) (float64, bool) {
	byID := make(map[int64]MetricEntry, len(log))
	for _, e := range log {
		byID[e.ID] = e
	}
	root := func(e MetricEntry) int64 {
		for steps := 0; steps < len(log); steps++ {
			next, ok := byID[e.CorrectsID]
			if e.CorrectsID == 0 || !ok {
				break
			}
			e = next
		}
		return e.ID
	}
	start, ok := byID[id]
	if !ok {
		return 0, false
	}
	r := root(start)
	latest := byID[r]
	for _, e := range log {
		if e.CorrectsID != 0 && root(e) == r && laterLogged(e, latest) {
			latest = e
		}
	}
	return latest.Value, true
}

// ValidateEntryValue checks a value logged against metric m: a number, and not negative
// unless the metric can go down.
func ValidateEntryValue(m Metric, v float64) []Problem {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return []Problem{blocking("value", "The value must be a number")}
	case v < 0 && !m.CanDecrease:
		return []Problem{blocking("value", "This metric cannot go down, so its values cannot be negative (allow it to go down in the step's metric to log decreases)")}
	case math.Abs(v) > MaxMetricTarget:
		return []Problem{blocking("value", "The value is too large")}
	}
	return nil
}

// MetricRow is a metric entry with the title and unit of its micro-goal, as storage reads
// the log for charts and exports.
type MetricRow struct {
	Entry MetricEntry
	Goal  string
	Unit  string
}
