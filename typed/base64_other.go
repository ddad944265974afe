//go:build !amd64

package typed

// simdBase64: elsewhere the fork's vector code needs only what Go itself
// requires of the architecture (NEON on arm64, POWER8 on ppc64x, the
// vector facility on s390x), and other architectures run its pure-Go copy
// of encoding/base64.
const simdBase64 = true
