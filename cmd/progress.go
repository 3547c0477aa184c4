package cmd

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/errcode/errcode/render"
)

// Progress of `errcode explain` on a large input: one line on stderr, rewritten in place, once the work has
// taken progressDelay, and erased when it ends, so that the terminal keeps only the answer.
const (
	progressDelay  = time.Second
	progressPeriod = 250 * time.Millisecond
	eraseLine      = "\r\x1b[K" // to the start of the line, then clear it
)

// progress counts the bytes read and the errors found by one Explain and shows them on a terminal. The counters
// are atomic: Explain's goroutine adds, the ticker's goroutine reads.
type progress struct {
	w     io.Writer // the terminal, raw: the line is made of control codes the colour writer must not touch
	width int
	label string
	read  atomic.Int64
	found atomic.Int64
	start time.Time
	stop  chan struct{}
	done  chan struct{}
}

// startProgress starts showing progress on w (a terminal width columns wide) under label ("reading" or
// "reading FILE").
func startProgress(w io.Writer, width int, label string) *progress {
	p := &progress{w: w, width: width, label: label, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

// reader counts the bytes read through it.
func (p *progress) reader(r io.Reader) io.Reader { return &countingReader{r: r, n: &p.read} }

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// end stops the updates and erases the line if one was shown. It returns when the line is gone.
func (p *progress) end() {
	close(p.stop)
	<-p.done
}

func (p *progress) run() {
	defer close(p.done)
	wait := time.NewTimer(progressDelay)
	defer wait.Stop()
	select {
	case <-p.stop:
		return // quick work shows nothing
	case <-wait.C:
	}
	// From here a line is on the screen: Ctrl-C or a kill must erase it before errcode dies. The handler costs
	// a thread, so only slow runs install it.
	sigs := make(chan os.Signal, 1)
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(sig) { // a signal errcode was started ignoring stays ignored
			signal.Notify(sigs, sig)
		}
	}
	defer signal.Stop(sigs)
	tick := time.NewTicker(progressPeriod)
	defer tick.Stop()
	for {
		p.show()
		select {
		case <-p.stop:
			fmt.Fprint(p.w, eraseLine)
			// Ctrl-C also stops whatever feeds errcode, so the input can end as the signal arrives: a signal
			// already here still decides how errcode ends.
			select {
			case sig := <-sigs:
				dieBySignal(sig)
			default:
			}
			return
		case sig := <-sigs:
			fmt.Fprint(p.w, eraseLine)
			dieBySignal(sig)
		case <-tick.C:
		}
	}
}

// show writes the current line, cut to the terminal so that it never wraps (a wrapped line cannot be erased).
func (p *progress) show() {
	n := p.read.Load()
	secs := time.Since(p.start).Seconds()
	line := fmt.Sprintf("%s: %s, %s/s, %s", p.label, byteSize(n), byteSize(int64(float64(n)/secs)), plural(int(p.found.Load()), "error"))
	fmt.Fprint(p.w, eraseLine+render.Truncate(line, max(p.width-1, 10)))
}

// byteSize prints n bytes in binary units: whole numbers, one decimal for GiB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// terminalWidth is the width of the terminal behind w, or 80 when it will not say.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if width, _, err := term.GetSize(f.Fd()); err == nil && width > 0 {
			return width
		}
	}
	return 80
}
