package transparency_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// backendCPU measures the CPU time PostgreSQL's backends spend serving
// one database, from /proc (the test cluster runs on this machine): a
// figure the machine's load moves far less than wall time, so runs on a
// shared machine compare.
type backendCPU struct {
	b     *testing.B
	conn  *pgx.Conn
	start map[int]time.Duration
}

func newBackendCPU(b *testing.B, url string) *backendCPU {
	b.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close(context.Background()) })
	c := &backendCPU{b: b, conn: conn}
	c.start, _ = c.read()
	return c
}

// used is the CPU time the database's other backends used since the
// start (a backend that ended meanwhile is missed); false if /proc
// cannot say.
func (c *backendCPU) used() (time.Duration, bool) {
	now, ok := c.read()
	if !ok {
		return 0, false
	}
	var sum time.Duration
	for pid, t := range now {
		sum += t - c.start[pid]
	}
	return sum, true
}

func (c *backendCPU) read() (map[int]time.Duration, bool) {
	rows, err := c.conn.Query(context.Background(), `SELECT pid FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		c.b.Fatal(err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		c.b.Fatal(err)
	}
	out := map[int]time.Duration{}
	for _, pid := range pids {
		t, err := procCPU(int(pid))
		if err != nil {
			return nil, false
		}
		out[int(pid)] = t
	}
	return out, true
}

// procCPU is a process's user and system time from /proc/PID/stat, in
// clock ticks of 1/100 s (Linux's USER_HZ).
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too short", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: not numbers", pid)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}
