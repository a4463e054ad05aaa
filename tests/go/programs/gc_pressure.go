// Garbage-collector pressure: many short-lived allocations from several
// goroutines (slices, maps, linked lists, strings), finalizers, and
// explicit collections; what survives is checked by value.
package main

import (
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type node struct {
	next *node
	val  int
	pad  [48]byte
}

func churn(seed int) int {
	sum := 0
	for round := 0; round < 200; round++ {
		var head *node
		for i := 0; i < 500; i++ {
			head = &node{next: head, val: i ^ seed}
		}
		m := make(map[string][]byte)
		for i := 0; i < 50; i++ {
			m[strconv.Itoa(i+round)] = make([]byte, 1024+i)
		}
		for n := head; n != nil; n = n.next {
			sum += n.val & 7
		}
		sum += len(m)
	}
	return sum
}

func main() {
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	var wg sync.WaitGroup
	sums := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			sums[g] = churn(g)
		}(g)
	}
	// survivors kept across collections
	keep := make([][]int, 0, 1000)
	for i := 0; i < 1000; i++ {
		s := make([]int, 100)
		for j := range s {
			s[j] = i * j
		}
		keep = append(keep, s)
	}
	wg.Wait()

	var finalized int32
	for i := 0; i < 100; i++ {
		p := new([64]byte)
		runtime.SetFinalizer(p, func(*[64]byte) { atomic.AddInt32(&finalized, 1) })
	}
	for i := 0; i < 5; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	// finalizers run on their own goroutine after a collection: give it time
	for i := 0; i < 200 && atomic.LoadInt32(&finalized) == 0; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}

	total := 0
	for _, s := range sums {
		total += s
	}
	check := 0
	for i, s := range keep {
		check += s[i%100] % 9973
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Println("churn sums:", sums)
	fmt.Println("total:", total, "survivors:", check)
	fmt.Println("collections happened:", after.NumGC-before.NumGC >= 5)
	fmt.Println("finalizers ran:", atomic.LoadInt32(&finalized) > 0)
}
