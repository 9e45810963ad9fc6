package generator_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/trustportal/trustportal/generator"
	"github.com/trustportal/trustportal/generator/model"
	"github.com/trustportal/trustportal/generator/release"
	"github.com/trustportal/trustportal/generator/testportal"
)

// TestConcurrentReleases: releases started at the same time in one project
// each write the lock anew; they take turns, so every release that reports
// success is in the lock and the project checks.
func TestConcurrentReleases(t *testing.T) {
	dir := testportal.Copy(t, testportal.Minimal(t))
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := release.Request{Version: fmt.Sprintf("1.%d", i), Effective: model.NewDate(2026, 1, 1+i), Today: model.NewDate(2026, 1, 1+i)}
			_, errs[i] = generator.Release(dir, req)
		}()
	}
	wg.Wait()
	p, err := generator.Load(dir)
	if err != nil {
		t.Fatalf("after %d releases at once the project does not check: %v", n, err)
	}
	released := 0
	for i, err := range errs {
		if err != nil {
			continue // a version below one released meanwhile is refused
		}
		released++
		if _, ok := p.Lock.Find(fmt.Sprintf("1.%d", i)); !ok {
			t.Errorf("release 1.%d reported success but is not in the lock", i)
		}
	}
	if released == 0 || len(p.Model.Releases) != released {
		t.Errorf("%d releases succeeded, %d on disk", released, len(p.Model.Releases))
	}
}
