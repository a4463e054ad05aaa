// Goroutines and channels: a worker pool fed through a buffered channel,
// a three-stage pipeline, select over several channels, a mutex-guarded
// counter and a WaitGroup.  The output is independent of scheduling.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func main() {
	// worker pool
	jobs := make(chan int, 100)
	results := make(chan [2]int, 100)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				s := 0
				for i := 1; i <= j; i++ {
					s += i * i
				}
				results <- [2]int{j, s}
			}
		}()
	}
	for j := 1; j <= 100; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	close(results)
	var all [][2]int
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(a, b int) bool { return all[a][0] < all[b][0] })
	fmt.Println("pool:", len(all), all[0], all[49], all[99])

	// pipeline
	src := make(chan int)
	go func() {
		for i := 0; i < 1000; i++ {
			src <- i
		}
		close(src)
	}()
	total := 0
	for v := range square(square(src)) {
		total += v % 1000003
	}
	fmt.Println("pipeline:", total)

	// select: every message of two producers arrives, then both close
	a, b := make(chan string), make(chan string)
	go func() {
		for i := 0; i < 50; i++ {
			a <- "a"
		}
		close(a)
	}()
	go func() {
		for i := 0; i < 70; i++ {
			b <- "b"
		}
		close(b)
	}()
	na, nb := 0, 0
	for a != nil || b != nil {
		select {
		case _, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			na++
		case _, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			nb++
		}
	}
	fmt.Println("select:", na, nb)

	// a shared counter under a mutex, 64 goroutines
	var mu sync.Mutex
	counter := 0
	var wg2 sync.WaitGroup
	for g := 0; g < 64; g++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg2.Wait()
	fmt.Println("mutex counter:", counter)

	// unbuffered ping-pong
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < 10000; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	fmt.Println("ping-pong:", v)
}
