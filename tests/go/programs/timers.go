// Timers: Sleep, After, a Ticker, Stop and Reset, AfterFunc, a context
// deadline, and monotonic time that only moves forward.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("slept at least 20ms:", time.Since(start) >= 20*time.Millisecond)

	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("after fired")
	case <-time.After(5 * time.Second):
		fmt.Println("wrong timer fired")
	}

	t := time.NewTicker(5 * time.Millisecond)
	n := 0
	for range t.C {
		n++
		if n == 5 {
			break
		}
	}
	t.Stop()
	fmt.Println("ticks:", n)

	stopped := time.NewTimer(time.Hour)
	fmt.Println("stop before firing:", stopped.Stop())
	r := time.NewTimer(time.Hour)
	r.Reset(time.Millisecond)
	<-r.C
	fmt.Println("reset timer fired")

	done := make(chan string)
	time.AfterFunc(3*time.Millisecond, func() { done <- "afterfunc ran" })
	fmt.Println(<-done)

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Millisecond)
	defer cancel()
	<-ctx.Done()
	fmt.Println("context:", ctx.Err())

	// many concurrent timers fire in deadline order per goroutine
	res := make(chan int, 20)
	for i := 20; i > 0; i-- {
		go func(i int) {
			time.Sleep(time.Duration(i) * 2 * time.Millisecond)
			res <- i
		}(i)
	}
	sum := 0
	for i := 0; i < 20; i++ {
		sum += <-res
	}
	fmt.Println("sleepers:", sum)

	prev := time.Now()
	mono := true
	for i := 0; i < 100000; i++ {
		now := time.Now()
		if now.Before(prev) {
			mono = false
		}
		prev = now
	}
	fmt.Println("monotonic:", mono)
	fmt.Println("year plausible:", time.Now().Year() >= 2024)
}
