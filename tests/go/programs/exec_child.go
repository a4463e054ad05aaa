// os/exec: the program starts itself as a child (stdin, stdout, stderr
// through pipes, an exit status), several at once while other goroutines
// keep running (fork from a busy multi-threaded process), a host program
// through /bin/sh, and a child killed when its context expires.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

func child() {
	in, _ := io.ReadAll(os.Stdin)
	fmt.Print(strings.ToUpper(string(in)))
	fmt.Fprintln(os.Stderr, "child stderr, arg:", os.Args[1])
	os.Exit(3)
}

func runChild(arg, input string) (string, string, int) {
	cmd := exec.Command(os.Args[0], arg)
	cmd.Env = append(os.Environ(), "GO_EXEC_CHILD=1")
	cmd.Stdin = strings.NewReader(input)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		code = -1
	}
	return out.String(), errb.String(), code
}

func main() {
	if os.Getenv("GO_EXEC_CHILD") == "1" {
		child()
	}
	out, errs, code := runChild("first", "hello from the parent\n")
	fmt.Printf("child: stdout %q stderr %q exit %d\n", out, errs, code)

	// children started while other goroutines keep the process busy
	stop := make(chan struct{})
	var busy sync.WaitGroup
	for g := 0; g < 3; g++ {
		busy.Add(1)
		go func() {
			defer busy.Done()
			x := 0
			for {
				select {
				case <-stop:
					return
				default:
				}
				m := map[int]int{}
				for i := 0; i < 100; i++ {
					m[i] = i * x
				}
				x += len(m)
			}
		}()
	}
	var wg sync.WaitGroup
	results := make([]string, 8)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			o, _, c := runChild(fmt.Sprint("n", i), fmt.Sprintf("line %d\n", i))
			results[i] = fmt.Sprintf("%s/%d", strings.TrimSpace(o), c)
		}(i)
	}
	wg.Wait()
	close(stop)
	busy.Wait()
	fmt.Println("parallel children:", strings.Join(results, " "))

	sh, err := exec.Command("/bin/sh", "-c", "echo host shell says $0 $1; exit 5", "a", "b").Output()
	var ee *exec.ExitError
	fmt.Printf("sh: %q exit %v\n", sh, errors.As(err, &ee) && ee.ExitCode() == 5)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = exec.CommandContext(ctx, "sleep", "10").Run()
	fmt.Println("killed child:", err, time.Since(start) < 5*time.Second)

	_, err = exec.LookPath("no-such-program-here")
	fmt.Println("lookpath:", err != nil)
}
