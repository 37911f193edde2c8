package api_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestClientIsCurrent regenerates the client from openapi.yaml and
// compares it with the committed one, so a spec change that forgot
// `go generate ./api` fails here rather than in a user's build.
func TestClientIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generator")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	out := filepath.Join(dir, "client.gen.go")
	conf, err := os.ReadFile("config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	conf = bytes.Replace(conf, []byte("output: client.gen.go"), []byte("output: "+out), 1)
	if err := os.WriteFile(cfg, conf, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "tool", "oapi-codegen", "-config", cfg, "../openapi.yaml")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("oapi-codegen: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("client.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("api/client.gen.go is not what openapi.yaml generates: run go generate ./api")
	}
}
