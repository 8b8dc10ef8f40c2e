package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/nats-io/nats.go"

	"github.com/slantwire/slant/classify"
)

// pasteForm shows the form.
func (h *Handler) pasteForm(w http.ResponseWriter, _ *http.Request) {
	h.render(w, http.StatusOK, "paste", map[string]any{"Title": "Paste a page", "Max": h.o.MaxPaste})
}

// paste classifies a pasted page through slant.classify and shows it
// annotated. The body is limited to what MaxPaste bytes of page can take
// once form-encoded.
func (h *Handler) paste(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, int64(3*h.o.MaxPaste+4096))
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			h.tooLarge(w, r)
			return
		}
		h.fail(w, http.StatusBadRequest, "The form could not be read.", nil)
		return
	}
	text := r.PostForm.Get("page")
	if len(text) > h.o.MaxPaste {
		h.tooLarge(w, r)
		return
	}
	env := classify.Envelope{ID: "pasted", URL: r.PostForm.Get("url")}
	switch t := r.PostForm.Get("type"); {
	case t == "html", t != "text" && classify.LooksLikeHTML(text):
		env.HTML = text
	default:
		env.Text = text
	}
	body, err := json.Marshal(env)
	if err != nil {
		h.fail(w, http.StatusInternalServerError, "The page could not be sent.", err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.o.ClassifyTimeout)
	defer cancel()
	reply, err := h.o.Conn.RequestWithContext(ctx, h.o.ServiceSubject, body)
	switch {
	case errors.Is(err, nats.ErrNoResponders):
		h.fail(w, http.StatusServiceUnavailable, "No slant.classify service is answering (is slant serve running without --no-service?).", nil)
		return
	case err != nil:
		h.fail(w, http.StatusGatewayTimeout, "slant.classify did not answer in time.", err)
		return
	}
	if code := reply.Header.Get("Nats-Service-Error-Code"); code != "" {
		var f classify.Failure
		_ = json.Unmarshal(reply.Data, &f)
		status := http.StatusUnprocessableEntity
		if code != "400" {
			status = http.StatusBadGateway
		}
		h.render(w, status, "paste", map[string]any{
			"Title": "Paste a page", "Max": h.o.MaxPaste, "Page": text, "URL": env.URL,
			"Error": string(f.Error.Reason) + ": " + f.Error.Message,
		})
		return
	}
	h.writeReport(w, reply.Data, nil)
}

func (h *Handler) tooLarge(w http.ResponseWriter, _ *http.Request) {
	h.render(w, http.StatusRequestEntityTooLarge, "paste", map[string]any{
		"Title": "Paste a page", "Max": h.o.MaxPaste,
		"Error": "The page is too large to paste here: the limit is " + kib(h.o.MaxPaste) + ".",
	})
}

func kib(n int) string { return strconv.Itoa(n>>10) + " KiB" }
