package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/slantwire/slant/classify"
)

// ServiceOptions configure the request/reply classifier.
type ServiceOptions struct {
	Conn *nats.Conn
	// Name and Version identify the service to `nats micro ls`; Version must
	// be semver. Defaults "slant", "1.0.0".
	Name, Version string
	// Subject of the endpoint. Default "slant.classify".
	Subject string
	// QueueGroup spreads requests over every slant process. Default "slant".
	QueueGroup string
	// Concurrency bounds requests worked on at once. Default: number of CPUs.
	Concurrency int
	// Classify and Limits as in Options.
	Classify ClassifyFunc
	Limits   classify.Limits
}

// Service error codes (header Nats-Service-Error-Code).
const (
	CodeBadRequest = "400" // the page can never be classified; reason in HeaderReason
	CodeTimeout    = "504" // the page ran over its time budget
	CodeInternal   = "500" // the classifier failed
)

// StartService registers the slant.classify endpoint: the request body is
// a page envelope (JSON object) or raw page text, the reply a result
// (schema slant/v1). A page that cannot be classified is answered at once
// with a service error whose code is above, whose description starts with
// the reason ("empty: page is empty"), and whose headers carry
// HeaderReason, so callers never wait for a timeout. The service stops when
// ctx ends.
func StartService(ctx context.Context, o ServiceOptions) (micro.Service, error) {
	if o.Conn == nil {
		return nil, errors.New("service: Conn is required")
	}
	if o.Name == "" {
		o.Name = "slant"
	}
	if o.Version == "" {
		o.Version = "1.0.0"
	}
	if o.Subject == "" {
		o.Subject = "slant.classify"
	}
	if o.QueueGroup == "" {
		o.QueueGroup = "slant"
	}
	if o.Concurrency <= 0 {
		o.Concurrency = runtime.NumCPU()
	}
	if o.Classify == nil {
		c, err := classify.New(classify.Options{Limits: o.Limits})
		if err != nil {
			return nil, fmt.Errorf("service: %w", err)
		}
		o.Classify = c.Classify
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
	p := &Pipeline{o: Options{Classify: o.Classify}}
	handler := micro.HandlerFunc(func(req micro.Request) {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			serveClassify(ctx, p, req)
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

func serveClassify(ctx context.Context, p *Pipeline, req micro.Request) {
	data := req.Data()
	var page classify.Page
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		env, out := parseEnvelope(data, nil)
		if out != nil {
			respondError(req, CodeBadRequest, out.reason, out.err)
			return
		}
		page = env.Page()
	} else if classify.LooksLikeHTML(string(data)) {
		// A raw body is sniffed as `slant classify --type auto` sniffs stdin.
		page = classify.Page{HTML: string(data), ID: req.Headers().Get(HeaderPageID)}
	} else {
		page = classify.Page{Text: string(data), ID: req.Headers().Get(HeaderPageID)}
	}
	res, err := p.classify(ctx, page)
	if err != nil {
		var ie *classify.InputError
		switch {
		case errors.As(err, &ie):
			respondError(req, CodeBadRequest, ie.Reason, err)
		case errors.Is(err, classify.ErrTimeout), ctx.Err() != nil:
			respondError(req, CodeTimeout, failTimeout, err)
		default:
			var pe *panicError
			reason := ReasonClassifier
			if errors.As(err, &pe) {
				reason = ReasonPanic
			}
			respondError(req, CodeInternal, reason, err)
		}
		return
	}
	body, err := json.Marshal(res)
	if err != nil {
		respondError(req, CodeInternal, ReasonClassifier, err)
		return
	}
	_ = req.Respond(body)
}

func respondError(req micro.Request, code, reason string, err error) {
	desc := headerSafe(reason + ": " + err.Error())
	body, _ := json.Marshal(map[string]string{"reason": reason, "error": err.Error()})
	_ = req.Error(code, desc, body, micro.WithHeaders(micro.Headers{HeaderReason: {reason}}))
}
