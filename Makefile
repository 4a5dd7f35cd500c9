.PHONY: build test lint fuzz ci

build:
	CGO_ENABLED=0 go build -o bin/parallax ./cmd/parallax

test:
	go test -race -shuffle=on ./...

lint:
	go vet ./...
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"

ci:
	bash .ci/run
