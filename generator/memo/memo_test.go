package memo

import (
	"sync"
	"testing"
)

// TestGetMakesOnceAndShares: a value is made once per key, also when many
// goroutines ask for it at once, and every caller gets the same one.
func TestGetMakesOnceAndShares(t *testing.T) {
	var m Map[string, *int]
	var mu sync.Mutex
	made := map[string]int{}
	mk := func(k string) func() *int {
		return func() *int {
			mu.Lock()
			made[k]++
			mu.Unlock()
			v := len(k)
			return &v
		}
	}
	first := m.Get("ab", mk("ab"))
	if *first != 2 {
		t.Fatalf("Get = %d, want 2", *first)
	}
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if got := m.Get("ab", mk("ab")); got != first {
				t.Error("a second Get of the same key made another value")
			}
			m.Get("xyz", mk("xyz"))
		})
	}
	wg.Wait()
	if made["ab"] != 1 {
		t.Errorf("the value of a remembered key was made %d times, want 1", made["ab"])
	}
	if n := m.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
	// The values of "xyz" made at the same moment all yield the first.
	x := m.Get("xyz", mk("xyz"))
	for range 5 {
		if m.Get("xyz", mk("xyz")) != x {
			t.Error("Get returned another value for a remembered key")
		}
	}
	m.Reset()
	if n := m.Len(); n != 0 {
		t.Errorf("after Reset, Len = %d, want 0", n)
	}
	if again := m.Get("ab", mk("ab")); again == first {
		t.Error("after Reset, Get returned the value remembered before")
	}
}

// TestNilRemembersNothing: a nil *Map makes the value every time.
func TestNilRemembersNothing(t *testing.T) {
	var m *Map[int, int]
	calls := 0
	for range 3 {
		if got := m.Get(1, func() int { calls++; return 7 }); got != 7 {
			t.Fatalf("Get = %d, want 7", got)
		}
	}
	if calls != 3 {
		t.Errorf("made %d times, want 3", calls)
	}
}
