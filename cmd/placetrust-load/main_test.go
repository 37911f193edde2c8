package main

import "testing"

func TestLoopbackOnly(t *testing.T) {
	for url, ok := range map[string]bool{
		"http://127.0.0.1:8080": true, "http://localhost:1": true, "http://[::1]:80": true, "http://127.5.5.5": true,
		"http://10.0.0.1:8080": false, "http://example.org": false, "ftp://127.0.0.1": false, "http://192.168.1.2": false,
	} {
		if err := loopbackOnly(url); (err == nil) != ok {
			t.Errorf("%s: %v", url, err)
		}
	}
}
