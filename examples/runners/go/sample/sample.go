// Package sample is a tiny package whose tests the Go runner example runs
// through ferry (tests/scripts/go_runner.sh).
package sample

import "runtime"

// Arch is the architecture the code was built for.
func Arch() string { return runtime.GOARCH }

// Fib is the n-th Fibonacci number.
func Fib(n int) int {
	a, b := 0, 1
	for i := 0; i < n; i++ {
		a, b = b, a+b
	}
	return a
}
