package main

import (
	"context"
	"errors"
)

func runServe(context.Context, env, []string) error   { return errors.New("not implemented yet") }
func runPublish(context.Context, env, []string) error { return errors.New("not implemented yet") }
func runTail(context.Context, env, []string) error    { return errors.New("not implemented yet") }
