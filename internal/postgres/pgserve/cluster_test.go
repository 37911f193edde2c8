package pgserve_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
)

// pgBin is where Debian's postgresql-15 keeps initdb and pg_ctl.
const pgBin = "/usr/lib/postgresql/15/bin"

// cluster is a PostgreSQL cluster of a test's own, on a port and in a
// folder of its own, never the shared one the other tests use: this one
// is stopped and started under the servers.
type cluster struct {
	t    *testing.T
	dir  string
	port int
}

// newCluster initialises and starts a private cluster, removed when t
// ends; it skips t without initdb (fails it under CI=true). Commits are
// synchronous: an immediate stop is a crash, and a commit acknowledged
// must survive it.
func newCluster(t *testing.T) *cluster {
	t.Helper()
	if _, err := os.Stat(filepath.Join(pgBin, "initdb")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no %s/initdb: CI must install postgresql-15", pgBin)
		}
		t.Skipf("no %s/initdb: install postgresql-15 and postgresql-15-postgis-3", pgBin)
	}
	dir, err := os.MkdirTemp("", "placetrust-fault-")
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{t: t, dir: dir, port: freePort(t)}
	t.Cleanup(func() {
		c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
		os.RemoveAll(dir)
	})
	if os.Geteuid() == 0 { // initdb refuses root: the cluster is postgres's
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skipf("running as root without a postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := c.run("initdb", "-D", c.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	c.start()
	return c
}

func (c *cluster) data() string { return filepath.Join(c.dir, "data") }

// URL is the cluster's postgres database.
func (c *cluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

func (c *cluster) start() {
	c.t.Helper()
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c max_connections=60 -c shared_buffers=32MB "+
		"-c fsync=off -c synchronous_commit=on", c.port, c.dir)
	if out, err := c.run("pg_ctl", "-D", c.data(), "-l", filepath.Join(c.dir, "server.log"), "-w", "-t", "60", "start", "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		c.t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

// crash stops the cluster as a crash does: no checkpoint, connections cut.
func (c *cluster) crash() {
	c.t.Helper()
	if out, err := c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop"); err != nil {
		c.t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
}

// run runs one of PostgreSQL's programs as the postgres user when root.
func (c *cluster) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(pgBin, prog)
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	return cmd.CombinedOutput()
}

// freePort is a loopback port free a moment ago.
func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
