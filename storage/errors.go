package storage

import (
	"errors"
	"fmt"
	"strings"

	"github.com/microgoals/microgoals/model"
)

// Errors Open refuses a file with. Each is wrapped in a message that names the file and says
// what the user can do; match them with errors.Is.
var (
	// ErrNotDatabase means the file is not an SQLite database at all.
	ErrNotDatabase = errors.New("not a Microgoals database")
	// ErrCorrupt means the file is an SQLite database that fails its integrity check.
	ErrCorrupt = errors.New("the database file is damaged")
	// ErrForeign means the file is an SQLite database written by another program.
	ErrForeign = errors.New("the database belongs to another program")
	// ErrNewerSchema means the file was written by a newer Microgoals; see NewerSchemaError.
	ErrNewerSchema = errors.New("the database was written by a newer version of Microgoals")
)

// Errors the actions refuse with.
var (
	// ErrNotFound means the objective or micro-goal does not exist or is in the trash. For
	// micro-goals the error also matches model.ErrNotFound.
	ErrNotFound = errors.New("not found")
	// ErrInTrash means the action needs something that is in the trash.
	ErrInTrash = errors.New("it is in the trash")
	// ErrObjectiveInTrash means a micro-goal cannot be restored before its objective is.
	ErrObjectiveInTrash = errors.New("its objective is in the trash")
	// ErrDiskFull means the disk (or the file system's quota) had no room for the change; the
	// change was rolled back and nothing stored was lost.
	ErrDiskFull = errors.New("the disk is full")
	// ErrWrongObjective means a parent or sibling named in a placement belongs elsewhere.
	ErrWrongObjective = errors.New("the step named as parent or neighbour is not in that place")
)

// NewerSchemaError is the refusal of a file whose schema is newer than this build knows. It
// matches ErrNewerSchema with errors.Is.
type NewerSchemaError struct {
	Path         string
	FileVersion  int
	KnownVersion int
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("“%s” was written by a newer version of Microgoals (schema %d, this app knows %d); it was left untouched — update Microgoals to open it",
		e.Path, e.FileVersion, e.KnownVersion)
}

// Is makes errors.Is(err, ErrNewerSchema) true.
func (e *NewerSchemaError) Is(target error) bool { return target == ErrNewerSchema }

// ValidationError is the refusal to save a value with blocking problems. Problems holds only
// the blocking ones, for the detail panel to show beside their fields.
type ValidationError struct {
	What     string // "objective" or "micro-goal"
	Problems []model.Problem
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return fmt.Sprintf("the %s cannot be saved: %s", e.What, strings.Join(msgs, "; "))
}

// notFoundError names what was missing; it matches ErrNotFound, and for micro-goals also
// model.ErrNotFound so that callers of model and storage can test for one thing.
type notFoundError struct {
	what string
	id   int64
}

func (e *notFoundError) Error() string {
	return fmt.Sprintf("there is no %s %d (it may have been deleted or moved to the trash)", e.what, e.id)
}

func (e *notFoundError) Is(target error) bool {
	return target == ErrNotFound || (e.what == "micro-goal" && target == model.ErrNotFound)
}

func goalNotFound(id int64) error      { return &notFoundError{what: "micro-goal", id: id} }
func objectiveNotFound(id int64) error { return &notFoundError{what: "objective", id: id} }

// refusal is Open's refusal of a file: a whole sentence for the user, matching its kind
// (ErrNotDatabase, ErrCorrupt, ErrForeign) with errors.Is without repeating it in the text.
type refusal struct {
	msg  string
	kind error
}

func (e *refusal) Error() string { return e.msg }
func (e *refusal) Unwrap() error { return e.kind }

func refuse(kind error, format string, args ...any) error {
	return &refusal{msg: fmt.Sprintf(format, args...), kind: kind}
}
