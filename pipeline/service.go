package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/slantwire/slant/classify"
)

// ServiceOptions configure the request/reply classifier.
type ServiceOptions struct {
	Conn *nats.Conn
	// Name and Version identify the service to `nats micro ls`; Version must
	// be semver. Defaults DefaultServiceName, DefaultServiceVersion.
	Name, Version string
	// Subject of the endpoint. Default DefaultServiceSubject.
	Subject string
	// QueueGroup spreads requests over every slant process. Default
	// DefaultQueueGroup.
	QueueGroup string
	// Concurrency bounds requests worked on at once. Default
	// DefaultWorkers(), one per CPU.
	Concurrency int
	// Classify and Limits as in Options.
	Classify ClassifyFunc
	Limits   classify.Limits
	// Logger reports classifier panics with their stack. Default: discard.
	Logger *slog.Logger
}

func (o ServiceOptions) withDefaults() (ServiceOptions, error) {
	if o.Conn == nil {
		return o, errors.New("service: Conn is required")
	}
	if o.Name == "" {
		o.Name = DefaultServiceName
	}
	if o.Version == "" {
		o.Version = DefaultServiceVersion
	}
	if o.Subject == "" {
		o.Subject = DefaultServiceSubject
	}
	if o.QueueGroup == "" {
		o.QueueGroup = DefaultQueueGroup
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultWorkers()
	}
	f, err := classifyFunc(o.Classify, o.Limits)
	if err != nil {
		return o, fmt.Errorf("service: %w", err)
	}
	o.Classify = f
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

// Service error codes (header Nats-Service-Error-Code), by the failure's
// classify.Reason.
const (
	CodeBadRequest  = "400" // the page can never be classified (a *classify.InputError)
	CodeInternal    = "500" // the classifier failed: classify.ReasonPanic, classify.ReasonError
	CodeUnavailable = "503" // the service is stopping (classify.ReasonShutdown); ask again
	CodeTimeout     = "504" // the page ran over its time budget (classify.ReasonTimeout)
	CodeTooLarge    = "413" // the result is over the server's max payload (classify.ReasonResultTooLarge)
)

// StartService registers the slant.classify endpoint: the request body is
// a page envelope (JSON object) or raw page text or HTML, the reply a result
// (schema slant/v1). A page that cannot be classified is answered at once
// with a service error, so callers never wait for a timeout: its code is
// one of the above, its description "<reason>: <message>", its body the
// failure record `slant classify` writes (classify.Failure), and its
// headers those of a dead letter for the same failure (HeaderReason,
// HeaderError, HeaderPageID). The service stops when ctx ends.
func StartService(ctx context.Context, opts ServiceOptions) (micro.Service, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	svc, err := micro.AddService(o.Conn, micro.Config{
		Name:        o.Name,
		Version:     o.Version,
		Description: "slant: classify a news page (blocks, attributions, subjectivity)",
		QueueGroup:  o.QueueGroup,
	})
	if err != nil {
		return nil, fmt.Errorf("service: %w", err)
	}
	// micro calls the handler from one goroutine per subscription; the
	// semaphore lets Concurrency requests run at once and, when full, holds
	// the callback so the backlog stays in the subscription's pending limits.
	sem := make(chan struct{}, o.Concurrency)
	results := newResultWriter()
	handler := micro.HandlerFunc(func(req micro.Request) {
		sem <- struct{}{}
		// The request is read here and answered on the connection: micro
		// reads its micro.Request once the handler returns (for its
		// statistics), so the worker goroutine must not write to it.
		r := request{data: req.Data(), header: nats.Header(req.Headers()), reply: req.Reply()}
		go func() {
			defer func() { <-sem }()
			serveClassify(ctx, o, results, r)
		}()
	})
	err = svc.AddEndpoint("classify", handler, micro.WithEndpointSubject(o.Subject),
		micro.WithEndpointMetadata(map[string]string{"schema": classify.SchemaVersion}))
	if err != nil {
		_ = svc.Stop()
		return nil, fmt.Errorf("service: %w", err)
	}
	context.AfterFunc(ctx, func() { _ = svc.Stop() })
	// Make sure the server has the subscription before callers are told
	// the service is up; otherwise a first request finds no responders.
	if err := o.Conn.Flush(); err != nil {
		return nil, fmt.Errorf("service: %w", err)
	}
	return svc, nil
}

// request is what the service needs of a micro.Request.
type request struct {
	data   []byte
	header nats.Header
	reply  string
}

// respond publishes an answer to the request's reply subject.
func (r request) respond(nc *nats.Conn, m *nats.Msg) {
	if r.reply == "" {
		return
	}
	m.Subject = r.reply
	_ = nc.PublishMsg(m)
}

func serveClassify(ctx context.Context, o ServiceOptions, results *resultWriter, req request) {
	page, err := requestPage(req)
	if err != nil {
		respondFailure(o.Conn, req, classify.NewFailure(page, err), serviceErrorCode(err))
		return
	}
	res, err := o.Classify(ctx, page)
	if err != nil {
		if pe := (*classify.PanicError)(nil); errors.As(err, &pe) {
			o.Logger.Error("classifier panic", "id", page.ID, "panic", pe.Value, "stack", string(pe.Stack))
		}
		respondFailure(o.Conn, req, classify.NewFailure(page, err), serviceErrorCode(err))
		return
	}
	rb, body, err := results.encode(res)
	defer results.put(rb) // the reply is copied into the connection's buffer when sent
	if err != nil {
		err = fmt.Errorf("encoding result: %w", err)
		respondFailure(o.Conn, req, classify.NewFailure(page, err), serviceErrorCode(err))
		return
	}
	if size, limit := int64(len(body)+resultHeadroom), o.Conn.MaxPayload(); size > limit {
		err = fmt.Errorf("%w: the result of a %d-byte request is %d bytes, over the server's max payload of %d bytes",
			classify.ErrResultTooLarge, len(req.data), len(body), limit)
		respondFailure(o.Conn, req, classify.NewFailure(page, err), serviceErrorCode(err))
		return
	}
	req.respond(o.Conn, &nats.Msg{Data: body})
}

// requestPage reads a request body: a page envelope if it is a JSON object
// (its id defaulting as on PAGES), else the raw page, with the id of
// HeaderPageID.
func requestPage(req request) (classify.Page, error) {
	if isEnvelope(req.data) {
		env, err := parseEnvelope(req.data, nil, "")
		return env.Page(), err
	}
	page := rawPage(req.data).Page()
	page.ID = req.header.Get(HeaderPageID)
	return page, nil
}

// serviceErrorCode is the Nats-Service-Error-Code for an error of
// ClassifyFunc.
func serviceErrorCode(err error) string {
	var ie *classify.InputError
	switch reason := classify.ReasonOf(err); {
	case errors.As(err, &ie):
		return CodeBadRequest
	case reason == classify.ReasonTimeout:
		return CodeTimeout
	case reason == classify.ReasonResultTooLarge:
		return CodeTooLarge
	case reason == classify.ReasonShutdown:
		return CodeUnavailable
	default:
		return CodeInternal
	}
}

// respondFailure answers a request with the service error for f.
// The headers are those micro.Request.Error sets (micro.ErrorHeader,
// micro.ErrorCodeHeader) and failureHeader's.
func respondFailure(nc *nats.Conn, req request, f classify.Failure, code string) {
	body, _ := json.Marshal(f)
	h := failureHeader(f)
	h.Set(micro.ErrorHeader, headerSafe(string(f.Error.Reason)+": "+f.Error.Message))
	h.Set(micro.ErrorCodeHeader, code)
	req.respond(nc, &nats.Msg{Header: h, Data: body})
}
