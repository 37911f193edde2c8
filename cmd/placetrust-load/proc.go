package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// rss reports a process's resident memory from /proc, or "unknown".
func rss(pid int) string {
	kb, ok := rssKB(pid)
	if !ok {
		return "unknown (no --pid, or no /proc)"
	}
	return fmtKB(kb)
}

func rssKB(pid int) (int64, bool) {
	if pid <= 0 {
		return 0, false
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

func fmtKB(kb int64) string { return fmt.Sprintf("%.1f MB", float64(kb)/1024) }

// tileOf returns the XYZ tile holding a WGS84 point at zoom z.
func tileOf(z int, lon, lat float64) (int, int) {
	n := math.Exp2(float64(z))
	x := int((lon + 180) / 360 * n)
	r := lat * math.Pi / 180
	y := int((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * n)
	return x, y
}
