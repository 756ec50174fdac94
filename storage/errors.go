package storage

import (
	"errors"
	"strings"

	"github.com/microgoals/microgoals/model"
)

// Errors Open refuses a file with. Each is wrapped in a message that names the file and says
// what the user can do; match them with errors.Is.
var (
	// ErrNotDatabase means the file is not an SQLite database at all.
	ErrNotDatabase = newError("not a Microgoals database")
	// ErrCorrupt means the file is an SQLite database that fails its integrity check.
	ErrCorrupt = newError("the database file is damaged")
	// ErrForeign means the file is an SQLite database written by another program.
	ErrForeign = newError("the database belongs to another program")
	// ErrNewerSchema means the file was written by a newer Microgoals; see NewerSchemaError.
	ErrNewerSchema = newError("the database was written by a newer version of Microgoals")
)

// Errors the actions refuse with.
var (
	// ErrNotFound means the objective or micro-goal does not exist or is in the trash. For
	// micro-goals the error also matches model.ErrNotFound.
	ErrNotFound = newError("not found")
	// ErrInTrash means the action needs something that is in the trash.
	ErrInTrash = newError("it is in the trash")
	// ErrObjectiveInTrash means a micro-goal cannot be restored before its objective is.
	ErrObjectiveInTrash = newError("its objective is in the trash")
	// ErrDiskFull means the disk (or the file system's quota) had no room for the change; the
	// change was rolled back and nothing stored was lost.
	ErrDiskFull = newError("the disk is full")
	// ErrLocked means another program held the plan's file locked for longer than a write
	// waits (five seconds); the change was not made and nothing stored was lost.
	ErrLocked = newError("the plan's file is locked by another program; nothing was changed — try again in a moment")
	// ErrWrongObjective means a parent or sibling named in a placement belongs elsewhere.
	ErrWrongObjective = newError("the step named as parent or neighbour is not in that place")
)

// The errors storage returns are read by the user: the window shows them in its banner, the
// open-error window and the command line print them. Those written for the user are
// translated when their text is read (model.Text), so they speak the language of whoever shows
// them; the wraps that only add technical context for the log (“update micro-goal 12: …”)
// stay English, and Explain leaves them out.

// userFacing marks an error whose text is written for the user, in the user's language.
type userFacing interface {
	error
	userFacing()
}

// Explain is what the user reads of err: the outermost error in its chain written for the
// user (a refusal of the file, a full disk, a locked file, an import's refusal naming the
// line, a missing step), in the user's language, without the technical context that wraps
// around it for the log. An error without one is its whole text.
func Explain(err error) string {
	var u userFacing
	if errors.As(err, &u) {
		return u.Error()
	}
	return err.Error()
}

// newError is a sentinel error whose text is translated when it is read.
func newError(msg string) error { return &userError{msg: msg} }

// userError is a sentence for the user (a model.Text message and its fields), translated when
// it is read, that matches kind with errors.Is.
type userError struct {
	msg  string
	kv   []any
	kind error
}

// userErr is a sentence for the user matching kind (nil: none); kv are the message's fields.
func userErr(kind error, msg string, kv ...any) error {
	return &userError{msg: msg, kv: kv, kind: kind}
}

func (e *userError) Error() string { return translate(e.msg, e.kv) }
func (e *userError) Unwrap() error { return e.kind }
func (e *userError) userFacing()   {}

// wrapError puts what was being done, for the user, before the cause: “back up “plan.db”: …”.
type wrapError struct {
	msg string
	kv  []any
	err error
}

// wrapf wraps err in what the user was doing (a model.Text message and its fields).
func wrapf(err error, msg string, kv ...any) error { return &wrapError{msg: msg, kv: kv, err: err} }

func (e *wrapError) Error() string {
	return model.Text("{{.Context}}: {{.Cause}}", "Context", translate(e.msg, e.kv), "Cause", e.err.Error())
}
func (e *wrapError) Unwrap() error { return e.err }
func (e *wrapError) userFacing()   {}

// NewerSchemaError is the refusal of a file whose schema is newer than this build knows. It
// matches ErrNewerSchema with errors.Is.
type NewerSchemaError struct {
	Path         string
	FileVersion  int
	KnownVersion int
}

func (e *NewerSchemaError) Error() string {
	return model.Text("“{{.Path}}” was written by a newer version of Microgoals (schema {{.File}}, this app knows {{.Known}}); it was left untouched — update Microgoals to open it",
		"Path", e.Path, "File", e.FileVersion, "Known", e.KnownVersion)
}

// Is makes errors.Is(err, ErrNewerSchema) true.
func (e *NewerSchemaError) Is(target error) bool { return target == ErrNewerSchema }

func (e *NewerSchemaError) userFacing() {}

// ValidationError is the refusal to save a value with blocking problems. Problems holds only
// the blocking ones, for the detail panel to show beside their fields.
type ValidationError struct {
	What     string // "objective", "micro-goal", "review", "decision", "metric entry"
	Problems []model.Problem
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	ps := strings.Join(msgs, model.Text("; "))
	switch e.What {
	case "objective":
		return model.Text("the objective cannot be saved: {{.Problems}}", "Problems", ps)
	case "micro-goal":
		return model.Text("the micro-goal cannot be saved: {{.Problems}}", "Problems", ps)
	case "review":
		return model.Text("the review cannot be saved: {{.Problems}}", "Problems", ps)
	case "decision":
		return model.Text("the decision cannot be recorded: {{.Problems}}", "Problems", ps)
	case "metric entry":
		return model.Text("the value cannot be logged: {{.Problems}}", "Problems", ps)
	}
	return model.Text("it cannot be saved: {{.Problems}}", "Problems", ps)
}

func (e *ValidationError) userFacing() {}

// notFoundError names what was missing; it matches ErrNotFound, and for micro-goals also
// model.ErrNotFound so that callers of model and storage can test for one thing.
type notFoundError struct {
	what string
	id   int64
}

func (e *notFoundError) Error() string {
	if e.what == "objective" {
		return model.Text("there is no objective {{.ID}} (it may have been deleted or moved to the trash)", "ID", e.id)
	}
	return model.Text("there is no micro-goal {{.ID}} (it may have been deleted or moved to the trash)", "ID", e.id)
}

func (e *notFoundError) Is(target error) bool {
	return target == ErrNotFound || (e.what == "micro-goal" && target == model.ErrNotFound)
}

func (e *notFoundError) userFacing() {}

func goalNotFound(id int64) error      { return &notFoundError{what: "micro-goal", id: id} }
func objectiveNotFound(id int64) error { return &notFoundError{what: "objective", id: id} }

// translate puts a message an error kept (written as a literal where the error was made, and
// checked there by the app's i18n tests) into the user's language as the error is read.
func translate(msg string, kv []any) string { return model.Text(msg, kv...) }
