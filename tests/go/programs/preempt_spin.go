// Asynchronous preemption: with one P, a goroutine spins in a loop that
// makes no calls (no cooperative preemption points), while main sleeps.
// Only the runtime's SIGURG-based preemption lets main run again.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

var spins uint64

//go:noinline
func spin() {
	x := uint64(1)
	for {
		x = x*6364136223846793005 + 1442695040888963407
		if x == 0 {
			atomic.AddUint64(&spins, 1)
		}
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	started := make(chan bool)
	go func() {
		started <- true
		spin()
	}()
	<-started
	start := time.Now()
	time.Sleep(50 * time.Millisecond)
	fmt.Println("main ran again after sleeping:", time.Since(start) >= 50*time.Millisecond)
	// and again: a GC needs every goroutine stopped, the spinner included
	runtime.GC()
	fmt.Println("GC with a spinning goroutine finished")
	for i := 0; i < 3; i++ {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	fmt.Println("done")
}
