//go:build !amd64 && !s390x && !ppc64 && !ppc64le

package typed

// simdBase64 is off here. On arm64, the fork's NEON decoder (v0.7.0, and
// v0.9.0 still) takes every byte from 0x80 up for 'A' (its table lookups
// yield 0 for them), so it accepts text that encoding/base64 refuses:
// base64_test.go fails with it under qemu-aarch64. Other architectures
// have no vector code in the fork, only its copy of encoding/base64, so
// the original serves as well.
const simdBase64 = false
