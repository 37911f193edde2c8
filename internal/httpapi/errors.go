package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// Problem is an RFC 9457 problem details document.
type Problem struct {
	Type     string              `json:"type"`
	Title    string              `json:"title"`
	Status   int                 `json:"status"`
	Detail   string              `json:"detail,omitempty"`
	Instance string              `json:"instance,omitempty"`
	Code     string              `json:"code"`
	Errors   []estate.FieldError `json:"errors,omitempty"`
	// Version is the resource's current version on a 412 or 428.
	Version int64 `json:"version,omitempty"`
}

// statusClientClosed is logged when the client left before the answer.
const statusClientClosed = 499

// statusOf maps domain error codes to HTTP statuses: the one table.
var statusOf = map[string]int{
	estate.EINVALID:            http.StatusBadRequest,
	estate.ENOTFOUND:           http.StatusNotFound,
	estate.ECONFLICT:           http.StatusConflict,
	estate.EPRECONDITIONFAILED: http.StatusPreconditionFailed,
	estate.EPRECONDITIONNEEDED: http.StatusPreconditionRequired,
	estate.EUNAUTHORIZED:       http.StatusUnauthorized,
	estate.EFORBIDDEN:          http.StatusForbidden,
	estate.ETOOMANYREQUESTS:    http.StatusTooManyRequests,
	estate.EINTERNAL:           http.StatusInternalServerError,
	estate.EUNAVAILABLE:        http.StatusServiceUnavailable,
}

var codeOfStatus = map[int]string{
	http.StatusBadRequest:            estate.EINVALID,
	http.StatusNotFound:              estate.ENOTFOUND,
	http.StatusMethodNotAllowed:      "method_not_allowed",
	http.StatusRequestEntityTooLarge: "too_large",
	http.StatusUnsupportedMediaType:  "unsupported_media_type",
	http.StatusNotAcceptable:         "not_acceptable",
	http.StatusUnauthorized:          estate.EUNAUTHORIZED,
	http.StatusForbidden:             estate.EFORBIDDEN,
	http.StatusTooManyRequests:       estate.ETOOMANYREQUESTS,
	http.StatusServiceUnavailable:    "unavailable",
}

// handleError writes every error as problem+json. Internal errors are
// logged with the request id and shown only as a generic message.
func (s *Server) handleError(err error, c echo.Context) {
	r := c.Request()
	reqID := c.Response().Header().Get(echo.HeaderXRequestID)
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client went away (closed the connection, or gave up waiting):
		// nobody is left to answer and nothing is wrong with the server.
		// 499 is nginx's "client closed request", for the access log only.
		s.log.Info("client closed the request", "request_id", reqID, "method", r.Method, "path", r.URL.Path)
		if !c.Response().Committed {
			c.Response().WriteHeader(statusClientClosed)
		}
		return
	}
	if c.Response().Committed {
		// The status line has gone (a stream failed midway): the client
		// sees a cut-short body, so at least the operator must see why.
		s.log.Error("request failed after the response began", "err", err, "status", c.Response().Status,
			"request_id", reqID, "method", r.Method, "path", r.URL.Path)
		return
	}
	p := problemFor(s.unavailable(err))
	if p.Status >= 500 {
		s.log.Error("request failed", "err", err, "request_id", reqID, "method", r.Method, "path", r.URL.Path)
	}
	p.Instance = r.URL.Path
	switch p.Status {
	case http.StatusUnauthorized:
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="placetrust"`)
	case http.StatusServiceUnavailable:
		if c.Response().Header().Get("Retry-After") == "" {
			c.Response().Header().Set("Retry-After", strconv.Itoa(unavailableRetryAfter))
		}
	case http.StatusRequestEntityTooLarge:
		// The limit is the one the refusing middleware enforced (bodylimit.go).
		var over *bodyLimitError
		if errors.As(err, &over) {
			limit := over.describe()
			p.Detail = "The body is larger than this route accepts: at most " + limit + "."
			p.Errors = []estate.FieldError{{Field: "body", Message: "must be at most " + limit}}
		}
	}
	writeProblem(c, p)
}

func problemFor(err error) Problem {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		msg := http.StatusText(he.Code)
		if s, ok := he.Message.(string); ok && he.Code < 500 {
			msg = s
		}
		code := codeOfStatus[he.Code]
		if code == "" {
			code = estate.EINTERNAL
			if he.Code < 500 {
				code = "error"
			}
		}
		return Problem{Type: "about:blank", Title: http.StatusText(he.Code), Status: he.Code, Detail: msg, Code: code}
	}
	code := estate.ErrorCode(err)
	status := statusOf[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: estate.ErrorMessage(err), Code: code, Errors: estate.ErrorFields(err)}
	var e *estate.Error
	if errors.As(err, &e) {
		p.Version = e.Version
	}
	return p
}

func writeProblem(c echo.Context, p Problem) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "application/problem+json")
	if p.Status == http.StatusPreconditionFailed && p.Version > 0 {
		h.Set("ETag", etag(p.Version))
	}
	c.Response().WriteHeader(p.Status)
	if c.Request().Method == http.MethodHead {
		return
	}
	_ = json.NewEncoder(c.Response()).Encode(p)
}

// invalid returns an EINVALID error naming one field.
func invalid(field, message string) error {
	return &estate.Error{Code: estate.EINVALID, Message: "The request is not valid: " + field + " " + message,
		Fields: []estate.FieldError{{Field: field, Message: message}}}
}

func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }
