//go:build s390x || ppc64 || ppc64le

package typed

// simdBase64: the fork's vector code here needs only what Go itself
// requires of the architecture (the vector facility of z13 on s390x,
// POWER8 on ppc64x). base64_test.go passes with it under qemu on both.
const simdBase64 = true
