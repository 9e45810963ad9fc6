//go:build !unix

package generator_test

import "time"

// processorTime is not measured here: cpu-ms/op reads 0.
func processorTime() time.Duration { return 0 }
