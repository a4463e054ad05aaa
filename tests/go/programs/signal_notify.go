// os/signal: Notify for signals sent to the process itself, Stop, Ignore,
// Reset, a signal that arrives while the goroutine that waits for it is
// blocked, and a child process stopped by SIGTERM.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	c := make(chan os.Signal, 4)
	signal.Notify(c, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGHUP)
	pid := os.Getpid()

	syscall.Kill(pid, syscall.SIGUSR1)
	fmt.Println("got:", <-c)
	syscall.Kill(pid, syscall.SIGHUP)
	fmt.Println("got:", <-c)

	// a goroutine blocked in receive, woken by a signal sent later
	got := make(chan os.Signal)
	go func() { got <- <-c }()
	time.Sleep(10 * time.Millisecond)
	syscall.Kill(pid, syscall.SIGUSR2)
	select {
	case s := <-got:
		fmt.Println("waiter got:", s)
	case <-time.After(5 * time.Second):
		fmt.Println("waiter got nothing")
	}

	// after Stop the signal goes elsewhere: ignored here
	signal.Ignore(syscall.SIGUSR1)
	signal.Stop(c)
	syscall.Kill(pid, syscall.SIGUSR1)
	time.Sleep(10 * time.Millisecond)
	select {
	case s := <-c:
		fmt.Println("unexpected:", s)
	default:
		fmt.Println("ignored SIGUSR1 did not arrive")
	}
	fmt.Println("ignored:", signal.Ignored(syscall.SIGUSR1))
	signal.Reset(syscall.SIGUSR1)
	fmt.Println("after reset ignored:", signal.Ignored(syscall.SIGUSR1))

	// many signals in a row are not lost forever: at least one arrives
	c2 := make(chan os.Signal, 1)
	signal.Notify(c2, syscall.SIGWINCH)
	for i := 0; i < 100; i++ {
		syscall.Kill(pid, syscall.SIGWINCH)
	}
	fmt.Println("burst:", <-c2)

	cmd := exec.Command("sleep", "10")
	cmd.Start()
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	fmt.Println("child:", err, ws.Signaled(), ws.Signal())
}
