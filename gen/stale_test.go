package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedIsCurrent renders the family in memory, with the formatter
// the generator uses, and compares it byte for byte with generated/: a
// table or generator change without go generate fails here.
func TestGeneratedIsCurrent(t *testing.T) {
	dir := filepath.Join("..", "generated")
	want, err := RenderFamily(familyConfig(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedKeys(want) {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want[name]) {
			t.Errorf("generated/%s is stale or missing: run go generate ./...", name)
		}
	}
	have, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, path := range have {
		if _, ok := want[filepath.Base(path)]; !ok {
			t.Errorf("generated/%s is not generated from the table: run go generate ./...", filepath.Base(path))
		}
	}
}

// TestRenderIsDeterministic guards the staleness check itself: two renders
// must agree, or the check would fail at random.
func TestRenderIsDeterministic(t *testing.T) {
	a, err := RenderFamily(familyConfig("generated"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := RenderFamily(familyConfig("generated"))
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s renders differently twice", name)
		}
	}
}
