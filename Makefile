# Test tools are pinned and built into ./bin so a fresh machine needs only Go
# (and root for apt, where a tool comes from Debian).
BIN := $(CURDIR)/bin
export PATH := $(BIN):$(PATH)

NATS_SERVER_VERSION := v2.15.2
NATSCLI_VERSION     := v0.5.1
STATICCHECK_VERSION := v0.8.2

.PHONY: test lint tools
test: tools lint
	go test -race -count=1 ./...

lint: $(BIN)/staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	go vet ./...
	staticcheck ./...

tools: $(BIN)/nats-server $(BIN)/nats $(BIN)/staticcheck

$(BIN)/nats-server:
	GOBIN=$(BIN) go install github.com/nats-io/nats-server/v2@$(NATS_SERVER_VERSION)

$(BIN)/nats:
	GOBIN=$(BIN) go install github.com/nats-io/natscli/nats@$(NATSCLI_VERSION)

$(BIN)/staticcheck:
	GOBIN=$(BIN) go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
