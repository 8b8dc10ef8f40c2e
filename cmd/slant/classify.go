package main

import (
	"context"
	"errors"
)

func runClassify(context.Context, env, []string) error { return errors.New("not implemented yet") }
