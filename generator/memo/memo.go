// Package memo remembers the results of pure functions by their
// arguments, for callers on several goroutines at once: the word diffs of
// pairs of texts, the figures a text states.
package memo

import "sync"

// Map remembers values by key. The zero value is empty and ready to use;
// it is safe for concurrent use. A nil *Map remembers nothing.
type Map[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

// Get returns the value remembered for k, or makes it with compute and
// remembers it. compute runs without the lock held, so two goroutines may
// make the value of one key at once: both get the first remembered, so
// that a value is shared by every caller. The value is shared: callers
// must not change it.
func (m *Map[K, V]) Get(k K, compute func() V) V {
	if m == nil {
		return compute()
	}
	m.mu.Lock()
	v, ok := m.m[k]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	m.mu.Lock()
	defer m.mu.Unlock()
	if first, ok := m.m[k]; ok {
		return first
	}
	if m.m == nil {
		m.m = map[K]V{}
	}
	m.m[k] = v
	return v
}

// Len returns how many values are remembered.
func (m *Map[K, V]) Len() int {
	if m == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.m)
}

// Reset forgets every value.
func (m *Map[K, V]) Reset() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m = nil
}
