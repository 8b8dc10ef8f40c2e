# Test tools are pinned and built into ./bin so a fresh machine needs only Go
# (and root for apt, where a tool comes from Debian).
BIN := $(CURDIR)/bin
export PATH := $(BIN):$(PATH)

# A release is a tag: `git tag -a v0.2.0 -m ...`; `make build` and
# `make image` link `git describe` into the binary (slant --version) and
# name the image after it. See "Releases" in README.md.
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
IMAGE     ?= ghcr.io/slantwire/slant
GOLDFLAGS := -s -w -X main.buildVersion=$(VERSION)
CONTAINER ?= $(shell command -v docker || command -v podman)

NATS_SERVER_VERSION := v2.15.2
NATSCLI_VERSION     := v0.5.1
STATICCHECK_VERSION := v0.8.2

# tools/htmlcompare is its own module (go-trafilatura and go-readability stay
# out of slant's go.mod); it is vetted and built here, its modules fetched
# from the Go module proxy. Running it needs ../shared (see README).
.PHONY: test lint tools htmlcompare build image skipped
# Tests that need ../shared skip without it; they log themselves to
# $(SKIPPED) (internal/shareddata) and the last line of `make test` names them.
SKIPPED := $(BIN)/skipped-tests.txt
# With ../shared present, classify's data tests run every labelled page
# through the learned analysis under the race detector: more than go test's
# default 10 minutes for that one package on two cores.
test: tools lint
	@rm -f $(SKIPPED)
	SLANT_SKIPPED_LOG=$(SKIPPED) go test -race -count=1 -timeout 30m ./...
	cd deploy && go test -race -count=1 ./...
	cd tools/htmlcompare && go build -o /dev/null .
	@$(MAKE) --no-print-directory skipped

# One line: the tests the last `make test` skipped for lack of ../shared, and why.
skipped:
	@if [ -s $(SKIPPED) ]; then \
		printf '%s tests skipped, shared data absent (put the shared folder at ../shared to run them): %s\n' \
			"$$(cut -f1,2 $(SKIPPED) | sort -u | wc -l)" \
			"$$(cut -f1,2 $(SKIPPED) | sort -u | tr '\t' . | paste -sd' ' -)"; \
	fi

lint: $(BIN)/staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	go vet ./...
	staticcheck ./...
	cd deploy && go vet ./... && staticcheck ./...
	cd tools/htmlcompare && go vet ./... && staticcheck ./...

htmlcompare:
	cd tools/htmlcompare && go run . -runs 5

# The release binary: static (no cgo), as in the image.
build:
	CGO_ENABLED=0 go build -trimpath -ldflags "$(GOLDFLAGS)" -o $(BIN)/slant ./cmd/slant

# The image that deploy/compose.yaml and deploy/k8s run: $(IMAGE):$(VERSION).
image:
	@test -n "$(CONTAINER)" || { echo "make image: no docker or podman on PATH (set CONTAINER=...)"; exit 1; }
	$(CONTAINER) build -f deploy/Dockerfile --build-arg VERSION=$(VERSION) -t $(IMAGE):$(VERSION) .

tools: $(BIN)/nats-server $(BIN)/nats $(BIN)/staticcheck $(BIN)/promtool $(BIN)/prometheus $(BIN)/amtool

$(BIN)/nats-server:
	GOBIN=$(BIN) go install github.com/nats-io/nats-server/v2@$(NATS_SERVER_VERSION)

$(BIN)/nats:
	GOBIN=$(BIN) go install github.com/nats-io/natscli/nats@$(NATSCLI_VERSION)

$(BIN)/staticcheck:
	GOBIN=$(BIN) go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# promtool and prometheus (Debian's prometheus 2.42) and amtool (Debian's
# prometheus-alertmanager) for the metrics, rules and deploy tests. The
# binaries are unpacked from the .deb files into bin/ instead of installing
# the packages, so no prometheus service is started on 9090 and the system is
# left as it was; the tests start their own Prometheus on a free port. Needs
# apt (root for `apt-get update`, run only when the package lists lack them).
# $(call deb-bins,PACKAGE,BINARIES)
define deb-bins
	@mkdir -p $(BIN)
	set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; cd "$$tmp"; \
	apt-get -q -o APT::Sandbox::User=root download $(1) >/dev/null 2>&1 || \
		{ apt-get -q update >/dev/null && apt-get -q -o APT::Sandbox::User=root download $(1); }; \
	dpkg-deb -x $(1)_*.deb root; \
	for b in $(2); do install -m 0755 "root/usr/bin/$$b" "$(BIN)/$$b"; done
endef

$(BIN)/promtool $(BIN)/prometheus &:
	$(call deb-bins,prometheus,promtool prometheus)

$(BIN)/amtool:
	$(call deb-bins,prometheus-alertmanager,amtool)
