package sample

import (
	"os"
	"sync"
	"testing"
)

func TestFib(t *testing.T) {
	if got := Fib(50); got != 12586269025 {
		t.Fatalf("Fib(50) = %d", got)
	}
}

func TestGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	sums := make([]int, 8)
	for i := range sums {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 100000; j++ {
				sums[i] += j % (i + 1)
			}
		}(i)
	}
	wg.Wait()
	if sums[0] != 0 || sums[1] != 50000 {
		t.Fatalf("sums %v", sums)
	}
}

func TestArch(t *testing.T) {
	if want := os.Getenv("WANT_GOARCH"); want != "" && Arch() != want {
		t.Fatalf("built for %s, want %s", Arch(), want)
	}
	t.Logf("running as %s", Arch())
}
