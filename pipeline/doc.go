// Package pipeline runs slant as a NATS JetStream service (work in progress).
package pipeline
