module github.com/npy2d/npy2d/bench

// go 1.25, not lower: codeberg.org/sbinet/npyio v0.14.0 declares go 1.25.
go 1.25

// npy2d itself, from the parent directory (npy2d_test.go, views_test.go).
require github.com/npy2d/npy2d v0.0.0

replace github.com/npy2d/npy2d => ../

require (
	codeberg.org/sbinet/npyio v0.14.0
	github.com/emmansun/base64 v0.7.0
	github.com/gomlx/gomlx v0.26.0
	github.com/kshedden/gonpy v0.0.0-20210519231815-fa3c8dd8e59b
	github.com/sbinet/npyio v0.9.0
	gonum.org/v1/gonum v0.17.0
)

require (
	github.com/campoy/embedmd v1.0.0 // indirect
	github.com/go-logr/logr v1.4.3 // indirect
	github.com/klauspost/compress v1.19.2 // indirect
	github.com/nlpodyssey/gopickle v0.3.0 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/x448/float16 v0.8.4 // indirect
	golang.org/x/exp v0.0.0-20250819193227-8b4c13bb791b // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/text v0.34.0 // indirect
	k8s.io/klog/v2 v2.130.1 // indirect
)
