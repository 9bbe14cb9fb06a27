//go:build tools

// Package tools keeps k8s.io/kubernetes/cmd/kube-apiserver in this module's graph so that
// `go mod tidy` records its dependencies; setup.sh builds that package by import path.
package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
