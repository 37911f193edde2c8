// Package estate is placetrust's domain: partners, assets, RAG ratings, audit
// events, the rules on them as plain functions and methods (validation,
// who may see and change what, ratings, redaction, audit diffs), and the
// service interfaces internal/service implements and the adapters consume.
// It imports nothing technical, so the rules here hold whatever store or
// transport is used. An asset's fields are described once, in Fields
// (fields.go), which also says how to add one.
package estate

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes: each adapter maps them to its own vocabulary (HTTP status,
// CLI exit code) from one table.
const (
	EINVALID            = "invalid"
	ENOTFOUND           = "not_found"
	ECONFLICT           = "conflict"
	EPRECONDITIONFAILED = "precondition_failed"
	EPRECONDITIONNEEDED = "precondition_required"
	EUNAUTHORIZED       = "unauthorized"
	EFORBIDDEN          = "forbidden"
	ETOOMANYREQUESTS    = "too_many_requests"
	EINTERNAL           = "internal"
	// EUNAVAILABLE is a store that cannot reach its database for now
	// (connection lost, database restarting): retry later. Nothing was
	// written unless the write said it was.
	EUNAVAILABLE = "unavailable"
)

// FieldError names one wrong field and says what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the domain error: a code, a message safe to show to any user,
// and for validation failures the fields at fault.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	// Version is the current version of the resource for precondition
	// failures, so a client can show what it lost to.
	Version int64
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("estate: %s: %s", e.Code, e.Message)
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return fmt.Sprintf("estate: %s: %s (%s)", e.Code, e.Message, strings.Join(parts, "; "))
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the safe message of err: the domain message, or a
// generic one for internal errors whose text may leak details.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "An internal error has occurred."
}

// ErrorFields returns the field errors carried by err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors during validation.
type Problems []FieldError

// Add records that field is wrong.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was recorded, else an EINVALID *Error.
func (p Problems) Err(message string) error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: message, Fields: p}
}
