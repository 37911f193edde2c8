// Command gen rebuilds ../../ostn15.bin.gz, the OSTN15 shift grid that package
// bng embeds. Neither the build nor the tests need it; it exists so the data
// file can be traced to its source and rebuilt byte for byte.
//
// Source: Debian package libgeo-coordinates-osgb-perl, version 2.20-2
// (Toby Thurston's Geo::Coordinates::OSGB 2.20), which ships Ordnance
// Survey's OSTN15 ETRS89->OSGB36 easting and northing shifts, 701 x 1251
// nodes of a 1 km grid, as two files of little-endian uint16 offsets in mm
// from a minimum given in the file name:
//
//	usr/share/perl5/auto/share/dist/Geo-Coordinates-OSGB/ostn_east_shift_82140
//	usr/share/perl5/auto/share/dist/Geo-Coordinates-OSGB/ostn_north_shift_-84180
//
// Their SHA-256 sums are checked below, so a different package version fails
// loudly instead of silently changing the grid. OSTN15 is (c) Crown copyright,
// Ordnance Survey and the Ministry of Defence (MOD) 2016, BSD 2-clause licence:
// see ../../README.md.
//
// Usage, from internal/geo/bng (what its go:generate line runs):
//
//	go run ./internal/gen -out ostn15.bin.gz
//
// which fetches the package with `apt-get download` and unpacks it with
// `dpkg-deb -x` (Debian or Ubuntu with deb.debian.org bookworm sources), or
// with -src DIR naming an already unpacked Geo-Coordinates-OSGB share folder.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

const (
	debPackage = "libgeo-coordinates-osgb-perl=2.20-2"
	shareDir   = "usr/share/perl5/auto/share/dist/Geo-Coordinates-OSGB"
	cols, rows = 701, 1251
)

// source is one of the two shift files: its name, the minimum shift (mm) the
// offsets are relative to, and the SHA-256 of the file in package 2.20-2.
type source struct {
	name   string
	base   int32
	sha256 string
}

var sources = [2]source{
	{"ostn_east_shift_82140", 82140, "2f19f318b3c72569983a43e9e19a83011d39edad68f506d7ac268370ef448b96"},
	{"ostn_north_shift_-84180", -84180, "dc1d2c94a15cca4493013072a8c8fbc2b6a054e11337671b9f972782a7450e7f"},
}

func main() {
	src := flag.String("src", "", "unpacked "+shareDir+" folder (default: fetch "+debPackage+" with apt-get)")
	out := flag.String("out", "ostn15.bin.gz", "file to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if src == "" {
		tmp, err := os.MkdirTemp("", "ostn15-gen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if src, err = fetch(tmp); err != nil {
			return err
		}
	}
	var planes [2][]uint16
	for i, s := range sources {
		p, err := readPlane(filepath.Join(src, s.name), s.sha256)
		if err != nil {
			return err
		}
		planes[i] = p
	}
	data, err := encode(planes)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: wrote %s (%d bytes)\n", out, len(data))
	return nil
}

// fetch downloads and unpacks the Debian package into dir and returns the
// folder holding the shift files.
func fetch(dir string) (string, error) {
	dl := exec.Command("apt-get", "download", debPackage)
	dl.Dir, dl.Stdout, dl.Stderr = dir, os.Stderr, os.Stderr
	if err := dl.Run(); err != nil {
		return "", fmt.Errorf("apt-get download %s: %w", debPackage, err)
	}
	debs, err := filepath.Glob(filepath.Join(dir, "libgeo-coordinates-osgb-perl_*.deb"))
	if err != nil || len(debs) != 1 {
		return "", fmt.Errorf("expected one downloaded .deb in %s, found %v", dir, debs)
	}
	root := filepath.Join(dir, "root")
	x := exec.Command("dpkg-deb", "-x", debs[0], root)
	x.Stdout, x.Stderr = os.Stderr, os.Stderr
	if err := x.Run(); err != nil {
		return "", fmt.Errorf("dpkg-deb -x: %w", err)
	}
	return filepath.Join(root, shareDir), nil
}

// readPlane reads one shift file after checking it is the one this generator
// was written against.
func readPlane(path, wantSum string) ([]uint16, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != wantSum {
		return nil, fmt.Errorf("%s: sha256 %s, want %s", path, got, wantSum)
	}
	if len(b) != 2*cols*rows {
		return nil, fmt.Errorf("%s: %d bytes, want %d", path, len(b), 2*cols*rows)
	}
	p := make([]uint16, cols*rows)
	for i := range p {
		p[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return p, nil
}

// encode writes the format that ../../ostn15.go decodes, gzip'd:
//
//	"BNGOSTN1", cols uint16, rows uint16, east base int32 mm, north base int32 mm,
//	then the east plane and the north plane, each cols*rows uint16 in row-major
//	order (row = northing km, col = easting km), all little-endian.
//
// Each value is stored as its difference, modulo 2^16, from its west
// neighbour (from the node below for the first column), because the shifts
// change by a few mm per km: that makes the stream compress about five-fold
// better than the raw offsets.
func encode(planes [2][]uint16) ([]byte, error) {
	raw := make([]byte, 0, 20+4*cols*rows)
	raw = append(raw, "BNGOSTN1"...)
	raw = binary.LittleEndian.AppendUint16(raw, cols)
	raw = binary.LittleEndian.AppendUint16(raw, rows)
	for _, s := range sources {
		raw = binary.LittleEndian.AppendUint32(raw, uint32(s.base))
	}
	for _, p := range planes {
		for i, v := range p {
			var prev uint16
			switch {
			case i%cols != 0:
				prev = p[i-1]
			case i >= cols:
				prev = p[i-cols]
			}
			raw = binary.LittleEndian.AppendUint16(raw, v-prev)
		}
	}
	var buf bytes.Buffer
	// The zero gzip.Header has no name and a zero time, so output is reproducible.
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
