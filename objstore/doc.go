// Package objstore holds the tests that read arrays from a real
// S3-compatible object store (SeaweedFS, started by .ci/seaweedfs.sh) with
// an S3 client (minio-go, whose *Object is an io.ReaderAt) and with
// package httprange, the way the workers of a distributed job read their
// partitions of one array in place. It is a module of its own so that
// minio-go is a dependency of these tests only, never of npy2d.
package objstore
