// An unrecovered panic: the runtime prints "panic: ..." and the stack of
// the panicking goroutine, and the process exits with status 2.
package main

import (
	"errors"
	"fmt"
	"os"
)

type point struct{ x, y int }

//go:noinline
func inner(p point) int {
	if p.x > 2 {
		panic(errors.New("boom at depth " + fmt.Sprint(p.x)))
	}
	return inner(point{p.x + 1, p.y}) + 1
}

//go:noinline
func outer() int {
	defer fmt.Println("deferred call ran")
	return inner(point{0, 7})
}

func main() {
	// a recovered panic first: the program goes on
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var m map[string]int
		m["x"] = 1
	}()
	fmt.Fprintln(os.Stderr, "about to panic")
	fmt.Println(outer())
}
